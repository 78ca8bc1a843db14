"""Sixteen APSP patterns, drawn from published UK cases, IOPC/HMICFRS reports and
misconduct hearings.  Each takes an Abuser (abusehelp.py), may add context (the job where
he met her, a custody record, a self-made tasking, a prior allegation) and emits only the
abusive events with the abuser's tag.  His ordinary work is generated separately."""
from common import DAY, HOUR, MIN
from force import DISTRICTS, SUITE_FOR


def _T(A):
    return A.t1 - A.t0


def _pick_job_or_make(A, roles, lo, hi, cats_pref, pool, make_cats):
    jobs = A.his_jobs(roles, lo=lo, hi=hi, cats=cats_pref) or A.his_jobs(roles, lo=lo, hi=hi)
    if jobs:
        st, o, vs = A.rng.choice(jobs)
        return st, o, A.rng.choice(vs)
    v = A.rng.choice(A.young_women(pool))
    st, o = A.make_job(A.rng.choice(make_cats), v, lo, hi, role=roles[0])
    return st, o, v


def met_at_job(A):
    """Meets a woman at a job, then looks her up a handful of times weeks apart."""
    rng, w = A.rng, A.w
    d = A.s.posting_at(A.t0).district or "CEN"
    st, o, v = _pick_job_or_make(A, ("attending",), A.t0 + DAY, A.t0 + int(_T(A) * 0.35),
                                 ("theft", "burglary", "rtc", "concern_for_welfare", "violence"),
                                 w.by_district.get(d) or w.pools["general"],
                                 ["theft", "rtc", "burglary", "concern_for_welfare"])
    A.victims.append(v)
    times = A.spaced(st + rng.randint(8, 15) * DAY, A.t1, rng.randint(3, 6), 6, 13, p_duty=0.6)
    for i, t in enumerate(times):
        A.view_nom(t, v)
        if i == len(times) - 1 and rng.random() < 0.6:
            A.ev(t + rng.randint(40, 300), "CAD", "view", "location", w.loc_id[w.nom.loc[v]])


def sergeant_trawl(A):
    """A sergeant on nights trawls recent sexual-offence / DA occurrences force-wide and
    opens the young women's records."""
    rng, w, nm = A.rng, A.w, A.w.nom
    sess = A.duty_times(A.t0, A.t1, rng.randint(6, 9), night=True)
    for t in sess:
        cat = rng.choice(["sexual_offence", "rape", "domestic_abuse", "stalking_harassment"])
        if rng.random() < 0.5:
            A.ev(t, "RMS", "search", "occurrence", "", f"category={cat};period=14d")
        t += rng.randint(20, 120)
        occs = A.recent_occs(t, 14 * DAY, ["sexual_offence", "rape", "domestic_abuse", "stalking_harassment"])
        for o in rng.sample(occs, min(len(occs), rng.randint(3, 7))):
            A.ev(t, "RMS", "view", "occurrence", o.oid)
            t += rng.randint(30, 240)
            for n in A.young_women([n for n, r in o.noms if r == "victim"], 16, 35):
                A.view_nom(t, n)
                A.victims.append(n)
                t += rng.randint(30, 300)
                if rng.random() < 0.15:
                    A.ev(t, "CAD", "view", "location", w.loc_id[nm.loc[n]])


