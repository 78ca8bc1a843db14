"""Reading a generated package in the simulator tests."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from custodiet.simulate import SimulationSummary, simulate_force


@dataclass
class Package:
    summary: SimulationSummary
    path: Path
    truth: dict[str, Any]
    _events: list[dict[str, str]] = field(default_factory=list)

    def rows(self, name: str) -> list[dict[str, str]]:
        with (self.path / name).open(newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    def header(self, name: str) -> list[str]:
        with (self.path / name).open(newline="", encoding="utf-8") as fh:
            return next(csv.reader(fh))

    def events(self) -> list[dict[str, str]]:
        """All access events (read once, then cached)."""
        if not self._events:
            for f in sorted(self.path.glob("access_events*.csv")):
                self._events.extend(self.rows(f.name))
        return self._events


def make(root: Path, name: str, **kw: Any) -> Package:
    summary = simulate_force(out=root / name, **kw)
    truth = json.loads(summary.truth.read_text(encoding="utf-8"))
    return Package(summary=summary, path=summary.package, truth=truth)
