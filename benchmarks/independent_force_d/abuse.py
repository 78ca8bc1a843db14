"""Choose the abusers and run their patterns.

About 8 per 1000 staff (at least 6).  Pattern for abuser k under seed s is
PATTERNS[(11*s + k) % 16]: seeds 1-3 already cover all sixteen, every seed has a mix.
"""
from abusehelp import Abuser
from patterns import PATTERNS


def n_abusers(nstaff):
    return max(6, int(round(8 * nstaff / 1000)))


def _eligible(staff, t0, t1, units, role):
    out = []
    for s in staff:
        if s.abuser is not None or s.sex != "M" or s.stype == "volunteer":
            continue
        if s.left is not None or s.postings[-1].start_ts > t0:
            continue
        p, q = s.posting_at(t0 + 3600), s.posting_at(t1 - 3600)
        if p.unit != q.unit or p.unit not in units or p.district != q.district:
            continue
        if role is not None and role not in (s.rank, p.role, s.stype.upper()):
            continue
        if sum(1 for x in s.sessions if x[2] != "S") < 5:
            continue
        out.append(s)
    return out


def plant(rng, seed, staff, ob, env, em):
    w = ob.w
    w.allegations = []
    n = n_abusers(len(staff))
    abusers = []
    for k in range(n):
        name, fn, units, role = PATTERNS[(11 * seed + k) % len(PATTERNS)]
        cands = _eligible(staff, ob.t0, ob.t1, units, role)
        attempts = [(name, fn, cands)]
        fb = PATTERNS[2]
        attempts.append((fb[0], fb[1], _eligible(staff, ob.t0, ob.t1, ("RESP", "CID", "TSG", "ROADS", "NHOOD", "HQ"), None)))
        for name, fn, cands in attempts:
            if not cands:
                continue
            s = rng.choice(cands)
            mark = len(em.ev)
            A = Abuser(k, s, name, rng, ob, env, em)
            try:
                fn(A)
            except (IndexError, ValueError):
                del em.ev[mark:]
                continue
            if A.count < 3:
                del em.ev[mark:]
                continue
            s.abuser = k
            abusers.append(A)
            break
    return abusers


def innocent_allegations(rng, staff, w):
    """Historical allegations for ~3% of staff (most unrelated to APSP; a few APSP ones that
    ended in no case to answer, against people who are not abusing now)."""
    cats = ["misuse_of_systems", "disclosure_of_information", "abuse_of_authority", "sexual_misconduct",
            "inappropriate_association", "theft_fraud", "drugs", "other", "apsp", "vulnerability"]
    outs = ["no_case_to_answer", "reflective_practice", "management_action", "written_warning",
            "no_further_action", "final_written_warning", ""]
    for s in staff:
        if s.abuser is not None or rng.random() > 0.03:
            continue
        cat = rng.choice(cats)
        yrs = rng.randint(0, 6)
        rec = w.start.replace(year=w.start.year - yrs, day=min(w.start.day, 28))
        rec = rec.replace(month=rng.randint(1, 12))
        out = rng.choice(outs) if yrs > 0 else ""
        if cat == "apsp":
            out = rng.choice(["no_case_to_answer", "no_further_action"])
        w.allegations.append(dict(staff=s.idx, received=rec, category=cat,
                                  source=rng.choice(["public_complaint", "colleague_report", "audit", "intelligence"]),
                                  victim_markers="" if cat not in ("apsp", "vulnerability", "sexual_misconduct")
                                  else rng.choice(["", "domestic_abuse_victim", "mental_health"]),
                                  iopc=cat in ("apsp", "sexual_misconduct") and rng.random() < 0.5, outcome=out))