def dating_name_search(A):
    """Name search for a woman met socially / on a dating app: no police link at all, then
    her address and car."""
    rng, w, nm = A.rng, A.w, A.w.nom
    in_occ = {n for o in w.occs for n, r in o.noms}
    cands = [i for i in A.young_women(w.pools["general"], 21, 38) if i not in in_occ and not nm.markers[i]]
    v = rng.choice(cands)
    if not nm.vrm[v] and rng.random() < 0.6:
        nm.vrm[v] = "WY" + str(rng.randint(15, 24)) + "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3))
    A.victims.append(v)
    first = A.t0 + rng.randint(3, max(4, int(_T(A) / DAY * 0.6))) * DAY
    t = (A.off_times(first, first + 4 * DAY, 1) or [first + 21 * HOUR])[0]
    A.ev(t, "RMS", "search", "nominal", "", nm.name_query(v, rng.choice([0, 3])))
    A.view_nom(t + rng.randint(20, 90), v)
    A.ev(t + rng.randint(100, 400), "CAD", "search", "location", "", w.loc_addr[nm.loc[v]])
    if nm.vrm[v]:
        A.ev(t + rng.randint(400, 900), "PNC", "search", "vehicle", nm.vrm[v], nm.vrm[v])
    for t2 in A.mixed_times(t + 5 * DAY, t + 25 * DAY, rng.randint(1, 3), p_duty=0.4):
        A.view_nom(t2, v)


def call_handler_recontact(A):
    """Contact-centre operator finds a woman who rang in, again, by phone number and address."""
    rng, w, nm = A.rng, A.w, A.w.nom
    jobs = [j for j in A.his_jobs(("call_handler",), lo=A.t0, hi=A.t0 + int(_T(A) * 0.5)) if any(nm.phone[v] for v in j[2])]
    picks = rng.sample(jobs, min(len(jobs), rng.randint(1, 2)))
    if not picks:
        v = rng.choice([i for i in A.young_women(w.pools["da"] + w.pools["general"][:5000]) if nm.phone[i]])
        st, o = A.make_job(rng.choice(["concern_for_welfare", "stalking_harassment", "theft"]), v,
                           A.t0 + DAY, A.t0 + int(_T(A) * 0.4), role="call_handler")
        picks = [(st, o, [v])]
    for st, o, vs in picks:
        v = next((x for x in vs if nm.phone[x]), vs[0])
        A.victims.append(v)
        for t in A.spaced(st + rng.randint(2, 9) * DAY, A.t1, rng.randint(2, 3), 5, 12, p_duty=0.85):
            if nm.phone[v]:
                A.ev(t, "RMS", "search", "nominal", "", "tel:" + nm.phone[v])
            A.view_nom(t + rng.randint(15, 80), v)
            if rng.random() < 0.7:
                A.ev(t + rng.randint(100, 300), "CAD", "view", "location", w.loc_id[nm.loc[v]])


def detention_after_release(A):
    """Detention officer contacts female detainees after release."""
    rng, w, ob = A.rng, A.w, A.ob
    suite = A.s.posting_at(A.t0).district
    mine = [c for c in w.custody if c.suite == suite and A.on_duty(c.booked + 30 * MIN)
            and c.released and c.booked < A.t0 + _T(A) * 0.6 and c.nom in set(A.young_women([c.nom], 18, 40))]
    rng.shuffle(mine)
    mine = mine[: rng.randint(2, 3)]
    while len(mine) < 2:
        pool = A.young_women(w.pools["sexworker"] + w.pools["offender"], 18, 38)
        v = rng.choice(pool)
        tt = A.duty_times(A.t0 + DAY, A.t0 + int(_T(A) * 0.55), 1)
        ts = tt[0] if tt else A.t0 + 5 * DAY
        dist = rng.choice([d for d in DISTRICTS if SUITE_FOR[d] == suite] or ["CEN"])
        o = ob.make(rng.choice(["public_order", "theft", "drugs"]), ts - 2 * HOUR, dist)
        o.noms = [(n, r) for n, r in o.noms if r != "suspect"] + [(v, "suspect")]
        att = next((row[0] for row in o.staff if row[1] == "attending"), ob.anyone("RESP", dist))
        c = ob.custody(o, v, att, ts - 20 * MIN)
        o.arrest = True
        mine.append(c)
    for c in mine:
        A.victims.append(c.nom)
        for t in A.spaced(c.released + rng.randint(2, 6) * DAY, A.t1, rng.randint(3, 6), 3, 9, p_duty=0.75):
            r = rng.random()
            if r < 0.5:
                A.ev(t, "CUSTODY", "view", "custody", c.cid)
            A.view_nom(t + rng.randint(20, 120), c.nom)


