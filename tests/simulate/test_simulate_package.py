"""The generated package follows the FDP spec (/work/shared/spec/force-data-package.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

from sim_package import Package

from custodiet.fdp import schema

# Required columns and code lists, copied from the spec rather than from the generator.
REQUIRED = {
    "staff.csv": {"staff_id", "staff_type"},
    "postings.csv": {"staff_id", "unit", "start"},
    "shifts.csv": {"staff_id", "start", "end"},
    "systems.csv": {"system_id"},
    "nominals.csv": {"nominal_id"},
    "occurrences.csv": {"occurrence_id", "opened"},
    "occurrence_nominals.csv": {"occurrence_id", "nominal_id", "role"},
    "occurrence_staff.csv": {"occurrence_id", "staff_id", "role", "start"},
    "custody.csv": {"custody_id", "nominal_id", "staff_id", "booked_in"},
    "vetting.csv": {"staff_id", "level", "granted"},
    "circumstance_changes.csv": {"staff_id", "reported", "kind"},
    "allegations.csv": {"allegation_id", "staff_id", "received", "category"},
}
EVENT_REQUIRED = {"event_id", "system_id", "staff_id", "ts", "action", "entity_type"}
CODES = {
    ("staff.csv", "staff_type"): {"officer", "special_constable", "pcso", "staff", "volunteer"},
    ("systems.csv", "audit_feed"): {"yes", "no"},
    ("occurrence_nominals.csv", "role"): {"victim", "suspect", "witness", "caller", "other"},
    ("occurrence_staff.csv", "role"): {
        "oic",
        "attending",
        "investigator",
        "supervisor",
        "call_handler",
        "safeguarding",
        "court_prep",
        "other",
    },
    ("vetting.csv", "level"): {"RV", "NPPV1", "NPPV2", "NPPV3", "MV", "SC", "DV"},
    ("vetting.csv", "status"): {"active", "lapsed", "withdrawn", "refused", ""},
    ("circumstance_changes.csv", "kind"): {
        "relationship",
        "address",
        "financial",
        "association",
        "criminal",
        "other",
    },
    ("allegations.csv", "category"): set(schema.ALLEGATION_CATEGORIES),
    ("allegations.csv", "outcome"): set(schema.OUTCOMES) | {""},
}
ACTIONS = {"search", "view", "update", "create", "print", "export"}
ENTITY_TYPES = {"nominal", "occurrence", "custody", "intelligence", "vehicle", "location", "other"}
MARKERS = set(schema.NOMINAL_MARKERS)
TS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?$")


def _ts(value: str) -> dt.datetime:
    assert TS.match(value), value
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def test_manifest_counts_and_hashes(small: Package) -> None:
    manifest = json.loads((small.path / "manifest.json").read_text())
    assert manifest["fdp_version"] == 1
    assert manifest["force"]["code"] == "SY" and manifest["force"]["name"]
    assert manifest["timezone"] == "Europe/London"
    assert manifest["period"] == {"start": "2026-01-01", "end": "2026-01-14"}
    on_disk = {p.name for p in small.path.glob("*.csv")}
    assert set(manifest["files"]) == on_disk
    assert {"staff.csv"} <= on_disk and any(n.startswith("access_events") for n in on_disk)
    for name, meta in manifest["files"].items():
        data = (small.path / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == meta["sha256"], name
        assert meta["rows"] == len(small.rows(name)), name


def test_required_columns_and_codes(small: Package) -> None:
    for name, cols in REQUIRED.items():
        assert cols <= set(small.header(name)), name
    for (name, col), allowed in CODES.items():
        values = {r[col] for r in small.rows(name)}
        assert values <= allowed, (name, col, values - allowed)
    for f in small.path.glob("access_events*.csv"):
        assert set(small.header(f.name)) >= EVENT_REQUIRED
    for row in small.rows("nominals.csv"):
        if row["markers"]:
            assert set(row["markers"].split(";")) <= MARKERS


def test_events(small: Package) -> None:
    systems = {r["system_id"]: r for r in small.rows("systems.csv")}
    fed = {k for k, r in systems.items() if r["audit_feed"] == "yes"}
    assert len(systems) - len(fed) >= 1  # some systems have no audit feed
    seen: set[tuple[str, str]] = set()
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(2026, 1, 15, tzinfo=dt.UTC)
    for ev in small.events():
        assert ev["system_id"] in fed
        key = (ev["system_id"], ev["event_id"])
        assert key not in seen
        seen.add(key)
        assert ev["action"] in ACTIONS and ev["entity_type"] in ENTITY_TYPES
        t = _ts(ev["ts"])
        t = t if t.tzinfo else t.replace(tzinfo=dt.UTC)  # January: local time is UTC
        assert start <= t < end
        if ev["action"] == "search":
            assert ev["query"]
        else:
            assert ev["entity_id"]
    offsets = {ev["ts"].endswith("Z") for ev in small.events()}
    assert offsets == {True, False}  # most local, some exact UTC


def test_references_resolve(small: Package) -> None:
    staff = {r["staff_id"] for r in small.rows("staff.csv")}
    noms = {r["nominal_id"] for r in small.rows("nominals.csv")}
    occs = {r["occurrence_id"] for r in small.rows("occurrences.csv")}
    assert len(staff) == small.truth["staff"] == 300
    for r in small.rows("occurrence_nominals.csv"):
        assert r["occurrence_id"] in occs and r["nominal_id"] in noms
    for r in small.rows("occurrence_staff.csv"):
        assert r["occurrence_id"] in occs and r["staff_id"] in staff
        if r["end"]:
            assert _ts(r["end"]) >= _ts(r["start"])
    for r in small.rows("custody.csv"):
        assert r["nominal_id"] in noms and r["staff_id"] in staff
    for name in ("postings.csv", "shifts.csv", "vetting.csv", "circumstance_changes.csv"):
        assert {r["staff_id"] for r in small.rows(name)} <= staff
    for r in small.rows("shifts.csv"):
        assert _ts(r["end"]) > _ts(r["start"])
    for r in small.rows("postings.csv"):
        dt.date.fromisoformat(r["start"])
        if r["end"]:
            assert dt.date.fromisoformat(r["end"]) >= dt.date.fromisoformat(r["start"])
    unknown = {u["staff_id"] for u in small.truth["unknown_accounts"]}
    assert not unknown & staff
    assert {ev["staff_id"] for ev in small.events()} <= staff | unknown


def test_context_variety(small: Package) -> None:
    staff = small.rows("staff.csv")
    types = {r["staff_type"] for r in staff}
    assert {"officer", "staff", "pcso"} <= types
    units = {r["unit"] for r in small.rows("postings.csv")}
    assert {
        "response",
        "neighbourhood",
        "cid",
        "public_protection",
        "custody",
        "control_room",
        "intelligence",
        "case_preparation",
    } <= units
    cats = {r["category"] for r in small.rows("occurrences.csv")}
    assert {"domestic_abuse", "assault", "theft", "sexual_offence", "concern_for_welfare"} <= cats
    status = [r for r in small.rows("vetting.csv")]
    today = dt.date(2026, 1, 1)
    assert any(r["expires"] and dt.date.fromisoformat(r["expires"]) < today for r in status)
    assert small.rows("allegations.csv") and small.rows("circumstance_changes.csv")
