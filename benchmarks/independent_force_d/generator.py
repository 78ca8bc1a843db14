#!/usr/bin/env python3
"""Independent test-force generator D: Kingsmouth Metropolitan Police (KM).

    python generator.py --out DIR --staff 1000 --days 60 --seed 1 [--start 2025-09-01]

writes DIR/package/ (FDP v1: manifest.json + every table, access events split per system
and, for the RMS, per month) and DIR/package.truth.json (the planted APSP abusers and the
event_ids of their abusive events only).  Output is a pure function of the arguments.
Standard library only (Python 3.11).
"""
import argparse
import datetime as dt
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import abuse  # noqa: E402
import force  # noqa: E402
import occur  # noqa: E402
import output  # noqa: E402
import roles  # noqa: E402
import world  # noqa: E402
from common import DAY, HOUR, local_dt_utc  # noqa: E402
from work import Emitter  # noqa: E402


def generic_accounts(rng, w, em, t0, days):
    """Logins that are not people: a shared contact-centre training account, a nightly
    data-quality batch, and a handful of CAD auto-closure entries with no user at all."""
    nm = w.nom
    for dn in range(days):
        day0 = t0 + dn * DAY
        if rng.random() < 0.25:   # training course using a shared login on the live system
            t = day0 + 10 * HOUR + rng.randint(0, 3600)
            for _ in range(rng.randint(20, 60)):
                x = rng.choice(w.training_noms) if rng.random() < 0.7 else rng.randrange(len(nm))
                em.e(t, "RMS", "CCTRAIN01", rng.choice(["search", "view"]), "nominal",
                     nm.id[x], nm.name_query(x, 0) if rng.random() < 0.3 else "", "WS-FHQ-TRAIN")
                t += rng.randint(20, 240)
        t = day0 + 2 * HOUR + rng.randint(0, 1800)
        for _ in range(rng.randint(80, 220)):   # nightly duplicate-merge batch
            em.e(t, "RMS", "SVC-DQBATCH", "update", "nominal", nm.id[rng.randrange(len(nm))], "", "APPSRV02")
            t += rng.randint(1, 6)
    for _ in range(4):
        o = rng.choice([o for o in w.occs[-2000:] if o.closed is not None])
        em.e(o.closed + 60, "CAD", "", "update", "occurrence", o.oid, "auto-close: no further action", "CADSRV")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--out", required=True)
    ap.add_argument("--staff", type=int, default=1000)
    ap.add_argument("--days", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", default="2025-09-01")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    if a.staff < 150 or a.days < 14:
        ap.error("need --staff >= 150 and --days >= 14 for every unit and pattern to exist")
    clock = time.time()

    def log(msg):
        if not a.quiet:
            print(f"[{time.time() - clock:6.1f}s] {msg}", file=sys.stderr)

    start = dt.date.fromisoformat(a.start)
    rng = random.Random(a.seed)
    t0 = local_dt_utc(start)
    t1 = local_dt_utc(start + dt.timedelta(days=a.days))
    staff = force.build_staff(rng, a.staff, start, a.days)
    force.build_sessions(rng, staff, start, a.days, int(a.days * 0.37))
    di = force.duty_index(staff, t0, a.days)
    log(f"staff {len(staff)}, sessions {sum(len(s.sessions) for s in staff)}")
    w = world.build_world(rng, a.staff, start, a.days)
    ob = occur.OccBuilder(rng, w, staff, di, t0, t1)
    ob.build(a.staff)
    occur.majors(ob, a.staff)
    ob.courts()
    log(f"nominals {len(w.nom)}, occurrences {len(w.occs)}, custody {len(w.custody)}")
    em = Emitter(t0, t1)
    env0 = roles.Env(rng, w, staff, t0, t1, {})
    abusers = abuse.plant(rng, a.seed, staff, ob, env0, em)
    abuse.innocent_allegations(rng, staff, w)
    log(f"abusers {len(abusers)}: " + ", ".join(f"{A.s.sid}={A.pattern}({A.count})" for A in abusers))
    briefs = occur.briefings(rng, w, t0, a.days)
    env = roles.Env(rng, w, staff, t0, t1, briefs)
    roles.run_all(env, em)
    generic_accounts(rng, w, em, t0, a.days)
    log(f"events {len(em.ev)}")
    pkg = os.path.join(a.out, "package")
    W = output.Writer(pkg)
    output.write_context(W, rng, w, staff, t0, t1)
    log("context tables written")
    truth = output.write_events(W, rng, em.ev, t0, t1, start)
    em.ev = None
    W.manifest(start, a.days)
    output.write_truth(os.path.join(a.out, "package.truth.json"), a.seed, a.days, abusers, truth)
    log(f"done: {sum(v for k, v in W.files.items() if k.startswith('access_events'))} access events, "
        f"{len(W.files)} files")


if __name__ == "__main__":
    main()
