"""Planted abuse (the ground truth) and legitimate look-alikes.

Patterns follow what HMICFRS (2016, abuse of position for a sexual purpose) and IOPC
casework describe: victims are mostly vulnerable women met through police work (domestic
abuse victims, detainees, people with drug, alcohol or mental-health problems, sex workers),
and the misuse of systems shows as look-ups with no work reason, repeated over days, often
off duty, and at low volume among an officer's normal work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from custodiet.simulate import constants as C
from custodiet.simulate import ids
from custodiet.simulate.events import (
    Q_COMMA,
    Q_FULL,
    Q_INIT_YEAR,
    Q_NOMID,
    Q_PNC,
    Q_SURNAME,
    SRC_ABUSE,
    EventBatch,
)
from custodiet.simulate.org import NO_DAY, Org
from custodiet.simulate.roster import DAY, Roster
from custodiet.simulate.world import OPEN, World, csr

PATTERNS = (
    "fixation_after_incident",
    "trawling_vulnerable",
    "detainee_after_release",
    "colleague_case_cover",
    "remit_abuse",
    "met_off_duty",
    "witness_or_suspect_targeting",
    "low_and_slow",
)
PATTERN_DESCRIPTIONS = {
    "fixation_after_incident": "Attended or was tasked on an incident, then kept viewing the woman's "
    "record after his involvement ended, across days and often off duty.",
    "trawling_vulnerable": "Searched for and viewed many vulnerable women (domestic-abuse and "
    "sexual-offence victims, sex workers, substance misuse, mental health) with no link to his work.",
    "detainee_after_release": "Custody officer or detention officer looked up a female detainee after "
    "her release from custody.",
    "colleague_case_cover": "Viewed the victim on a team colleague's occurrence (looks like helping) "
    "and kept going after the colleague's tasking had ended.",
    "remit_abuse": "Public-protection staff whose role sees victims looked at specific victims beyond "
    "their caseload: repeatedly, off duty, after the case closed, never tasked.",
    "met_off_duty": "Name searches for a woman never linked to their work who lives in the staff "
    "member's home district, then views of her record.",
    "witness_or_suspect_targeting": "Briefly attended an occurrence, then looked up a female witness or "
    "suspect from it (including a national lookup for her details) in the days after.",
    "low_and_slow": "One or two views a week of the same woman's record over the whole period, "
    "never enough on any day to stand out.",
}

RowT = tuple[int, int, int, int, int, int, int, int, int, int, int]
_OFF_HOURS = np.array([7, 8, 12, 13, 17, 18, 19, 20, 21, 22, 23, 0, 1])
_OFF_W = np.array([1, 1, 1, 1, 2, 3, 4, 5, 5, 5, 4, 2, 1], dtype=float)
_OFF_W /= _OFF_W.sum()


def n_abusers_for(staff: int) -> int:
    """About one per 200 staff; at least one of every pattern from 1,000 staff, two from 2,000."""
    base = round(staff / 200)
    floor = len(PATTERNS) * min(2, staff // 1000)
    return max(base, floor, 1 if staff >= 150 else 0)


@dataclass
class Plan:
    events: EventBatch
    abusers: list[dict[str, Any]]
    lookalikes: list[dict[str, Any]]
    failed: list[str] = field(default_factory=list)


class Planner:
    def __init__(
        self,
        org: Org,
        roster: Roster,
        world: World,
        rng: np.random.Generator,
        force: str,
        start: dt.date,
    ) -> None:
        self.org, self.roster, self.w, self.rng = org, roster, world, rng
        self.force = force
        self.start = start
        self.days = roster.days
        self.end = self.days * DAY
        w = world
        self.nr_order, self.nr_start, self.nr_count = csr(w.on_nom, w.n_nominals)
        self.st_order, self.st_start, self.st_count = csr(w.tk_staff, org.n)
        self.ot_order, self.ot_start, self.ot_count = csr(w.tk_occ, w.n_occ)
        self.cn_order, self.cn_start, self.cn_count = csr(w.cu_nom, w.n_nominals)
        self.age = start.year - w.nom_birth.astype(np.int32)
        self.used_staff: set[int] = set()
        self._posts: dict[int, Any] = {}
        fem = (w.nom_sex == 0) & (self.age >= 18)
        self.fem_da = np.flatnonzero(fem & (self.age <= 50) & ((w.nom_markers & C.M_DA) != 0))
        self.fem_adult = np.flatnonzero(fem & (self.age <= 50))
        self.used_victims: set[int] = set()
        self.rows: list[RowT] = []
        xs = np.array(roster.x_staff, dtype=np.int64)
        self.x_by_staff: dict[int, list[tuple[int, int]]] = {}
        for s_, a, b in zip(xs.tolist(), roster.x_start, roster.x_end, strict=True):
            self.x_by_staff.setdefault(s_, []).append((a, b))

    # -------------------------------------------------------------- lookups
    def post(self, day: int) -> Any:
        if day not in self._posts:
            self._posts[day] = self.org.posting_on(day)
        return self._posts[day]

    def nom_occ_rows(self, nom: int) -> np.ndarray:
        a = self.nr_start[nom]
        return self.nr_order[a : a + self.nr_count[nom]]

    def participants(self, occs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(occurrence, nominal, role) for every person on the given occurrences."""
        w = self.w
        occs = np.asarray(occs, dtype=np.int64)
        cnt = w.occ_on_count[occs]
        total = int(cnt.sum())
        first = np.repeat(w.occ_on_start[occs] - np.concatenate([[0], np.cumsum(cnt)[:-1]]), cnt)
        rows = first + np.arange(total)
        return np.repeat(occs, cnt), w.on_nom[rows].astype(np.int64), w.on_role[rows]

    def staff_taskings(self, s: int) -> np.ndarray:
        a = self.st_start[s]
        return self.st_order[a : a + self.st_count[s]]

    def occ_taskings(self, o: int) -> np.ndarray:
        a = self.ot_start[o]
        return self.ot_order[a : a + self.ot_count[o]]

    def windows(self, s: int, d: int) -> list[tuple[int, int]]:
        out = []
        for dd in (d - 1, d, d + 1):
            if 0 <= dd < self.days and self.roster.worked[s, dd]:
                a = dd * DAY + int(self.roster.start_min[s, dd]) * 60
                b = a + (int(self.roster.dur_min[s, dd]) + int(self.roster.ext_min[s, dd])) * 60
                out.append((a, b))
        out.extend(self.x_by_staff.get(s, []))
        return out

    def on_duty(self, s: int, t: int, margin: int = 0) -> bool:
        d = t // DAY
        return any(a - margin <= t < b + margin for a, b in self.windows(s, d))

    def duty_time(self, s: int, d: int) -> int | None:
        if not (0 <= d < self.days) or not self.roster.worked[s, d]:
            return None
        a = d * DAY + int(self.roster.start_min[s, d]) * 60
        b = a + (int(self.roster.dur_min[s, d]) + int(self.roster.ext_min[s, d])) * 60
        return int(a + 600 + self.rng.random() * max(60, b - a - 1200))

    def off_time(self, s: int, d: int) -> int | None:
        for _ in range(12):
            h = int(self.rng.choice(_OFF_HOURS, p=_OFF_W))
            t = d * DAY + (h + (24 if h < 5 else 0)) * 3600 + int(self.rng.integers(0, 3600))
            if t < self.end and not self.on_duty(s, t, margin=2700):
                return t
        return None

    def when(self, s: int, d: int, p_off: float) -> tuple[int, bool] | None:
        """A moment on day d (or the next few days) on or off duty as asked; (t, off_duty)."""
        off = bool(self.rng.random() < p_off)
        last = min(d + 6, self.days)
        for want in (off, not off):
            for dd in range(d, last):
                t = self.off_time(s, dd) if want else self.duty_time(s, dd)
                if t is not None and 0 <= t < self.end:
                    return t, want
        return None

    def explained(self, s: int, nom: int, t: int, *, remit_ok: bool = False) -> bool:
        """Would the data explain this access (tasking, custody, team supervision)?"""
        w, org = self.w, self.org
        day = min(max(t // DAY, 0), self.days - 1)
        post = self.post(day)
        for row in self.nom_occ_rows(nom):
            o = int(w.on_occ[row])
            for tk in self.occ_taskings(o):
                st, en = int(w.tk_start[tk]), int(w.tk_end[tk])
                en = self.end * 10 if en == OPEN else en
                if not (st - 2 * 3600 <= t <= en + 2 * DAY):
                    continue
                who = int(w.tk_staff[tk])
                if who == s or org.team_sgt[post.team[who]] == s:
                    return True
            if post.unit[s] == C.U_CONTROL and w.occ_opened[o] <= t <= w.occ_opened[o] + DAY:
                return True
            if not remit_ok and post.unit[s] == C.U_PVP and w.occ_district[o] == post.district[s]:
                return True
        a = self.cn_start[nom]
        for cu in self.cn_order[a : a + self.cn_count[nom]]:
            if (
                post.unit[s] == C.U_CUSTODY
                and w.cu_suite[cu] == post.district[s]
                and w.cu_in[cu] - 3600 <= t <= w.cu_out[cu] + 6 * 3600
            ):
                return True
        return False

    # -------------------------------------------------------------- event rows
    def ws_for(self, s: int, off: bool) -> int:
        """Off duty: their mobile device or laptop; on duty: the same mix as normal work."""
        org = self.org
        if off:
            return int(org.secondary_ws[s])
        u = self.rng.random()
        if u < 0.75:
            return int(org.primary_ws[s])
        if u < 0.9:
            return int(org.secondary_ws[s])
        site = min(int(org.post_a.district[s]), org.n_districts)
        return int(org.site_ws_start[site] + self.rng.integers(0, org.site_ws_count[site]))

    def episode(
        self,
        tag: int,
        s: int,
        t: int,
        off: bool,
        nom: int,
        *,
        occ: int = -1,
        cu: int = -1,
        p_search: float = 0.3,
        queries: tuple[int, ...] = (Q_FULL, Q_COMMA, Q_NOMID),
        views: tuple[int, int] = (1, 3),
        p_occ: float = 0.3,
        p_pnc: float = 0.0,
        p_cust: float = 0.0,
        src: int = SRC_ABUSE,
    ) -> int:
        """One sitting: optional search, views of the person, related records. Returns #events."""
        rng = self.rng
        ws = self.ws_for(s, off)
        rows: list[RowT] = []
        tt = t

        def add(sys: int, action: int, etype: int, entity: int, qk: int = 0, qref: int = 0) -> None:
            nonlocal tt
            rows.append((tt, s, sys, action, etype, entity, qk, qref, ws, tag, src))
            tt += int(rng.integers(8, 75))

        if rng.random() < p_search:
            add(C.S_RMS, C.A_SEARCH, C.E_NOMINAL, -1, int(rng.choice(queries)), nom)
        for _ in range(int(rng.integers(views[0], views[1] + 1))):
            add(C.S_RMS, C.A_VIEW, C.E_NOMINAL, nom)
        if occ >= 0 and rng.random() < p_occ:
            add(C.S_RMS, C.A_VIEW, C.E_OCCURRENCE, occ)
        if cu >= 0 and rng.random() < p_cust:
            add(C.S_CUST, C.A_VIEW, C.E_CUSTODY, cu)
        if rng.random() < p_pnc:
            add(C.S_PNC, C.A_SEARCH, C.E_NOMINAL, -1, Q_PNC, nom)
            add(C.S_PNC, C.A_VIEW, C.E_NOMINAL, nom)
        rows = [r for r in rows if r[0] < self.end]
        self.rows.extend(rows)
        return len(rows)

    def spread(
        self, s: int, nom: int, d0: int, d1: int, k: int, p_off: float, *, remit_ok: bool = False
    ) -> list[tuple[int, bool]]:
        """k sittings on distinct days in [d0, d1) that the data would not explain."""
        d0, d1 = max(d0, 0), min(d1, self.days)
        if d1 <= d0:
            return []
        days = np.sort(self.rng.choice(np.arange(d0, d1), size=min(k, d1 - d0), replace=False))
        out = []
        for d in days:
            got = self.when(s, int(d), p_off)
            if got is None:
                continue
            if self.explained(s, nom, got[0], remit_ok=remit_ok):
                continue
            out.append(got)
        return out

    # -------------------------------------------------------------- candidates
    def candidates(
        self, units: tuple[int, ...] | None, types: tuple[int, ...], p_male: float = 0.92
    ) -> list[int]:
        org = self.org
        ok = (
            (org.joined < 0)
            & (org.left == NO_DAY)
            & (org.move_day == NO_DAY)
            & (org.rclass == 0)
            & np.isin(org.staff_type, types)
        )
        if units is not None:
            ok &= np.isin(org.post_a.unit, units)
        if self.used_staff:
            ok[np.array(sorted(self.used_staff))] = False
        idx = np.flatnonzero(ok)
        if len(idx) == 0:
            return []
        wgt = np.where(org.sex[idx] == 1, p_male, 1 - p_male) + 1e-9
        order = self.rng.choice(len(idx), size=len(idx), replace=False, p=wgt / wgt.sum())
        return [int(i) for i in idx[order]]

    def female_adult(self, nom: int, lo: int = 18, hi: int = 55) -> bool:
        return bool(self.w.nom_sex[nom] == 0 and lo <= self.age[nom] <= hi)

    def nid(self, nom: int) -> str:
        return ids.nominal_id(int(self.w.nom_num[nom]))

    def oref(self, o: int) -> str:
        return ids.occurrence_ref(self.force, int(self.w.occ_num[o]), int(self.w.occ_year[o]))

    def date(self, t: int) -> str:
        return (self.start + dt.timedelta(days=t // DAY)).isoformat()

    # -------------------------------------------------------------- patterns
    def plan(self, pattern: str, tag: int) -> dict[str, Any] | None:
        fn = getattr(self, f"_p_{pattern}")
        units, types = {
            "fixation_after_incident": (
                (C.U_RESP, C.U_NBH, C.U_ROADS),
                (C.OFFICER, C.SPECIAL, C.PCSO),
            ),
            "trawling_vulnerable": ((C.U_RESP, C.U_NBH, C.U_CID, C.U_ROADS), (C.OFFICER,)),
            "detainee_after_release": ((C.U_CUSTODY,), (C.OFFICER, C.POLICE_STAFF)),
            "colleague_case_cover": ((C.U_RESP, C.U_NBH, C.U_CID), (C.OFFICER,)),
            "remit_abuse": ((C.U_PVP,), (C.OFFICER, C.POLICE_STAFF)),
            "met_off_duty": (
                (
                    C.U_RESP,
                    C.U_NBH,
                    C.U_CID,
                    C.U_ROADS,
                    C.U_CASEPREP,
                    C.U_BACK,
                    C.U_OPS,
                    C.U_CUSTODY,
                ),
                (C.OFFICER, C.POLICE_STAFF, C.PCSO, C.SPECIAL),
            ),
            "witness_or_suspect_targeting": ((C.U_RESP, C.U_NBH, C.U_ROADS), (C.OFFICER,)),
            "low_and_slow": (
                (C.U_RESP, C.U_NBH, C.U_CID, C.U_ROADS, C.U_CASEPREP, C.U_BACK, C.U_OPS),
                (C.OFFICER, C.POLICE_STAFF, C.PCSO),
            ),
        }[pattern]
        p_male = 0.8 if pattern in ("met_off_duty", "low_and_slow") else 0.93
        for s in self.candidates(units, types, p_male)[:60]:
            mark = len(self.rows)
            entry: dict[str, Any] | None = fn(s, tag)
            if entry is not None and len(self.rows) - mark >= 3:
                self.used_staff.add(s)
                self.used_victims.update(entry["_victims"])
                entry["staff_id"] = self.org.staff_ids[s]
                entry["pattern"] = pattern
                entry["victim_nominal_ids"] = [self.nid(v) for v in entry.pop("_victims")]
                entry["_staff"] = s
                return entry
            del self.rows[mark:]
        return None

    def _attended(
        self,
        staff: list[int] | int,
        roles: tuple[int, ...],
        victim_roles: tuple[int, ...],
        before: float,
        ended_by: float = 1.0,
    ) -> list[tuple[int, int, int]]:
        """(tasking, occurrence, nominal) for these staff's taskings with a suitable woman."""
        w = self.w
        people = [staff] if isinstance(staff, int) else staff
        if not people:
            return []
        tks = np.concatenate([self.staff_taskings(p) for p in people])
        end = w.tk_end[tks]
        occ = w.tk_occ[tks]
        ok = (
            np.isin(w.tk_role[tks], roles)
            & (end != OPEN)
            & (end <= ended_by * self.end)
            & (w.occ_opened[occ] <= before * self.end)
        )
        tks, occ = tks[ok], occ[ok].astype(np.int64)
        cnt = w.occ_on_count[occ]
        if cnt.sum() == 0:
            return []
        tk_r = np.repeat(tks, cnt)
        _, nom, roles_ = self.participants(occ)
        good = (
            np.isin(roles_, victim_roles)
            & (w.nom_sex[nom] == 0)
            & (self.age[nom] >= 18)
            & (self.age[nom] <= 55)
        )
        if self.used_victims:
            good &= ~np.isin(nom, np.array(sorted(self.used_victims)))
        return [
            (int(t), int(w.tk_occ[t]), int(v))
            for t, v in zip(tk_r[good].tolist(), nom[good].tolist(), strict=True)
        ]

    def _p_fixation_after_incident(self, s: int, tag: int) -> dict[str, Any] | None:
        w, rng = self.w, self.rng
        opts = self._attended(s, (C.T_ATTENDING, C.T_OIC), (C.R_VICTIM, C.R_OTHER), 0.6)
        if not opts:
            return None
        wts = np.array([4.0 if w.occ_cat[o] == C.C_DA else 1.0 for _, o, _ in opts])
        tk, o, nom = opts[int(rng.choice(len(opts), p=wts / wts.sum()))]
        d0 = int((w.tk_end[tk] + int(rng.uniform(1.6, 5.0) * DAY)) // DAY)
        k = int(rng.integers(5, 13))
        sits = self.spread(s, nom, d0, d0 + 40, k, p_off=0.4)
        if len(sits) < 3:
            return None
        n = sum(
            self.episode(tag, s, t, off, nom, occ=o, p_search=0.3, p_occ=0.4) for t, off in sits
        )
        off_n = sum(off for _, off in sits)
        return {
            "_victims": [nom],
            "description": (
                f"{C.OS_ROLES[w.tk_role[tk]]} on {C.CAT_NAMES[w.occ_cat[o]]} occurrence {self.oref(o)} "
                f"opened {self.date(int(w.occ_opened[o]))}; after the tasking ended on "
                f"{self.date(int(w.tk_end[tk]))} viewed the female victim {self.nid(nom)} in "
                f"{len(sits)} sittings ({off_n} off duty), {n} events."
            ),
        }

    def _p_trawling_vulnerable(self, s: int, tag: int) -> dict[str, Any] | None:
        w, rng, org = self.w, self.rng, self.org
        vuln = C.M_DA | C.M_SO | C.M_SW | C.M_SUB | C.M_MH
        pool = np.flatnonzero(
            ((w.nom_markers & vuln) != 0) & (w.nom_sex == 0) & (self.age >= 18) & (self.age <= 45)
        )
        if len(pool) < 10:
            return None
        own = pool[w.nom_district[pool] == org.home_district[s]]
        k = int(rng.integers(8, 21))
        chosen: list[int] = []
        for _ in range(k * 3):
            src = own if (len(own) and rng.random() < 0.5) else pool
            v = int(rng.choice(src))
            if v not in chosen and v not in self.used_victims:
                chosen.append(v)
            if len(chosen) >= k:
                break
        victims, n = [], 0
        for v in chosen:
            sits = self.spread(s, v, 0, self.days, int(rng.integers(1, 3)), p_off=0.25)
            rows = self.nom_occ_rows(v)
            occ = int(w.on_occ[rows[0]]) if len(rows) else -1
            got = 0
            for t, off in sits:
                got += self.episode(
                    tag,
                    s,
                    t,
                    off,
                    v,
                    occ=occ,
                    p_search=0.6,
                    queries=(Q_SURNAME, Q_INIT_YEAR, Q_FULL),
                    views=(1, 2),
                    p_occ=0.25,
                )
            if got:
                victims.append(v)
                n += got
        if len(victims) < 5:
            return None
        return {
            "_victims": victims,
            "description": (
                f"Viewed {len(victims)} vulnerable women (DA/sexual-offence victims, sex workers, "
                f"substance misuse, mental health) with no tasking or remit, spread over the period; "
                f"{n} events."
            ),
        }

    def _p_detainee_after_release(self, s: int, tag: int) -> dict[str, Any] | None:
        w, rng, org = self.w, self.rng, self.org
        suite = int(org.post_a.district[s])
        cands = []
        cus = np.flatnonzero(
            (w.cu_suite == suite) & (w.cu_out < self.end - max(2, self.days // 10) * DAY)
        )
        noms = w.cu_nom[cus]
        cus = cus[(w.nom_sex[noms] == 0) & (self.age[noms] >= 18) & (self.age[noms] <= 50)]
        for cu in cus:
            nom = int(w.cu_nom[cu])
            if nom in self.used_victims:
                continue
            dealt = (
                w.cu_staff[cu] == s
                or self.on_duty(s, int(w.cu_in[cu] + 1800))
                or self.on_duty(s, int(w.cu_out[cu] - 1800))
            )
            if dealt:
                cands.append(int(cu))
        if not cands:
            return None
        picks = [cands[int(rng.integers(len(cands)))]]
        if len(cands) > 1 and rng.random() < 0.3:
            picks.append(cands[int(rng.integers(len(cands)))])
        victims, n, text = [], 0, []
        for cu in dict.fromkeys(picks):
            nom = int(w.cu_nom[cu])
            d0 = int((w.cu_out[cu] + int(rng.uniform(0.5, 7) * DAY)) // DAY)
            sits = self.spread(s, nom, d0, d0 + 30, int(rng.integers(3, 9)), p_off=0.4)
            got = sum(
                self.episode(
                    tag,
                    s,
                    t,
                    off,
                    nom,
                    occ=int(w.cu_occ[cu]),
                    cu=cu,
                    p_search=0.5,
                    queries=(Q_FULL, Q_INIT_YEAR),
                    p_occ=0.2,
                    p_cust=0.5,
                    p_pnc=0.15,
                )
                for t, off in sits
            )
            if got:
                victims.append(nom)
                n += got
                text.append(
                    f"{self.nid(nom)} (custody {ids.custody_id(int(w.cu_num[cu]))}, released {self.date(int(w.cu_out[cu]))})"
                )
        if not victims:
            return None
        return {
            "_victims": victims,
            "description": f"Looked up female detainee(s) after release: {', '.join(text)}; {n} events.",
        }

    def _p_colleague_case_cover(self, s: int, tag: int) -> dict[str, Any] | None:
        w, rng, org = self.w, self.rng, self.org
        team = int(org.post_a.team[s])
        mates = np.flatnonzero((org.post_a.team == team) & (org.move_day == NO_DAY))
        mates = mates[mates != s]
        margin = 1.0 - max(2.0, 0.12 * self.days) / self.days
        opts = []
        for tk, o, nom in self._attended(
            [int(m) for m in mates],
            (C.T_OIC, C.T_ATTENDING, C.T_INVESTIGATOR),
            (C.R_VICTIM,),
            0.7,
            margin,
        ):
            if any(w.tk_staff[x] == s for x in self.occ_taskings(o)):
                continue
            opts.append((tk, o, nom, int(w.tk_staff[tk])))
        if not opts:
            return None
        tk, o, nom, mate = opts[int(rng.integers(len(opts)))]
        st, en = int(w.tk_start[tk]), int(w.tk_end[tk])
        rows_: list[tuple[int, bool]] = []
        for _ in range(int(rng.integers(1, 3))):
            t = st + int(rng.random() * max(600, en - st))
            if not self.explained(s, nom, t):
                rows_.append((t, self.on_duty(s, t) is False))
        rows_ += self.spread(
            s, nom, en // DAY + 1, en // DAY + 35, int(rng.integers(4, 11)), p_off=0.3
        )
        if len(rows_) < 3:
            return None
        n = sum(
            self.episode(tag, s, t, off, nom, occ=o, p_search=0.2, p_occ=0.7) for t, off in rows_
        )
        return {
            "_victims": [nom],
            "description": (
                f"Viewed victim {self.nid(nom)} on team colleague {org.staff_ids[mate]}'s "
                f"{C.CAT_NAMES[w.occ_cat[o]]} occurrence {self.oref(o)}; the colleague's "
                f"{C.OS_ROLES[w.tk_role[tk]]} tasking ended {self.date(en)} but the views went on; "
                f"{n} events."
            ),
        }

    def _p_remit_abuse(self, s: int, tag: int) -> dict[str, Any] | None:
        w, rng, org = self.w, self.rng, self.org
        dist = int(org.post_a.district[s])
        if dist >= org.n_districts:
            return None
        mine = {int(w.tk_occ[t]) for t in self.staff_taskings(s)}
        occs = np.flatnonzero(
            (w.occ_district == dist)
            & np.isin(w.occ_cat, [C.C_DA, C.C_SEX, C.C_STALK])
            & (w.occ_opened < 0.5 * self.end)
        )
        occs = occs[~np.isin(occs, np.array(sorted(mine), dtype=np.int64))]
        o_rep, noms, roles = self.participants(occs)
        good = (
            (roles == C.R_VICTIM)
            & (w.nom_sex[noms] == 0)
            & (self.age[noms] >= 18)
            & (self.age[noms] <= 55)
        )
        opts = [
            (o, v)
            for o, v in zip(o_rep[good].tolist(), noms[good].tolist(), strict=True)
            if v not in self.used_victims
        ]
        if not opts:
            return None
        k = min(len(opts), int(rng.integers(1, 4)))
        picks = [opts[int(i)] for i in rng.choice(len(opts), size=k, replace=False)]
        victims, n, after = [], 0, 0
        for o, nom in picks:
            closed = int(w.occ_closed[o])
            d_from = int(w.occ_opened[o] // DAY) + 1
            if closed != OPEN and rng.random() < 0.8:
                d_from = closed // DAY + 1
            sits = self.spread(
                s, nom, d_from, self.days, int(rng.integers(4, 10)), p_off=0.45, remit_ok=True
            )
            sits = [(t, off) for t, off in sits if not self._tasked(s, nom, t)]
            got = sum(
                self.episode(tag, s, t, off, nom, occ=o, p_search=0.25, p_occ=0.3)
                for t, off in sits
            )
            after += sum(1 for t, _ in sits if closed != OPEN and t > closed)
            if got:
                victims.append(nom)
                n += got
        if not victims or n < 6:
            return None
        return {
            "_victims": victims,
            "description": (
                f"{org.role_names[org.post_a.role[s]]} in {org.districts[dist]} viewed "
                f"{len(victims)} victim(s) of occurrences they were never tasked on, repeatedly and "
                f"often off duty ({after} sittings after the case closed); {n} events."
            ),
        }

    def _tasked(self, s: int, nom: int, t: int) -> bool:
        w = self.w
        for row in self.nom_occ_rows(nom):
            for tk in self.occ_taskings(int(w.on_occ[row])):
                en = int(w.tk_end[tk])
                en = self.end * 10 if en == OPEN else en
                if w.tk_staff[tk] == s and w.tk_start[tk] - 7200 <= t <= en + 2 * DAY:
                    return True
        return False

    def _p_met_off_duty(self, s: int, tag: int) -> dict[str, Any] | None:
        w, rng, org = self.w, self.rng, self.org
        home = int(org.home_district[s])
        if home >= org.n_districts:
            return None
        pool = np.flatnonzero(
            (w.nom_district == home)
            & (w.nom_sex == 0)
            & (self.age >= 18)
            & (self.age <= 45)
            & (self.nr_count == 0)
        )
        if len(pool) == 0:
            return None
        nom = int(rng.choice(pool))
        if nom in self.used_victims:
            return None
        d0 = int(rng.integers(0, max(1, self.days - 10)))
        sits = self.spread(s, nom, d0, d0 + 45, int(rng.integers(2, 7)), p_off=0.5)
        if not sits:
            return None
        n = 0
        for i, (t, off) in enumerate(sits):
            if i == 0:
                for q in rng.choice(
                    [Q_FULL, Q_COMMA, Q_INIT_YEAR, Q_SURNAME],
                    size=int(rng.integers(2, 5)),
                    replace=False,
                ):
                    self.rows.append(
                        (
                            t,
                            s,
                            C.S_RMS,
                            C.A_SEARCH,
                            C.E_NOMINAL,
                            -1,
                            int(q),
                            nom,
                            self.ws_for(s, off),
                            tag,
                            SRC_ABUSE,
                        )
                    )
                    t += int(rng.integers(15, 90))
                    n += 1
            n += self.episode(
                tag,
                s,
                t,
                off,
                nom,
                p_search=0.5,
                queries=(Q_FULL, Q_COMMA),
                views=(1, 2),
                p_pnc=0.2,
            )
        return {
            "_victims": [nom],
            "description": (
                f"Name searches then views of {self.nid(nom)}, a woman living in the staff member's "
                f"home district ({org.districts[home]}) with no occurrence, custody or tasking link; "
                f"{len(sits)} sittings, {n} events."
            ),
        }

    def _p_witness_or_suspect_targeting(self, s: int, tag: int) -> dict[str, Any] | None:
        w, rng = self.w, self.rng
        opts = self._attended(s, (C.T_ATTENDING,), (C.R_WITNESS, C.R_SUSPECT, C.R_CALLER), 0.75)
        if not opts:
            return None
        tk, o, nom = opts[int(rng.integers(len(opts)))]
        d0 = int((w.tk_end[tk] + int(rng.uniform(1.6, 4.0) * DAY)) // DAY)
        sits = self.spread(s, nom, d0, d0 + 14, int(rng.integers(2, 6)), p_off=0.35)
        if len(sits) < 2:
            return None
        n = 0
        for i, (t, off) in enumerate(sits):
            n += self.episode(
                tag, s, t, off, nom, occ=o, p_search=0.4, p_occ=0.3, p_pnc=1.0 if i == 0 else 0.3
            )
        role = "witness/suspect/caller"
        for r in range(w.occ_on_start[o], w.occ_on_start[o] + w.occ_on_count[o]):
            if w.on_nom[r] == nom:
                role = C.ON_ROLES[w.on_role[r]]
        return {
            "_victims": [nom],
            "description": (
                f"Attended {C.CAT_NAMES[w.occ_cat[o]]} occurrence {self.oref(o)} briefly; in the "
                f"following days looked up the female {role} {self.nid(nom)} incl. a national lookup "
                f"for her details; {n} events."
            ),
        }

    def _p_low_and_slow(self, s: int, tag: int) -> dict[str, Any] | None:
        w, rng, org = self.w, self.rng, self.org
        if rng.random() < 0.5:
            pool = self.fem_da
        else:
            pool = self.fem_adult[w.nom_district[self.fem_adult] == org.home_district[s]]
        if len(pool) == 0:
            return None
        nom = int(rng.choice(pool))
        if nom in self.used_victims:
            return None
        sits: list[tuple[int, bool]] = []
        for wk in range(0, self.days, 7):
            k = min(max(int(rng.poisson(1.3)), 1 if self.days < 35 else 0), 2)
            sits += self.spread(s, nom, wk, wk + 7, k, p_off=0.2)
        if len(sits) < min(3, 1 + self.days // 7):
            return None
        n = sum(
            self.episode(tag, s, t, off, nom, p_search=0.0, views=(1, 1), p_occ=0.0)
            for t, off in sits
        )
        return {
            "_victims": [nom],
            "description": (
                f"Single views of {self.nid(nom)} about once or twice a week across the period "
                f"({len(sits)} sittings, {n} events), no work link."
            ),
        }

    # -------------------------------------------------------------- legitimate look-alikes
    def lookalikes(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        w, rng, org = self.w, self.rng, self.org
        # 1. analyst building a problem profile of sex work / exploitation: many vulnerable women
        analysts = [
            s
            for s in self.candidates((C.U_INTEL,), (C.POLICE_STAFF,), 0.5)
            if org.role_names[org.post_a.role[s]]
            in ("intelligence_analyst", "intelligence_researcher")
        ]
        pool = np.flatnonzero(
            ((w.nom_markers & (C.M_SW | C.M_SUB | C.M_MS)) != 0)
            & (w.nom_sex == 0)
            & (self.age >= 18)
        )
        for s in analysts[: max(1, org.n // 2500)]:
            if len(pool) < 10:
                break
            worked = np.flatnonzero(self.roster.worked[s])
            if len(worked) < 5:
                continue
            d_start = int(rng.choice(worked[: max(1, len(worked) - 5)]))
            days_ = worked[(worked >= d_start)][: int(rng.integers(5, 9))]
            women = rng.choice(pool, size=min(len(pool), int(rng.integers(25, 61))), replace=False)
            n = 0
            for i, v in enumerate(women):
                t = self.duty_time(s, int(days_[i % len(days_)]))
                if t is None:
                    continue
                n += self.episode(
                    -1,
                    s,
                    t,
                    False,
                    int(v),
                    p_search=0.8,
                    queries=(Q_SURNAME, Q_FULL),
                    views=(1, 2),
                    p_occ=0.3,
                    src=C.SRC_REMIT,
                )
            self.used_staff.add(s)
            out.append(
                {
                    "staff_id": org.staff_ids[s],
                    "kind": "analyst_problem_profile",
                    "description": f"Intelligence analyst viewing {len(women)} women with sex-work/"
                    f"exploitation markers over {len(days_)} working days for a problem profile "
                    f"(unit remit); {n} events.",
                }
            )
        # 2. long safeguarding / OIC case: a DA victim viewed many times, some out of hours
        long_tk = np.flatnonzero(
            np.isin(w.tk_role, [C.T_SAFEGUARDING, C.T_OIC])
            & (w.occ_cat[w.tk_occ] == C.C_DA)
            & (w.tk_start < 0.35 * self.end)
        )
        got = 0
        for tk in rng.permutation(long_tk):
            if got >= max(1, org.n // 1500):
                break
            s = int(w.tk_staff[tk])
            if s in self.used_staff or org.move_day[s] != NO_DAY:
                continue
            o = int(w.tk_occ[tk])
            victims = [
                int(w.on_nom[r])
                for r in range(w.occ_on_start[o], w.occ_on_start[o] + w.occ_on_count[o])
                if w.on_role[r] == C.R_VICTIM
            ]
            if not victims:
                continue
            nom = victims[0]
            st = int(w.tk_start[tk])
            en = min(self.end, st + int(rng.integers(30, 60)) * DAY)
            w.tk_end[tk] = OPEN if en >= self.end else en
            if w.occ_closed[o] != OPEN and w.occ_closed[o] < en:
                w.occ_closed[o] = OPEN if en >= self.end else en
                for x in self.occ_taskings(o):
                    if w.tk_role[x] in (C.T_OIC, C.T_SUPERVISOR):
                        w.tk_end[x] = w.occ_closed[o]
            k = int(rng.integers(15, 36))
            n = 0
            for d in np.sort(rng.integers(st // DAY + 1, max(st // DAY + 2, en // DAY), size=k)):
                got_t = self.when(s, int(d), 0.3)
                if got_t is None or got_t[0] >= en or got_t[0] <= st:
                    continue
                n += self.episode(
                    -1, s, got_t[0], got_t[1], nom, occ=o, p_search=0.1, p_occ=0.5, src=C.SRC_TASKED
                )
            self.used_staff.add(s)
            got += 1
            out.append(
                {
                    "staff_id": org.staff_ids[s],
                    "kind": "long_case_many_views",
                    "description": f"{C.OS_ROLES[w.tk_role[tk]]} on high-risk DA occurrence "
                    f"{self.oref(o)}: viewed victim {self.nid(nom)} on {k} days incl. out of hours, "
                    f"all inside the tasking; {n} events.",
                }
            )
        # 3. sergeant reviewing the team's DA cases during unrostered overtime
        sgts = np.flatnonzero(
            (org.rclass == 1)
            & np.isin(org.post_a.unit, [C.U_RESP, C.U_PVP])
            & (org.move_day == NO_DAY)
        )
        for s in rng.permutation(sgts)[:8]:
            s = int(s)
            if s in self.used_staff:
                continue
            team = org.post_a.team[s]
            tks = [
                int(t)
                for t in np.flatnonzero(
                    (org.post_a.team[w.tk_staff] == team)
                    & (w.occ_cat[w.tk_occ] == C.C_DA)
                    & (w.tk_role == C.T_OIC)
                )
            ]
            n = 0
            for tk in tks[:6]:
                o = int(w.tk_occ[tk])
                vic = [
                    int(w.on_nom[r])
                    for r in range(w.occ_on_start[o], w.occ_on_start[o] + w.occ_on_count[o])
                    if w.on_role[r] == C.R_VICTIM
                ]
                st, en = int(w.tk_start[tk]), int(w.tk_end[tk])
                en = self.end if en == OPEN else en
                if not vic or en - st < DAY:
                    continue
                t = self.off_time(s, int((st + (en - st) // 2) // DAY))
                if t is None or not (st < t < en):
                    continue
                n += self.episode(
                    -1, s, t, True, vic[0], occ=o, p_search=0.0, p_occ=0.8, src=C.SRC_SUPERVISION
                )
            if n:
                self.used_staff.add(s)
                out.append(
                    {
                        "staff_id": org.staff_ids[s],
                        "kind": "supervisor_off_roster_review",
                        "description": f"Team sergeant reviewing team members' DA cases (victims' "
                        f"records) outside rostered hours; {n} events, explained by supervision.",
                    }
                )
                break
        # 4. court preparation after the occurrence closed (naturally occurring)
        cp = np.flatnonzero(
            (w.tk_role == C.T_COURT)
            & (w.occ_closed[w.tk_occ] != OPEN)
            & (w.tk_start > w.occ_closed[w.tk_occ])
        )
        for tk in cp[:2]:
            s = int(w.tk_staff[tk])
            out.append(
                {
                    "staff_id": org.staff_ids[s],
                    "kind": "court_prep_after_closure",
                    "description": f"Court preparation tasking on {self.oref(int(w.tk_occ[tk]))} starts after "
                    "the occurrence closed; views of its people after closure are legitimate.",
                }
            )
        # 5. on-call detectives called out at night (no roster row)
        for s in list(dict.fromkeys(self.roster.x_staff))[:2]:
            out.append(
                {
                    "staff_id": org.staff_ids[s],
                    "kind": "on_call_callout",
                    "description": "On-call detective called out at night to a serious crime; accesses "
                    "outside any rostered shift, explained by the OIC tasking that starts then.",
                }
            )
        # 6. staff whose roster is missing for a week or two
        for s in self.roster.gap_staff[:2]:
            out.append(
                {
                    "staff_id": org.staff_ids[int(s)],
                    "kind": "missing_roster_weeks",
                    "description": "Worked normally but one to two weeks of shifts are missing from "
                    "shifts.csv; their accesses in that time are on duty.",
                }
            )
        return out


def plan_abuse(
    org: Org, roster: Roster, world: World, rng: np.random.Generator, force: str, start: dt.date
) -> Plan:
    p = Planner(org, roster, world, rng, force, start)
    n = n_abusers_for(org.n)
    order: list[str] = []
    while len(order) < n:
        order.extend(rng.permutation(PATTERNS).tolist())
    order = order[:n]
    # look-alikes first: they may lengthen taskings, which the abuse checks must see
    lookalikes = p.lookalikes()
    abusers: list[dict[str, Any]] = []
    failed: list[str] = []
    for pattern in order:
        entry = p.plan(pattern, len(abusers))
        if entry is None:
            failed.append(pattern)
            continue
        abusers.append(entry)
    ev = EventBatch.from_rows(p.rows)
    ev = ev.take(np.argsort(ev.ts, kind="stable"))
    return Plan(events=ev, abusers=abusers, lookalikes=lookalikes, failed=failed)
