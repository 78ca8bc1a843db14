"""Legitimate audit events: the engine (sessions, workstations, occurrence-linked work,
follow-ups, court/file look-ups, major-incident surges).  Unit-specific background work
(calls, briefings, research, MASH referrals, data quality...) lives in roles.py.

An event is a tuple (ts, system, staff_id, action, entity_type, entity_id, query,
workstation, tag) where tag is None for legitimate work or the abuser's index.
"""
import math

from common import DAY, HOUR, MIN

SYSTEMS = ("RMS", "CAD", "PNC", "CUSTODY", "INTEL")


class Emitter:
    def __init__(self, t0, t1):
        self.t0, self.t1 = t0, t1
        self.ev = []

    def e(self, ts, sysid, sid, action, etype, eid="", query="", ws="", tag=None):
        if self.t0 <= ts < self.t1:
            self.ev.append((ts, sysid, sid, action, etype, eid, query, ws, tag))


class Ctx:
    """What a session knows while generating: who, where, which workstation."""
    __slots__ = ("s", "p", "a", "b", "we", "ws", "ws2", "rng", "em", "w", "tag")


def workstations(ctx, rng):
    s, p = ctx.s, ctx.p
    u = p.unit
    if u in ("RESP", "NHOOD", "ROADS", "TSG", "SPECIALS") and s.mdt:
        return s.mdt, s.desk
    if u == "CC":
        x = f"CC-P{rng.randint(1, 140):03d}"
        return x, x
    if u == "DISPATCH":
        x = f"CTRL-{rng.randint(1, 48):02d}"
        return x, x
    if u == "CUSTODY":
        x = f"CUS-{p.district}-T{rng.randint(1, 6)}"
        return x, f"CUS-{p.district}-T{rng.randint(1, 6)}"
    if u == "FRONT":
        x = f"FC-{rng.choice(['CEN', 'DOC', 'NGT', 'EFD', 'WBY'])}-{rng.randint(1, 3)}"
        return x, x
    if s.laptop and rng.random() < 0.22:
        return s.laptop, s.laptop  # working from home over VPN
    return s.desk, (s.laptop or s.desk)


def cluster_times(rng, ts, n, lo=4, hi=80):
    out = []
    for _ in range(n):
        out.append(ts)
        ts += rng.randint(lo, hi)
    return out


