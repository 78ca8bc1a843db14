"""Shared machinery: the audit-event sink, duty look-ups and the small helpers every
kind of work uses to leave traces (searches, views, updates) in the audited systems."""
from timeutil import HOUR

# audited systems and how each one writes its timestamps
AUDITED = ["RMS", "CAD", "MOBILE", "CUSTODY", "INTEL", "PNC"]


class Sink:
    """Collects audit events per system as plain tuples:
    (ts, staff_id, action, entity_type, entity_id, query, workstation, tag)
    tag is -1 for legitimate work, else the index of the abuser in the truth list."""

    def __init__(self, t0, t1):
        self.t0, self.t1 = t0, t1
        self.ev = {s: [] for s in AUDITED}

    def add(self, sysid, ts, sid, act, et, eid="", q="", ws="", tag=-1):
        if self.t0 <= ts < self.t1:
            self.ev[sysid].append((ts, sid, act, et, eid, q, ws, tag))
            return True
        return False

    def count(self):
        return sum(len(v) for v in self.ev.values())


class Ctx:
    """Everything a work generator needs."""

    def __init__(self, rng, clock, wf, ppl):
        self.rng, self.clock, self.wf, self.ppl = rng, clock, wf, ppl
        self.sink = Sink(clock.t0, clock.t1)
        self.H = (clock.t1 - clock.t0) // HOUR + 1
        self.occs = []
        self.custody = []
        self._duty_index()
        for st in wf.staff:
            k = st.segments[0].kind
            if k.startswith("ctrl"):
                st.desk = "FCR-WS%02d" % rng.randrange(1, 60)
            elif k.startswith("cust"):
                st.desk = "CUS-%s-%02d" % ("MB" if st.segments[0].suite.startswith("Marshby") else "KF",
                                           rng.randrange(1, 16))

    # ------------------------------------------------------------ duty index
    def _duty_index(self):
        t0, H = self.clock.t0, self.H
        idx = {}
        for st in self.wf.staff:
            for (s, e, si) in st.worked:
                seg = st.segments[si]
                keys = ((seg.kind, seg.district), (seg.kind, "*"))
                h0 = max(0, (s - t0) // HOUR)
                h1 = min(H, (e - t0 - 1) // HOUR + 1)
                for key in keys:
                    arr = idx.get(key)
                    if arr is None:
                        arr = idx[key] = [[] for _ in range(H)]
                    for h in range(h0, h1):
                        arr[h].append(st)
        self.didx = idx

    def on_duty(self, kind, district, ts):
        """Staff of a kind on duty at ts (in a district, or anywhere with district '*')."""
        arr = self.didx.get((kind, district))
        if arr is None:
            return []
        h = (ts - self.clock.t0) // HOUR
        if h < 0 or h >= self.H:
            return []
        return arr[h]

    def pick_on_duty(self, kinds, district, ts, exclude=None):
        rng = self.rng
        for kind in kinds:
            lst = self.on_duty(kind, district, ts)
            if lst:
                for _ in range(4):
                    st = lst[rng.randrange(len(lst))]
                    if exclude is not None:
                        if isinstance(exclude, (set, frozenset)):
                            if st.sid in exclude:
                                continue
                        elif st is exclude:
                            continue
                    if st.duty_at(ts) is not None:
                        return st
        return None

    def wf_beats(self, district):
        from people import BEATS
        return BEATS[district]

    def any_member(self, kind, district=None):
        lst = self.members(kind, district) or self.members(kind)
        return lst[self.rng.randrange(len(lst))] if lst else None

    def members(self, kind, district=None):
        key = (kind, district)
        cache = self.__dict__.setdefault("_mcache", {})
        if key not in cache:
            out = []
            for st in self.wf.staff:
                for seg in st.segments:
                    if seg.kind == kind and (district is None or seg.district == district):
                        out.append(st)
                        break
            cache[key] = out
        return cache[key]

    # ------------------------------------------------------------ time helpers
    def at_work(self, st, ts, max_wait=5 * 86400):
        """A time at or after ts when st is at work, or None."""
        iv = st.next_duty(ts)
        if iv is None:
            return None
        if iv[0] <= ts:
            return ts
        if iv[0] - ts > max_wait:
            return None
        span = iv[1] - iv[0]
        return iv[0] + self.rng.randrange(max(60, min(span - 600, 4 * HOUR)))

    # ------------------------------------------------------------ trace helpers
    def ws(self, st, sysid, remote=False):
        if sysid == "MOBILE":
            return st.mdt or "MDT-POOL%02d" % (st.idx % 40)
        if remote and st.vpn:
            return "VPN-" + st.vpn
        return st.desk

    def q_name(self, nm, sysid):
        r = self.rng.random()
        if sysid == "PNC":
            return "NAME %s/%s/%s" % (nm.sur, nm.fore, nm.sex or "U")
        if sysid == "CAD":
            return "%s, %s" % (nm.sur, nm.fore)
        if sysid == "INTEL":
            return "%s %s" % (nm.fore, nm.sur)
        if sysid == "CUSTODY":
            return "%s %s %s" % (nm.sur, nm.fore, nm.by or "")
        if r < 0.5:
            return "surname:%s forename:%s" % (nm.sur, nm.fore)
        if r < 0.8:
            return "surname:%s forename:%s*" % (nm.sur, nm.fore[0])
        return "surname:%s yob:%s" % (nm.sur, nm.by or "")

    def look(self, st, sysid, ts, ni, search_p=0.4, tag=-1, remote=False):
        """Find (sometimes by search) and view one person record. Returns the time after."""
        add = self.sink.add
        nm = self.ppl.noms[ni]
        ws = self.ws(st, sysid, remote)
        if self.rng.random() < search_p:
            add(sysid, ts, st.sid, "search", "nominal", "", self.q_name(nm, sysid), ws, tag)
            ts += self.rng.randint(8, 70)
        add(sysid, ts, st.sid, "view", "nominal", nm.nid, "", ws, tag)
        return ts + self.rng.randint(20, 240)

    def look_addr(self, st, sysid, ts, ni, tag=-1, remote=False, search_p=0.3):
        nm = self.ppl.noms[ni]
        lid, text, _, _ = self.ppl.addresses[nm.addr]
        ws = self.ws(st, sysid, remote)
        if self.rng.random() < search_p:
            self.sink.add(sysid, ts, st.sid, "search", "location", "", "address:" + text, ws, tag)
            ts += self.rng.randint(8, 60)
        self.sink.add(sysid, ts, st.sid, "view", "location", lid, "", ws, tag)
        return ts + self.rng.randint(15, 180)

    def view_loc(self, st, sysid, ts, loc, tag=-1, remote=False):
        self.sink.add(sysid, ts, st.sid, "view", "location", self.ppl.addresses[loc][0], "",
                      self.ws(st, sysid, remote), tag)
        return ts + self.rng.randint(15, 180)

    def look_occ(self, st, sysid, ts, oid, act="view", tag=-1, remote=False):
        self.sink.add(sysid, ts, st.sid, act, "occurrence", oid, "", self.ws(st, sysid, remote), tag)
        return ts + self.rng.randint(20, 400)

    def pnc_vehicle(self, st, ts, vrm, tag=-1, view_p=0.6, sysid="PNC", remote=False):
        ws = self.ws(st, sysid, remote)
        self.sink.add(sysid, ts, st.sid, "search", "vehicle", "", "VRM " + vrm.replace(" ", ""), ws, tag)
        ts += self.rng.randint(5, 40)
        if self.rng.random() < view_p:
            self.sink.add(sysid, ts, st.sid, "view", "vehicle", vrm.replace(" ", ""), "", ws, tag)
            ts += self.rng.randint(10, 90)
        return ts

    def intel_on(self, st, ts, ni, tag=-1, remote=False, view_max=3):
        """Search intelligence for a person and read some of the records held."""
        nm = self.ppl.noms[ni]
        ws = self.ws(st, "INTEL", remote)
        add = self.sink.add
        add("INTEL", ts, st.sid, "search", "intelligence", "", self.q_name(nm, "INTEL"), ws, tag)
        ts += self.rng.randint(10, 80)
        recs = nm.intel
        if recs:
            n = self.rng.randint(1, min(view_max, len(recs)))
            for j in recs[:n]:
                add("INTEL", ts, st.sid, "view", "intelligence", self.ppl.intel[j][0], "", ws, tag)
                ts += self.rng.randint(30, 300)
        return ts
