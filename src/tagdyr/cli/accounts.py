"""``tagdyr user …``, ``tagdyr token …``, ``tagdyr history`` and ``tagdyr revert``: accounts
and the audit log from the command line (where the first admin is made)."""

from __future__ import annotations

import getpass
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from tagdyr.cli.common import DbOption, QuickHelpGroup, _engine, console
from tagdyr.errors import ConfigError, NotFoundError

if TYPE_CHECKING:
    from tagdyr.accounts import User

users_app = typer.Typer(
    cls=QuickHelpGroup, help="Editors and admins of the web UI.", no_args_is_help=True
)
tokens_app = typer.Typer(cls=QuickHelpGroup, help="API tokens for scripts.", no_args_is_help=True)

PasswordStdin = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the password from standard input (scripts)."),
]


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    text: str = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    return text


def _user(db: str | None, username: str) -> User:
    from tagdyr import accounts

    with _engine(db).connect() as conn:
        user = accounts.find_user(conn, username)
    if user is not None:
        return user
    raise NotFoundError(f"no user {username!r}: `tagdyr user list` shows them")


@users_app.command("add")
def add_user(
    username: Annotated[str, typer.Argument(help="Login name (lower case).")],
    role: Annotated[str, typer.Option(help="editor or admin.")] = "editor",
    name: Annotated[str, typer.Option("--name", help="Name shown to other editors.")] = "",
    email: Annotated[str, typer.Option(help="Private e-mail (admins only see it).")] = "",
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Add an editor or admin (the first admin is made here)."""
    from tagdyr import accounts

    user = accounts.create_user(
        _engine(db), username, _password(password_stdin), role, actor=_actor(),
        display_name=name, email=email,
    )  # fmt: skip
    console.print(f"user {user.username} ({user.role}) added")


@users_app.command("change")
def change_user(
    username: str,
    role: Annotated[str | None, typer.Option(help="New role: editor or admin.")] = None,
    password: Annotated[bool, typer.Option("--password", help="Set a new password.")] = False,
    password_stdin: PasswordStdin = False,
    disable: Annotated[
        bool | None, typer.Option("--disable/--enable", help="Lock or unlock the account.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Change a user's role or password, or disable the account (its sessions end)."""
    from tagdyr import accounts

    new_password = _password(password_stdin) if password or password_stdin else None
    accounts.change_user(_engine(db), username, actor=_actor(), role=role,
                         password=new_password, disabled=disable)  # fmt: skip
    console.print(f"user {username} changed")


@users_app.command("list")
def list_users(db: DbOption = None) -> None:
    """Every account, with its private e-mail (this is the admin's machine)."""
    from tagdyr import accounts

    table = Table("user", "name", "role", "e-mail", "created", "disabled")
    with _engine(db).connect() as conn:
        for a in accounts.list_accounts(conn):
            table.add_row(a.user.username, a.user.display_name, a.user.role, a.email,
                          f"{a.created_at:%Y-%m-%d}",
                          f"{a.disabled_at:%Y-%m-%d}" if a.disabled_at else "")  # fmt: skip
    console.print(table)


@tokens_app.command("create")
def create_token(
    username: str,
    name: Annotated[str, typer.Option("--name", help="What the script is for.")],
    db: DbOption = None,
) -> None:
    """Create an API token; it is printed once (to standard output) and never again."""
    from tagdyr import accounts

    token = accounts.create_token(_engine(db), _user(db, username), name, actor=_actor())
    print(token)


@tokens_app.command("revoke")
def revoke_token(token_id: int, db: DbOption = None) -> None:
    """Revoke a token by its number (`tagdyr token list USER`)."""
    from tagdyr import accounts

    accounts.revoke_token(_engine(db), token_id, None, actor=_actor())
    console.print(f"token {token_id} revoked")


@tokens_app.command("list")
def list_tokens(username: str, db: DbOption = None) -> None:
    """A user's tokens (their first characters only)."""
    from tagdyr import accounts

    table = Table("#", "for", "token", "created", "last used", "revoked")
    user = _user(db, username)
    with _engine(db).connect() as conn:
        for k in accounts.list_tokens(conn, user):
            table.add_row(str(k.id), k.name, k.prefix + "…", f"{k.created_at:%Y-%m-%d %H:%M}",
                          f"{k.last_used_at:%Y-%m-%d %H:%M}" if k.last_used_at else "",
                          f"{k.revoked_at:%Y-%m-%d %H:%M}" if k.revoked_at else "")  # fmt: skip
    console.print(table)


def history(
    person: Annotated[str | None, typer.Option("--person", help="Only this person's.")] = None,
    limit: Annotated[int, typer.Option(help="How many, newest first.")] = 50,
    db: DbOption = None,
) -> None:
    """The audit log: every change with its author and time, newest first."""
    from tagdyr.store.audit import events
    from tagdyr.store.queries import resolve_person

    table = Table("#", "when (UTC)", "who", "change", "what", "reverted by")
    with _engine(db).connect() as conn:
        uids = [resolve_person(conn, person)[1]] if person else None
        for e in events(conn, person_uids=uids, limit=limit):
            table.add_row(str(e.id), f"{e.at:%Y-%m-%d %H:%M:%S}", e.actor, e.action, e.summary,
                          f"#{e.reverted_by}" if e.reverted_by else "")  # fmt: skip
    console.print(table)


def revert(
    event_id: Annotated[int, typer.Argument(help="The change's number in `tagdyr history`.")],
    db: DbOption = None,
) -> None:
    """Revert one change of the audit log (the revert is logged as a change of its own)."""
    from tagdyr.persons.revert import revert as revert_event

    if event_id < 1:
        raise ConfigError("a change number is 1 or more")
    new_id = revert_event(_engine(db), event_id, _actor())
    console.print(f"change #{event_id} reverted by #{new_id}")
