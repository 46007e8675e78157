"""each member's own ratings and private notes on a team map

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_RATINGS = ("trust_given", "trust_received", "quality", "relevance")
_NOTES = tuple(f"{r}_note" for r in _RATINGS)


def _rating(name: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(f"{name} IS NULL OR {name} BETWEEN 1 AND 5", name=f"ck_{name}")


def upgrade() -> None:
    # The ratings so far are those of whoever opens the map first with this version: on a
    # file, the one member; on a server, the member who set the map up, as a rule.
    on_server = op.get_bind().dialect.name == "postgresql"
    who = "current_user" if on_server else "''"
    op.create_table(
        "member_assessment",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("member", sa.String(length=200), nullable=False),
        *(sa.Column(r, sa.Integer(), nullable=True) for r in _RATINGS),
        *(sa.Column(n, sa.Text(), nullable=False) for n in _NOTES),
        sa.Column("notes", sa.Text(), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", "member"),
        *(_rating(r) for r in _RATINGS),
    )
    columns = ", ".join(("person_id", *_RATINGS, *_NOTES))
    op.execute(f"INSERT INTO member_assessment (member, {columns}) "
               f"SELECT {who}, {columns} FROM assessment")
    op.drop_table("assessment")
    op.rename_table("member_assessment", "assessment")
    with op.batch_alter_table("assessment_history") as batch:
        batch.add_column(sa.Column("member", sa.String(length=200), nullable=False,
                                   server_default=""))
    if on_server:
        op.execute("UPDATE assessment_history SET member = current_user")
    # Every member's numbers, without their notes: the team's view.
    op.execute("CREATE VIEW team_rating AS SELECT person_id, member, "
               f"{', '.join(_RATINGS)} FROM assessment")


def downgrade() -> None:
    op.execute("DROP VIEW team_rating")
    with op.batch_alter_table("assessment_history") as batch:
        batch.drop_column("member")
    raise NotImplementedError("each member's ratings cannot be folded back into one")
