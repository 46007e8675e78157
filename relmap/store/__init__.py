"""Storage: SQLAlchemy models, engine settings, Alembic migrations and the repository."""
