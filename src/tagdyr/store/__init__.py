"""Storage: schema, migrations and repositories (SQLAlchemy Core; SQLite and PostgreSQL)."""
