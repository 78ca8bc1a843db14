"""The `custodiet` command: one sub-command (or group) per step of the flow."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table as RichTable

from custodiet.config import Settings, load_settings
from custodiet.simulate.degrade import DEGRADATIONS

app = typer.Typer(
    name="custodiet",
    help="Counter-corruption software for police anti-corruption units.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    pretty_exceptions_short=True,
)
console = Console(stderr=True)
out = Console()


class State:
    """Options shared by every sub-command."""

    home: Path | None = None
    db: str | None = None

    def settings(self) -> Settings:
        """Resolve settings and make sure the operational store is migrated."""
        from custodiet.db import upgrade

        settings = load_settings(home=self.home, db=self.db)
        upgrade(settings.db_url)
        return settings


state = State()


@app.callback()
def main(
    home: Annotated[
        Path | None,
        typer.Option("--home", help="Data home (default $CUSTODIET_HOME or ./custodiet-data)."),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Operational store URL (default $CUSTODIET_DB or SQLite in the home)."
        ),
    ] = None,
) -> None:
    """custodiet: who watches the watchmen."""
    state.home = home
    state.db = db


@app.command("import")
def import_(
    packages: Annotated[
        list[Path], typer.Argument(help="FDP package folders (or export folders with --mapping).")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per package on stdout.")
    ] = False,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--mapping",
            help="A mapping file (TOML) that reads a force's own export layout as FDP tables.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Import force data packages: every row loaded, unchanged or quarantined with its reason."""
    from custodiet.fdp.manifest import PackageRefused
    from custodiet.ingest.mapping import MappingError, read_layout
    from custodiet.ingest.service import import_package

    settings = state.settings()
    failed = False
    layout = None
    if mapping is not None:
        try:
            layout = read_layout(mapping)
        except MappingError as exc:
            console.print(f"[red]refused[/red] {escape(str(exc))}", soft_wrap=True)
            raise typer.Exit(code=2) from exc
    for package in packages:
        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        ) as bar:
            task = bar.add_task(str(package), total=None)

            def report(
                name: str, done: int, total: int, task: TaskID = task, label: str = package.name
            ) -> None:
                bar.update(task, description=f"{label}: {name}", completed=done, total=total)

            try:
                result = import_package(
                    lake_path=settings.lake_path,
                    db_url=settings.db_url,
                    package=package,
                    progress=report,
                    layout=layout,
                )
            except PackageRefused as exc:
                console.print(f"[red]refused[/red] {escape(str(exc))}", soft_wrap=True)
                failed = True
                continue
        _sync_register(settings, result.force)
        if as_json:
            print(json.dumps(result.as_json()))
        else:
            _print_import(result)
    if failed:
        raise typer.Exit(code=1)


def _sync_register(settings: Settings, force: str) -> None:
    """Bring the package's historical allegations into the PSD register (idempotent)."""
    from custodiet.cases.sync import sync_imported_allegations
    from custodiet.db import session_scope
    from custodiet.lake.store import open_lake

    with open_lake(settings.lake_path) as con, session_scope(settings.db_url) as session:
        sync_imported_allegations(session=session, lake_con=con, force=force)


def _print_import(result: object) -> None:
    from custodiet.ingest.service import PackageResult

    assert isinstance(result, PackageResult)
    table = RichTable(title=f"{result.force}: {result.package}")
    for col in ("file", "rows", "loaded", "unchanged", "quarantined", "replaced"):
        table.add_column(col, justify="left" if col == "file" else "right")
    for name, c in result.files.items():
        table.add_row(
            name,
            f"{c.rows:,}",
            f"{c.loaded:,}",
            f"{c.unchanged:,}",
            f"{c.quarantined:,}",
            f"{c.replaced:,}",
        )
    out.print(table)
    if result.unknown_accounts:
        shown = ", ".join(
            f"{k} ({v:,} events)" for k, v in list(result.unknown_accounts.items())[:10]
        )
        out.print(
            f"[yellow]Unknown accounts[/yellow] (not in staff.csv; loaded, and a finding): {shown}"
        )
    if result.matched_by_case:
        shown = ", ".join(
            f"{k} → {v} ({n:,} rows)" for k, (v, n) in list(result.matched_by_case.items())[:10]
        )
        more = len(result.matched_by_case) - 10
        out.print(
            "Staff ids matched to staff.csv by letter case only (the id as exported is kept"
            f" in each row's attributes): {shown}" + (f" and {more:,} more" if more > 0 else "")
        )
    if any(c.quarantined for c in result.files.values()):
        out.print("Quarantined rows: [bold]custodiet quarantine[/bold]")


