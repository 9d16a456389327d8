"""Real browser (Debian's chromium via Playwright) against `streamlit run app.py`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("e2e")
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
        env={**os.environ, "SOLLECITO_HOME": str(folder / "workspace")},
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
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def settle(page: Page) -> None:
    """Wait until the script run is over."""
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(state="attached")
    page.wait_for_timeout(300)


def test_direct_link_to_a_page_gets_the_app_frame(page: Page, app_url: str) -> None:
    """First request of a fresh server on a page URL (a bookmark): same frame as from the root."""
    page.goto(f"{app_url}/import_data")
    settle(page)
    expect(page.get_by_role("heading", name="Importa lo scadenzario")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_contain_text("Inizio")
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Lingua")
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_load_sample_data_shows_the_import_summary(page: Page, app_url: str, tmp_path: Path) -> None:
    page.goto(app_url)
    settle(page)
    expect(page.get_by_role("heading", name="Sollecito")).to_be_visible()
    page.get_by_role("button", name="Carica dati di esempio").click()
    settle(page)
    expect(page.get_by_text("Dati di esempio caricati: fotografia #1 (661 partite, 119 clienti).")).to_be_visible()
    metrics = page.get_by_test_id("stMetricValue")
    expect(metrics.nth(0)).to_have_text("661")
    expect(metrics.nth(2)).to_have_text("€ 615.619,15")
    expect(page.get_by_test_id("stSidebar")).to_contain_text("scadenzario_gestionale.xlsx al 20/11/2026")
    page.screenshot(path=str(tmp_path / "start.png"), full_page=True)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_upload_in_english_and_save(page: Page, app_url: str) -> None:
    page.goto(app_url)
    settle(page)
    page.get_by_test_id("stSidebar").get_by_text("EN", exact=True).click()
    settle(page)
    page.get_by_test_id("stSidebarNav").get_by_text("Import").click()
    settle(page)
    page.locator("input[type='file']").set_input_files(str(SAMPLES / "ar_aging_detail_quickbooks.xlsx"))
    expect(page.get_by_text("All 12 totals in the file match their rows.")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stMetricValue").nth(2)).to_have_text("$304,264.83")
    page.get_by_role("button", name="Save snapshot").click()
    expect(page.get_by_text("Snapshot #2 saved.")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
