"""Browser-test fixtures: one `streamlit run app.py` per test module, on its own workspace."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

import pytest
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from lib import clock
from tests.conftest import ROOT, TODAY


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server(NamedTuple):
    url: str
    home: Path  # its workspace (SOLLECITO_HOME), for tests that check what was stored


@contextlib.contextmanager
def running(folder: Path, env: Mapping[str, str] | None = None) -> Iterator[Server]:
    """`streamlit run app.py` on a free port, its workspace in `folder`, the suite's pinned date and
    `env` (a database URL, a users file), until the block ends."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = (folder / "streamlit.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            f"--server.port={port}",
            "--server.address=127.0.0.1",
            "--server.headless=true",
            "--browser.gatherUsageStats=false",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "SOLLECITO_HOME": str(folder / "workspace"), clock.PIN: TODAY.isoformat(), **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail(f"streamlit did not start:\n{(folder / 'streamlit.log').read_text()}")
            time.sleep(0.3)
        yield Server(url, folder / "workspace")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: it was stopping, make sure it has
            server.kill()
            server.wait()
        log.close()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app on a free port, its own workspace, and the suite's pinned date."""
    with running(tmp_path_factory.mktemp("e2e")) as server:
        yield server


@pytest.fixture(scope="module")
def app_url(app_server: Server) -> str:
    return app_server.url


def picker(page: Page, label: str) -> Locator:
    """The input of the one selectbox labelled `label`, once a rerun has replaced the old one (a
    picker keyed on its list is a new widget when the list changes; both show until the run ends)."""
    box = page.get_by_test_id("stSelectbox").filter(has_text=label).locator("input")
    expect(box).to_have_count(1)
    return box


def open_tab(page: Page, name: str) -> None:
    """Open the tab `name` and wait for what it draws: a page's tabs draw only the open one, in the
    run the click starts. A click that lands while a run still replaces the tabs is lost: click again."""
    tab = page.get_by_role("tab", name=name, exact=True)
    for _ in range(20):
        tab.click()
        settle(page)
        if tab.get_attribute("aria-selected") == "true":
            return
    expect(tab).to_have_attribute("aria-selected", "true")


def set_date(page: Page, label: str, day: dt.date) -> None:
    """Type a day into the date input labelled `label` (its day, month and year segments, in the
    DD/MM/YYYY order the app uses) and leave it, which is when Streamlit takes the value."""
    field = page.get_by_test_id("stDateInput").filter(has_text=label).first
    field.get_by_role("spinbutton").first.click()
    page.keyboard.type(f"{day:%d%m%Y}")
    page.locator("h1").first.click()  # somewhere else on the page
    settle(page)


# true once the app has been idle for `quiet` ms on end, watched every 50 ms from the call on: a
# rerun the first run asks for (st.rerun after a save) can start after a moment of "notRunning"
_IDLE_FOR = """quiet => {
    const state = document.querySelector("[data-testid='stApp']")?.dataset.testScriptState;
    const now = performance.now();
    if (state !== "notRunning" || window.__busySince === undefined) window.__busySince = now;
    return now - window.__busySince >= quiet;
}"""


def settle(page: Page) -> None:
    """Wait until the run an action started is over: first for it to start (the page still shows the
    previous run's elements until then), then for the app to stay idle for 400 ms (the rerun a save
    asks for comes after the first run ended)."""
    busy = "[data-testid='stApp']:not([data-test-script-state='notRunning'])"
    with contextlib.suppress(PlaywrightTimeout):  # over before we looked, or the action started no run
        page.locator(busy).wait_for(state="attached", timeout=1_000)
    page.evaluate("delete window.__busySince")
    page.wait_for_function(_IDLE_FOR, arg=400, polling=50)