def detective_self_tasking(A):
    """Detective looks, then creates a welfare occurrence and adds himself to her old case
    for cover; most later looks are 'explained' by the tasking he made."""
    rng, w, nm, ob = A.rng, A.w, A.w.nom, A.ob
    old = [o for o in w.occs if o.opened < A.t0 - 20 * DAY and o.cat in ("stalking_harassment", "domestic_abuse", "sexual_offence")]
    cand = []
    for o in rng.sample(old, min(400, len(old))):
        vs = A.young_women([n for n, r in o.noms if r == "victim"], 18, 36)
        if vs:
            cand.append((o, vs[0]))
    o_old, v = rng.choice(cand)
    A.victims.append(v)
    t = A.duty_times(A.t0 + 2 * DAY, A.t0 + int(_T(A) * 0.3), 1)[0]
    A.ev(t, "RMS", "view", "occurrence", o_old.oid)
    A.view_nom(t + rng.randint(40, 200), v)
    t2 = A.duty_times(t + 3 * DAY, t + 8 * DAY, 1) or [t + 4 * DAY]
    t2 = t2[0]
    A.view_nom(t2, v)
    cover = ob.new_occ("concern_for_welfare", t2 + rng.randint(300, 1200), nm.district[v])
    cover.created_by, cover.noms, cover.loc = A.s.sid, [(v, "victim")], nm.loc[v]
    cover.closed = None
    A.ev(cover.opened, "RMS", "create", "occurrence", cover.oid)
    cover.staff.append([A.s.idx, "oic", cover.opened + rng.randint(60, 600), None, cover.opened, None, True])
    o_old.staff.append([A.s.idx, "investigator", cover.opened + DAY, None, cover.opened + DAY, None, True])
    for t3 in A.mixed_times(cover.opened + HOUR, A.t1, rng.randint(18, 32), p_duty=0.7):
        r = rng.random()
        if r < 0.55:
            A.view_nom(t3, v)
        elif r < 0.7:
            A.ev(t3, "RMS", "view", "occurrence", cover.oid)
        elif r < 0.78:
            A.ev(t3, "RMS", "update", "occurrence", cover.oid)
        elif r < 0.88:
            A.ev(t3, "CAD", "view", "location", w.loc_id[nm.loc[v]])
        elif nm.vrm[v]:
            A.ev(t3, "PNC", "search", "vehicle", nm.vrm[v], nm.vrm[v])
        else:
            A.ev(t3, "RMS", "view", "occurrence", o_old.oid)


def pcso_sex_workers(A):
    """PCSO in the red-light patch fixates on a few sex workers, beyond the welfare operation."""
    rng, w, nm = A.rng, A.w, A.w.nom
    d = A.s.posting_at(A.t0).district or "DOC"
    pool = A.young_women(w.sw_by_district.get(d) or w.pools["sexworker"], 18, 40) or A.young_women(w.pools["sexworker"], 18, 45)
    vs = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
    A.victims += vs
    for t in A.mixed_times(A.t0 + DAY, A.t1, rng.randint(15, 28), p_duty=0.75):
        v = rng.choice(vs)
        A.view_nom(t, v)
        if rng.random() < 0.2:
            A.ev(t + rng.randint(30, 200), "CAD", "view", "location", w.loc_id[nm.loc[v]])


