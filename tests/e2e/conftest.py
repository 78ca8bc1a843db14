"""Browser tests: a real uvicorn server on a free localhost port, driven by headless Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from custodiet.db import session_scope, upgrade
from tests.web.seed import make_alert, seed_users

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    """A free TCP port on localhost."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class LiveServer:
    """The running workbench."""

    url: str
    home: Path
    db_url: str
    alert_id: int  # about PC1001, looking up N1 (a domestic-abuse victim in the lake)


def _need_chromium() -> None:
    """Skip without Chromium on a developer's machine; in CI its absence is a failure."""
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"Chromium is not installed at {CHROMIUM}; `make test` installs it")
    pytest.skip("Chromium is not installed (make browser)")


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Import the small package, seed users and an alert, and run `custodiet serve`."""
    _need_chromium()
    from custodiet.ingest.service import import_package
    from tests.fixtures.packages import write_small_package

    root = tmp_path_factory.mktemp("e2e")
    home = root / "home"
    home.mkdir()
    db_url = f"sqlite:///{home / 'custodiet.sqlite3'}"
    upgrade(db_url)
    package = write_small_package(root / "pkg", force="SY")
    result = import_package(lake_path=home / "lake.duckdb", db_url=db_url, package=package)
    with session_scope(db_url) as session:
        seed_users(session)
        alert = make_alert(
            session, force=result.force, staff_id="PC1001", nominal_id="N1", score=91.5
        )
        make_alert(session, force=result.force, staff_id="PC1002", nominal_id="N3", score=40.0)
        alert_id = alert.id
    port = free_port()
    env = {**os.environ, "CUSTODIET_SECRET_KEY": "e2e-secret"}
    process = subprocess.Popen(
        # The console script, as users run it (not `python -m`, which would load the CLI twice).
        [
            str(Path(sys.executable).parent / "custodiet"),
            "--home",
            str(home),
            "--db",
            db_url,
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=1) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    raise RuntimeError(f"server did not start:\n{output}") from None
                time.sleep(0.2)
        yield LiveServer(url=url, home=home, db_url=db_url, alert_id=alert_id)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium (the Debian package) driven by Playwright."""
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()