def occ_work(ctx, ts, o, role, first):
    """Events for one piece of work on an occurrence."""
    rng, em, w = ctx.rng, ctx.em, ctx.w
    sid, ws, nm = ctx.s.sid, ctx.ws, w.nom
    E = em.e
    t = ts
    step = lambda: rng.randint(8, 150)
    noms = o.noms
    if role == "call_handler":
        caller = next((n for n, r in noms if r == "caller"), None)
        if caller is not None and nm.phone[caller]:
            E(t, "RMS", sid, "search", "nominal", "", "tel:" + nm.phone[caller], ws); t += step()
        if caller is not None:
            E(t, "RMS", sid, "view", "nominal", nm.id[caller], "", ws); t += step()
        E(t, "CAD", sid, "search", "location", "", w.loc_addr[o.loc], ws); t += step()
        E(t, "CAD", sid, "view", "location", w.loc_id[o.loc], "", ws); t += step()
        E(t, "CAD", sid, "create", "occurrence", o.oid, "", ws); t += step()
        for _ in range(rng.randint(0, 2)):
            E(t, "CAD", sid, "update", "occurrence", o.oid, "", ws); t += step()
        return
    if role == "attending":
        for _ in range(rng.randint(1, 3)):
            E(t, "CAD", sid, "view", "occurrence", o.oid, "", ws); t += step()
        if rng.random() < 0.5:
            E(t, "CAD", sid, "view", "location", w.loc_id[o.loc], "", ws); t += step()
        for n, r in noms:
            if r == "caller" and rng.random() < 0.7:
                continue
            if rng.random() < 0.85:
                E(t, "RMS", sid, "view", "nominal", nm.id[n], "", ws); t += step()
            if r == "suspect":
                E(t, "PNC", sid, "search", "nominal", nm.id[n] if rng.random() < 0.7 else "",
                  nm.name_query(n, 1), ws); t += step()
                if nm.vrm[n] and rng.random() < 0.3:
                    E(t, "PNC", sid, "search", "vehicle", nm.vrm[n], nm.vrm[n], ws); t += step()
                if n in nm.intel and rng.random() < 0.3:
                    E(t, "INTEL", sid, "search", "intelligence", "", nm.name_query(n, 0), ws); t += step()
        t += rng.randint(20 * MIN, 2 * HOUR)
        if first and rng.random() < 0.8:
            E(t, "RMS", sid, "create" if rng.random() < 0.3 else "update", "occurrence", o.oid, "", ctx.ws2); t += step()
        if o.custody is not None and rng.random() < 0.7:
            c = w.custody[o.custody]
            r = rng.random()
            E(c.booked + rng.randint(5 * MIN, 2 * HOUR), "CUSTODY", sid, "view", "custody", c.cid, "",
              f"CUS-{c.suite}-T{rng.randint(1, 6)}" if r < 0.5 else (ws if r < 0.7 else ctx.ws2))
        return
    if role == "supervisor":
        E(t, "RMS", sid, "view", "occurrence", o.oid, "", ws); t += step()
        for n, r in noms:
            if r == "victim" and rng.random() < 0.5:
                E(t, "RMS", sid, "view", "nominal", nm.id[n], "", ws); t += step()
        if rng.random() < 0.35:
            E(t, "RMS", sid, "update", "occurrence", o.oid, "", ws)
        return
    if role == "court_prep":
        E(t, "RMS", sid, "view", "occurrence", o.oid, "", ws); t += step()
        for n, r in noms:
            if r != "caller":
                E(t, "RMS", sid, "view", "nominal", nm.id[n], "", ws); t += step()
        if o.custody is not None:
            E(t, "CUSTODY", sid, "view", "custody", w.custody[o.custody].cid, "", ws); t += step()
        E(t, "RMS", sid, "print" if rng.random() < 0.6 else "export", "occurrence", o.oid, "", ws)
        return
    # oic / investigator / safeguarding / other
    E(t, "RMS", sid, "view", "occurrence", o.oid, "", ws); t += step()
    k = len(noms) if first else rng.randint(1, max(1, len(noms)))
    for n, r in (noms if first else rng.sample(noms, min(k, len(noms)))):
        if role == "safeguarding" and r not in ("victim", "other", "witness"):
            continue
        E(t, "RMS", sid, "view", "nominal", nm.id[n], "", ws); t += step()
        if role != "safeguarding" and r == "suspect" and rng.random() < 0.4:
            if n in nm.intel:
                E(t, "INTEL", sid, "view", "intelligence", rng.choice(nm.intel[n]), "", ws); t += step()
            else:
                E(t, "PNC", sid, "search", "nominal", nm.id[n], nm.name_query(n, 1), ws); t += step()
    if o.custody is not None and first and role in ("oic", "investigator"):
        E(t, "CUSTODY", sid, "view", "custody", w.custody[o.custody].cid, "", ws); t += step()
    if rng.random() < 0.6:
        E(t, "RMS", sid, "update", "occurrence", o.oid, "", ws)


