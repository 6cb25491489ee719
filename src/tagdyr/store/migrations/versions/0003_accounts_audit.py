"""accounts (users, API tokens, sessions, login attempts) and the append-only audit log

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_APPEND_ONLY = ("audit_event", "audit_person")


def _stamp(name: str) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("email", sa.String(320), nullable=False, server_default="", comment="private"),
        sa.Column("note", sa.Text(), nullable=False, server_default="",
                  comment="private, for admins"),
        sa.Column("password_hash", sa.Text(), nullable=False, comment="argon2id"),
        sa.Column("role", sa.String(10), nullable=False, comment="editor or admin"),
        _stamp("created_at"),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("username", name=op.f("uq_app_user_username")),
    )  # fmt: skip
    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False, comment="what the script is for"),
        sa.Column("prefix", sa.String(12), nullable=False,
                  comment="first characters, to recognize it"),
        sa.Column("token_hash", sa.String(64), nullable=False, comment="sha256 of the token"),
        _stamp("created_at"),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], ondelete="CASCADE",
                                name=op.f("fk_api_token_user_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_token_token_hash")),
    )  # fmt: skip
    op.create_index(op.f("ix_api_token_user_id"), "api_token", ["user_id"])
    op.create_table(
        "web_session",
        sa.Column("id", sa.String(64), nullable=False, comment="sha256 of the session cookie"),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        _stamp("created_at"),
        _stamp("expires_at"),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], ondelete="CASCADE",
                                name=op.f("fk_web_session_user_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_session")),
    )  # fmt: skip
    op.create_index(op.f("ix_web_session_user_id"), "web_session", ["user_id"])
    op.create_table(
        "login_attempt",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        _stamp("at"),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempt")),
    )
    op.create_index("ix_login_attempt_address_at", "login_attempt", ["address", "at"])
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        _stamp("at"),
        sa.Column("actor", sa.String(200), nullable=False, comment="username, or cli:<login>"),
        sa.Column("action", sa.String(40), nullable=False,
                  comment="import, link, judge, merge, …"),
        sa.Column("summary", sa.Text(), nullable=False, comment="what happened, in words"),
        sa.Column("detail", sa.Text(), nullable=False, server_default="{}",
                  comment="JSON: ids to revert"),
        sa.Column("reverts_id", sa.Integer(), nullable=True,
                  comment="the event this one reverted"),
        sa.ForeignKeyConstraint(["reverts_id"], ["audit_event.id"], ondelete="RESTRICT",
                                name=op.f("fk_audit_event_reverts_id_audit_event")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )  # fmt: skip
    op.create_index(op.f("ix_audit_event_reverts_id"), "audit_event", ["reverts_id"])
    op.create_table(
        "audit_person",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_uid", sa.String(40), nullable=False,
                  comment="a person the event changed"),
        sa.ForeignKeyConstraint(["event_id"], ["audit_event.id"], ondelete="RESTRICT",
                                name=op.f("fk_audit_person_event_id_audit_event")),
        sa.PrimaryKeyConstraint("event_id", "person_uid", name=op.f("pk_audit_person")),
    )  # fmt: skip
    op.create_index("ix_audit_person_person_uid", "audit_person", ["person_uid"])
    for table in _APPEND_ONLY:
        _refuse_changes(table)


def _refuse_changes(table: str) -> None:
    """The audit log is append-only: the database itself refuses UPDATE and DELETE."""
    message = f"{table} is append-only: the audit log is never changed or deleted"
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{message}'; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
        )
        return
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )


def downgrade() -> None:
    for table in _APPEND_ONLY:
        if op.get_bind().dialect.name == "postgresql":
            op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
            op.execute(f"DROP FUNCTION {table}_append_only()")
    for table in (
        "audit_person",
        "audit_event",
        "login_attempt",
        "web_session",
        "api_token",
        "app_user",
    ):
        op.drop_table(table)
