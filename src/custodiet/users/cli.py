"""`custodiet users ...`: add, list, disable and enable workbench users."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from custodiet.audit.service import record
from custodiet.db import session_scope
from custodiet.users import service
from custodiet.users.permissions import ROLES

users_app = typer.Typer(help="Workbench users and their roles.", no_args_is_help=True)
out = Console()
err = Console(stderr=True)


def _db_url() -> str:
    from custodiet.cli import state

    return state.settings().db_url


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = typer.prompt("Password", hide_input=True)
    second = typer.prompt("Repeat password", hide_input=True)
    if first != second:
        err.print("[red]The passwords differ.[/red]")
        raise typer.Exit(code=1)
    return str(first)


@users_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="Username (one word).")],
    role: Annotated[str, typer.Option("--role", help=f"One of: {', '.join(ROLES)}.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin.")
    ] = False,
    force: Annotated[
        str | None, typer.Option("--force", help="Force code (blank: all forces).")
    ] = None,
    staff_id: Annotated[
        str | None, typer.Option("--staff-id", help="The user's own staff id, if staff.")
    ] = None,
    display_name: Annotated[str, typer.Option("--display-name", help="Name to show.")] = "",
) -> None:
    """Add a user with a role; the password comes from stdin or a prompt."""
    password = _read_password(password_stdin)
    try:
        with session_scope(_db_url()) as session:
            service.ensure_role_permissions(session)
            user = service.add_user(
                session,
                username=name,
                role=role,
                password=password,
                display_name=display_name,
                force=force,
                staff_id=staff_id,
                created_by="cli",
            )
            record(
                session,
                actor=None,
                actor_name="cli",
                action="create",
                object_type="user",
                object_id=user.username,
                summary=f"added user {user.username} ({user.role}) from the CLI",
            )
    except service.UserError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(code=1) from exc
    out.print(f"Added {name} ({role}{', ' + force if force else ''}).")


@users_app.command("list")
def list_() -> None:
    """List users."""
    with session_scope(_db_url()) as session:
        users = service.list_users(session)
        table = Table(title="Users")
        for col in ("username", "role", "force", "staff id", "active", "last login"):
            table.add_column(col)
        for u in users:
            table.add_row(
                u.username,
                u.role,
                u.force or "all",
                u.staff_id or "",
                "yes" if u.active else "no",
                u.last_login_at.strftime("%Y-%m-%d %H:%M") if u.last_login_at else "",
            )
    out.print(table)


def _switch(name: str, *, enable: bool) -> None:
    """Enable or disable a user, recorded in the audit trail as done from the CLI."""
    action = "enable" if enable else "disable"
    try:
        with session_scope(_db_url()) as session:
            (service.enable_user if enable else service.disable_user)(session, username=name)
            record(
                session,
                actor=None,
                actor_name="cli",
                action=action,
                object_type="user",
                object_id=name,
                summary=f"{action}d {name} from the CLI",
            )
    except service.UserError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(code=1) from exc
    out.print(f"{action.capitalize()}d {name}.")


@users_app.command("disable")
def disable(name: Annotated[str, typer.Argument(help="Username.")]) -> None:
    """Disable a user (their sessions stop at the next request)."""
    _switch(name, enable=False)


@users_app.command("enable")
def enable(name: Annotated[str, typer.Argument(help="Username.")]) -> None:
    """Re-enable a disabled user."""
    _switch(name, enable=True)


@users_app.command("passwd")
def passwd(
    name: Annotated[str, typer.Argument(help="Username.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin.")
    ] = False,
) -> None:
    """Set a user's password."""
    password = _read_password(password_stdin)
    try:
        with session_scope(_db_url()) as session:
            service.set_password(session, username=name, password=password)
            record(
                session,
                actor=None,
                actor_name="cli",
                action="update",
                object_type="user",
                object_id=name,
                summary=f"password of {name} set from the CLI",
            )
    except service.UserError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(code=1) from exc
    out.print(f"Password of {name} set.")
