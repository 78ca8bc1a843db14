"""Legitimate access events, generated day by day with numpy.

Each staff member's worked windows produce *interactions* (look a person up, read an
occurrence, check a vehicle...). Each interaction has a source that explains it (a tasking,
supervision of the team, the unit's remit, the district briefing, a PNC check, noise, or
non-person work) and expands into one to six audit events (search, view, update...).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import numpy.typing as npt

from custodiet.simulate import constants as C
from custodiet.simulate.org import Org
from custodiet.simulate.roster import DAY, Roster
from custodiet.simulate.world import OPEN, World, csr

I8 = npt.NDArray[np.int8]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

SRC_UNKNOWN = 7
SRC_ABUSE = 8
SRC_LABELS = (*C.SRC_NAMES, "unknown_account", "abuse")

# query kinds
Q_NONE, Q_FULL, Q_COMMA, Q_INIT_YEAR, Q_SURNAME, Q_NOMID, Q_OCCREF, Q_VRM, Q_TYPO, Q_FREE, Q_PNC = (
    range(11)
)
NAME_QUERIES = np.array([Q_FULL, Q_COMMA, Q_INIT_YEAR, Q_SURNAME, Q_NOMID], dtype=np.int8)
NAME_QUERY_P = np.array([0.3, 0.2, 0.2, 0.15, 0.15])

# interaction kinds
K_NOM, K_OCC, K_CUST, K_VEH, K_INTEL, K_LOC, K_DOC, K_TYPO, K_PNCP = range(9)
K_CREATE_OCC, K_CREATE_CUST, K_UPDATE_OCC = range(9, 12)
N_KINDS = 12

# slot: action, entity type, entity source, query source, probability, modifier
_T, _R, _N, _NONE_ = "tgt", "rel", "reln", "none"
SLOTS: dict[int, tuple[tuple[int, int, str, str, float, str], ...]] = {
    K_NOM: (
        (C.A_SEARCH, C.E_NOMINAL, _NONE_, "name", 0.45, ""),
        (C.A_VIEW, C.E_NOMINAL, _T, "", 1.0, ""),
        (C.A_VIEW, C.E_NOMINAL, _T, "", 0.25, ""),
        (C.A_VIEW, C.E_OCCURRENCE, _R, "", 0.35, ""),
        (C.A_UPDATE, C.E_NOMINAL, _T, "", 0.10, "upd"),
        (C.A_PRINT, C.E_NOMINAL, _T, "", 0.01, ""),
    ),
    K_OCC: (
        (C.A_SEARCH, C.E_OCCURRENCE, _NONE_, "occref", 0.15, ""),
        (C.A_VIEW, C.E_OCCURRENCE, _T, "", 1.0, ""),
        (C.A_VIEW, C.E_OCCURRENCE, _T, "", 0.3, ""),
        (C.A_UPDATE, C.E_OCCURRENCE, _T, "", 0.3, "upd"),
        (C.A_VIEW, C.E_NOMINAL, _N, "", 0.25, "involve"),
        (C.A_PRINT, C.E_OCCURRENCE, _T, "", 0.015, ""),
    ),
    K_CUST: (
        (C.A_VIEW, C.E_CUSTODY, _T, "", 1.0, ""),
        (C.A_UPDATE, C.E_CUSTODY, _T, "", 0.5, ""),
        (C.A_VIEW, C.E_NOMINAL, _N, "", 0.3, ""),
    ),
    K_VEH: (
        (C.A_SEARCH, C.E_VEHICLE, _NONE_, "vrm", 0.9, ""),
        (C.A_VIEW, C.E_VEHICLE, _T, "", 0.8, ""),
    ),
    K_INTEL: (
        (C.A_SEARCH, C.E_INTEL, _NONE_, "free", 0.7, ""),
        (C.A_VIEW, C.E_INTEL, _T, "", 1.0, ""),
        (C.A_VIEW, C.E_INTEL, "tgt2", "", 0.5, ""),
        (C.A_CREATE, C.E_INTEL, "new", "", 0.04, ""),
        (C.A_EXPORT, C.E_INTEL, _T, "", 0.01, ""),
    ),
    K_LOC: ((C.A_VIEW, C.E_LOCATION, _T, "", 1.0, ""), (C.A_VIEW, C.E_LOCATION, _T, "", 0.3, "")),
    K_DOC: (
        (C.A_VIEW, C.E_OTHER, _T, "", 1.0, ""),
        (C.A_UPDATE, C.E_OTHER, _T, "", 0.15, ""),
        (C.A_PRINT, C.E_OTHER, _T, "", 0.03, ""),
    ),
    K_TYPO: ((C.A_SEARCH, C.E_NOMINAL, _NONE_, "typo", 1.0, ""),),
    K_PNCP: (
        (C.A_SEARCH, C.E_NOMINAL, _NONE_, "pnc", 1.0, ""),
        (C.A_VIEW, C.E_NOMINAL, _T, "", 0.85, ""),
    ),
    K_CREATE_OCC: (
        (C.A_CREATE, C.E_OCCURRENCE, _T, "", 1.0, ""),
        (C.A_UPDATE, C.E_OCCURRENCE, _T, "", 0.5, ""),
    ),
    K_CREATE_CUST: (
        (C.A_CREATE, C.E_CUSTODY, _T, "", 1.0, ""),
        (C.A_VIEW, C.E_NOMINAL, _N, "", 0.9, ""),
    ),
    K_UPDATE_OCC: ((C.A_UPDATE, C.E_OCCURRENCE, _T, "", 1.0, ""),),
}
EVENTS_PER_INTERACTION = 2.0

# which systems can hold which entity type; default system per entity type
_COMPAT = np.zeros((7, C.AUDITED_SYSTEMS), dtype=bool)
for _e, _ss in {
    C.E_NOMINAL: (C.S_RMS, C.S_PNC, C.S_INTEL, C.S_CUST),
    C.E_OCCURRENCE: (C.S_RMS, C.S_CAD),
    C.E_CUSTODY: (C.S_CUST,),
    C.E_INTEL: (C.S_INTEL,),
    C.E_VEHICLE: (C.S_PNC,),
    C.E_LOCATION: (C.S_RMS, C.S_CAD),
    C.E_OTHER: (C.S_RMS, C.S_CAD),
}.items():
    _COMPAT[_e, list(_ss)] = True
_DEFAULT_SYS = np.array([C.S_RMS, C.S_RMS, C.S_CUST, C.S_INTEL, C.S_PNC, C.S_RMS, C.S_RMS], np.int8)

BIG = np.int64(1) << np.int64(40)


@dataclass
class EventBatch:
    ts: I64
    staff: I32
    system: I8
    action: I8
    etype: I8
    entity: I64
    qkind: I8
    qref: I64
    ws: I32
    tag: I32
    src: I8

    def __len__(self) -> int:
        return len(self.ts)

    @staticmethod
    def empty() -> EventBatch:
        return EventBatch(**{f.name: np.zeros(0, dtype=_DT[f.name]) for f in fields(EventBatch)})

    @staticmethod
    def concat(batches: list[EventBatch]) -> EventBatch:
        batches = [b for b in batches if len(b)]
        if not batches:
            return EventBatch.empty()
        return EventBatch(
            **{
                f.name: np.concatenate([getattr(b, f.name) for b in batches]).astype(_DT[f.name])
                for f in fields(EventBatch)
            }
        )

    def take(self, idx: npt.NDArray[Any]) -> EventBatch:
        return EventBatch(**{f.name: getattr(self, f.name)[idx] for f in fields(EventBatch)})

    @staticmethod
    def from_rows(rows: Sequence[tuple[int, ...]]) -> EventBatch:
        """Rows of (ts, staff, system, action, etype, entity, qkind, qref, ws, tag, src)."""
        if not rows:
            return EventBatch.empty()
        arr = np.array(rows, dtype=np.int64)
        names = [f.name for f in fields(EventBatch)]
        return EventBatch(**{k: arr[:, i].astype(_DT[k]) for i, k in enumerate(names)})


_DT: dict[str, Any] = {
    "ts": np.int64,
    "staff": np.int32,
    "system": np.int8,
    "action": np.int8,
    "etype": np.int8,
    "entity": np.int64,
    "qkind": np.int8,
    "qref": np.int64,
    "ws": np.int32,
    "tag": np.int32,
    "src": np.int8,
}


@dataclass
class Interactions:
    t0: I64
    staff: I32
    kind: I8
    target: I64
    rel: I64
    src: I8
    sys: I8
    ws: I32

    def __len__(self) -> int:
        return len(self.t0)

    @staticmethod
    def concat(items: list[Interactions]) -> Interactions:
        items = [i for i in items if len(i)]
        if not items:
            z = np.zeros(0, dtype=np.int64)
            return Interactions(
                z,
                z.astype(np.int32),
                z.astype(np.int8),
                z,
                z,
                z.astype(np.int8),
                z.astype(np.int8),
                z.astype(np.int32),
            )
        return Interactions(
            *(
                np.concatenate([getattr(i, f.name) for i in items]).astype(
                    getattr(items[0], f.name).dtype
                )
                for f in fields(Interactions)
            )
        )


class EventModel:
    """Everything needed to generate one day of legitimate activity."""

    def __init__(self, org: Org, roster: Roster, world: World, seed: int, scale: float) -> None:
        self.org, self.roster, self.world = org, roster, world
        self.seed = seed
        self.scale = scale
        self.n_d = org.n_districts
        w = world
        n = org.n
        self.n_vehicles = max(20_000, n * 40)
        self.n_intel = max(10_000, n * 25)
        self.n_docs = max(50_000, n * 200)
        self.n_locs = max(20_000, n * 80)
        # long taskings, by staff
        long_ = ~np.isin(w.tk_role, C.SHORT_TASKINGS)
        self.tl = np.flatnonzero(long_)
        self.tl = self.tl[np.argsort(w.tk_staff[self.tl], kind="stable")]
        self.tl_start = w.tk_start[self.tl]
        self.tl_end = np.where(w.tk_end[self.tl] == OPEN, np.int64(1) << 50, w.tk_end[self.tl])
        # all taskings, by start
        self.ts_order = np.argsort(w.tk_start, kind="stable")
        self.ts_sorted = w.tk_start[self.ts_order]
        # occurrences by district and opening
        odk = w.occ_district.astype(np.int64) * BIG + w.occ_opened
        self.od_order = np.argsort(odk, kind="stable")
        self.od_key = odk[self.od_order]
        # public-protection remit rows (victims / subjects of PVP categories)
        on_cat = w.occ_cat[w.on_occ]
        pv = np.flatnonzero(
            np.isin(on_cat, list(C.PVP_CATEGORIES)) & np.isin(w.on_role, [C.R_VICTIM, C.R_OTHER])
        )
        pk = w.occ_district[w.on_occ[pv]].astype(np.int64) * BIG + w.occ_opened[w.on_occ[pv]]
        o = np.argsort(pk, kind="stable")
        self.pvp_rows, self.pvp_key = pv[o], pk[o]
        # suspects by district and opening
        su = np.flatnonzero(w.on_role == C.R_SUSPECT)
        sk = w.occ_district[w.on_occ[su]].astype(np.int64) * BIG + w.occ_opened[w.on_occ[su]]
        o = np.argsort(sk, kind="stable")
        self.su_rows, self.su_key = su[o], sk[o]
        # custody by suite and booking-in
        ck = w.cu_suite.astype(np.int64) * BIG + w.cu_in
        self.cu_order = np.argsort(ck, kind="stable")
        self.cu_key = ck[self.cu_order]
        # nominal sampling groups (district x sex x child) for stop checks
        age = 2026 - w.nom_birth.astype(np.int32)
        g = (w.nom_district.astype(np.int32) * 3 + w.nom_sex) * 2 + (age < 18)
        self.g_order, self.g_start, self.g_count = csr(g.astype(np.int32), (self.n_d + 1) * 6)
        victim = np.zeros(w.n_nominals, dtype=bool)
        victim[w.on_nom[w.on_role == C.R_VICTIM]] = True
        self.plain = np.flatnonzero(((w.nom_markers & C.VULNERABLE_BITS) == 0) & ~victim).astype(
            np.int32
        )
        if len(self.plain) == 0:
            self.plain = np.arange(w.n_nominals, dtype=np.int32)
        # extra (call-out) windows by day
        xs = np.array(roster.x_staff, dtype=np.int32)
        xa = np.array(roster.x_start, dtype=np.int64)
        xb = np.array(roster.x_end, dtype=np.int64)
        o = np.argsort(xa, kind="stable")
        self.x_staff, self.x_start, self.x_end = xs[o], xa[o], xb[o]
        # source mix by unit and rank class (supervisors take over part of the tasked work)
        mix = np.zeros((C.N_UNITS, 3, 7))
        for u in range(C.N_UNITS):
            for rc, share in ((0, 0.0), (1, 0.4), (2, 0.6)):
                row = np.array(C.SOURCE_MIX[u], dtype=float)
                moved = row[C.SRC_TASKED] * share
                row[C.SRC_TASKED] -= moved
                row[C.SRC_SUPERVISION] += moved
                mix[u, rc] = np.cumsum(row / row.sum())
        self.mix = mix
        # unknown / generic accounts and their workstations
        base = org.ws_names.index("HQ-TRN01")
        self.ws_train = np.arange(base, base + 3, dtype=np.int32)
        self.ws_shared = base + 3
        self.ws_app = base + 4
        self.acc_training, self.acc_control, self.acc_batch = n, n + 1, n + 2

    # ------------------------------------------------------------------ helpers
    def participant(self, occ: I64, u: F64, roles: tuple[int, ...] | None = None) -> I64:
        """A random person on each occurrence (optionally of the given roles), else -1."""
        w = self.world
        cnt = w.occ_on_count[occ]
        row = w.occ_on_start[occ] + (u * cnt).astype(np.int64)
        row = np.minimum(row, len(w.on_nom) - 1)
        nom = np.where(cnt > 0, w.on_nom[np.maximum(row, 0)], -1).astype(np.int64)
        if roles is not None and len(nom):
            ok = np.isin(w.on_role[np.maximum(row, 0)], roles)
            nom = np.where(ok, nom, -1)
        return nom

    def _range_pick(self, keys: I64, lo_key: I64, hi_key: I64, u: F64) -> I64:
        lo = np.searchsorted(keys, lo_key, side="left")
        hi = np.searchsorted(keys, hi_key, side="right")
        cnt = hi - lo
        pick = lo + (u * cnt).astype(np.int64)
        return np.where(cnt > 0, pick, -1)

    def workstation(
        self, rng: np.random.Generator, staff: I32, district: npt.NDArray[np.int8]
    ) -> I32:
        org = self.org
        u = rng.random(len(staff))
        site = np.minimum(district.astype(np.int64), self.n_d)
        rand_ws = org.site_ws_start[site] + (
            rng.random(len(staff)) * org.site_ws_count[site]
        ).astype(np.int64)
        return np.where(
            u < 0.75, org.primary_ws[staff], np.where(u < 0.9, org.secondary_ws[staff], rand_ws)
        ).astype(np.int32)

    def choose_system(self, rng: np.random.Generator, kind: I8, unit: I8) -> I8:
        n = len(kind)
        u = rng.random(n)
        sys = np.full(n, C.S_RMS, dtype=np.int8)
        nom = kind == K_NOM
        intel_u = unit == C.U_INTEL
        cust_u = unit == C.U_CUSTODY
        ctrl_u = unit == C.U_CONTROL
        sys[nom & (u < 0.08) & ~intel_u & ~cust_u] = C.S_PNC
        sys[nom & (u >= 0.96) & ~intel_u & ~cust_u] = C.S_INTEL
        sys[nom & intel_u & (u < 0.45)] = C.S_INTEL
        sys[nom & cust_u & (u < 0.4)] = C.S_CUST
        occ = kind == K_OCC
        front = np.isin(unit, [C.U_RESP, C.U_NBH, C.U_ROADS])
        sys[occ & ctrl_u & (u < 0.9)] = C.S_CAD
        sys[occ & front & (u < 0.35)] = C.S_CAD
        sys[np.isin(kind, [K_CUST, K_CREATE_CUST])] = C.S_CUST
        sys[np.isin(kind, [K_VEH, K_PNCP])] = C.S_PNC
        sys[kind == K_INTEL] = C.S_INTEL
        other = np.isin(kind, [K_LOC, K_DOC])
        sys[other & ((ctrl_u & (u < 0.8)) | (~ctrl_u & (u < 0.2)))] = C.S_CAD
        sys[(kind == K_TYPO) & (u < 0.2)] = C.S_PNC
        sys[(kind == K_CREATE_OCC) & ctrl_u] = C.S_CAD
        return sys

    # ------------------------------------------------------------------ one day
    def day(self, d: int) -> tuple[EventBatch, dict[str, int]]:
        rng = np.random.default_rng([self.seed, 7, d])
        org, roster, w = self.org, self.roster, self.world
        post = org.posting_on(d)
        n_d = self.n_d
        day0 = np.int64(d) * DAY

        # ---- worked windows and call-outs
        s = np.flatnonzero(roster.worked[:, d]).astype(np.int32)
        ws, we = roster.window(s, np.full(len(s), d, dtype=np.int32))
        std = np.maximum(roster.dur_min[s, d].astype(np.int64) * 60, 3600)
        lo, hi = np.searchsorted(self.x_start, [day0, day0 + DAY])
        xs = self.x_staff[lo:hi]
        s_all = np.concatenate([s, xs])
        ws_all = np.concatenate([ws, self.x_start[lo:hi]])
        we_all = np.concatenate([we, self.x_end[lo:hi]])
        std_all = np.concatenate([std, np.full(len(xs), 9 * 3600, dtype=np.int64)])
        lam = post.rate[s_all] * self.scale * (we_all - ws_all) / std_all / EVENTS_PER_INTERACTION
        n_i = rng.poisson(np.maximum(lam, 0))
        staff = np.repeat(s_all, n_i).astype(np.int32)
        a = np.repeat(ws_all, n_i)
        b = np.repeat(we_all, n_i)
        t0 = a + (rng.random(len(staff)) * (b - a)).astype(np.int64)
        n = len(staff)
        unit = post.unit[staff]
        rcl = org.rclass[staff]
        cum = self.mix[unit, rcl]
        src = (rng.random(n)[:, None] > cum).sum(axis=1).astype(np.int8)
        src = np.minimum(src, 6).astype(np.int8)
        kind = np.full(n, -1, dtype=np.int8)
        target = np.zeros(n, dtype=np.int64)
        rel = np.full(n, -1, dtype=np.int64)

        # active long taskings today, grouped by staff and by team
        act = (self.tl_start < day0) & (self.tl_end > day0 + DAY + 9 * 3600)
        active = self.tl[act]
        tcount = np.bincount(w.tk_staff[active], minlength=org.n)
        toff = np.concatenate([[0], np.cumsum(tcount)[:-1]])
        a_team = post.team[w.tk_staff[active]]
        n_teams = len(org.team_names)
        t_order, t_start, t_count = csr(a_team, n_teams)

        def set_occ_or_nom(idx: npt.NDArray[np.int64], occ: I64, p_nom: float) -> None:
            u = rng.random(len(idx))
            nom = self.participant(occ, rng.random(len(idx)))
            as_nom = (u < p_nom) & (nom >= 0)
            kind[idx] = np.where(as_nom, K_NOM, K_OCC)
            target[idx] = np.where(as_nom, nom, occ)
            rel[idx] = occ

        # ---- tasked
        idx = np.flatnonzero(src == C.SRC_TASKED)
        cnt = tcount[staff[idx]]
        ok = cnt > 0
        idx = idx[ok]
        row = active[toff[staff[idx]] + (rng.random(len(idx)) * cnt[ok]).astype(np.int64)]
        set_occ_or_nom(idx, w.tk_occ[row].astype(np.int64), 0.55)

        # ---- supervision of the team's work
        idx = np.flatnonzero(src == C.SRC_SUPERVISION)
        tm = post.team[staff[idx]]
        cnt = t_count[tm]
        ok = cnt > 0
        idx, tm = idx[ok], tm[ok]
        row = active[t_order[t_start[tm] + (rng.random(len(idx)) * cnt[ok]).astype(np.int64)]]
        set_occ_or_nom(idx, w.tk_occ[row].astype(np.int64), 0.3)

        # ---- remit
        r = src == C.SRC_REMIT
        dist = post.district[staff].astype(np.int64)
        dist = np.where(dist >= n_d, rng.integers(0, n_d, size=n), dist)
        # public protection: victims in the district over the last 60 days
        idx = np.flatnonzero(r & (unit == C.U_PVP))
        if len(idx) and len(self.pvp_rows):
            k = dist[idx] * BIG
            pick = self._range_pick(
                self.pvp_key, k + t0[idx] - 60 * DAY, k + t0[idx], rng.random(len(idx))
            )
            ok = pick >= 0
            idx, pick = idx[ok], pick[ok]
            rows = self.pvp_rows[pick]
            as_nom = rng.random(len(idx)) < 0.7
            kind[idx] = np.where(as_nom, K_NOM, K_OCC)
            target[idx] = np.where(as_nom, w.on_nom[rows], w.on_occ[rows])
            rel[idx] = w.on_occ[rows]
        # custody: detainees in the suite now
        idx = np.flatnonzero(r & (unit == C.U_CUSTODY))
        if len(idx) and len(self.cu_order):
            k = post.district[staff[idx]].astype(np.int64) * BIG
            pick = self._range_pick(
                self.cu_key, k + t0[idx] - 36 * 3600, k + t0[idx], rng.random(len(idx))
            )
            ok = pick >= 0
            cu = self.cu_order[np.maximum(pick, 0)]
            ok &= w.cu_out[cu] + 1800 >= t0[idx]
            idx, cu = idx[ok], cu[ok]
            as_cu = rng.random(len(idx)) < 0.6
            kind[idx] = np.where(as_cu, K_CUST, K_NOM)
            target[idx] = np.where(as_cu, cu, w.cu_nom[cu])
            rel[idx] = np.where(as_cu, w.cu_nom[cu], w.cu_occ[cu])
        # control room: live incidents force-wide
        idx = np.flatnonzero(r & (unit == C.U_CONTROL))
        if len(idx):
            pick = self._range_pick(
                w.occ_opened, t0[idx] - 12 * 3600, t0[idx], rng.random(len(idx))
            )
            ok = pick >= 0
            idx, pick = idx[ok], pick[ok]
            set_occ_or_nom(idx, pick, 0.25)
        # intelligence and PSD: broad remit
        idx = np.flatnonzero(r & np.isin(unit, [C.U_INTEL, C.U_PSD]))
        if len(idx):
            u = rng.random(len(idx))
            hi_occ = np.searchsorted(w.occ_opened, t0[idx])
            any_occ = (rng.random(len(idx)) * hi_occ).astype(np.int64)
            susp = (
                w.on_nom[
                    self.su_rows[
                        rng.integers(0, max(1, len(self.su_rows)), size=len(idx))
                        % max(1, len(self.su_rows))
                    ]
                ]
                if len(self.su_rows)
                else rng.integers(0, w.n_nominals, size=len(idx))
            )
            anyn = rng.integers(0, w.n_nominals, size=len(idx))
            intel = unit[idx] == C.U_INTEL
            k_ = np.where(
                intel,
                np.where(
                    u < 0.4, K_NOM, np.where(u < 0.55, K_NOM, np.where(u < 0.8, K_INTEL, K_OCC))
                ),
                np.where(u < 0.5, K_OCC, np.where(u < 0.8, K_NOM, K_DOC)),
            )
            tg = np.where(
                intel,
                np.where(
                    u < 0.4,
                    susp,
                    np.where(
                        u < 0.55,
                        anyn,
                        np.where(u < 0.8, rng.integers(0, self.n_intel, size=len(idx)), any_occ),
                    ),
                ),
                np.where(
                    u < 0.5,
                    any_occ,
                    np.where(u < 0.8, anyn, rng.integers(0, self.n_docs, size=len(idx))),
                ),
            )
            has_occ = hi_occ > 0
            k_ = np.where((k_ == K_OCC) & ~has_occ, K_DOC, k_)
            kind[idx] = k_
            target[idx] = tg
            rel[idx] = np.where(k_ == K_OCC, tg, -1)

        # ---- district briefing
        idx = np.flatnonzero(src == C.SRC_BRIEFING)
        if len(idx):
            k = dist[idx] * BIG
            u = rng.random(len(idx))
            occ_pick = self._range_pick(
                self.od_key, k + t0[idx] - DAY, k + t0[idx], rng.random(len(idx))
            )
            su_pick = self._range_pick(
                self.su_key, k + t0[idx] - 7 * DAY, k + t0[idx], rng.random(len(idx))
            )
            use_su = (u < 0.2) & (su_pick >= 0)
            use_occ = ~use_su & (occ_pick >= 0)
            i1 = idx[use_occ]
            o1 = self.od_order[occ_pick[use_occ]]
            kind[i1] = K_OCC
            target[i1] = o1
            rel[i1] = o1
            i2 = idx[use_su]
            rows = self.su_rows[su_pick[use_su]]
            kind[i2] = K_NOM
            target[i2] = w.on_nom[rows]
            rel[i2] = w.on_occ[rows]

        # ---- PNC: vehicle checks and stop checks on people
        idx = np.flatnonzero(src == C.SRC_PNC)
        if len(idx):
            person = rng.random(len(idx)) < 0.12
            i1 = idx[~person]
            kind[i1] = K_VEH
            target[i1] = rng.integers(0, self.n_vehicles, size=len(i1))
            i2 = idx[person]
            male = rng.random(len(i2)) < 0.8
            g = (dist[i2] * 3 + np.where(male, 1, 0)) * 2
            cnt = self.g_count[g]
            pick = self.g_start[g] + (rng.random(len(i2)) * cnt).astype(np.int64)
            nom = np.where(
                cnt > 0,
                self.g_order[np.minimum(pick, len(self.g_order) - 1)],
                rng.integers(0, w.n_nominals, size=len(i2)),
            )
            kind[i2] = K_PNCP
            target[i2] = nom

        # ---- noise: records with no explanation in the data
        idx = np.flatnonzero(src == C.SRC_NOISE)
        if len(idx):
            typo = rng.random(len(idx)) < 0.4
            i1 = idx[~typo]
            plain = rng.random(len(i1)) < 0.85
            kind[i1] = K_NOM
            target[i1] = np.where(
                plain,
                self.plain[rng.integers(0, len(self.plain), size=len(i1))],
                rng.integers(0, w.n_nominals, size=len(i1)),
            )
            i2 = idx[typo]
            kind[i2] = K_TYPO
            target[i2] = rng.integers(0, 1 << 30, size=len(i2))

        # ---- everything else (and anything unresolved) is non-person work
        idx = np.flatnonzero(kind < 0)
        src[idx] = C.SRC_OTHER
        loc = rng.random(len(idx)) < 0.4
        kind[idx] = np.where(loc, K_LOC, K_DOC)
        target[idx] = np.where(
            loc,
            rng.integers(0, self.n_locs, size=len(idx)),
            rng.integers(0, self.n_docs, size=len(idx)),
        )

        base = Interactions(
            t0=t0,
            staff=staff,
            kind=kind,
            target=target,
            rel=rel,
            src=src,
            sys=self.choose_system(rng, kind, unit),
            ws=self.workstation(rng, staff, post.district[staff]),
        )
        direct = self._direct(rng, d, post)
        unknown = self._unknown(rng, d)
        inter = Interactions.concat([base, direct, unknown])
        events = self.expand(rng, inter)
        stats = {
            SRC_LABELS[k]: int(v)
            for k, v in enumerate(np.bincount(events.src, minlength=len(SRC_LABELS)))
        }
        return events, stats

    # ------------------------------------------------------------------ work that starts today
    def _direct(self, rng: np.random.Generator, d: int, post: Any) -> Interactions:
        w, org = self.world, self.org
        day0 = np.int64(d) * DAY
        parts: list[Interactions] = []
        sc = self.scale
        # taskings starting today
        lo, hi = np.searchsorted(self.ts_sorted, [day0, day0 + DAY])
        rows = self.ts_order[lo:hi]
        role = w.tk_role[rows]
        mean = np.where(role == C.T_ATTENDING, 3.5, np.where(role == C.T_CALL, 1.0, 2.0)) * sc
        k = rng.poisson(mean)
        r = np.repeat(rows, k)
        rl = np.repeat(role, k)
        st = w.tk_start[r]
        en = np.where(w.tk_end[r] == OPEN, st + 7200, w.tk_end[r])
        span = np.where(
            rl == C.T_ATTENDING, en - st + 1200, np.where(rl == C.T_CALL, en - st, 7200)
        )
        t0 = st + (rng.random(len(r)) * np.maximum(span, 60)).astype(np.int64)
        occ = w.tk_occ[r].astype(np.int64)
        u = rng.random(len(r))
        nom = self.participant(occ, rng.random(len(r)))
        p_nom = np.where(rl == C.T_ATTENDING, 0.6, np.where(rl == C.T_CALL, 0.4, 0.5))
        as_nom = (u < p_nom) & (nom >= 0)
        pncp = as_nom & (rl == C.T_ATTENDING) & (u < 0.12)
        kind = np.where(as_nom, np.where(pncp, K_PNCP, K_NOM), K_OCC).astype(np.int8)
        staff = w.tk_staff[r]
        unit = post.unit[staff]
        parts.append(
            Interactions(
                t0=t0,
                staff=staff,
                kind=kind,
                target=np.where(as_nom, nom, occ),
                rel=occ,
                src=np.full(len(r), C.SRC_TASKED, dtype=np.int8),
                sys=self.choose_system(rng, kind, unit),
                ws=self.workstation(rng, staff, post.district[staff]),
            )
        )
        # occurrences created today
        lo, hi = np.searchsorted(w.occ_opened, [day0, day0 + DAY])
        occ_today = np.arange(lo, hi, dtype=np.int64)
        cb = w.occ_created_by[occ_today]
        ok = cb >= 0
        occ_today, cb = occ_today[ok], cb[ok]
        kind = np.full(len(cb), K_CREATE_OCC, dtype=np.int8)
        parts.append(
            Interactions(
                t0=w.occ_opened[occ_today],
                staff=cb,
                kind=kind,
                target=occ_today,
                rel=occ_today,
                src=np.full(len(cb), C.SRC_TASKED, dtype=np.int8),
                sys=self.choose_system(rng, kind, post.unit[cb]),
                ws=self.workstation(rng, cb, post.district[cb]),
            )
        )
        # custody records opened today, and the custody officer's updates
        lo, hi = np.searchsorted(w.cu_in, [day0, day0 + DAY])
        cu = np.arange(lo, hi, dtype=np.int64)
        cu = cu[w.cu_staff[cu] >= 0]
        k = 1 + rng.poisson(2.0 * sc, size=len(cu))
        rr = np.repeat(cu, k)
        first = np.zeros(len(rr), dtype=bool)
        first[(np.cumsum(k) - k).astype(np.int64)] = True
        span = np.minimum(w.cu_out[rr] - w.cu_in[rr], 5 * 3600)
        t0 = np.where(
            first, w.cu_in[rr], w.cu_in[rr] + (rng.random(len(rr)) * span).astype(np.int64)
        )
        staff = w.cu_staff[rr]
        kind = np.where(first, K_CREATE_CUST, K_CUST).astype(np.int8)
        parts.append(
            Interactions(
                t0=t0,
                staff=staff,
                kind=kind,
                target=rr,
                rel=w.cu_nom[rr].astype(np.int64),
                src=np.full(len(rr), C.SRC_TASKED, dtype=np.int8),
                sys=np.full(len(rr), C.S_CUST, dtype=np.int8),
                ws=self.workstation(rng, staff, post.district[staff]),
            )
        )
        del org
        return Interactions.concat(parts)

    def _unknown(self, rng: np.random.Generator, d: int) -> Interactions:
        """Generic and shared accounts that are not in staff.csv."""
        w = self.world
        day0 = np.int64(d) * DAY
        f = max(0.25, self.org.n / 2000) * min(1.0, max(self.scale, 0.2))
        parts = []
        # shared control-room login
        k = int(rng.poisson(25 * f))
        t0 = day0 + rng.integers(0, DAY, size=k)
        pick = self._range_pick(w.occ_opened, t0 - 12 * 3600, t0, rng.random(k))
        ok = pick >= 0
        parts.append(self._acct(self.acc_control, t0[ok], K_OCC, pick[ok], C.S_CAD, self.ws_shared))
        # overnight batch updates
        k = int(rng.poisson(40 * f))
        t0 = day0 + 2 * 3600 + rng.integers(0, 2400, size=k)
        hi = int(np.searchsorted(w.occ_opened, day0))
        if hi > 0:
            tg = rng.integers(0, hi, size=k)
            parts.append(
                self._acct(self.acc_batch, np.sort(t0), K_UPDATE_OCC, tg, C.S_RMS, self.ws_app)
            )
        # training sessions: a fortnightly classroom day
        if d % 14 == 2:
            k = int(rng.poisson(80 * f))
            t0 = day0 + 9 * 3600 + 1800 + rng.integers(0, 6 * 3600, size=k)
            tg = rng.integers(0, w.n_nominals, size=k)
            ws = self.ws_train[rng.integers(0, len(self.ws_train), size=k)]
            it = self._acct(self.acc_training, t0, K_NOM, tg, C.S_RMS, 0)
            it.ws = ws.astype(np.int32)
            parts.append(it)
        return Interactions.concat(parts)

    def _acct(self, acct: int, t0: I64, kind: int, target: I64, sys: int, ws: int) -> Interactions:
        n = len(t0)
        return Interactions(
            t0=t0.astype(np.int64),
            staff=np.full(n, acct, dtype=np.int32),
            kind=np.full(n, kind, dtype=np.int8),
            target=target.astype(np.int64),
            rel=np.where(kind == K_OCC, target, -1).astype(np.int64),
            src=np.full(n, SRC_UNKNOWN, dtype=np.int8),
            sys=np.full(n, sys, dtype=np.int8),
            ws=np.full(n, ws, dtype=np.int32),
        )

    # ------------------------------------------------------------------ expansion to events
    def expand(self, rng: np.random.Generator, it: Interactions) -> EventBatch:
        w = self.world
        out: list[EventBatch] = []
        for kind, slots in SLOTS.items():
            idx = np.flatnonzero(it.kind == kind)
            if len(idx) == 0:
                continue
            tg = it.target[idx]
            rel = it.rel[idx]
            src = it.src[idx]
            reln = np.full(len(idx), -1, dtype=np.int64)
            if kind == K_OCC:
                reln = self.participant(tg, rng.random(len(idx)))
            elif kind in (K_CUST, K_CREATE_CUST):
                reln = w.cu_nom[tg].astype(np.int64)
            t = it.t0[idx]
            for j, (action, etype, ent, q, p, mod) in enumerate(slots):
                pp = np.full(len(idx), p)
                if mod == "upd":
                    pp = np.where(src == C.SRC_TASKED, p, p * 0.1)
                elif mod == "involve":
                    pp = np.where(
                        np.isin(src, [C.SRC_TASKED, C.SRC_SUPERVISION, C.SRC_REMIT]), p, 0.0
                    )
                inc = rng.random(len(idx)) < pp if p < 1.0 or mod else np.ones(len(idx), dtype=bool)
                if ent == _T:
                    entity = tg
                elif ent == _R:
                    entity = rel
                elif ent == _N:
                    entity = reln
                elif ent == "tgt2":
                    entity = rng.integers(0, self.n_intel, size=len(idx))
                elif ent == "new":
                    entity = self.n_intel + rng.integers(0, self.n_intel, size=len(idx))
                else:
                    entity = np.full(len(idx), -1, dtype=np.int64)
                if ent in (_R, _N):
                    inc &= entity >= 0
                sel = np.flatnonzero(inc)
                if len(sel) == 0:
                    continue
                qkind = np.zeros(len(sel), dtype=np.int8)
                qref = np.zeros(len(sel), dtype=np.int64)
                if q == "name":
                    qkind = rng.choice(NAME_QUERIES, size=len(sel), p=NAME_QUERY_P)
                    qref = tg[sel]
                elif q == "occref":
                    qkind[:] = Q_OCCREF
                    qref = tg[sel]
                elif q == "vrm":
                    qkind[:] = Q_VRM
                    qref = tg[sel]
                elif q == "typo":
                    qkind[:] = Q_TYPO
                    qref = tg[sel]
                elif q == "free":
                    qkind[:] = Q_FREE
                    qref = rng.integers(0, 1 << 30, size=len(sel))
                elif q == "pnc":
                    qkind[:] = Q_PNC
                    qref = tg[sel]
                sys = it.sys[idx[sel]]
                bad = ~_COMPAT[etype, sys]
                sys = np.where(bad, _DEFAULT_SYS[etype], sys).astype(np.int8)
                n = len(sel)
                out.append(
                    EventBatch(
                        ts=t[sel] + j * 20 + rng.integers(0, 25, size=n),
                        staff=it.staff[idx[sel]],
                        system=sys,
                        action=np.full(n, action, dtype=np.int8),
                        etype=np.full(n, etype, dtype=np.int8),
                        entity=entity[sel].astype(np.int64),
                        qkind=qkind.astype(np.int8),
                        qref=qref.astype(np.int64),
                        ws=it.ws[idx[sel]],
                        tag=np.full(n, -1, dtype=np.int32),
                        src=src[sel],
                    )
                )
        return EventBatch.concat(out)