def non_nominal_records(A):
    """Follows a DA victim from an old job through her address, car, intelligence and
    occurrence records; opens her person record once."""
    rng, w, nm, ob = A.rng, A.w, A.w.nom, A.ob
    old = [o for o in w.occs if o.cat == "domestic_abuse" and o.opened < A.t0 - 30 * DAY]
    cand = [(o, v) for o in rng.sample(old, min(300, len(old))) for v in A.young_women([n for n, r in o.noms if r == "victim"])]
    o, v = rng.choice(cand)
    ob.task(o, A.s.idx, "attending", o.opened + 20 * MIN, o.opened + 3 * HOUR, late_p=0, open_p=0)
    A.w.cases[A.s.idx].pop()
    if not nm.vrm[v]:
        nm.vrm[v] = "KM" + str(rng.randint(15, 24)) + "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3))
    if v not in nm.intel:
        nm.intel[v] = [f"IR{rng.randint(600000, 699999)}"]
    A.victims.append(v)
    for i, t in enumerate(A.mixed_times(A.t0 + 2 * DAY, A.t1, rng.randint(10, 15), p_duty=0.5)):
        r = rng.random()
        if i == 3:
            A.view_nom(t, v)
        elif r < 0.35:
            A.ev(t, "CAD", "view", "location", w.loc_id[nm.loc[v]])
        elif r < 0.6:
            A.ev(t, "PNC", "search", "vehicle", nm.vrm[v], nm.vrm[v])
        elif r < 0.8:
            A.ev(t, "INTEL", "view", "intelligence", rng.choice(nm.intel[v]))
        else:
            A.ev(t, "RMS", "view", "occurrence", o.oid)


def multi_system_spread(A):
    """One woman, a few looks in each of five systems so no single audit feed shows much."""
    rng, w, nm = A.rng, A.w, A.w.nom
    home = A.s.posting_at(A.t0).district
    occs = [o for o in A.recent_occs(A.t0 + int(_T(A) * 0.3), 45 * DAY, ["sexual_offence", "rape", "stalking_harassment"])
            if o.district != home]
    cand = [(o, v) for o in occs for v in A.young_women([n for n, r in o.noms if r == "victim"], 18, 35)]
    o, v = rng.choice(cand) if cand else (None, rng.choice(A.young_women(w.pools["so"])))
    A.victims.append(v)
    cust = [c for c in w.custody if c.nom == v]
    plan = ["RMS"] * 3 + ["PNC"] * 3 + ["INTEL"] * 2 + ["CAD"] * 3 + (["CUSTODY"] if cust else []) + ["RMSO"]
    rng.shuffle(plan)
    lo = A.t0 + int(_T(A) * 0.3)
    for sysid, t in zip(plan, A.mixed_times(lo, min(A.t1, lo + 25 * DAY), len(plan), p_duty=0.7)):
        if sysid == "RMS":
            A.view_nom(t, v)
        elif sysid == "RMSO":
            A.ev(t, "RMS", "view", "occurrence", o.oid) if o else A.view_nom(t, v)
        elif sysid == "PNC":
            if nm.vrm[v] and rng.random() < 0.5:
                A.ev(t, "PNC", "search", "vehicle", nm.vrm[v], nm.vrm[v])
            else:
                A.ev(t, "PNC", "search", "nominal", nm.id[v] if rng.random() < 0.5 else "", nm.name_query(v, 1))
        elif sysid == "INTEL":
            A.ev(t, "INTEL", "search", "intelligence", "", nm.name_query(v, 0))
        elif sysid == "CAD":
            A.ev(t, "CAD", "view", "location", w.loc_id[nm.loc[v]])
        else:
            A.ev(t, "CUSTODY", "view", "custody", cust[0].cid)


def busy_period_cover(A):
    """Active only on duty in genuinely busy periods (major incident, Friday/Saturday nights)."""
    rng = A.rng
    for t in A.duty_times(A.t0, A.t1, rng.randint(8, 14), busy=True):
        occs = A.recent_occs(t, 4 * DAY, ["missing_person", "domestic_abuse", "sexual_offence", "vice"])
        vs = [(o, n) for o in occs for n in A.young_women([n for n, r in o.noms if r == "victim"], 16, 32)]
        if not vs:
            continue
        o, v = rng.choice(vs)
        if rng.random() < 0.3:
            A.ev(t - rng.randint(20, 120), "RMS", "view", "occurrence", o.oid)
        A.view_nom(t, v)
        A.victims.append(v)


