"""indexes for a dossier's related persons: the records of a document, the claims of a camp or unit

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_record_document", "record", ["document_id"])
    op.create_index("ix_claim_kind_value_head", "claim", ["kind", sa.text("substr(value, 1, 200)")])


def downgrade() -> None:
    op.drop_index("ix_claim_kind_value_head", table_name="claim")
    op.drop_index("ix_record_document", table_name="record")