@app.command("quarantine")
def quarantine(
    force: Annotated[str | None, typer.Option(help="Only this force.")] = None,
    file: Annotated[str | None, typer.Option(help="Only this file name.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 200,
    fmt: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
) -> None:
    """List quarantined rows with file, line, field and reason."""
    from custodiet.ingest.queries import list_quarantine

    settings = state.settings()
    rows = list_quarantine(settings.lake_path, force=force, file=file, limit=limit)
    if fmt == "jsonl":
        for row in rows:
            print(json.dumps(row, default=str))
        return
    table = RichTable(title="Quarantine")
    for col in ("force", "file", "line", "field", "reason"):
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(
            row["force"], row["file"], str(row["line"]), row["field"] or "", row["reason"]
        )
    out.print(table)


@app.command("status")
def status(
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """What is in the home: forces, periods, rows, quarantine, systems without an audit feed."""
    from custodiet.ingest.queries import home_status

    settings = state.settings()
    info = home_status(settings.lake_path)
    info["home"] = str(settings.home)
    if fmt == "json":
        print(json.dumps(info, default=str, indent=2))
        return
    out.print(f"[bold]Home[/bold] {settings.home}")
    if not info["forces"]:
        out.print("No force data imported yet: custodiet import PACKAGE")
    for f in info["forces"]:
        out.print(
            f"\n[bold]{f['force']}[/bold] {f.get('name') or ''}  period {f['period_start']} – {f['period_end']}"
            f"  ({f['packages']} package(s))"
        )
        t = RichTable(show_header=True)
        t.add_column("table")
        t.add_column("rows", justify="right")
        for name, n in f["rows"].items():
            t.add_row(name, f"{n:,}")
        out.print(t)
        out.print(f"Quarantined rows: {f['quarantined']:,}")
        if f["unknown_accounts"]:
            out.print(
                "Unknown accounts: "
                + ", ".join(
                    f"{a['staff_id']} ({a['events']:,})" for a in f["unknown_accounts"][:10]
                )
            )
        mon = f["monitoring"]
        out.print(
            f"Systems: {mon['systems']} listed, {len(mon['no_audit_feed'])} without an audit feed"
            + (f": {', '.join(mon['no_audit_feed'])}" if mon["no_audit_feed"] else "")
        )
        if mon["feed_declared_but_silent"]:
            out.print(
                "[yellow]Audit feed declared but no events supplied:[/yellow] "
                + ", ".join(mon["feed_declared_but_silent"])
            )
        if mon["events_from_unlisted_systems"]:
            out.print(
                "[yellow]Events from systems not in systems.csv:[/yellow] "
                + ", ".join(mon["events_from_unlisted_systems"])
            )


@app.command("simulate")
def simulate(
    out_dir: Annotated[Path, typer.Argument(metavar="OUT", help="Folder for the package.")],
    staff: Annotated[int, typer.Option(help="Number of staff.")] = 2000,
    days: Annotated[int, typer.Option(help="Days of activity.")] = 90,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 1,
    force: Annotated[str, typer.Option(help="Force code.")] = "SY",
) -> None:
    """Write a synthetic force package and, beside it, the ground truth of planted abuse."""
    from custodiet.simulate.cli import simulate as run_simulate

    run_simulate(out=out_dir, staff=staff, days=days, seed=seed, force=force)


def _check_engine(engine: str) -> None:
    from custodiet.lake.engines import check_engine

    try:
        check_engine(engine)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--engine") from exc


@app.command("detect")
def detect(
    engine: Annotated[
        str,
        typer.Option(
            help="Analytics engine: duckdb (embedded) or spark (PySpark, local mode, over a "
            "Parquet export of the lake). Both run the same SQL."
        ),
    ] = "duckdb",
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as JSON.")] = False,
) -> None:
    """Explain every access, score what is left, and update the alert queue."""
    from custodiet.detect.service import run_detection

    _check_engine(engine)

    settings = state.settings()
    with console.status("detecting"):
        outcome = run_detection(lake_path=settings.lake_path, db_url=settings.db_url, engine=engine)
    s = outcome.summary
    if as_json:
        print(json.dumps({"run_id": outcome.run_id, **s}, default=str))
        return
    out.print(f"[bold]Detection run[/bold] {outcome.run_id}")
    out.print(
        f"Access events: {s['events']:,}; to people and occurrences: "
        f"{s['accesses_to_people_and_occurrences']:,}"
    )
    share = s["explained_share"]
    out.print(f"Explained: {s['explained']:,}" + (f" ({share:.1%})" if share is not None else ""))
    t = RichTable(title="Explained by rule")
    t.add_column("rule")
    t.add_column("accesses", justify="right")
    for rule, n in s["explained_by_rule"].items():
        t.add_row(rule, f"{n:,}")
    out.print(t)
    for rule, why in s["rules_not_used"].items():
        out.print(f"[yellow]Not used[/yellow] {rule}: {why}")
    for rule, why in s.get("context_limits", {}).items():
        out.print(f"[yellow]Limited[/yellow] {rule}: {why}")
    if s["learned_remits"]:
        out.print(
            "Learned unit remits: "
            + "; ".join(
                f"{r['unit']} → {r['category']} ({r['members_with']}/{r['members']})"
                for r in s["learned_remits"][:12]
            )
        )
    out.print(f"[bold]Alerts raised: {outcome.alerts:,}[/bold]")


@app.command("alerts")
def alerts(
    fmt: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "table",
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    include_inactive: Annotated[
        bool, typer.Option(help="Also alerts the latest run no longer raises.")
    ] = False,
) -> None:
    """The alert queue, highest concern first."""
    from sqlalchemy import select

    from custodiet.alerts.models import Alert
    from custodiet.db import session_scope

    settings = state.settings()
    with session_scope(settings.db_url) as session:
        query = select(Alert).order_by(Alert.score.desc(), Alert.id)
        if not include_inactive:
            query = query.where(Alert.active.is_(True))
        if limit:
            query = query.limit(limit)
        rows = list(session.scalars(query))
        if fmt == "jsonl":
            for a in rows:
                print(
                    json.dumps(
                        {
                            "id": a.id,
                            "force": a.force,
                            "staff_id": a.staff_id,
                            "score": a.score,
                            "severity": a.severity,
                            "rule_family": a.rule_family,
                            "status": a.status,
                            "disposition": a.disposition,
                            "nominal_ids": a.nominal_ids,
                            "event_ids": a.event_ids,
                            "rule_ids": a.rule_ids,
                            "reasons": a.reasons,
                            "narrative": a.narrative,
                        }
                    )
                )
            return
        table = RichTable(title=f"Alerts ({len(rows)})")
        for col in ("id", "force", "staff", "score", "family", "status", "narrative"):
            table.add_column(col, overflow="fold")
        for a in rows:
            table.add_row(
                str(a.id),
                a.force,
                a.staff_id,
                f"{a.score:.0f}",
                a.rule_family,
                a.status,
                a.narrative,
            )
        out.print(table)


from custodiet.reports.cli import app as _report_app  # noqa: E402
from custodiet.vetting.cli import app as _vetting_app  # noqa: E402

app.add_typer(_vetting_app, name="vetting")
app.add_typer(_report_app, name="report")


@app.command("rules")
def rules_cmd(
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Detection rules: status, what they explained last run, and precision from dispositions."""
    from custodiet.db import session_scope
    from custodiet.detect.rules import load_rules
    from custodiet.detect.stats import rule_statistics

    settings = state.settings()
    with session_scope(settings.db_url) as session:
        rows = rule_statistics(session=session, rules=load_rules())
    if fmt == "json":
        print(json.dumps(rows))
        return
    table = RichTable(title="Detection rules")
    for col in ("id", "name", "status", "explained", "alerts", "precision", "note"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["id"],
            r["name"],
            r["status"],
            "" if r["explained_accesses"] is None else f"{r['explained_accesses']:,}",
            str(r["alerts"]),
            "-"
            if r["precision"] is None
            else f"{r['precision']:.0%} of {r['substantiated'] + r['rejected']}",
            r["not_used"] or "",
        )
    out.print(table)


@app.command("export")
def export_cmd(
    out_dir: Annotated[
        Path | None, typer.Argument(metavar="[OUT]", help="Folder (default HOME/parquet).")
    ] = None,
) -> None:
    """Export the lake to Parquet partitioned by force (and month for events), for Spark."""
    from custodiet.lake.export import export_parquet

    settings = state.settings()
    target = out_dir or settings.parquet_dir
    counts = export_parquet(lake_path=settings.lake_path, out_dir=target)
    out.print(f"Exported {sum(counts.values()):,} rows from {len(counts)} tables to {target}")


audit_app = typer.Typer(help="custodiet's own audit trail.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def audit_verify() -> None:
    """Recompute the audit trail's hash chain and report the first broken row, if any."""
    from custodiet.audit.chain import verify
    from custodiet.db import session_scope

    settings = state.settings()
    with session_scope(settings.db_url) as session:
        result = verify(session)
    if result.ok:
        out.print(f"Audit chain intact: {result.checked:,} events.")
        return
    out.print(
        f"[red]Audit chain broken at event {result.first_bad_seq}[/red]: {result.problem} "
        f"({result.checked:,} events before it check out)."
    )
    raise typer.Exit(code=2)


@app.command("evaluate")
def evaluate_cmd(
    out_dir: Annotated[Path, typer.Argument(metavar="OUT", help="Working folder for the runs.")],
    seeds: Annotated[str, typer.Option(help="Comma-separated seeds.")] = "1,2,3",
    sizes: Annotated[str, typer.Option(help="Comma-separated STAFFxDAYS.")] = "1000x60,2000x90",
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
    reuse: Annotated[
        bool, typer.Option(help="Reuse simulated and imported forces in OUT.")
    ] = False,
    degrade: Annotated[
        str,
        typer.Option(
            help="Withhold context or audit detail, or change how abusers work, before "
            "import; comma-separated: " + ", ".join(DEGRADATIONS) + "."
        ),
    ] = "",
    engine: Annotated[str, typer.Option(help="Analytics engine: duckdb or spark.")] = "duckdb",
) -> None:
    """Simulate, import, detect and score against the simulator's ground truth."""
    from dataclasses import asdict

    from custodiet.detect.evaluate import evaluate_one

    _check_engine(engine)

    parsed = [tuple(int(x) for x in s.lower().split("x")) for s in sizes.split(",") if s]
    table = RichTable(title="Detection against the simulator's ground truth")
    for col in (
        "staff",
        "days",
        "seed",
        "events",
        "abusers",
        "budget",
        "recall@budget",
        "precision@budget",
        "AP",
        "legit explained",
        "abusive cited",
        "missed",
    ):
        table.add_column(col, justify="right")
    for staff_n, days_n in parsed:
        for seed in (int(s) for s in seeds.split(",") if s):
            ev = evaluate_one(
                out_dir,
                staff=staff_n,
                days=days_n,
                seed=seed,
                reuse=reuse,
                degrade=tuple(d for d in degrade.split(",") if d),
                engine=engine,
            )
            if as_json:
                print(json.dumps(asdict(ev)))
                continue
            table.add_row(
                str(ev.staff),
                str(ev.days),
                str(ev.seed),
                f"{ev.events:,}",
                str(ev.abusers),
                str(ev.budget),
                f"{ev.recall_at_budget:.2f}",
                f"{ev.precision_at_budget:.2f}",
                f"{ev.average_precision:.2f}",
                f"{ev.legit_explained_share:.1%}",
                f"{ev.abusive_cited_share:.1%}",
                ", ".join(f"{m['pattern']}#{m['rank']}" for m in ev.missed) or "-",
            )
            patterns = ", ".join(
                f"{p}: {v['found_in_budget']}/{v['abusers']}"
                for p, v in sorted(ev.by_pattern.items())
            )
            out.print(f"seed {seed} {staff_n}x{days_n}: {patterns}  ({ev.seconds})")
    if not as_json:
        out.print(table)


from custodiet.web.cli import register_commands  # noqa: E402 (workbench: users, serve, demo-users)

register_commands(app)

if __name__ == "__main__":  # pragma: no cover
    app(sys.argv[1:])
