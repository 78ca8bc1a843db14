"""Web benchmark: 100,000 alerts in the store, 20 concurrent users on the queue and alert pages.

Seeds a fresh store (SQLite in a temporary home unless --db is given), starts
`custodiet serve` on a free localhost port, logs 20 users in, and for a bounded time has each
of them page through the queue (with filters and sorts) and open alerts. Prints p50/p95/p99
page times per page kind. Not a test: run `python benchmarks/bench_web.py`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert

from custodiet.alerts.models import Alert
from custodiet.db import get_engine, session_scope, upgrade
from custodiet.users.models import User
from custodiet.users.service import ensure_role_permissions, hash_password

PASSWORD = "benchmark-password"
RULES = (
    "person_focus",
    "breadth",
    "off_duty",
    "after_release",
    "colleague_lookup",
    "unknown_account",
)
CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


def seed(db_url: str, *, alerts: int, users: int) -> None:
    """Write `alerts` alerts with evidence and `users` analyst logins (bulk inserts)."""
    rng = random.Random(7)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(alerts):
        staff = f"PC{rng.randrange(1, 4000):04d}"
        nominal = f"N{rng.randrange(1, 200_000)}"
        rule = rng.choice(RULES)
        t0 = start + timedelta(minutes=rng.randrange(0, 90 * 24 * 60))
        events = [
            {
                "event_id": f"E{i}-{k}",
                "ts": (t0 + timedelta(hours=5 * k)).isoformat(),
                "system_id": "RMS",
                "action": "view",
                "nominal_id": nominal,
                "on_duty": k % 3 != 0,
                "explained_by": [],
            }
            for k in range(rng.randrange(3, 25))
        ]
        evidence = {
            "events": events,
            "shifts": [
                {
                    "start": (t0 + timedelta(days=d)).isoformat(),
                    "end": (t0 + timedelta(days=d, hours=9)).isoformat(),
                }
                for d in range(5)
            ],
            "taskings": [],
            "figures": {"events": len(events), "days": 5, "off_events": len(events) // 3},
        }
        score = round(rng.random() * 100, 1)
        rows.append(
            {
                "alert_key": hashlib.sha256(f"{i}".encode()).hexdigest()[:40],
                "force": "SY",
                "staff_id": staff,
                "rule_family": rule,
                "subject_nominal_id": nominal,
                "score": score,
                "severity": "critical"
                if score > 90
                else "high"
                if score > 70
                else "medium"
                if score > 40
                else "low",
                "status": rng.choices(("new", "in_review", "closed"), (6, 1, 3))[0],
                "active": True,
                "nominal_ids": [nominal],
                "event_ids": [e["event_id"] for e in events],
                "rule_ids": ["S001"],
                "reasons": [f"looked up {len(events)} times"],
                "narrative": f"Looked up a person {len(events)} times on 5 days; no task explains it.",
                "evidence": evidence,
                "first_seen_at": t0,
                "updated_at": t0,
            }
        )
    engine = get_engine(db_url)
    with engine.begin() as conn:
        for chunk in range(0, len(rows), 5000):
            conn.execute(insert(Alert), rows[chunk : chunk + 5000])
    password_hash = hash_password(PASSWORD)
    with session_scope(db_url) as session:
        ensure_role_permissions(session)
        for u in range(users):
            session.add(
                User(
                    username=f"bench{u}",
                    display_name=f"Bench {u}",
                    role="analyst",
                    force="SY",
                    password_hash=password_hash,
                    active=True,
                )
            )


def free_port() -> int:
    """A free TCP port on localhost."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of values."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def user_loop(
    base: str,
    username: str,
    alerts: int,
    stop: float,
    out: dict[str, list[float]],
    lock: threading.Lock,
    errors: list[str],
    think: float,
) -> None:
    """One user: log in, then alternate queue pages and alert pages until `stop`.

    Between pages the user pauses for `think` seconds on average (0: back-to-back clicks).
    """
    rng = random.Random(username)
    with httpx.Client(base_url=base, timeout=30, follow_redirects=False) as client:
        token = CSRF.search(client.get("/login").text)
        assert token
        resp = client.post(
            "/login",
            data={
                "username": username,
                "password": PASSWORD,
                "csrf_token": token.group(1),
                "next": "/",
            },
        )
        if resp.status_code != 303:
            errors.append(f"{username}: login {resp.status_code}")
            return
        while time.monotonic() < stop:
            kind = rng.choice(("queue", "queue_filtered", "alert", "alert"))
            if kind == "queue":
                url = f"/alerts?status=open&page={rng.randrange(1, 200)}"
            elif kind == "queue_filtered":
                url = (
                    f"/alerts?status={rng.choice(('new', 'all', 'closed'))}&rule={rng.choice(RULES)}"
                    f"&min_score={rng.randrange(0, 90)}&sort={rng.choice(('score', 'newest', 'staff'))}"
                )
            else:
                url = f"/alerts/{rng.randrange(1, alerts + 1)}"
            began = time.perf_counter()
            resp = client.get(url)
            elapsed = time.perf_counter() - began
            if resp.status_code != 200:
                errors.append(f"{url}: {resp.status_code}")
                continue
            with lock:
                out.setdefault(kind, []).append(elapsed)
            if think > 0:
                time.sleep(rng.uniform(0.5 * think, 1.5 * think))


def main() -> None:
    """Seed, serve, load, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alerts", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--db", help="store URL (default: SQLite in a temporary home)")
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="mean pause between a user's pages in seconds (0: back-to-back)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="custodiet-bench-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        db_url = args.db or f"sqlite:///{home / 'custodiet.sqlite3'}"
        upgrade(db_url)
        began = time.perf_counter()
        seed(db_url, alerts=args.alerts, users=args.users)
        print(
            f"seeded {args.alerts:,} alerts and {args.users} users in {time.perf_counter() - began:.1f}s"
        )
        port = free_port()
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "custodiet"),
                "--home",
                str(home),
                "--db",
                db_url,
                "serve",
                "--port",
                str(port),
                "--workers",
                str(args.workers),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(150):
                try:
                    if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            else:
                raise SystemExit("server did not start")
            times: dict[str, list[float]] = {}
            errors: list[str] = []
            lock = threading.Lock()
            stop = time.monotonic() + args.seconds
            threads = [
                threading.Thread(
                    target=user_loop,
                    args=(base, f"bench{u}", args.alerts, stop, times, lock, errors, args.think),
                )
                for u in range(args.users)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            server.terminate()
            server.wait(timeout=15)
        all_times = [t for values in times.values() for t in values]
        report = {
            "alerts": args.alerts,
            "users": args.users,
            "seconds": args.seconds,
            "workers": args.workers,
            "store": db_url.split(":")[0],
            "think_s": args.think,
            "requests": len(all_times),
            "errors": len(errors),
            "throughput_per_s": round(len(all_times) / args.seconds, 1),
        }
        print(f"{'page':<16}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
        for kind, values in [*sorted(times.items()), ("all", all_times)]:
            if not values:
                continue
            p50, p95, p99 = (percentile(values, q) * 1000 for q in (50, 95, 99))
            print(f"{kind:<16}{len(values):>7}{p50:>9.0f}{p95:>9.0f}{p99:>9.0f}")
            report[f"{kind}_p50_ms"] = round(p50, 1)
            report[f"{kind}_p95_ms"] = round(p95, 1)
        if errors:
            print("errors:", errors[:5])
        print(json.dumps(report))
        print(f"mean page time {statistics.mean(all_times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
