"""indexes to find a record's pairs and judgements from either side, and the persons folded
into one (local re-clustering)

Revision ID: 0004_integrity
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004_integrity"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_candidate_pair_right_record_id", "candidate_pair", ["right_record_id"])
    op.create_index("ix_judgement_right_record_id", "judgement", ["right_record_id"])
    op.create_index("ix_person_merged_into_id", "person", ["merged_into_id"])


def downgrade() -> None:
    op.drop_index("ix_person_merged_into_id", table_name="person")
    op.drop_index("ix_judgement_right_record_id", table_name="judgement")
    op.drop_index("ix_candidate_pair_right_record_id", table_name="candidate_pair")
