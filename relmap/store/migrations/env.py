"""Alembic environment: runs on the connection handed over by ``relmap.store.migrate``."""

from __future__ import annotations

from alembic import context

from relmap.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
)
with context.begin_transaction():
    context.run_migrations()
