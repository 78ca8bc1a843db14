"""A data home holding the 43 synthetic forces of the HMIC 2016 fixture, imported once."""

from __future__ import annotations

from pathlib import Path

import pytest

from custodiet.ingest.service import import_package
from tests.fixtures.hmic2016 import build_hmic2016


@pytest.fixture(scope="session")
def hmic_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home whose lake holds the 43 packages (tests only read it)."""
    root = tmp_path_factory.mktemp("hmic2016")
    home = root / "home"
    home.mkdir()
    for package in build_hmic2016(root / "packages"):
        import_package(lake_path=home / "lake.duckdb", db_url=None, package=package)
    return home
