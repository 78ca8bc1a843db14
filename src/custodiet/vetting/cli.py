"""`custodiet vetting ...`: the backlog, aftercare reviews, decisions and clearances."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Annotated, Any

import typer

app = typer.Typer(
    name="vetting", help="Vetting aftercare: register, backlog and reviews.", no_args_is_help=True
)
DAY = ["%Y-%m-%d"]
AsOf = Annotated[
    datetime | None, typer.Option("--as-of", formats=DAY, help="Day to judge on (default today).")
]
Force = Annotated[str | None, typer.Option("--force", help="Only this force code.")]
Fmt = Annotated[str, typer.Option("--format", help="table or json.")]


def _as_of(value: datetime | None) -> date:
    from custodiet.db import utcnow

    return value.date() if value else utcnow().date()


@contextmanager
def _stores() -> Iterator[tuple[Any, Any, Any]]:
    """Settings' lake (read-only), a store session committed on success, and the policy."""
    from custodiet.cli import state
    from custodiet.db import session_scope
    from custodiet.lake.store import open_lake
    from custodiet.vetting.policy import PolicyError, load_policy

    settings = state.settings()
    try:
        policies = load_policy(settings.home)
    except PolicyError as exc:
        raise _fail(str(exc)) from exc
    with (
        open_lake(settings.lake_path, read_only=True) as lake,
        session_scope(settings.db_url) as session,
    ):
        yield lake, session, policies


def _fail(message: str) -> typer.Exit:
    from custodiet.cli import console

    console.print(f"[red]{message}[/red]")
    return typer.Exit(code=2)


@app.command("backlog")
def backlog(force: Force = None, as_of: AsOf = None, fmt: Fmt = "table") -> None:
    """Expired clearances, renewals due within the window, people below their post's level."""
    from rich.table import Table

    from custodiet.cli import out
    from custodiet.vetting.service import compute_backlog, load_register

    day = _as_of(as_of)
    with _stores() as (lake, session, policies):
        register = load_register(
            session=session, lake_con=lake, policies=policies, as_of=day, force=force
        )
        result = compute_backlog(register=register, policies=policies)
    if fmt == "json":
        print(json.dumps(result.as_json(), indent=2))
        return
    counts = result.counts()
    table = Table(
        title=f"Vetting backlog on {day}: "
        + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items())
    )
    for col in (
        "force",
        "staff_id",
        "type",
        "kind",
        "level",
        "expires",
        "days",
        "holds",
        "post needs",
        "unit",
    ):
        table.add_column(col)
    for i in result.items:
        table.add_row(
            i.force,
            i.staff_id,
            i.staff_type,
            i.kind.replace("_", " "),
            i.level or "",
            str(i.expires or ""),
            "" if i.days is None else str(i.days),
            i.held_level or "none",
            i.required_level or "",
            i.unit or "",
        )
    out.print(table)
    if result.not_supplied:
        out.print("No vetting supplied (backlog not computed): " + ", ".join(result.not_supplied))


@app.command("reviews")
def reviews(
    raise_: Annotated[
        bool, typer.Option("--raise", help="Raise reviews for new triggers first.")
    ] = False,
    force: Force = None,
    status: Annotated[str, typer.Option(help="open, decided or all.")] = "open",
    as_of: AsOf = None,
    fmt: Fmt = "table",
) -> None:
    """Aftercare reviews (changes of circumstances, post moves, alerts, intelligence, annual)."""
    from rich.table import Table

    from custodiet.cli import console, out
    from custodiet.vetting.service import list_reviews, raise_reviews, review_json

    day = _as_of(as_of)
    with _stores() as (lake, session, policies):
        raised = None
        if raise_:
            raised = raise_reviews(
                session=session, lake_con=lake, policies=policies, as_of=day, force=force
            )
        rows = [
            review_json(r, as_of=day)
            for r in list_reviews(
                session=session, force=force, status=None if status == "all" else status
            )
        ]
    if fmt == "json":
        print(
            json.dumps({"raised": raised.as_json() if raised else None, "reviews": rows}, indent=2)
        )
        return
    if raised is not None:
        console.print(
            f"raised {sum(raised.raised.values())} new review(s) "
            f"{raised.raised or ''}; {raised.already} already raised"
        )
    table = Table(title=f"Vetting reviews ({status})")
    for col in ("id", "force", "staff_id", "trigger", "detail", "due", "owner", "status"):
        table.add_column(col, overflow="fold")
    for r in rows:
        state = r["decision"] or ("OVERDUE" if r["overdue"] else r["status"])
        table.add_row(
            str(r["id"]),
            r["force"],
            r["staff_id"],
            r["trigger"],
            r["detail"],
            r["due_date"],
            r["owner"],
            state,
        )
    out.print(table)


