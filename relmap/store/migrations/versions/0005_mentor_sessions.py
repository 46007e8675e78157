"""mentor sessions with their next steps; the day a tie was added to the map

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 00:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Ties stored before this revision keep NULL: they count from when their later person
    # was added.
    with op.batch_alter_table("tie") as batch:
        batch.add_column(sa.Column("created", sa.DateTime(), nullable=True))
    op.create_table(
        "mentor_session",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("mentor", sa.String(length=200), nullable=False),
        sa.Column("questions", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("next_steps", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("mentor_session")
    with op.batch_alter_table("tie") as batch:
        batch.drop_column("created")
