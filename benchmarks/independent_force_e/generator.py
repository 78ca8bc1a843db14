#!/usr/bin/env python3
"""Fellmoor Constabulary: a blind synthetic-force generator for custodiet (FDP v1).

    python generator.py --out DIR --staff 1000 --days 60 --seed 1 [--start 2025-09-01]

writes DIR/package/ (an FDP v1 package), DIR/package.truth.json (the planted abusers and
their abusive access events) and DIR/package.notes.json (look-alikes and details).
The output is a pure function of the arguments.
"""
import argparse
import datetime as _dt
import os
import random
import sys
import time

sys.dont_write_bytecode = True   # leave no __pycache__ beside the generator
HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from abuse import Abuse  # noqa: E402
from force import Workforce  # noqa: E402
from occurrences import Occurrences  # noqa: E402
from people import People  # noqa: E402
from routine import Routine  # noqa: E402
from timeutil import Clock  # noqa: E402
from work import Ctx  # noqa: E402
from writer import Writer  # noqa: E402


class FastRandom(random.Random):
    """random.Random with cheaper integer helpers built on random() (still one seeded
    Mersenne Twister stream; results depend only on the seed)."""

    def randrange(self, start, stop=None, step=1):
        if stop is None:
            return int(self.random() * start)
        return start + int(self.random() * (stop - start))

    def randint(self, a, b):
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]


def generate(out, staff, days, seed, start, verbose=True):
    t_start = time.perf_counter()

    def log(msg):
        if verbose:
            print("[%6.1fs] %s" % (time.perf_counter() - t_start, msg), file=sys.stderr)

    rng = FastRandom(seed)
    clock = Clock(start, days)
    wf = Workforce(rng, clock, staff)
    log("workforce: %d staff, %d movers" % (len(wf.staff), len(wf.movers)))
    ppl = People(rng, clock, staff)
    log("people: %d nominals" % len(ppl.noms))
    ctx = Ctx(rng, clock, wf, ppl)
    occ = Occurrences(ctx)
    ab = Abuse(ctx, occ, seed)
    ab.setup()
    ab.lookalikes_setup()
    log("abusers planted: %s" % ", ".join(a["pattern"] for a in ab.abusers))
    occ.generate()
    occ.extra_custody()
    ab.lookalikes_cases()
    log("occurrences: %d, custody: %d, events so far %d" % (len(ctx.occs), len(ctx.custody), ctx.sink.count()))
    Routine(ctx).run()
    log("routine work done, events %d" % ctx.sink.count())
    ab.run()
    ab.lookalikes_after()
    log("abuse and look-alikes done, events %d" % ctx.sink.count())
    w = Writer(out, ctx, occ, ab, seed)
    w.write()
    log("written: %s" % ", ".join("%s=%d" % kv for kv in sorted(w.files.items())))
    return w


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="output folder (package/ and package.truth.json go inside)")
    p.add_argument("--staff", type=int, default=1000, help="number of staff (about 200 and up)")
    p.add_argument("--days", type=int, default=60, help="length of the period in days")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--start", default="2025-09-01", help="first day of the period (YYYY-MM-DD)")
    p.add_argument("--quiet", action="store_true")
    a = p.parse_args(argv)
    if a.staff < 150:
        p.error("--staff must be at least about 200 (150 is the hard floor)")
    if a.days < 7:
        p.error("--days must be at least 7")
    start = _dt.date.fromisoformat(a.start)
    generate(a.out, a.staff, a.days, a.seed, start, verbose=not a.quiet)


if __name__ == "__main__":
    main()