def supervisor_team_victims(A):
    """Response sergeant opens the records of young women from his team's jobs, weeks later."""
    rng, w, ob = A.rng, A.w, A.ob
    p = A.s.posting_at(A.t0)
    team = {j for j in ob.by_unit.get(("RESP", p.district), []) if ob.staff[j].postings[-1].team == p.team}
    jobs = []
    for o in w.occs:
        if A.t0 - 10 * DAY <= o.opened < A.t0 + _T(A) * 0.5 and any(r[0] in team and r[1] == "attending" for r in o.staff):
            vs = A.young_women([n for n, r in o.noms if r in ("victim", "witness")], 17, 35)
            if vs:
                jobs.append((o, vs[0]))
    picks = rng.sample(jobs, min(len(jobs), 3))
    for o, v in picks:
        A.victims.append(v)
        for i, t in enumerate(A.spaced(o.opened + rng.randint(12, 25) * DAY, A.t1, rng.randint(4, 8), 2, 6, p_duty=0.6)):
            if i == 0:
                A.ev(t - rng.randint(30, 200), "RMS", "view", "occurrence", o.oid)
            A.view_nom(t, v)


def intel_reader_sex_workers(A):
    """Intelligence researcher reads sex workers' and trafficking victims' intelligence."""
    rng, w, nm = A.rng, A.w, A.w.nom
    pool = A.young_women(w.pools["sexworker"] + w.pools["msv"], 18, 40)
    vs = rng.sample(pool, min(len(pool), rng.randint(5, 8)))
    for v in vs:
        if v not in nm.intel:
            nm.intel[v] = [f"IR{rng.randint(700000, 799999)}" for _ in range(rng.randint(1, 4))]
    A.victims += vs
    for t in A.duty_times(A.t0, A.t1, rng.randint(30, 48)):
        v = rng.choice(vs)
        r = rng.random()
        if r < 0.5:
            A.ev(t, "INTEL", "view", "intelligence", rng.choice(nm.intel[v]))
        elif r < 0.85:
            A.view_nom(t, v)
        else:
            A.ev(t, "INTEL", "search", "intelligence", "", nm.name_query(v, rng.choice([0, 3])))


def prior_allegation(A):
    """Has an APSP allegation from years ago (management action); now targets a vulnerable
    woman from a welfare job."""
    rng, w, nm = A.rng, A.w, A.w.nom
    pool = A.young_women(w.pools["mh"] + w.pools["vuln"], 19, 45)
    v = rng.choice(pool)
    st, o = A.make_job(rng.choice(["concern_for_welfare", "mental_health"]), v, A.t0 + DAY, A.t0 + int(_T(A) * 0.4))
    A.victims.append(v)
    yrs = rng.randint(2, 5)
    w.allegations.append(dict(staff=A.s.idx, received=A.w.start.replace(day=min(A.w.start.day, 28)).replace(year=A.w.start.year - yrs),
                              category="apsp", source="public_complaint", victim_markers="mental_health;vulnerable_adult",
                              iopc=rng.random() < 0.5, outcome="management_action"))
    for t in A.mixed_times(st + 2 * DAY, A.t1, rng.randint(6, 11), p_duty=0.3):
        A.view_nom(t, v)
        if rng.random() < 0.15:
            A.ev(t + 200, "CAD", "view", "location", w.loc_id[nm.loc[v]])


