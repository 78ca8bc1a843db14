"""Detection rules as data: TOML files with an id, status, severity, parameters and a fixture."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RULES_DIR = Path(__file__).parent / "rules"
STATUSES = ("stable", "experimental", "disabled")


@dataclass(frozen=True)
class Rule:
    """One explanation or signal."""

    id: str
    name: str
    title: str
    kind: str  # explanation | signal
    status: str
    severity: str
    description: str
    false_positives: tuple[str, ...]
    parameters: dict[str, Any]
    fixture: dict[str, Any]
    needs: tuple[str, ...] = ()
    # Columns a refinement of the rule reads: without them the rule runs, unrefined, and the
    # run says `refined_by_effect`.
    refined_by: tuple[str, ...] = ()
    refined_by_effect: str = ""
    strength: str = "strong"
    path: Path = field(default=Path())

    @property
    def enabled(self) -> bool:
        """Whether the rule takes part in runs."""
        return self.status != "disabled"

    def param(self, key: str) -> Any:
        """A parameter value (KeyError names the rule if it is missing)."""
        try:
            return self.parameters[key]
        except KeyError as exc:
            raise KeyError(f"rule {self.id} ({self.path.name}) has no parameter {key!r}") from exc


class RuleError(ValueError):
    """A rule file that is not valid."""


def load_rule(path: Path) -> Rule:
    """Read and check one rule file."""
    with path.open("rb") as handle:
        doc = tomllib.load(handle)
    for key in ("id", "name", "title", "kind", "status", "severity", "description"):
        if key not in doc:
            raise RuleError(f"{path}: missing field {key!r}")
    if doc["kind"] not in ("explanation", "signal"):
        raise RuleError(f"{path}: field 'kind' must be explanation or signal")
    if doc["status"] not in STATUSES:
        raise RuleError(f"{path}: field 'status' must be one of {', '.join(STATUSES)}")
    return Rule(
        id=doc["id"],
        name=doc["name"],
        title=doc["title"],
        kind=doc["kind"],
        status=doc["status"],
        severity=doc["severity"],
        description=doc["description"].strip(),
        false_positives=tuple(doc.get("false_positives", ())),
        parameters=doc.get("parameters", {}),
        fixture=doc.get("fixture", {}),
        needs=tuple(doc.get("needs", ())),
        refined_by=tuple(doc.get("refined_by", ())),
        refined_by_effect=doc.get("refined_by_effect", ""),
        strength=doc.get("strength", "strong"),
        path=path,
    )


def load_rules(directory: Path = RULES_DIR) -> dict[str, Rule]:
    """Every rule under `directory`, by name; ids and names must be unique."""
    rules: dict[str, Rule] = {}
    ids: set[str] = set()
    for path in sorted(directory.rglob("*.toml")):
        rule = load_rule(path)
        if rule.name in rules or rule.id in ids:
            raise RuleError(f"{path}: duplicate rule id or name ({rule.id}, {rule.name})")
        rules[rule.name] = rule
        ids.add(rule.id)
    return rules
