"""The people and events the force deals with: nominals, occurrences, taskings, custody."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from custodiet.simulate import constants as C
from custodiet.simulate.org import Org
from custodiet.simulate.roster import DAY, Roster

I8 = npt.NDArray[np.int8]
I16 = npt.NDArray[np.int16]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]

OCC_PER_STAFF_DAY = 0.15
OPEN = -1  # open-ended period / not closed


def csr(keys: I32 | I64, n: int) -> tuple[I64, I64, I64]:
    """Group row indices by key: (order, start, count) with rows order[start[k]:start[k]+count[k]]."""
    order = np.argsort(keys, kind="stable").astype(np.int64)
    count = np.bincount(keys, minlength=n).astype(np.int64)
    start = np.concatenate([[0], np.cumsum(count)[:-1]]).astype(np.int64)
    return order, start, count


@dataclass
class World:
    # nominals
    nom_sex: I8  # 0 F, 1 M, 2 unknown
    nom_birth: I16
    nom_district: I8  # n_districts = outside the force area
    nom_markers: I32
    nom_num: I64
    nom_fore: I16
    nom_sur: I16
    # occurrences (in order of opening)
    occ_opened: I64
    occ_closed: I64
    occ_cat: I8
    occ_district: I8
    occ_created_by: I32
    occ_num: I64
    occ_year: I16
    # occurrence_nominals, sorted by occurrence
    on_occ: I32
    on_nom: I32
    on_role: I8
    occ_on_start: I64
    occ_on_count: I64
    # taskings (occurrence_staff)
    tk_occ: I32
    tk_staff: I32
    tk_role: I8
    tk_start: I64
    tk_end: I64  # OPEN = open-ended
    # custody
    cu_nom: I32
    cu_staff: I32
    cu_suite: I8
    cu_in: I64
    cu_out: I64
    cu_occ: I32
    cu_num: I64

    @property
    def n_nominals(self) -> int:
        return len(self.nom_sex)

    @property
    def n_occ(self) -> int:
        return len(self.occ_opened)


class _DutyIndex:
    """Who is on duty around one day, grouped by (unit, district, rank class)."""

    def __init__(self, org: Org, roster: Roster, day: int, n_d: int) -> None:
        staff_l, ws_l, we_l, key_l = [], [], [], []
        for dd in (day - 1, day):
            if dd < 0 or dd >= roster.days:
                continue
            s = np.flatnonzero(roster.worked[:, dd]).astype(np.int32)
            ws, we = roster.window(s, np.full(len(s), dd, dtype=np.int32))
            post = org.posting_on(dd)
            staff_l.append(s)
            ws_l.append(ws)
            we_l.append(we)
            key_l.append(group_key(post.unit[s], post.district[s], org.rclass[s], n_d))
        self.n_d = n_d
        self.staff = np.concatenate(staff_l) if staff_l else np.zeros(0, np.int32)
        ws_all = np.concatenate(ws_l) if ws_l else np.zeros(0, np.int64)
        we_all = np.concatenate(we_l) if we_l else np.zeros(0, np.int64)
        keys = np.concatenate(key_l) if key_l else np.zeros(0, np.int32)
        n_keys = C.N_UNITS * (n_d + 1) * 3
        order, self.gstart, self.gcount = csr(keys, n_keys)
        self.staff = self.staff[order]
        self.ws = ws_all[order]
        self.we = we_all[order]
        # posted (not necessarily on duty) staff on this day
        post = org.posting_on(max(0, min(day, roster.days - 1)))
        emp = np.flatnonzero(org.employed_on(day)).astype(np.int32)
        pk = group_key(post.unit[emp], post.district[emp], org.rclass[emp], n_d)
        porder, self.pstart, self.pcount = csr(pk, n_keys)
        self.posted = emp[porder]

    def on_duty(self, rng: np.random.Generator, keys: I32, t: I64, tries: int = 10) -> I32:
        """A staff member of each group on duty at t, else -1."""
        n = len(keys)
        out = np.full(n, -1, dtype=np.int32)
        cnt = self.gcount[keys]
        has = cnt > 0
        if not has.any():
            return out
        idx = np.flatnonzero(has)
        cand = self.gstart[keys[idx], None] + (
            rng.random((len(idx), tries)) * cnt[idx, None]
        ).astype(np.int64)
        cover = (self.ws[cand] <= t[idx, None]) & (self.we[cand] > t[idx, None] + 900)
        first = np.argmax(cover, axis=1)
        ok = cover[np.arange(len(idx)), first]
        out[idx[ok]] = self.staff[cand[np.arange(len(idx)), first]][ok]
        return out

    def posted_member(self, rng: np.random.Generator, keys: I32) -> I32:
        """Any staff member posted to each group (whether on duty or not), else -1."""
        cnt = self.pcount[keys]
        pick = self.pstart[keys] + (rng.random(len(keys)) * cnt).astype(np.int64)
        return np.where(cnt > 0, self.posted[np.minimum(pick, len(self.posted) - 1)], -1).astype(
            np.int32
        )

    def assign(self, rng: np.random.Generator, keys: I32, t: I64, alt_keys: I32) -> I32:
        """On duty in group, else on duty in the alternative group, else posted in either."""
        s = self.on_duty(rng, keys, t)
        miss = s < 0
        if miss.any():
            s[miss] = self.on_duty(rng, alt_keys[miss], t[miss])
        miss = s < 0
        if miss.any():
            s[miss] = self.posted_member(rng, keys[miss])
        miss = s < 0
        if miss.any():
            s[miss] = self.posted_member(rng, alt_keys[miss])
        miss = s < 0
        if miss.any():
            s[miss] = self.unit_member(rng, keys[miss])
        return s

    def unit_member(self, rng: np.random.Generator, keys: I32) -> I32:
        """Anyone posted to the group's unit, in any district or rank (small forces), else -1."""
        out = np.full(len(keys), -1, dtype=np.int32)
        per_unit = (self.n_d + 1) * 3
        units = keys // per_unit
        for u in np.unique(units):
            lo, hi = int(u) * per_unit, (int(u) + 1) * per_unit
            a, b = int(self.pstart[lo]), int(self.pstart[hi - 1] + self.pcount[hi - 1])
            if b > a:
                sel = units == u
                out[sel] = self.posted[a + (rng.random(int(sel.sum())) * (b - a)).astype(np.int64)]
        return out


