"""documents keep their decoded text (texts: articles, memoirs)

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("document") as batch:
        batch.add_column(
            sa.Column("text", sa.Text(), nullable=True, comment="a text's content as decoded")
        )


def downgrade() -> None:
    with op.batch_alter_table("document") as batch:
        batch.drop_column("text")
