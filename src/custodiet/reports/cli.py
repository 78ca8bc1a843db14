"""`custodiet report ...`: the return for a period, as JSON, HTML, PDF or CSV."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="report", help="Returns: the force return and the national picture.", no_args_is_help=True
)
FORMATS = ("json", "html", "pdf", "csv")
DAY = ["%Y-%m-%d"]


@app.command("return")
def return_(
    date_from: Annotated[datetime, typer.Option("--from", formats=DAY, help="First day received.")],
    date_to: Annotated[datetime, typer.Option("--to", formats=DAY, help="Last day received.")],
    category: Annotated[str | None, typer.Option(help="Only this category, e.g. apsp.")] = None,
    force: Annotated[str | None, typer.Option(help="Only this force code.")] = None,
    national: Annotated[
        bool,
        typer.Option(
            "--national",
            help="The inspectorate's aggregate over every force (no person-level rows).",
        ),
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="json, html, pdf or csv.")] = "json",
    out: Annotated[Path | None, typer.Option("--out", help="Write here instead of stdout.")] = None,
) -> None:
    """Allegations, personnel, victims, referrals, outcomes, forces, monitoring, vetting."""
    from custodiet.cases.sync import sync_imported_allegations
    from custodiet.cli import console, state
    from custodiet.db import session_scope
    from custodiet.fdp.schema import ALLEGATION_CATEGORIES
    from custodiet.lake.store import open_lake
    from custodiet.reports.render import render
    from custodiet.reports.service import ReportError, build_return
    from custodiet.vetting.policy import load_policy

    if fmt not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    if category and category not in ALLEGATION_CATEGORIES:
        raise typer.BadParameter(
            f"use one of {', '.join(ALLEGATION_CATEGORIES)}", param_hint="--category"
        )
    if fmt == "pdf" and out is None and sys.stdout.isatty():
        raise typer.BadParameter("a PDF needs --out FILE (or a redirect)", param_hint="--out")
    settings = state.settings()
    policies = load_policy(settings.home)
    try:
        with (
            open_lake(settings.lake_path, read_only=True) as lake,
            session_scope(settings.db_url) as session,
        ):
            # The register must hold every imported allegation before it is counted.
            sync_imported_allegations(session=session, lake_con=lake)
            ret = build_return(
                session=session,
                lake_con=lake,
                start=date_from.date(),
                end=date_to.date(),
                category=category,
                force=force,
                audience="national" if national else "force",
                policies=policies,
            )
    except ReportError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(code=2) from exc
    data = render(ret, fmt)
    if out is not None:
        out.write_bytes(data)
        console.print(f"wrote {out} ({len(data):,} bytes)")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
