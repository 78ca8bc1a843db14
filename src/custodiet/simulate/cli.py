"""`custodiet simulate`: generate a synthetic force data package with planted abuse."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from custodiet.simulate.generator import simulate_force


def simulate(
    out: Annotated[Path, typer.Argument(help="Folder to write the force data package to.")],
    staff: Annotated[int, typer.Option(help="Number of staff (everyone with a login).")] = 2000,
    days: Annotated[int, typer.Option(help="Length of the period in days.")] = 90,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same files.")] = 1,
    force: Annotated[str, typer.Option(help="Force code, e.g. SY.")] = "SY",
) -> None:
    """Generate a synthetic force (FDP package) and its ground truth (OUT.truth.json)."""
    console = Console()
    with Progress(
        TextColumn("[bold]{task.description:<16}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        summary = simulate_force(
            out=out, staff=staff, days=days, seed=seed, force_code=force, progress=progress
        )
    console.print(
        f"{summary.force}: {summary.staff:,} staff, {summary.days} days, {summary.events:,} events "
        f"({summary.events_per_second:,.0f}/s), {summary.abusers} planted abusers "
        f"({summary.abusive_events:,} abusive events) -> {summary.package} + {summary.truth.name}"
    )