def victim_is_suspect(A):
    """Targets women he arrested (shoplifting, drunk and disorderly): suspects, not victims."""
    rng, w, nm, ob = A.rng, A.w, A.w.nom, A.ob
    for _ in range(2):
        v = rng.choice(A.young_women(w.pools["offender"] + w.pools["sexworker"], 18, 35))
        st, o = A.make_job(rng.choice(["theft", "public_order", "drugs"]), v, A.t0 + DAY, A.t0 + int(_T(A) * 0.5))
        o.noms = [(n, r) for n, r in o.noms if n != v and r != "suspect"] + [(v, "suspect")]
        if o.custody is None:
            ob.custody(o, v, A.s.idx, st + rng.randint(20 * MIN, 60 * MIN))
            o.arrest = True
        c = w.custody[o.custody]
        c.nom = v
        A.victims.append(v)
        for t in A.spaced(st + rng.randint(7, 20) * DAY, A.t1, rng.randint(3, 7), 2, 7, p_duty=0.5):
            r = rng.random()
            A.view_nom(t, v)
            if r < 0.25:
                A.ev(t + 120, "CUSTODY", "view", "custody", c.cid)
            elif r < 0.4:
                A.ev(t + 120, "PNC", "search", "nominal", nm.id[v], nm.name_query(v, 1))


def da_fixation(A):
    """The classic: a DA victim from his own job, looked at again and again, mostly off duty."""
    rng, w, nm = A.rng, A.w, A.w.nom
    d = A.s.posting_at(A.t0).district or "CEN"
    st, o, v = _pick_job_or_make(A, ("attending",), A.t0 + DAY, A.t0 + int(_T(A) * 0.3), ("domestic_abuse",),
                                 w.da_by_district.get(d) or w.pools["da"], ["domestic_abuse"])
    A.victims.append(v)
    for t in A.mixed_times(st + 3 * DAY, A.t1, rng.randint(30, 44), p_duty=0.25):
        r = rng.random()
        if r < 0.75:
            A.view_nom(t, v)
        elif r < 0.9:
            A.ev(t, "RMS", "view", "occurrence", o.oid)
        else:
            A.ev(t, "CAD", "view", "location", w.loc_id[nm.loc[v]])


def special_offshift(A):
    """Special constable: a young woman from one of his few shifts, looked up on days he
    has no shift, from the station terminal."""
    rng, w = A.rng, A.w
    d = A.s.posting_at(A.t0).district or "CEN"
    st, o, v = _pick_job_or_make(A, ("attending",), A.t0, A.t0 + int(_T(A) * 0.5), None,
                                 w.young_f_by_district.get(d, w.pools["general"]), ["violence", "theft", "public_order", "asb"])
    A.victims.append(v)
    for t in A.off_times(st + DAY, A.t1, rng.randint(5, 8), evening=False):
        A.view_nom(t, v, ws=A.s.desk)


PATTERNS = [
    ("met_at_job_revisit", met_at_job, ("RESP", "NHOOD", "ROADS", "TSG"), "Constable"),
    ("sergeant_force_trawl", sergeant_trawl, ("RESP", "NHOOD", "CID"), "Sergeant"),
    ("dating_app_name_search", dating_name_search, ("RESP", "CID", "TSG", "HQ", "ROADS"), None),
    ("call_handler_recontact", call_handler_recontact, ("CC",), "Call Handler"),
    ("detention_officer_after_release", detention_after_release, ("CUSTODY",), "Detention Officer"),
    ("detective_self_tasking", detective_self_tasking, ("CID", "PPU"), "Detective Constable"),
    ("pcso_sex_worker_focus", pcso_sex_workers, ("NHOOD",), "PCSO"),
    ("non_nominal_records", non_nominal_records, ("RESP", "ROADS", "TSG"), "Constable"),
    ("multi_system_spread", multi_system_spread, ("CID", "INTEL", "MIT"), None),
    ("busy_period_cover", busy_period_cover, ("RESP", "TSG"), "Constable"),
    ("supervisor_team_victims", supervisor_team_victims, ("RESP",), "Sergeant"),
    ("intel_reader_sex_workers", intel_reader_sex_workers, ("INTEL",), "Intelligence Researcher"),
    ("prior_allegation_reoffends", prior_allegation, ("RESP", "NHOOD"), "Constable"),
    ("victim_is_suspect", victim_is_suspect, ("RESP", "TSG"), "Constable"),
    ("off_duty_da_fixation", da_fixation, ("RESP", "NHOOD"), "Constable"),
    ("special_constable_offshift", special_offshift, ("SPECIALS",), None),
]
