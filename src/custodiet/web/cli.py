"""`custodiet serve` and `custodiet demo-users`, and registration of the workbench commands."""

from __future__ import annotations

import os
import secrets
from typing import Annotated

import typer
from rich.console import Console

out = Console()

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
DEMO_USERS: tuple[tuple[str, str, str], ...] = (
    ("head", "head_of_standards", "Head of Professional Standards"),
    ("analyst", "analyst", "ACU Analyst"),
    ("investigator", "investigator", "PSD Investigator"),
    ("vetting", "vetting_officer", "Vetting Officer"),
    ("inspector", "inspector", "HMICFRS Inspector"),
    ("auditor", "auditor", "Information Auditor"),
    ("admin", "admin", "System Administrator"),
)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
) -> None:
    """Run the ACU workbench web server."""
    import uvicorn

    from custodiet.cli import state
    from custodiet.web.app import create_app, session_secret

    settings = state.settings()
    secure = host not in LOCAL_HOSTS
    shown = "localhost" if host in LOCAL_HOSTS else host
    out.print(
        f"[bold]custodiet workbench[/bold] on http://{shown}:{port}/"
        f"  (store {settings.db_url.split('://')[0]}, home {settings.home})"
    )
    logins = settings.home / "demo-logins.txt"
    if logins.exists():
        out.print(f"First login: see {logins}")
    else:
        out.print("First login: custodiet users add NAME --role head_of_standards --password-stdin")
    if workers > 1:
        # Workers import the app themselves; hand them the resolved settings.
        session_secret(settings)
        os.environ["CUSTODIET_HOME"] = str(settings.home)
        os.environ["CUSTODIET_DB"] = settings.db_url
        os.environ["CUSTODIET_SECURE_COOKIES"] = "1" if secure else "0"
        uvicorn.run(
            "custodiet.web.app:create_app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
        )
        return
    app = create_app(settings, secure_cookies=secure)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def demo_users(
    force: Annotated[
        str | None, typer.Option(help="Force of the users (default: the only force imported).")
    ] = None,
) -> None:
    """Create (or reset) one demo user per role with fresh random passwords, and print them."""
    from custodiet.cli import state
    from custodiet.db import session_scope
    from custodiet.users import service
    from custodiet.web.lake import LakeReader

    settings = state.settings()
    if force is None:
        forces = LakeReader(settings.lake_path).forces()
        force = forces[0] if len(forces) == 1 else None
    lines = []
    with session_scope(settings.db_url) as session:
        service.ensure_role_permissions(session)
        for username, role, name in DEMO_USERS:
            password = secrets.token_urlsafe(9)
            try:
                service.get_user(session, username=username)
                service.set_password(session, username=username, password=password)
                service.enable_user(session, username=username)
            except service.UserError:
                service.add_user(
                    session,
                    username=username,
                    role=role,
                    password=password,
                    display_name=name,
                    force=None if role == "admin" else force,
                    created_by="demo-users",
                )
            lines.append(f"{username:<13} {role:<18} {password}")
    text = "username      role               password\n" + "\n".join(lines) + "\n"
    path = settings.home / "demo-logins.txt"
    path.write_text(text)
    path.chmod(0o600)
    out.print(text)
    out.print(f"Saved to {path} (readable by you only). Synthetic data only.")


def register_commands(app: typer.Typer) -> None:
    """Add `users`, `serve` and `demo-users` to the main CLI."""
    from custodiet.users.cli import users_app

    app.add_typer(users_app, name="users")
    app.command("serve")(serve)
    app.command("demo-users")(demo_users)
