"""scanned documents: page images, static IIIF tiles, editors' corrections

Revision ID: 0005
Revises: 0004_integrity
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004_integrity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scan_page",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False, comment="1-based"),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("dpi", sa.Integer(), nullable=False),
        sa.Column("image", sa.Text(), nullable=False,
                  comment="base64 PNG: what the boxes refer to"),
        sa.Column("reading", sa.Text(), nullable=False,
                  comment="JSON: rotation, skew, language, method"),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], ondelete="CASCADE",
                                name=op.f("fk_scan_page_document_id_document")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scan_page")),
        sa.UniqueConstraint("document_id", "page", name=op.f("uq_scan_page_document_id_page")),
    )  # fmt: skip
    op.create_table(
        "scan_tile",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(200), nullable=False,
                  comment="IIIF Image API path, e.g. full/max/0/…"),
        sa.Column("data", sa.Text(), nullable=False, comment="base64 JPEG"),
        sa.ForeignKeyConstraint(["page_id"], ["scan_page.id"], ondelete="CASCADE",
                                name=op.f("fk_scan_tile_page_id_scan_page")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scan_tile")),
        sa.UniqueConstraint("page_id", "path", name=op.f("uq_scan_tile_page_id_path")),
    )  # fmt: skip
    op.create_table(
        "scan_correction",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False, comment="0-based row of the page's table"),
        sa.Column("col", sa.Integer(), nullable=False, comment="0-based column"),
        sa.Column("machine", sa.Text(), nullable=False, comment="the cell as Tesseract read it"),
        sa.Column("value", sa.Text(), nullable=False, comment="the cell as the editor keyed it"),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], ondelete="CASCADE",
                                name=op.f("fk_scan_correction_document_id_document")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scan_correction")),
    )  # fmt: skip
    op.create_index("ix_scan_correction_document_id", "scan_correction", ["document_id"])


def downgrade() -> None:
    op.drop_index("ix_scan_correction_document_id", table_name="scan_correction")
    op.drop_table("scan_correction")
    op.drop_table("scan_tile")
    op.drop_table("scan_page")
