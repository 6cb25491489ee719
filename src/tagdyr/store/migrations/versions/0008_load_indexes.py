"""load: the records of a document in id order (a dossier's row page, a list's first records)

Revision ID: 0008_load_indexes
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0008_load_indexes"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # (document_id, id) answers what (document_id) did, and counts a row's place in its
    # list from the index alone
    op.create_index("ix_record_document_id", "record", ["document_id", "id"])
    op.drop_index("ix_record_document", table_name="record")


def downgrade() -> None:
    op.create_index("ix_record_document", "record", ["document_id"])
    op.drop_index("ix_record_document_id", table_name="record")
