"""Helpers for planting abuse: time pickers (on duty, off duty, busy periods), victim
pickers, and making the context (a job where he met her) that the patterns need."""
import bisect

from common import DAY, HOUR, MIN, local_hour
from force import DISTRICTS


class Abuser:
    def __init__(self, k, s, pattern, rng, ob, env, em):
        self.k, self.s, self.pattern = k, s, pattern
        self.rng, self.ob, self.env, self.em, self.w = rng, ob, env, em, ob.w
        self.t0, self.t1 = ob.t0, ob.t1
        self.sess = sorted((a, we or b) for (a, b, kind, we) in s.sessions if kind != "S")
        self.starts = [a for a, _ in self.sess]
        self.victims = []
        self.count = 0

    # ---- events -----------------------------------------------------------
    def ev(self, ts, sysid, action, etype, eid="", query="", ws=None):
        if self.t0 <= ts < self.t1:
            self.em.e(ts, sysid, self.s.sid, action, etype, eid, query, ws or self.ws_at(ts), self.k)
            self.count += 1

    def view_nom(self, ts, n, ws=None):
        self.ev(ts, "RMS", "view", "nominal", self.w.nom.id[n], "", ws)

    def on_duty(self, ts):
        i = bisect.bisect_right(self.starts, ts) - 1
        return i >= 0 and self.sess[i][1] > ts

    def ws_at(self, ts):
        s = self.s
        if self.on_duty(ts):
            p = s.posting_at(ts)
            if p.unit == "CC":
                return f"CC-P{self.rng.randint(1, 140):03d}"
            if p.unit == "CUSTODY":
                return f"CUS-{p.district}-T{self.rng.randint(1, 6)}"
            if p.unit == "DISPATCH":
                return f"CTRL-{self.rng.randint(1, 48):02d}"
            return s.mdt if (s.mdt and self.rng.random() < 0.6) else s.desk
        p = s.posting_at(ts)
        if p.unit == "CC":
            return f"CC-P{self.rng.randint(1, 140):03d}"
        if p.unit == "CUSTODY":
            return f"CUS-{p.district}-T{self.rng.randint(1, 6)}"
        if p.unit == "DISPATCH":
            return f"CTRL-{self.rng.randint(1, 48):02d}"
        return s.laptop or s.mdt or s.desk

    # ---- time pickers -----------------------------------------------------
    def duty_times(self, lo, hi, n, night=False, busy=False):
        rng = self.rng
        cand = [(a, b) for a, b in self.sess if b > lo and a < hi]
        if night:
            cand = [(a, b) for a, b in cand if local_hour(a) >= 15] or cand
        if busy:
            cand = [(a, b) for a, b in cand if self._busy(a)] or cand
        if not cand:
            return self.off_times(lo, hi, n)
        out = []
        for _ in range(n):
            a, b = rng.choice(cand)
            a, b = max(a, lo), min(b, hi)
            if b > a:
                out.append(rng.randint(a, b - 1))
        return sorted(out)

    def _busy(self, a):
        for m in self.w.majors:
            if m["start"] - 6 * HOUR <= a < m["peak_end"]:
                return True
        wd = (a + 3600 - 4 * DAY) // DAY % 7  # 0 = Monday (Unix day 0 was a Thursday)
        return wd in (4, 5) and local_hour(a) >= 15

    def terminal_bound(self):
        return self.s.posting_at(self.t0).unit in ("CC", "CUSTODY", "DISPATCH", "FRONT")

    def off_times(self, lo, hi, n, evening=True):
        rng = self.rng
        if self.terminal_bound():
            # no remote access: 'off duty' means staying on after the shift or coming in early
            cand = [(a, b) for a, b in self.sess if lo <= b < hi or lo <= a - HOUR < hi]
            out = []
            for _ in range(n if cand else 0):
                a, b = rng.choice(cand)
                out.append(b + rng.randint(5 * MIN, 80 * MIN) if rng.random() < 0.7 else a - rng.randint(10 * MIN, 50 * MIN))
            return sorted(t for t in out if lo <= t < hi)
        out = []
        tries = 0
        lo, hi = max(lo, self.t0), min(hi, self.t1)
        while len(out) < n and tries < n * 60 and hi > lo:
            tries += 1
            d = rng.randint(lo, hi - 1)
            day0 = d - (d - self.t0) % DAY
            h = rng.uniform(19.5, 25.5) if evening else rng.uniform(9.0, 23.5)
            ts = day0 + int(h * HOUR) + rng.randint(0, 59)
            if lo <= ts < hi and not self.on_duty(ts) and not self.on_duty(ts + 30 * MIN):
                out.append(ts)
        return sorted(out)

    def mixed_times(self, lo, hi, n, p_duty=0.5):
        nd = sum(1 for _ in range(n) if self.rng.random() < p_duty)
        return sorted(self.duty_times(lo, hi, nd) + self.off_times(lo, hi, n - nd))

    def spaced(self, lo, hi, n, gap_lo, gap_hi, p_duty=0.5):
        """n looks spaced gap_lo..gap_hi days apart, starting in [lo, lo+gap]."""
        out, t = [], lo + self.rng.randint(0, int(gap_lo * DAY))
        for _ in range(n):
            if t >= hi:
                break
            win = (t, min(hi, t + DAY))
            if self.rng.random() < p_duty:
                tt = self.duty_times(*win, 1) if any(b > win[0] and a < win[1] for a, b in self.sess) else []
                if not tt:  # next working day instead
                    nxt = [a for a, b in self.sess if a >= t and a < t + 5 * DAY]
                    tt = self.duty_times(nxt[0], min(hi, nxt[0] + DAY), 1) if nxt else []
            else:
                tt = self.off_times(*win, 1)
            if not tt:
                tt = self.off_times(t, min(hi, t + 2 * DAY), 1) or [t + 20 * HOUR]
            out.append(tt[0])
            t += int(self.rng.uniform(gap_lo, gap_hi) * DAY)
        return out

    # ---- victims and context ------------------------------------------------
    def young_women(self, pool, lo=17, hi=42):
        nm, y = self.w.nom, self.w.start.year
        return [i for i in pool if nm.sex[i] == "F" and nm.by[i] != "" and lo <= y - nm.by[i] <= hi]

    def his_jobs(self, roles=("attending",), lo=None, hi=None, cats=None, victim_young_f=True):
        out = []
        for (st, en, oi, role) in self.w.cases[self.s.idx]:
            if role not in roles or (lo is not None and st < lo) or (hi is not None and st >= hi):
                continue
            o = self.w.occs[oi]
            if cats and o.cat not in cats:
                continue
            vs = [n for n, r in o.noms if r in ("victim", "caller", "witness")]
            if victim_young_f:
                vs = self.young_women(vs)
            if vs:
                out.append((st, o, vs))
        return out

    def make_job(self, cat, victim, lo, hi, role="attending", district=None):
        """A job in one of his sessions within [lo, hi) where he deals with `victim`."""
        ob, rng = self.ob, self.rng
        tt = self.duty_times(lo, hi, 1)
        ts = tt[0] if tt else lo + DAY
        p = self.s.posting_at(ts)
        dist = district or (p.district if p.district in DISTRICTS else self.w.nom.district[victim])
        o = ob.make(cat, ts - rng.randint(10 * MIN, 40 * MIN), dist, victim=victim)
        if role == "call_handler":
            for row in o.staff:
                if row[1] == "call_handler":
                    old = row[0]
                    self.w.cases[old] = [c for c in self.w.cases[old] if c[2] != o.idx]
                    row[0] = self.s.idx
            o.created_by = self.s.sid
            self.w.cases[self.s.idx].append((o.opened - 120, o.opened + 300, o.idx, "call_handler"))
        else:
            ob.task(o, self.s.idx, role, ts, ts + rng.randint(40 * MIN, 3 * HOUR), late_p=0.0, open_p=0.1)
        return ts, o

    def recent_occs(self, ts, span, cats):
        out = []
        for c in cats:
            out += self.env.recent(ts, span, c)
        return out
