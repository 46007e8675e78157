"""stay-in-touch windows (person, sphere, closeness tier), snooze, exchange value

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("cadence_max_days", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("snoozed_until", sa.Date(), nullable=True))
    with op.batch_alter_table("sphere") as batch:
        batch.add_column(sa.Column("cadence_days", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("cadence_max_days", sa.Integer(), nullable=True))
    with op.batch_alter_table("exchange") as batch:
        batch.add_column(sa.Column("value", sa.Integer(), nullable=True))
    op.create_table(
        "tier_cadence",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("ideal", sa.Integer(), nullable=True),
        sa.Column("maximum", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("tier_cadence")
    with op.batch_alter_table("exchange") as batch:
        batch.drop_column("value")
    with op.batch_alter_table("sphere") as batch:
        batch.drop_column("cadence_max_days")
        batch.drop_column("cadence_days")
    with op.batch_alter_table("person") as batch:
        batch.drop_column("snoozed_until")
        batch.drop_column("cadence_max_days")
