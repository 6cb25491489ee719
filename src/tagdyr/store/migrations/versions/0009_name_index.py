"""the name index: every record's name keys re-derived by names/index.py (Cyrillic readings of
Latin words, OCR repairs, deletion neighbourhoods for one-letter slips)

Revision ID: 0009
Revises: 0008_load_indexes
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008_load_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from tagdyr.sources.reindex import reindex_names

    reindex_names(op.get_bind())


def downgrade() -> None:
    """The keys stay: an older tagdyr reads the ones it knows and ignores the rest."""
