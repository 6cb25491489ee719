"""record.given_key and record.name_keys go: no code read them (the name keys are the rows of
name_key; a record's given-name key is among them)

Revision ID: 0011_unread_name_columns
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_unread_name_columns"
down_revision = "0010_search_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_column("record", "given_key")  # SQLite 3.35+ drops a column in place
    op.drop_column("record", "name_keys")


def downgrade() -> None:
    """The columns come back empty: no tagdyr ever read them."""
    op.add_column(
        "record", sa.Column("given_key", sa.String(60), nullable=False, server_default="")
    )
    op.add_column(
        "record",
        sa.Column(
            "name_keys", sa.Text, nullable=False, server_default="", comment="space-separated keys"
        ),
    )
