"""Workbench fixtures shared with tests/web."""

from tests.web.conftest import seed, web  # noqa: F401