def group_key(
    unit: npt.NDArray[np.int8], district: npt.NDArray[np.int8], rclass: I8, n_d: int
) -> I32:
    return (
        (unit.astype(np.int32) * (n_d + 1) + district.astype(np.int32)) * 3
        + rclass.astype(np.int32)
    ).astype(np.int32)


def _key(unit: int, district: I32 | int, rclass: int, n_d: int, n: int) -> I32:
    d = np.broadcast_to(np.asarray(district, dtype=np.int32), (n,))
    return ((unit * (n_d + 1) + d) * 3 + rclass).astype(np.int32)


def build_nominals(
    rng: np.random.Generator, n: int, n_d: int, year: int
) -> tuple[I8, I16, I8, I32, I64, I16, I16]:
    sex = rng.choice(3, size=n, p=[0.5, 0.495, 0.005]).astype(np.int8)
    age = np.where(
        rng.random(n) < 0.2,
        rng.integers(0, 18, size=n),
        np.clip(18 + rng.gamma(2.2, 11.0, size=n), 18, 95).astype(np.int64),
    )
    birth = (year - age).astype(np.int16)
    district = rng.choice(n_d + 1, size=n, p=np.r_[np.full(n_d, 0.95 / n_d), 0.05]).astype(np.int8)
    markers = np.zeros(n, dtype=np.int32)
    adult = age >= 18
    for bit, rate in C.PRIOR_MARKER_RATES.items():
        p = np.full(n, rate)
        if bit in (C.M_DA, C.M_SW):
            p = np.where(sex == 0, rate * 1.7, rate * 0.3)
        if bit in (C.M_SW, C.M_ARRESTED, C.M_HOMELESS, C.M_SUB):
            p = np.where(adult, p, p * 0.05)
        if bit == C.M_ARRESTED:
            p = np.where(sex == 1, rate * 1.6, rate * 0.4)
        markers |= np.where(rng.random(n) < p, bit, 0).astype(np.int32)
    num = (rng.choice(8_000_000, size=n, replace=False) + 1_000_000).astype(np.int64)
    fore = rng.integers(0, 60, size=n).astype(np.int16)
    sur = rng.integers(0, len(C.SURNAMES), size=n).astype(np.int16)
    return sex, birth, district, markers, num, fore, sur


