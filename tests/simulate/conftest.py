"""Shared packages for the simulator tests (generated once per session, small sizes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sim_package import Package, make


@pytest.fixture(scope="session")
def make_package(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Package]:
    root = tmp_path_factory.mktemp("sim")

    def make_one(name: str, **kw: Any) -> Package:
        return make(root, name, **kw)

    return make_one


@pytest.fixture(scope="session")
def small(make_package: Callable[..., Package]) -> Package:
    """300 staff, 14 days in January (so UTC and local time agree), default volumes."""
    return make_package("SY", staff=300, days=14, seed=1)


@pytest.fixture(scope="session")
def thousand(make_package: Callable[..., Package]) -> Package:
    """1,000 staff over four weeks at a low volume: every pattern must be planted."""
    return make_package("XX", staff=1000, days=28, seed=3, force_code="XX", events_per_staff_day=3)
