"""versions on every row, the log of changes and the id blocks: several windows or team
members on one map never overwrite each other unseen

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_TABLES = {  # kind of entity → table
    "person": "person", "tie": "tie", "sphere": "sphere", "goal": "goal",
    "interaction": "interaction", "exchange": "exchange", "cadence": "tier_cadence",
    "view": "saved_view", "session": "mentor_session", "removal": "removal",
}


def upgrade() -> None:
    for table in _TABLES.values():
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False,
                                       server_default="0"))
    op.create_table(
        "change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("member", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("keys", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    blocks = op.create_table(
        "id_block",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("next", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind"),
    )
    connection = op.get_bind()
    op.bulk_insert(blocks, [
        {"kind": kind,
         "next": (connection.execute(sa.text(f"SELECT max(id) FROM {table}")).scalar() or 0) + 1}
        for kind, table in _TABLES.items()])


def downgrade() -> None:
    op.drop_table("id_block")
    op.drop_table("change")
    for table in _TABLES.values():
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
