"""Shared test set-up: the --e2e switch, Debian's chromium, and an isolated workspace."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lib import clock

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_data"
# The day the suite is written for: the sample is as of Friday 20/11/2026, and this is the Tuesday
# after it (ISO week 2026-W48). Every test runs on it, whatever the machine's clock says.
TODAY = dt.date(2026, 11, 24)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--e2e", action="store_true", help="also run the real-browser tests (Debian chromium)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--e2e"):
        return
    skip = pytest.mark.skip(reason="real-browser test: run with --e2e")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def today() -> Iterator[dt.date]:
    """The date pinned for the whole run, module-scoped fixtures included (lib/clock.py reads
    SOLLECITO_TODAY); a test may pin another with monkeypatch.setenv."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(clock.PIN, TODAY.isoformat())
        yield TODAY


@pytest.fixture(autouse=True)
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty workspace: nothing touches ./workspace."""
    home = tmp_path / "workspace"
    monkeypatch.setenv("SOLLECITO_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, object]) -> dict[str, object]:
    # Playwright cannot download browsers here: drive Debian's chromium, without background traffic.
    return {
        **browser_type_launch_args,
        "executable_path": shutil.which("chromium") or "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
