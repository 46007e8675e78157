"""the spheres and people each goal needs

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 21:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "goal_need",
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("ref", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["goal_id"], ["goal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("goal_id", "kind", "ref"),
    )
    with op.batch_alter_table("goal_need") as batch:
        batch.create_index(batch.f("ix_goal_need_goal_id"), ["goal_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("goal_need") as batch:
        batch.drop_index(batch.f("ix_goal_need_goal_id"))
    op.drop_table("goal_need")
