"""Duty: who is rostered when, who actually worked, and the overtime missing from the roster."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from custodiet.simulate import constants as C
from custodiet.simulate.org import Org

I16 = npt.NDArray[np.int16]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]

DAY = 86_400


@dataclass
class Roster:
    """Per staff-day duty (shape staff x days). Times in minutes from the day's midnight."""

    start_min: I16  # planned start; -1 = no duty
    dur_min: I16  # planned length
    ext_min: I16  # unrostered overtime added at the end
    rostered: B  # written to shifts.csv
    worked: B  # actually worked (events happen)
    next_worked: I32  # (staff, days+1): first worked day >= d, `days` if none
    gap_staff: I32  # staff with weeks of work missing from the roster
    # Call-outs outside any shift (filled in by the occurrence model).
    x_staff: list[int]
    x_start: list[int]
    x_end: list[int]

    @property
    def days(self) -> int:
        return int(self.start_min.shape[1])

    def window(self, staff: I32, day: I32) -> tuple[I64, I64]:
        """Actual worked window (seconds from period start) of each (staff, day); end<start if none."""
        s = self.start_min[staff, day].astype(np.int64)
        ok = self.worked[staff, day]
        ws = day.astype(np.int64) * DAY + s * 60
        we = ws + (self.dur_min[staff, day].astype(np.int64) + self.ext_min[staff, day]) * 60
        return np.where(ok, ws, 0), np.where(ok, we, -1)

    def next_duty_start(self, rng: np.random.Generator, staff: I32, t: I64) -> I64:
        """Earliest moment >= t at which each staff member is on duty (plus a little settling)."""
        days = self.days
        d0 = np.clip(t // DAY, 0, days).astype(np.int32)
        nd = self.next_worked[staff, d0]
        ws, we = self.window(staff, np.minimum(nd, days - 1))
        late = (nd < days) & (we <= t)
        nd2 = self.next_worked[staff, np.minimum(nd + 1, days)]
        nd = np.where(late, nd2, nd)
        ws, we = self.window(staff, np.minimum(nd, days - 1))
        base = np.maximum(t, ws)
        span = np.maximum(we - base, 1)
        out = base + (rng.random(len(t)) * np.minimum(span, 5400)).astype(np.int64)
        return np.where(nd < days, out, t)


def build_roster(rng: np.random.Generator, org: Org, days: int) -> Roster:
    n = org.n
    d = np.arange(days, dtype=np.int32)
    moved = d[None, :] >= org.move_day[:, None]
    pat = np.where(moved, org.post_b.pattern[:, None], org.post_a.pattern[:, None])
    off = np.where(moved, org.post_b.offset[:, None], org.post_a.offset[:, None])
    n_pat = len(C.PATTERNS)
    tab_s = np.full((n_pat, 14), -1, dtype=np.int16)
    tab_d = np.zeros((n_pat, 14), dtype=np.int16)
    cyc = np.zeros(n_pat, dtype=np.int32)
    for p, cycle in C.PATTERNS.items():
        cyc[p] = len(cycle)
        for k, (s, du) in enumerate(cycle):
            tab_s[p, k] = s
            tab_d[p, k] = du
    pos = (d[None, :] + off) % cyc[pat]
    smin = tab_s[pat, pos]
    dur = tab_d[pat, pos]
    planned = smin >= 0

    flexible = np.isin(pat, list(C.FLEXIBLE))
    jitter = (rng.integers(-1, 2, size=(n, days)) * 15).astype(np.int16)
    smin = np.where(flexible & planned, smin + org.flex[:, None] + jitter, smin).astype(np.int16)
    dur = np.where(flexible & planned, dur + jitter // 2, dur).astype(np.int16)
    special = pat == C.PAT_SPECIAL
    planned &= ~(special & (rng.random((n, days)) < 0.45))

    employed = (d[None, :] >= org.joined[:, None]) & (d[None, :] < org.left[:, None])
    # Annual leave in blocks, and single sick days.
    leave = np.zeros((n, days + 1), dtype=np.int16)
    n_blocks = rng.poisson(days / 365 * 5.0, size=n)
    owner = np.repeat(np.arange(n), n_blocks)
    b_start = rng.integers(-10, days, size=len(owner))
    b_len = rng.integers(4, 13, size=len(owner))
    np.add.at(leave, (owner, np.clip(b_start, 0, days)), 1)
    np.add.at(leave, (owner, np.clip(b_start + b_len, 0, days)), -1)
    on_leave = np.cumsum(leave, axis=1)[:, :days] > 0
    sick = rng.random((n, days)) < 0.025
    planned &= employed & ~on_leave & ~sick
    rostered = planned.copy()
    worked = planned & ~(rng.random((n, days)) < 0.015)  # rostered but went sick

    # Rest-day overtime, never on the roster.
    shift_unit = np.isin(pat, [C.PAT_RESP, C.PAT_12H, C.PAT_NBH, C.PAT_CID])
    rest_ot = shift_unit & ~planned & employed & ~on_leave & (rng.random((n, days)) < 0.02)
    ot_start = np.where(pat == C.PAT_12H, 420, np.where(rng.random((n, days)) < 0.5, 420, 840))
    smin = np.where(rest_ot, ot_start, smin).astype(np.int16)
    dur = np.where(rest_ot, np.where(pat == C.PAT_12H, 720, 600), dur).astype(np.int16)
    worked |= rest_ot

    # Shifts running over (unrostered extension).
    ext = np.where(
        worked & (rng.random((n, days)) < 0.13),
        rng.integers(2, 13, size=(n, days)) * 15,
        0,
    ).astype(np.int16)

    # Some staff's roster rows are missing for a week or two.
    gap_staff = np.flatnonzero(rng.random(n) < 0.03).astype(np.int32)
    for gs in gap_staff.tolist():
        g0 = int(rng.integers(0, max(1, days - 7)))
        rostered[gs, g0 : g0 + int(rng.integers(7, 15))] = False

    nxt = np.where(worked, d[None, :], days).astype(np.int32)
    nxt = np.concatenate([nxt, np.full((n, 1), days, dtype=np.int32)], axis=1)
    nxt = np.minimum.accumulate(nxt[:, ::-1], axis=1)[:, ::-1].copy()
    return Roster(
        start_min=np.where(worked | rostered, smin, -1).astype(np.int16),
        dur_min=dur,
        ext_min=ext,
        rostered=rostered,
        worked=worked,
        next_worked=nxt,
        gap_staff=gap_staff,
        x_staff=[],
        x_start=[],
        x_end=[],
    )