def build_world(
    rng: np.random.Generator,
    org: Org,
    roster: Roster,
    start: dt.date,
    days: int,
    progress: Callable[[str, int, int], None] | None = None,
) -> World:
    n_d = org.n_districts
    year = start.year
    n_nom = max(4000, org.n * 20)
    sex, birth, ndist, markers, num, fore, sur = build_nominals(rng, n_nom, n_d, year)
    age = year - birth.astype(np.int32)
    child = age < 18
    # Sampling groups: district x sex x child.
    gkey = (ndist.astype(np.int32) * 3 + sex) * 2 + child
    n_g = (n_d + 1) * 6
    g_order, g_start, g_count = csr(gkey.astype(np.int32), n_g)
    pools = {
        bit: np.flatnonzero(markers & bit).astype(np.int32)
        for bit in (C.M_DA, C.M_SW, C.M_SUB, C.M_MH, C.M_MISSING)
    }
    new_pool: dict[int, list[npt.NDArray[np.int32]]] = {bit: [] for bit in pools}

    cat_w = np.array([c[1] for c in C.CATEGORIES])
    cat_w = cat_w / cat_w.sum()
    is_crime = np.array([c[2] for c in C.CATEGORIES])
    attend_p = np.array([c[3] for c in C.CATEGORIES])
    arrest_p = np.array([c[4] for c in C.CATEGORIES])
    own_unit = np.array([c[5] for c in C.CATEGORIES], dtype=np.int32)
    serious_p = np.array([c[6] for c in C.CATEGORIES])
    safeguard_p = np.array([c[7] for c in C.CATEGORIES])
    hourly = np.array(C.HOURLY_DEMAND)
    hourly = hourly / hourly.sum()
    dist_w = rng.dirichlet(np.full(n_d, 10.0))
    period_end = days * DAY

    occ: dict[str, list[npt.NDArray[np.generic]]] = {
        k: [] for k in ("opened", "closed", "cat", "district", "created_by")
    }
    on: dict[str, list[npt.NDArray[np.generic]]] = {k: [] for k in ("occ", "nom", "role")}
    tk: dict[str, list[npt.NDArray[np.generic]]] = {
        k: [] for k in ("occ", "staff", "role", "start", "end")
    }
    cu: dict[str, list[npt.NDArray[np.generic]]] = {
        k: [] for k in ("nom", "staff", "suite", "in", "out", "occ")
    }
    n_occ_total = 0

    def add_tk(o: I64, s: I32, role: int, st: I64, en: I64) -> None:
        ok = s >= 0
        tk["occ"].append(o[ok].astype(np.int32))
        tk["staff"].append(s[ok].astype(np.int32))
        tk["role"].append(np.full(int(ok.sum()), role, dtype=np.int8))
        tk["start"].append(st[ok].astype(np.int64))
        tk["end"].append(en[ok].astype(np.int64))

    for day in range(days):
        if progress:
            progress("occurrences", day, days)
        n_emp = int(org.employed_on(day).sum())
        dow = (start + dt.timedelta(days=day)).weekday()
        factor = 1.12 if dow in (4, 5) else 0.95 if dow == 6 else 1.0
        m = int(rng.poisson(OCC_PER_STAFF_DAY * n_emp * factor))
        if m == 0:
            continue
        cat = rng.choice(len(cat_w), size=m, p=cat_w).astype(np.int8)
        district = rng.choice(n_d, size=m, p=dist_w).astype(np.int32)
        hour = rng.choice(24, size=m, p=hourly)
        opened = day * DAY + hour * 3600 + rng.integers(0, 3600, size=m)
        order = np.argsort(opened, kind="stable")
        cat, district, opened = cat[order], district[order], opened[order].astype(np.int64)
        oidx = np.arange(n_occ_total, n_occ_total + m, dtype=np.int64)

        # --- participants
        r_occ, r_role, r_nom, r_bits = [], [], [], []
        for c, specs in C.PARTICIPANTS.items():
            cm = np.flatnonzero(cat == c)
            if len(cm) == 0:
                continue
            for role, p, pf, pc, bits, (pool_bit, pool_p) in specs:
                sel = cm[rng.random(len(cm)) < p]
                k = len(sel)
                if k == 0:
                    continue
                fem = rng.random(k) < pf
                kid = rng.random(k) < pc
                dd = np.where(rng.random(k) < 0.87, district[sel], rng.integers(0, n_d + 1, size=k))
                g = (dd * 3 + np.where(fem, 0, 1)) * 2 + kid
                cnt = g_count[g]
                g = np.where(cnt > 0, g, (dd * 3 + np.where(fem, 0, 1)) * 2)
                cnt = g_count[g]
                noms = g_order[g_start[g] + (rng.random(k) * cnt).astype(np.int64)].astype(np.int32)
                if pool_p > 0:
                    pool = pools[pool_bit]
                    if new_pool[pool_bit]:
                        pool = np.concatenate([pool, *new_pool[pool_bit]])
                    if len(pool):
                        use = rng.random(k) < pool_p
                        cand = pool[rng.integers(0, len(pool), size=(k, 4))]
                        same = ndist[cand] == district[sel, None]
                        pick = cand[np.arange(k), np.argmax(same, axis=1)]
                        noms = np.where(use, pick, noms).astype(np.int32)
                r_occ.append(oidx[sel])
                r_role.append(np.full(k, role, dtype=np.int8))
                r_nom.append(noms)
                r_bits.append(np.full(k, bits, dtype=np.int32))
        p_occ = np.concatenate(r_occ)
        p_nom = np.concatenate(r_nom)
        p_role = np.concatenate(r_role)
        p_bits = np.concatenate(r_bits)
        # drop a person appearing twice in one occurrence, keep occurrence order
        _, first = np.unique(p_occ * n_nom + p_nom, return_index=True)
        first = np.sort(first)
        p_occ, p_nom, p_role, p_bits = p_occ[first], p_nom[first], p_role[first], p_bits[first]
        o2 = np.argsort(p_occ, kind="stable")
        p_occ, p_nom, p_role, p_bits = p_occ[o2], p_nom[o2], p_role[o2], p_bits[o2]
        np.bitwise_or.at(markers, p_nom, p_bits)
        for bit in new_pool:
            new_pool[bit].append(p_nom[(p_bits & bit) != 0])
        on["occ"].append(p_occ.astype(np.int32))
        on["nom"].append(p_nom)
        on["role"].append(p_role)

        # --- staffing
        duty = _DutyIndex(org, roster, day, n_d)
        local = (p_occ - n_occ_total).astype(np.int64)
        attended = rng.random(m) < attend_p[cat]
        has_call = ~attended | (rng.random(m) < 0.8)
        # call handler
        ch_keys = _key(C.U_CONTROL, n_d, 0, n_d, m)
        ch = duty.assign(rng, ch_keys, opened, _key(C.U_CONTROL, n_d, 1, n_d, m))
        ch = np.where(has_call, ch, -1).astype(np.int32)
        ch_end = opened + rng.integers(300, 1500, size=m)
        add_tk(oidx, ch, C.T_CALL, opened, ch_end)
        # attending
        att_unit = np.full(m, C.U_RESP, dtype=np.int32)
        att_unit[(cat == C.C_ASB) & (rng.random(m) < 0.6)] = C.U_NBH
        att_unit[(cat != C.C_ASB) & (rng.random(m) < 0.08)] = C.U_NBH
        rtc = (cat == C.C_RTC) & (rng.random(m) < 0.6)
        att_unit[rtc] = C.U_ROADS
        att_dist = np.where(att_unit == C.U_ROADS, n_d, district)
        delay = rng.gamma(1.6, 14.0 * 60, size=m).astype(np.int64) + 180
        delay = np.where(cat == C.C_DA, delay // 2, delay)
        t_att = np.where(has_call, opened + delay, opened)
        att_keys = ((att_unit * (n_d + 1) + att_dist) * 3).astype(np.int32)
        alt_keys = _key(C.U_RESP, district, 0, n_d, m)
        att1 = np.where(attended, duty.assign(rng, att_keys, t_att, alt_keys), -1).astype(np.int32)
        att_dur = np.clip(rng.lognormal(np.log(95 * 60), 0.6, size=m), 1200, 6 * 3600).astype(
            np.int64
        )
        add_tk(oidx, att1, C.T_ATTENDING, t_att, t_att + att_dur)
        second = attended & (
            rng.random(m) < np.where(np.isin(cat, [C.C_DA, C.C_PUBORD, C.C_ASSAULT]), 0.6, 0.3)
        )
        att2 = np.where(second, duty.on_duty(rng, att_keys, t_att + 60), -1).astype(np.int32)
        att2 = np.where(att2 == att1, -1, att2).astype(np.int32)
        add_tk(oidx, att2, C.T_ATTENDING, t_att + 60, t_att + att_dur)
        created_by = np.where(ch >= 0, ch, att1).astype(np.int32)

        # arrests and custody (first suspect of the occurrence)
        is_susp = p_role == C.R_SUSPECT
        first_susp = np.full(m, -1, dtype=np.int64)
        rows = np.flatnonzero(is_susp)[::-1]
        first_susp[local[rows]] = rows
        arrest = (first_susp >= 0) & (rng.random(m) < arrest_p[cat]) & (att1 >= 0)
        a_idx = np.flatnonzero(arrest)
        if len(a_idx):
            t_in = t_att[a_idx] + rng.integers(20 * 60, 4 * 3600, size=len(a_idx))
            c_keys = _key(C.U_CUSTODY, district[a_idx], 1, n_d, len(a_idx))
            c_alt = _key(C.U_CUSTODY, district[a_idx], 0, n_d, len(a_idx))
            c_staff = duty.assign(rng, c_keys, t_in, c_alt)
            dur_c = np.clip(
                rng.lognormal(np.log(11 * 3600), 0.55, size=len(a_idx)), 2 * 3600, 36 * 3600
            )
            a_nom = p_nom[first_susp[a_idx]]
            cu["nom"].append(a_nom.astype(np.int32))
            cu["staff"].append(c_staff)
            cu["suite"].append(district[a_idx].astype(np.int8))
            cu["in"].append(t_in.astype(np.int64))
            cu["out"].append((t_in + dur_c).astype(np.int64))
            cu["occ"].append(oidx[a_idx].astype(np.int32))
            markers[a_nom] |= C.M_ARRESTED
        charged = np.zeros(m, dtype=bool)
        charged[a_idx] = rng.random(len(a_idx)) < 0.45

        # officer in the case
        crime = is_crime[cat]
        serious = crime & (rng.random(m) < serious_p[cat])
        ou = own_unit[cat]
        oic = np.full(m, -1, dtype=np.int32)
        oic_start = np.full(m, OPEN, dtype=np.int64)
        s_idx = np.flatnonzero(serious)
        if len(s_idx):
            keys = _key(0, district[s_idx], 0, n_d, len(s_idx)) + ou[s_idx] * (n_d + 1) * 3
            alt = _key(0, n_d, 0, n_d, len(s_idx)) + ou[s_idx] * (n_d + 1) * 3
            who = duty.posted_member(rng, keys)
            who = np.where(who >= 0, who, duty.posted_member(rng, alt)).astype(np.int32)
            t0 = opened[s_idx] + rng.integers(3600, 20 * 3600, size=len(s_idx))
            st = roster.next_duty_start(rng, np.maximum(who, 0), t0)
            # night call-outs for serious crime
            hr = (opened[s_idx] % DAY) // 3600
            callout = (
                ((hr >= 22) | (hr < 6))
                & (ou[s_idx] == C.U_CID)
                & (who >= 0)
                & (rng.random(len(s_idx)) < 0.5)
            )
            for j in np.flatnonzero(callout):
                t_c = int(opened[s_idx[j]] + rng.integers(1800, 5400))
                st[j] = t_c
                roster.x_staff.append(int(who[j]))
                roster.x_start.append(t_c - 600)
                roster.x_end.append(t_c + int(rng.integers(2 * 3600, 5 * 3600)))
            oic[s_idx] = who
            oic_start[s_idx] = st
        vol = (crime & ~serious) | (cat == C.C_MISSING)
        oic = np.where(vol, att1, oic).astype(np.int32)
        oic_start = np.where(vol, t_att, oic_start)
        nobody = vol & (att1 < 0)
        if nobody.any():
            n_idx = np.flatnonzero(nobody)
            keys = _key(C.U_NBH, district[n_idx], 0, n_d, len(n_idx))
            who = duty.posted_member(rng, keys)
            t0 = opened[n_idx] + rng.integers(3600, 48 * 3600, size=len(n_idx))
            oic[n_idx] = who
            oic_start[n_idx] = roster.next_duty_start(rng, np.maximum(who, 0), t0)
        created_by = np.where(created_by >= 0, created_by, oic).astype(np.int32)

        # supervisor, investigator, safeguarding, court preparation
        post = org.posting_on(day)
        sup = np.where(
            (oic >= 0) & crime & (rng.random(m) < 0.5),
            org.team_sgt[post.team[np.maximum(oic, 0)]],
            -1,
        ).astype(np.int32)
        sup = np.where(sup == oic, -1, sup).astype(np.int32)
        sup_start = roster.next_duty_start(
            rng,
            np.maximum(sup, 0),
            np.maximum(oic_start, opened) + rng.integers(2 * 3600, 30 * 3600, size=m),
        )
        inv = np.full(m, -1, dtype=np.int32)
        i_idx = np.flatnonzero(serious & (rng.random(m) < 0.45))
        if len(i_idx):
            keys = _key(0, district[i_idx], 0, n_d, len(i_idx)) + ou[i_idx] * (n_d + 1) * 3
            inv[i_idx] = duty.posted_member(rng, keys)
        inv = np.where(inv == oic, -1, inv).astype(np.int32)
        inv_start = roster.next_duty_start(
            rng,
            np.maximum(inv, 0),
            np.maximum(oic_start, opened) + rng.integers(3600, 72 * 3600, size=m),
        )
        sg = np.full(m, -1, dtype=np.int32)
        g_idx = np.flatnonzero(rng.random(m) < safeguard_p[cat])
        if len(g_idx):
            keys = _key(C.U_PVP, district[g_idx], 0, n_d, len(g_idx))
            sg[g_idx] = duty.posted_member(rng, keys)
        sg = np.where(sg == oic, -1, sg).astype(np.int32)
        sg_start = roster.next_duty_start(
            rng, np.maximum(sg, 0), opened + rng.integers(2 * 3600, 48 * 3600, size=m)
        )
        sg_end = sg_start + rng.integers(2, 26, size=m) * DAY
        cp = np.full(m, -1, dtype=np.int32)
        c_idx = np.flatnonzero(charged)
        if len(c_idx):
            keys = _key(C.U_CASEPREP, district[c_idx], 0, n_d, len(c_idx))
            alt = _key(C.U_CASEPREP, n_d, 0, n_d, len(c_idx))
            who = duty.posted_member(rng, keys)
            cp[c_idx] = np.where(who >= 0, who, duty.posted_member(rng, alt))
        cp_start = roster.next_duty_start(
            rng, np.maximum(cp, 0), opened + rng.integers(5 * DAY, 40 * DAY, size=m)
        )
        cp = np.where(cp_start < period_end, cp, -1).astype(np.int32)
        cp_end = cp_start + rng.integers(3, 31, size=m) * DAY

        # closure
        lo = np.where(crime, np.log(16 * DAY), np.log(5 * 3600))
        closed = opened + np.clip(rng.lognormal(lo, 0.9), 1800, 400 * DAY).astype(np.int64)
        closed = np.where(serious, opened + (closed - opened) * 2, closed)
        for s_arr, t_arr in ((oic, oic_start), (sup, sup_start), (inv, inv_start), (att1, t_att)):
            closed = np.where(s_arr >= 0, np.maximum(closed, t_arr + 3600), closed)
        closed = np.where(crime & (rng.random(m) < 0.08), OPEN, closed)
        closed = np.where(closed >= period_end, OPEN, closed)
        end_at = np.where(closed == OPEN, OPEN, closed)
        add_tk(oidx, oic, C.T_OIC, oic_start, end_at)
        add_tk(oidx, sup, C.T_SUPERVISOR, sup_start, end_at)
        inv_end = inv_start + rng.integers(5, 41, size=m) * DAY
        inv_end = np.where((closed != OPEN) & (closed < inv_end), closed, inv_end)
        add_tk(
            oidx, inv, C.T_INVESTIGATOR, inv_start, np.where(inv_end >= period_end, OPEN, inv_end)
        )
        add_tk(oidx, sg, C.T_SAFEGUARDING, sg_start, np.where(sg_end >= period_end, OPEN, sg_end))
        add_tk(oidx, cp, C.T_COURT, cp_start, np.where(cp_end >= period_end, OPEN, cp_end))

        occ["opened"].append(opened)
        occ["closed"].append(closed)
        occ["cat"].append(cat)
        occ["district"].append(district.astype(np.int8))
        occ["created_by"].append(created_by)
        n_occ_total += m

    def cat_(d: dict[str, list[npt.NDArray[np.generic]]], k: str, dtype: type) -> Any:
        return np.concatenate(d[k]).astype(dtype) if d[k] else np.zeros(0, dtype=dtype)

    # child marker for children with any involvement or vulnerability history
    involved = np.zeros(n_nom, dtype=bool)
    on_nom = cat_(on, "nom", np.int32)
    involved[on_nom] = True
    markers |= np.where(
        child & (involved | ((markers & C.VULNERABLE_BITS) != 0)), C.M_CHILD, 0
    ).astype(np.int32)

    on_occ = cat_(on, "occ", np.int32)
    count = np.bincount(on_occ, minlength=n_occ_total).astype(np.int64)
    ostart = np.concatenate([[0], np.cumsum(count)[:-1]]).astype(np.int64)
    opened_all = cat_(occ, "opened", np.int64)
    odays = np.datetime64(start, "D") + (opened_all // DAY).astype("timedelta64[D]")
    years = odays.astype("datetime64[Y]").astype(np.int64) + 1970
    occ_num = np.zeros(n_occ_total, dtype=np.int64)
    for y in np.unique(years):
        sel = np.flatnonzero(years == y)
        base = int(rng.integers(1000, 9000)) if y == year else 1
        occ_num[sel] = base + np.arange(len(sel))
    cu_in = cat_(cu, "in", np.int64)
    cu_order = np.argsort(cu_in, kind="stable")
    return World(
        nom_sex=sex,
        nom_birth=birth,
        nom_district=ndist,
        nom_markers=markers,
        nom_num=num,
        nom_fore=fore,
        nom_sur=sur,
        occ_opened=opened_all,
        occ_closed=cat_(occ, "closed", np.int64),
        occ_cat=cat_(occ, "cat", np.int8),
        occ_district=cat_(occ, "district", np.int8),
        occ_created_by=cat_(occ, "created_by", np.int32),
        occ_num=occ_num,
        occ_year=(years % 100).astype(np.int16),
        on_occ=on_occ,
        on_nom=on_nom,
        on_role=cat_(on, "role", np.int8),
        occ_on_start=ostart,
        occ_on_count=count,
        tk_occ=cat_(tk, "occ", np.int32),
        tk_staff=cat_(tk, "staff", np.int32),
        tk_role=cat_(tk, "role", np.int8),
        tk_start=cat_(tk, "start", np.int64),
        tk_end=cat_(tk, "end", np.int64),
        cu_nom=cat_(cu, "nom", np.int32)[cu_order],
        cu_staff=cat_(cu, "staff", np.int32)[cu_order],
        cu_suite=cat_(cu, "suite", np.int8)[cu_order],
        cu_in=cu_in[cu_order],
        cu_out=cat_(cu, "out", np.int64)[cu_order],
        cu_occ=cat_(cu, "occ", np.int32)[cu_order],
        cu_num=np.arange(len(cu_in), dtype=np.int64) + int(rng.integers(10_000, 90_000)),
    )
