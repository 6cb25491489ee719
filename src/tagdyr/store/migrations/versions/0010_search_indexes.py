"""search: a query's candidates counted from indexes alone (a million records)

Revision ID: 0010_search_indexes
Revises: 0009
"""

from __future__ import annotations

from alembic import op

revision = "0010_search_indexes"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # (key, record_id) answers what (key) did, and gives a key's records without their rows
    op.create_index("ix_name_key_key_record", "name_key", ["key", "record_id"])
    op.drop_index("ix_name_key_key", table_name="name_key")
    # the records whose surname's form or key is one of a query's keys, from the index alone
    op.create_index("ix_record_surname_canon_id", "record", ["surname_canon", "id"])
    op.create_index("ix_record_surname_key_id", "record", ["surname_key", "id"])


def downgrade() -> None:
    op.drop_index("ix_record_surname_key_id", table_name="record")
    op.drop_index("ix_record_surname_canon_id", table_name="record")
    op.create_index("ix_name_key_key", "name_key", ["key"])
    op.drop_index("ix_name_key_key_record", table_name="name_key")