@app.command("decide")
def decide(
    review_id: Annotated[int, typer.Argument(help="Review id.")],
    decision: Annotated[str, typer.Option(help="continue, conditions, suspend or withdraw.")],
    reason: Annotated[str, typer.Option(help="Why.")],
    by: Annotated[str, typer.Option(help="Who decided.")],
    conditions: Annotated[str | None, typer.Option(help="The conditions, if any.")] = None,
    as_of: AsOf = None,
) -> None:
    """Record a review's decision (suspend and withdraw change the person's clearances)."""
    from custodiet.vetting.service import VettingError, decide_review, review_json

    day = _as_of(as_of)
    try:
        with _stores() as (lake, session, policies):
            review = decide_review(
                session=session,
                lake_con=lake,
                policies=policies,
                review_id=review_id,
                decision=decision,
                reason=reason,
                by=by,
                conditions=conditions,
                as_of=day,
            )
            result = review_json(review, as_of=day)
    except VettingError as exc:
        raise _fail(str(exc)) from exc
    print(json.dumps(result, indent=2))


@app.command("grant")
def grant(
    force: Annotated[str, typer.Option(help="Force code.")],
    staff_id: Annotated[str, typer.Option("--staff", help="Staff id.")],
    level: Annotated[str, typer.Option(help="RV, NPPV1-3, MV, SC or DV.")],
    granted: Annotated[datetime, typer.Option(formats=DAY, help="Day granted.")],
    expires: Annotated[
        datetime | None,
        typer.Option(formats=DAY, help="Expiry (default: granted + the level's renewal period)."),
    ] = None,
    status: Annotated[
        str, typer.Option(help="active, lapsed, withdrawn, refused, suspended.")
    ] = "active",
    reason: Annotated[str | None, typer.Option(help="Note for the register.")] = None,
    by: Annotated[str | None, typer.Option(help="Who recorded it.")] = None,
) -> None:
    """Record a clearance decided on the workbench (overrides the package's same clearance)."""
    from custodiet.vetting.service import VettingError, record_clearance

    try:
        with _stores() as (_lake, session, _policies):
            row = record_clearance(
                session=session,
                force=force,
                staff_id=staff_id,
                level=level,
                granted=granted.date(),
                expires=expires.date() if expires else None,
                status=status,
                reason=reason,
                by=by,
            )
            result = {
                "id": row.id,
                "force": row.force,
                "staff_id": row.staff_id,
                "level": row.level,
                "granted": row.granted.isoformat(),
                "expires": row.expires.isoformat() if row.expires else None,
                "status": row.status,
            }
    except VettingError as exc:
        raise _fail(str(exc)) from exc
    print(json.dumps(result, indent=2))


@app.command("person")
def person(
    force: Annotated[str, typer.Argument(help="Force code.")],
    staff_id: Annotated[str, typer.Argument(help="Staff id.")],
    as_of: AsOf = None,
) -> None:
    """One person's clearances, posts, level held and level needed, and reviews (JSON)."""
    from custodiet.vetting.service import list_reviews, load_register, person_summary, review_json

    day = _as_of(as_of)
    with _stores() as (lake, session, policies):
        register = load_register(
            session=session, lake_con=lake, policies=policies, as_of=day, force=force
        )
        summary = person_summary(
            register=register, policies=policies, force=force, staff_id=staff_id
        )
        summary["reviews"] = [
            review_json(r, as_of=day)
            for r in list_reviews(session=session, force=force, staff_id=staff_id)
        ]
    print(json.dumps(summary, indent=2))


@app.command("policy")
def policy(force: Force = None) -> None:
    """The effective vetting policy (defaults, overridden by vetting.toml in the home)."""
    from custodiet.cli import state
    from custodiet.vetting.policy import POLICY_FILE, load_policy

    settings = state.settings()
    policies = load_policy(settings.home)
    chosen = policies.for_force(force) if force else policies.default
    print(json.dumps({"file": str(settings.home / POLICY_FILE), **chosen.as_json()}, indent=2))
