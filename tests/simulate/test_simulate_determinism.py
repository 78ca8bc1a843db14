"""Same seed, same bytes; another seed, another force."""

from __future__ import annotations

import json
from collections.abc import Callable

from sim_package import Package


def _hashes(pkg: Package) -> dict[str, str]:
    manifest = json.loads((pkg.path / "manifest.json").read_text())
    return {k: v["sha256"] for k, v in manifest["files"].items()}


def test_same_seed_identical(make_package: Callable[..., Package]) -> None:
    a = make_package("det_a", staff=200, days=7, seed=11)
    b = make_package("det_b", staff=200, days=7, seed=11)
    c = make_package("det_c", staff=200, days=7, seed=12)
    assert _hashes(a) == _hashes(b)
    assert (a.path / "manifest.json").read_bytes() == (b.path / "manifest.json").read_bytes()
    for f in a.path.iterdir():
        assert f.read_bytes() == (b.path / f.name).read_bytes(), f.name
    assert a.truth == b.truth
    ha, hc = _hashes(a), _hashes(c)
    assert all(ha[k] != hc[k] for k in ha if k != "systems.csv")
    assert a.truth["abusers"] != c.truth["abusers"] or a.truth["counts"] != c.truth["counts"]


def test_volume_option(make_package: Callable[..., Package]) -> None:
    pkg = make_package("vol", staff=200, days=14, seed=2, events_per_staff_day=10)
    per_day = pkg.summary.events / (200 * 14)
    assert 7 <= per_day <= 12
