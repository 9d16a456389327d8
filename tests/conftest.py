"""Shared test set-up: the --e2e switch, Debian's chromium, an isolated workspace, and the store's
two backends (a module opts in with `pytestmark = pytest.mark.usefixtures("backend")`: each of its
tests runs on the embedded workspace and on a fresh database of a throw-away PostgreSQL server, but
those marked `embedded_only`, which test the files of a workspace folder)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lib import clock, db
from tests import pg_server

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


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        only = metafunc.definition.get_closest_marker("embedded_only") is not None
        metafunc.parametrize("backend", ["embedded"] if only else ["embedded", "postgresql"], indirect=True)


@pytest.fixture(scope="session")
def postgresql() -> Iterator[pg_server.Server]:
    """A PostgreSQL server for the session. Skipped only where Debian's package is missing and this
    is not CI (`make test` installs it: `make postgresql`)."""
    if pg_server.binaries() is None and not os.environ.get("CI"):
        pytest.skip("PostgreSQL is not installed (make postgresql)")
    server = pg_server.Server.start()
    yield server
    server.stop()


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> Iterator[str]:
    """The store's backend for this test: `Store.open()` opens the test's own workspace folder, or
    (postgresql) its own new database. Its own patch: a test's `monkeypatch.undo()` keeps it."""
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "postgresql":
            patch.setenv(db.DATABASE_URL, request.getfixturevalue("postgresql").database())
        yield str(request.param)


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
    monkeypatch.delenv(db.DATABASE_URL, raising=False)  # a database is asked for by the `backend` fixture
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
