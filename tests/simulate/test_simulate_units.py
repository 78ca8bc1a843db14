"""Small pieces: time formatting across DST, identifiers, sizing, the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import typer
from typer.testing import CliRunner

from custodiet.simulate.abuse import PATTERNS, n_abusers_for
from custodiet.simulate.cli import simulate
from custodiet.simulate.ids import vrms
from custodiet.simulate.roster import DAY
from custodiet.simulate.writer import Clock


def test_clock_dst() -> None:
    clock = Clock(dt.date(2026, 3, 28), 3)  # spring forward on Sunday 29 March 2026
    day = DAY
    t = np.array([0, day + 30 * 60, day + 90 * 60, day + 150 * 60, 2 * day + 12 * 3600])
    assert clock.local(t).to_pylist() == [
        "2026-03-28T00:00:00",
        "2026-03-29T00:30:00",
        "2026-03-29T02:30:00",  # 01:30 does not exist locally: shifted forward
        "2026-03-29T02:30:00",
        "2026-03-30T12:00:00",
    ]
    assert clock.utc(t).to_pylist() == [
        "2026-03-28T00:00:00Z",
        "2026-03-29T00:30:00Z",
        "2026-03-29T01:30:00Z",
        "2026-03-29T01:30:00Z",
        "2026-03-30T11:00:00Z",
    ]
    autumn = Clock(dt.date(2026, 10, 25), 1)  # 01:30 happens twice: earliest (BST) reading
    assert autumn.utc(np.array([90 * 60, 3 * 3600])).to_pylist() == [
        "2026-10-25T00:30:00Z",
        "2026-10-25T03:00:00Z",
    ]


def test_vrm_format() -> None:
    marks = vrms(np.arange(0, 5000, 37, dtype=np.int64)).to_pylist()
    assert all(len(m) == 8 and m[4] == " " and m[2:4].isdigit() for m in marks)
    assert len(set(marks)) == len(marks)


def test_abuser_numbers() -> None:
    assert n_abusers_for(300) >= 1
    assert n_abusers_for(1000) >= len(PATTERNS)
    assert n_abusers_for(2000) == 2 * len(PATTERNS)
    assert 100 <= n_abusers_for(40_000) <= 200


def test_cli(tmp_path: Path) -> None:
    app = typer.Typer()
    app.command()(simulate)
    out = tmp_path / "pkg"
    result = CliRunner().invoke(app, [str(out), "--staff", "120", "--days", "7", "--seed", "4"])
    assert result.exit_code == 0, result.output
    assert "events" in result.output
    assert (out / "manifest.json").exists()
    truth = json.loads((tmp_path / "pkg.truth.json").read_text())
    assert truth["seed"] == 4 and truth["staff"] == 120