def session_occ_work(ctx, cases, ptr):
    """Occurrence work inside a session: new tasks starting in it, and follow-ups of
    open investigations.  cases sorted by act_start; ptr = first not yet started."""
    rng, a, we = ctx.rng, ctx.a, ctx.we
    occs = ctx.w.occs
    n = len(cases)
    while ptr < n and cases[ptr][0] < we:
        st, en, oi, role = cases[ptr]
        if st >= a - 2 * HOUR:
            occ_work(ctx, max(st, a), occs[oi], role, True)
        ptr += 1
    # follow-ups: open investigative roles started before this session
    for j in range(ptr - 1, -1, -1):
        st, en, oi, role = cases[j]
        if st >= a:
            continue
        age = (a - st) / DAY
        if age > 120:
            break
        if role == "call_handler":
            if age < 4 and rng.random() < 0.025:  # call-back to a caller (innocent re-find)
                o = occs[oi]
                c = next((n for n, r in o.noms if r == "caller"), None)
                if c is not None:
                    t = rng.randint(a, max(a + 1, we - 10 * MIN))
                    ph = ctx.w.nom.phone[c]
                    if ph:
                        ctx.em.e(t, "RMS", ctx.s.sid, "search", "nominal", "", "tel:" + ph, ctx.ws)
                    ctx.em.e(t + rng.randint(10, 60), "RMS", ctx.s.sid, "view", "nominal", ctx.w.nom.id[c], "", ctx.ws)
            continue
        if role not in ("oic", "investigator", "safeguarding", "court_prep"):
            continue
        if en is not None and en < a:
            if not (role == "oic" and rng.random() < 0.02):
                continue  # occasional look at a closed case (innocent)
        p = 0.45 * math.exp(-age / 18) + 0.03
        if role == "court_prep":
            p = 0.5
        if rng.random() < p:
            occ_work(ctx, rng.randint(a, max(a + 1, we - 10 * MIN)), occs[oi], role, False)
    return ptr


def extra_work(ctx, ts, kind, payload):
    rng, em, w = ctx.rng, ctx.em, ctx.w
    sid, ws, nm = ctx.s.sid, ctx.ws, w.nom
    if kind == "court":
        o = w.occs[payload]
        t = ts
        if rng.random() < 0.6:
            em.e(t, "RMS", sid, "view", "occurrence", o.oid, "", ws); t += rng.randint(10, 120)
        for n, r in o.noms:
            if r in ("victim", "suspect") and rng.random() < 0.8:
                em.e(t, "RMS", sid, "view", "nominal", nm.id[n], "", ws); t += rng.randint(10, 120)
    elif kind == "release_file":
        c = w.custody[payload]
        em.e(ts, "CUSTODY", sid, "view", "custody", c.cid, "", ws)
        if rng.random() < 0.7:
            em.e(ts + rng.randint(20, 300), "RMS", sid, "view", "nominal", nm.id[c.nom], "", ws)
        if rng.random() < 0.3:
            em.e(ts + rng.randint(300, 900), "CUSTODY", sid, "print", "custody", c.cid, "", ws)


def major_surge(ctx, m):
    """Everybody on duty in the listed units looks at the same few people."""
    rng, em, w = ctx.rng, ctx.em, ctx.w
    a, we = ctx.a, ctx.we
    if we <= m["start"] or a >= m["end"] or ctx.p.unit not in m["units"] + ("MIT",):
        return
    peak = a < m["peak_end"]
    unit = ctx.p.unit
    if unit == "MIT":
        k = rng.randint(15, 40)
    elif peak:
        k = rng.randint(0, 4) if rng.random() < 0.75 else 0
        if unit in ("HQ",) and rng.random() < 0.6:
            k = 0
    else:
        k = rng.randint(0, 2) if rng.random() < 0.2 else 0
    if k == 0:
        return
    noms, wts = zip(*m["noms"])
    lo = max(a, m["start"])
    hi = min(we, m["end"])
    if hi <= lo:
        return
    sid, ws, nm = ctx.s.sid, ctx.ws, w.nom
    for _ in range(k):
        t = rng.randint(lo, hi - 1)
        n = rng.choices(noms, weights=wts)[0]
        r = rng.random()
        if r < 0.75:
            em.e(t, "RMS", sid, "view", "nominal", nm.id[n], "", ws)
        elif r < 0.85:
            em.e(t, "CAD", sid, "view", "location", w.loc_id[m["loc"]], "", ws)
        elif r < 0.93 and m["vrm"]:
            em.e(t, "PNC", sid, "search", "vehicle", m["vrm"], m["vrm"], ws)
        elif n in nm.intel:
            em.e(t, "INTEL", sid, "view", "intelligence", rng.choice(nm.intel[n]), "", ws)
        else:
            em.e(t, "RMS", sid, "search", "nominal", "", nm.name_query(n, 0), ws)
