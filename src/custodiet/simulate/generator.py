"""`simulate_force`: write a synthetic force data package (FDP) and its ground truth."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from custodiet.simulate import constants as C
from custodiet.simulate import ids
from custodiet.simulate.abuse import PATTERN_DESCRIPTIONS, PATTERNS, plan_abuse
from custodiet.simulate.events import (
    EVENTS_PER_INTERACTION,
    Q_COMMA,
    Q_FREE,
    Q_FULL,
    Q_INIT_YEAR,
    Q_NOMID,
    Q_OCCREF,
    Q_PNC,
    Q_SURNAME,
    Q_TYPO,
    Q_VRM,
    SRC_LABELS,
    EventBatch,
    EventModel,
)
from custodiet.simulate.org import NO_DAY, UNKNOWN_ACCOUNTS, Org, build_org
from custodiet.simulate.records import allegation_rows, circumstance_rows, vetting_rows
from custodiet.simulate.roster import DAY, Roster, build_roster
from custodiet.simulate.world import OPEN, World, build_world
from custodiet.simulate.writer import Clock, TableWriter, dates, digits

Progress = Callable[[str, int, int], None]

EVENT_COLUMNS = (
    "event_id",
    "system_id",
    "staff_id",
    "ts",
    "action",
    "entity_type",
    "entity_id",
    "query",
    "workstation",
)
WRITE_SLICE = 1_000_000


@dataclass(frozen=True)
class SimulationSummary:
    """What one run produced."""

    force: str
    staff: int
    days: int
    events: int
    abusers: int
    package: Path
    truth: Path
    abusive_events: int = 0
    seconds: float = 0.0

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds > 0 else 0.0


def _force(code: str, name: str | None, staff: int) -> tuple[str, list[str]]:
    if code in C.FORCE_NAMES:
        default, districts = C.FORCE_NAMES[code]
        return name or default, list(districts)
    n_d = int(min(8, max(3, round(staff / 1500))))
    return name or f"{code} Constabulary", list(C.GENERIC_DISTRICTS[:n_d])


class Formatter:
    """Turns the integer event columns into the package's strings."""

    def __init__(self, org: Org, world: World, force: str, clock: Clock) -> None:
        self.w = world
        self.force = force
        self.clock = clock
        self.staff_ids = pa.array(org.staff_ids + [a for a, _ in UNKNOWN_ACCOUNTS])
        self.ws = pa.array(org.ws_names)
        self.actions = pa.array(list(C.ACTIONS))
        self.etypes = pa.array(list(C.ENTITY_TYPES))
        self.fem = pa.array(C.FEMALE_FORENAMES)
        self.male = pa.array(C.MALE_FORENAMES)
        self.sur = pa.array(C.SURNAMES)
        self.sur_up = pc.utf8_upper(self.sur)
        self.free = pa.array(list(C.FREE_TEXT_QUERIES))
        self.letters = pa.array(list("ABCDEFGHIJKLMNOPRSTUVWY"))

    @staticmethod
    def assemble(
        codes: npt.NDArray[np.int8],
        refs: npt.NDArray[np.int64],
        builders: dict[int, Callable[[npt.NDArray[np.int64]], pa.Array]],
        null_if: npt.NDArray[np.bool_] | None = None,
    ) -> pa.Array:
        """Build each row's string with the builder for its code (rows in `null_if` stay empty)."""
        n = len(codes)
        pieces: list[pa.Array] = []
        pos = np.full(n, -1, dtype=np.int64)
        offset = 0
        valid = np.ones(n, dtype=bool) if null_if is None else ~null_if
        for code, build in builders.items():
            sel = np.flatnonzero((codes == code) & valid)
            if len(sel) == 0:
                continue
            pieces.append(build(refs[sel]))
            pos[sel] = offset + np.arange(len(sel))
            offset += len(sel)
        pieces.append(pa.array([None], type=pa.string()))
        pos[pos < 0] = offset
        table = pa.concat_arrays([p.cast(pa.string()) for p in pieces])
        return table.take(pa.array(pos))

    def _fore(self, nom: npt.NDArray[np.int64]) -> pa.Array:
        w = self.w
        male = w.nom_sex[nom] == 1
        f = w.nom_fore[nom].astype(np.int64)
        fem = self.fem.take(pa.array(f % len(self.fem)))
        mal = self.male.take(pa.array(f % len(self.male)))
        return pc.if_else(pa.array(male), mal, fem)

    def _sur(self, nom: npt.NDArray[np.int64], upper: bool = True) -> pa.Array:
        tab = self.sur_up if upper else self.sur
        return tab.take(pa.array(self.w.nom_sur[nom].astype(np.int64)))

    def entity(self, etype: npt.NDArray[np.int8], entity: npt.NDArray[np.int64]) -> pa.Array:
        w = self.w
        return self.assemble(
            etype,
            entity,
            {
                C.E_NOMINAL: lambda e: ids.nominal_ids(w.nom_num[e]),
                C.E_OCCURRENCE: lambda e: ids.occurrence_refs(
                    self.force, w.occ_num[e], w.occ_year[e]
                ),
                C.E_CUSTODY: lambda e: ids.custody_ids(w.cu_num[e]),
                C.E_INTEL: lambda e: digits(e, 8, "IR"),
                C.E_VEHICLE: lambda e: ids.vrms(e),
                C.E_LOCATION: lambda e: digits(e, 8, "LOC"),
                C.E_OTHER: lambda e: digits(e, 8, "DOC"),
            },
            null_if=entity < 0,
        )

    def query(self, qkind: npt.NDArray[np.int8], qref: npt.NDArray[np.int64]) -> pa.Array:
        w = self.w
        j = pc.binary_join_element_wise

        def year(e: npt.NDArray[np.int64]) -> pa.Array:
            return pc.cast(pa.array(w.nom_birth[e].astype(np.int64)), pa.string())

        builders: dict[int, Callable[[npt.NDArray[np.int64]], pa.Array]] = {
            Q_FULL: lambda e: j(self._fore(e), self._sur(e, upper=False), " "),
            Q_COMMA: lambda e: j(self._sur(e), pc.utf8_upper(self._fore(e)), ", "),
            Q_INIT_YEAR: lambda e: j(
                self._sur(e), pc.utf8_slice_codeunits(self._fore(e), 0, 1), year(e), " "
            ),
            Q_SURNAME: lambda e: self._sur(e),
            Q_NOMID: lambda e: ids.nominal_ids(w.nom_num[e]),
            Q_OCCREF: lambda e: ids.occurrence_refs(self.force, w.occ_num[e], w.occ_year[e]),
            Q_VRM: lambda e: ids.vrms(e, space=False),
            Q_TYPO: lambda e: j(
                self.sur_up.take(pa.array(e % len(self.sur_up))),
                self.letters.take(pa.array((e // 7) % len(self.letters))),
                "",
            ),
            Q_FREE: lambda e: self.free.take(pa.array(e % len(self.free))),
            Q_PNC: lambda e: j(self._sur(e), pc.utf8_upper(self._fore(e)), year(e), "/"),
        }
        arr = self.assemble(qkind, qref, builders, null_if=qkind == 0)
        # only the comma form needs quoting
        needs = pa.array(qkind == Q_COMMA)
        quoted = j(pa.scalar('"'), arr, pa.scalar('"'), "")
        return pc.if_else(needs, quoted, arr)

    def columns(self, ev: EventBatch, system: int, event_ids: pa.Array) -> dict[str, Any]:
        ts = self.clock.utc(ev.ts) if system in C.UTC_SYSTEMS else self.clock.local(ev.ts)
        return {
            "event_id": event_ids,
            "system_id": pa.array([C.SYSTEMS[system][0]]).take(
                pa.array(np.zeros(len(ev), dtype=np.int64))
            ),
            "staff_id": self.staff_ids.take(pa.array(ev.staff.astype(np.int64))),
            "ts": ts,
            "action": self.actions.take(pa.array(ev.action.astype(np.int64))),
            "entity_type": self.etypes.take(pa.array(ev.etype.astype(np.int64))),
            "entity_id": self.entity(ev.etype, ev.entity),
            "query": self.query(ev.qkind, ev.qref),
            "workstation": self.ws.take(pa.array(ev.ws.astype(np.int64))),
        }


def _natural_by_day(org: Org, roster: Roster, world: World) -> npt.NDArray[np.float64]:
    """Rough expected number of events per day at scale 1 (calibrated by a pilot day)."""
    days = roster.days
    out = np.zeros(days)
    for d in range(days):
        post = org.posting_on(d)
        s = np.flatnonzero(roster.worked[:, d])
        dur = np.maximum(roster.dur_min[s, d].astype(float), 60)
        out[d] = float(np.sum(post.rate[s] * (dur + roster.ext_min[s, d]) / dur))
    tday = np.clip(world.tk_start // DAY, 0, days - 1)
    mean = np.where(
        world.tk_role == C.T_ATTENDING, 3.5, np.where(world.tk_role == C.T_CALL, 1.0, 2.0)
    )
    out += np.bincount(tday, weights=mean * EVENTS_PER_INTERACTION, minlength=days)
    out += np.bincount(np.clip(world.occ_opened // DAY, 0, days - 1), minlength=days) * 1.5
    out += np.bincount(np.clip(world.cu_in // DAY, 0, days - 1), minlength=days) * 4.5
    return out


def _scale_for(
    target_per_staff_day: float, org: Org, roster: Roster, world: World, seed: int
) -> float:
    """Rescale the role rates so that events / (staff x days) comes out at the target."""
    natural = _natural_by_day(org, roster, world)
    pilot_day = roster.days // 2
    pilot = EventModel(org, roster, world, seed, 1.0)
    actual = len(pilot.day(pilot_day)[0])
    ratio = actual / max(natural[pilot_day], 1.0)
    return float(target_per_staff_day * org.n * roster.days / max(natural.sum() * ratio, 1.0))


def simulate_force(
    *,
    out: Path,
    staff: int = 2000,
    days: int = 90,
    seed: int = 1,
    force_code: str = "SY",
    force_name: str | None = None,
    start: dt.date = date(2026, 1, 1),
    events_per_staff_day: float | None = None,
    progress: Progress | None = None,
) -> SimulationSummary:
    """Write a synthetic FDP to folder `out` and its ground truth to `<out>.truth.json`."""
    if staff < 50:
        raise ValueError("staff must be at least 50")
    if days < 7:
        raise ValueError("days must be at least 7")
    t_begin = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    truth_path = out.parent / (out.name + ".truth.json")
    for old in [*out.glob("access_events*.csv"), out / "manifest.json"]:
        old.unlink(missing_ok=True)

    def tick(stage: str, done: int, total: int) -> None:
        if progress is not None:
            progress(stage, done, total)

    name, districts = _force(force_code, force_name, staff)
    tick("organisation", 0, 1)
    org = build_org(np.random.default_rng([seed, 1]), staff, districts, start, days)
    roster = build_roster(np.random.default_rng([seed, 2]), org, days)
    tick("organisation", 1, 1)
    world = build_world(np.random.default_rng([seed, 3]), org, roster, start, days, progress)
    tick("occurrences", days, days)
    keep = world.tk_start < days * DAY
    for f in ("tk_occ", "tk_staff", "tk_role", "tk_start", "tk_end"):
        setattr(world, f, getattr(world, f)[keep])
    keep = world.cu_in < days * DAY
    for f in ("cu_nom", "cu_staff", "cu_suite", "cu_in", "cu_out", "cu_occ", "cu_num"):
        setattr(world, f, getattr(world, f)[keep])
    tick("planting", 0, 1)
    plan = plan_abuse(org, roster, world, np.random.default_rng([seed, 4]), force_code, start)
    tick("planting", 1, 1)
    if events_per_staff_day is None:
        scale = 1.0
    else:
        scale = _scale_for(events_per_staff_day, org, roster, world, seed)
    model = EventModel(org, roster, world, seed, scale)
    clock = Clock(start, days)
    fmt = Formatter(org, world, force_code, clock)

    files: dict[str, tuple[int, str]] = {}
    # ---- access events, streamed
    sys_writers: dict[int, TableWriter] = {}
    sys_files: dict[int, str] = {}
    for k in range(C.AUDITED_SYSTEMS):
        fname = f"access_events_{C.SYSTEMS[k][0].lower()}.csv"
        sys_files[k] = fname
        sys_writers[k] = TableWriter(out / fname, EVENT_COLUMNS)
    rng_ids = np.random.default_rng([seed, 6])
    next_id = {k: int(rng_ids.integers(10_000_000, 90_000_000)) for k in range(C.AUDITED_SYSTEMS)}
    abusive_ids: dict[int, list[str]] = {i: [] for i in range(len(plan.abusers))}
    src_counts = dict.fromkeys(SRC_LABELS, 0)
    unknown_counts = dict.fromkeys((a for a, _ in UNKNOWN_ACCOUNTS), 0)
    planted = plan.events
    carry = EventBatch.empty()
    total_events = 0
    for d in range(days):
        tick("access events", d, days)
        ev, _ = model.day(d)
        lo, hi = np.searchsorted(planted.ts, [d * DAY, (d + 1) * DAY])
        batch = EventBatch.concat([carry, ev, planted.take(np.arange(lo, hi))])
        batch = batch.take(np.argsort(batch.ts, kind="stable"))
        cut = int(np.searchsorted(batch.ts, (d + 1) * DAY))
        emit = batch.take(np.arange(cut))
        carry = batch.take(np.arange(cut, len(batch))) if d < days - 1 else EventBatch.empty()
        for k, v in enumerate(np.bincount(emit.src, minlength=len(SRC_LABELS))):
            src_counts[SRC_LABELS[k]] += int(v)
        unk = emit.staff[emit.staff >= org.n] - org.n
        for k, v in enumerate(np.bincount(unk, minlength=len(UNKNOWN_ACCOUNTS))):
            unknown_counts[UNKNOWN_ACCOUNTS[k][0]] += int(v)
        for k in range(C.AUDITED_SYSTEMS):
            sel = np.flatnonzero(emit.system == k)
            for a in range(0, len(sel), WRITE_SLICE):
                part = emit.take(sel[a : a + WRITE_SLICE])
                n = len(part)
                eids = digits(
                    np.arange(next_id[k], next_id[k] + n, dtype=np.int64), 10, C.SYSTEMS[k][5]
                )
                next_id[k] += n
                sys_writers[k].write(fmt.columns(part, k, eids), safe=EVENT_COLUMNS)
                tagged = np.flatnonzero(part.tag >= 0)
                if len(tagged):
                    id_list = eids.take(pa.array(tagged)).to_pylist()
                    for tg, eid in zip(part.tag[tagged].tolist(), id_list, strict=True):
                        abusive_ids[tg].append(eid)
                total_events += n
    tick("access events", days, days)
    for k, wtr in sys_writers.items():
        files[sys_files[k]] = wtr.close()

    # ---- context tables
    tick("context tables", 0, 1)
    files.update(
        _write_context(out, org, roster, world, clock, start, days, force_code, seed, plan)
    )
    tick("context tables", 1, 1)

    manifest = {
        "fdp_version": 1,
        "force": {"code": force_code, "name": name},
        "timezone": "Europe/London",
        "period": {
            "start": start.isoformat(),
            "end": (start + dt.timedelta(days=days - 1)).isoformat(),
        },
        "files": {k: {"rows": r, "sha256": h} for k, (r, h) in sorted(files.items())},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")

    # ---- ground truth
    abusers: list[dict[str, Any]] = []
    for i, entry in enumerate(plan.abusers):
        abusers.append(
            {
                "staff_id": entry["staff_id"],
                "pattern": entry["pattern"],
                "victim_nominal_ids": entry["victim_nominal_ids"],
                "event_ids": abusive_ids[i],
                "description": entry["description"],
            }
        )
    by_pattern = {p: sum(1 for a in abusers if a["pattern"] == p) for p in PATTERNS}
    n_abusive = sum(len(a["event_ids"]) for a in abusers)
    truth = {
        "force": force_code,
        "seed": seed,
        "staff": staff,
        "days": days,
        "start": start.isoformat(),
        "abusers": abusers,
        "legitimate_lookalikes": plan.lookalikes,
        "unknown_accounts": [
            {"staff_id": a, "description": desc, "events": unknown_counts[a]}
            for a, desc in UNKNOWN_ACCOUNTS
        ],
        "patterns": PATTERN_DESCRIPTIONS,
        "counts": {
            "events": total_events,
            "abusive_events": n_abusive,
            "legitimate_events": total_events - n_abusive,
            "events_by_source": src_counts,
            "events_by_file": {k: v[0] for k, v in sorted(files.items())},
            "abusers": len(abusers),
            "abusers_by_pattern": by_pattern,
            "patterns_not_planted": sorted(set(plan.failed)),
            "occurrences": int(world.n_occ),
            "nominals": int(world.n_nominals),
            "scale": scale,
        },
    }
    truth_path.write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    seconds = time.perf_counter() - t_begin
    return SimulationSummary(
        force=force_code,
        staff=staff,
        days=days,
        events=total_events,
        abusers=len(abusers),
        package=out,
        truth=truth_path,
        abusive_events=n_abusive,
        seconds=seconds,
    )


def _write_rows(path: Path, header: tuple[str, ...], rows: list[dict[str, Any]]) -> tuple[int, str]:
    with TableWriter(path, header) as w:
        if rows:
            w.write({h: [r.get(h, "") or None for r in rows] for h in header})
        return w.close()


def _write_context(
    out: Path,
    org: Org,
    roster: Roster,
    world: World,
    clock: Clock,
    start: dt.date,
    days: int,
    force: str,
    seed: int,
    plan: Any,
) -> dict[str, tuple[int, str]]:
    files: dict[str, tuple[int, str]] = {}
    n = org.n
    end = days * DAY
    sid = pa.array(org.staff_ids)
    dnames = pa.array([*org.districts, "Force HQ", "Outside force area"])

    def dname(idx: npt.NDArray[Any]) -> pa.Array:
        return dnames.take(pa.array(idx.astype(np.int64)))

    # staff.csv
    rank = [
        C.RANKS[r] if t == C.OFFICER else ("special_constable" if t == C.SPECIAL else None)
        for r, t in zip(org.rank.tolist(), org.staff_type.tolist(), strict=True)
    ]
    home = np.where(org.home_district >= org.n_districts, org.n_districts + 1, org.home_district)
    with TableWriter(
        out / "staff.csv",
        ("staff_id", "name", "staff_type", "rank", "sex", "home_district", "joined", "left"),
    ) as w:
        w.write(
            {
                "staff_id": sid,
                "name": org.names,
                "staff_type": pa.array(list(C.STAFF_TYPES)).take(
                    pa.array(org.staff_type.astype(np.int64))
                ),
                "rank": rank,
                "sex": pa.array(["F", "M"]).take(pa.array(org.sex.astype(np.int64))),
                "home_district": dname(home),
                "joined": dates(start, org.joined),
                "left": pc.if_else(
                    pa.array(org.left == NO_DAY),
                    pa.scalar(None, pa.string()),
                    dates(start, np.minimum(org.left, 10**5)),
                ),
            }
        )
        files["staff.csv"] = w.close()

    # postings.csv
    rows: list[dict[str, Any]] = []
    roles, teams = org.role_names, org.team_names
    for s in range(n):
        sidv = org.staff_ids[s]
        left = int(org.left[s])
        a_end: int | None = None
        if org.move_day[s] != NO_DAY:
            a_end = int(org.move_day[s]) - 1
        elif left != NO_DAY:
            a_end = left - 1
        if org.prev_unit[s] >= 0:
            u = int(org.prev_unit[s])
            t = int(org.prev_team[s])
            rows.append(
                {
                    "staff_id": sidv,
                    "unit": C.UNITS[u],
                    "role": roles[org.prev_role[s]],
                    "team": teams[t],
                    "district": org.district_name(int(org.team_district[t])),
                    "vetting_level_required": C.VETTING_LEVELS[C.UNIT_VETTING[u]],
                    "start": (start + dt.timedelta(days=int(org.prev_start[s]))).isoformat(),
                    "end": (start + dt.timedelta(days=int(org.post_a_start[s]) - 1)).isoformat(),
                }
            )
        for p, st, en in (
            (org.post_a, int(org.post_a_start[s]), a_end),
            (org.post_b, int(org.move_day[s]), None if left == NO_DAY else left - 1),
        ):
            if p is org.post_b and org.move_day[s] == NO_DAY:
                continue
            u = int(p.unit[s])
            rows.append(
                {
                    "staff_id": sidv,
                    "unit": C.UNITS[u],
                    "role": roles[p.role[s]],
                    "team": teams[p.team[s]],
                    "district": org.district_name(int(p.district[s])),
                    "vetting_level_required": C.VETTING_LEVELS[C.UNIT_VETTING[u]],
                    "start": (start + dt.timedelta(days=st)).isoformat(),
                    "end": None if en is None else (start + dt.timedelta(days=en)).isoformat(),
                }
            )
    files["postings.csv"] = _write_rows(
        out / "postings.csv",
        ("staff_id", "unit", "role", "team", "district", "vetting_level_required", "start", "end"),
        rows,
    )

    # shifts.csv
    with TableWriter(out / "shifts.csv", ("staff_id", "start", "end")) as w:
        for d in range(days):
            on = np.flatnonzero(roster.rostered[:, d])
            a = d * DAY + roster.start_min[on, d].astype(np.int64) * 60
            b = a + roster.dur_min[on, d].astype(np.int64) * 60
            w.write(
                {
                    "staff_id": sid.take(pa.array(on)),
                    "start": clock.local(a),
                    "end": clock.local(b),
                },
                safe=("staff_id", "start", "end"),
            )
        files["shifts.csv"] = w.close()

    # systems.csv
    files["systems.csv"] = _write_rows(
        out / "systems.csv",
        ("system_id", "name", "category", "audit_feed", "notes"),
        [
            {"system_id": s[0], "name": s[1], "category": s[2], "audit_feed": s[3], "notes": s[4]}
            for s in C.SYSTEMS
        ],
    )

    # nominals.csv
    uniq, inv = np.unique(world.nom_markers, return_inverse=True)
    labels = pa.array(
        [";".join(m for i, m in enumerate(C.MARKERS) if int(u) & (1 << i)) or None for u in uniq],
        type=pa.string(),
    )
    ndist = np.where(world.nom_district >= org.n_districts, org.n_districts + 1, world.nom_district)
    with TableWriter(
        out / "nominals.csv", ("nominal_id", "sex", "birth_year", "district", "markers")
    ) as w:
        w.write(
            {
                "nominal_id": ids.nominal_ids(world.nom_num),
                "sex": pa.array(["F", "M", "U"]).take(pa.array(world.nom_sex.astype(np.int64))),
                "birth_year": world.nom_birth.astype(np.int64),
                "district": dname(ndist),
                "markers": labels.take(pa.array(inv.astype(np.int64))),
            }
        )
        files["nominals.csv"] = w.close()

    # occurrences.csv
    occ_ids = ids.occurrence_refs(force, world.occ_num, world.occ_year)
    closed = world.occ_closed
    cb = world.occ_created_by
    with TableWriter(
        out / "occurrences.csv",
        ("occurrence_id", "category", "opened", "closed", "district", "created_by"),
    ) as w:
        w.write(
            {
                "occurrence_id": occ_ids,
                "category": pa.array(list(C.CAT_NAMES)).take(
                    pa.array(world.occ_cat.astype(np.int64))
                ),
                "opened": clock.local(world.occ_opened),
                "closed": pc.if_else(
                    pa.array(closed == OPEN),
                    pa.scalar(None, pa.string()),
                    clock.local(np.maximum(closed, 0)),
                ),
                "district": dname(world.occ_district),
                "created_by": pc.if_else(
                    pa.array(cb < 0),
                    pa.scalar(None, pa.string()),
                    sid.take(pa.array(np.maximum(cb, 0).astype(np.int64))),
                ),
            }
        )
        files["occurrences.csv"] = w.close()

    # occurrence_nominals.csv
    with TableWriter(out / "occurrence_nominals.csv", ("occurrence_id", "nominal_id", "role")) as w:
        w.write(
            {
                "occurrence_id": occ_ids.take(pa.array(world.on_occ.astype(np.int64))),
                "nominal_id": ids.nominal_ids(world.nom_num[world.on_nom]),
                "role": pa.array(list(C.ON_ROLES)).take(pa.array(world.on_role.astype(np.int64))),
            }
        )
        files["occurrence_nominals.csv"] = w.close()

    # occurrence_staff.csv
    o = np.lexsort((world.tk_start, world.tk_occ))
    te = world.tk_end[o]
    with TableWriter(
        out / "occurrence_staff.csv", ("occurrence_id", "staff_id", "role", "start", "end")
    ) as w:
        w.write(
            {
                "occurrence_id": occ_ids.take(pa.array(world.tk_occ[o].astype(np.int64))),
                "staff_id": sid.take(pa.array(world.tk_staff[o].astype(np.int64))),
                "role": pa.array(list(C.OS_ROLES)).take(
                    pa.array(world.tk_role[o].astype(np.int64))
                ),
                "start": clock.local(world.tk_start[o]),
                "end": pc.if_else(
                    pa.array(te == OPEN),
                    pa.scalar(None, pa.string()),
                    clock.local(np.maximum(te, 0)),
                ),
            }
        )
        files["occurrence_staff.csv"] = w.close()

    # custody.csv
    suites = pa.array([f"{d} Custody Suite" for d in org.districts] + ["Force HQ Custody Suite"])
    released_open = world.cu_out >= end
    with TableWriter(
        out / "custody.csv",
        ("custody_id", "nominal_id", "staff_id", "suite", "booked_in", "released"),
    ) as w:
        w.write(
            {
                "custody_id": ids.custody_ids(world.cu_num),
                "nominal_id": ids.nominal_ids(world.nom_num[world.cu_nom]),
                "staff_id": pc.if_else(
                    pa.array(world.cu_staff < 0),
                    pa.scalar(None, pa.string()),
                    sid.take(pa.array(np.maximum(world.cu_staff, 0).astype(np.int64))),
                ),
                "suite": suites.take(pa.array(world.cu_suite.astype(np.int64))),
                "booked_in": clock.local(world.cu_in),
                "released": pc.if_else(
                    pa.array(released_open),
                    pa.scalar(None, pa.string()),
                    clock.local(np.minimum(world.cu_out, end - 1)),
                ),
            }
        )
        files["custody.csv"] = w.close()

    # vetting, circumstances, allegations
    rng = np.random.default_rng([seed, 5])
    files["vetting.csv"] = _write_rows(
        out / "vetting.csv",
        ("staff_id", "level", "granted", "expires", "status"),
        vetting_rows(rng, org, start, days),
    )
    files["circumstance_changes.csv"] = _write_rows(
        out / "circumstance_changes.csv",
        ("staff_id", "reported", "kind", "notes"),
        circumstance_rows(rng, org, start, days),
    )
    abuser_idx = [int(a["_staff"]) for a in plan.abusers]
    files["allegations.csv"] = _write_rows(
        out / "allegations.csv",
        (
            "allegation_id",
            "staff_id",
            "received",
            "category",
            "source",
            "victim_markers",
            "referred_to_iopc",
            "outcome",
            "outcome_date",
        ),
        allegation_rows(rng, org, start, days, abuser_idx),
    )
    return files
