"""Real browser (Debian's chromium via Playwright) against `streamlit run app.py`."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import SAMPLES
from tests.e2e.conftest import settle

pytestmark = pytest.mark.e2e


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
    expect(
        page.get_by_text(
            "Dati di esempio caricati: 8 fotografie settimanali dal 02/10/2026 al 20/11/2026; l'ultima è la"
            " fotografia #8 (661 partite, 119 clienti)."
        )
    ).to_be_visible()
    metrics = page.get_by_test_id("stMetricValue")
    expect(metrics.nth(0)).to_have_text("661")
    expect(metrics.nth(2)).to_have_text("615.619,15 EUR")
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
    # the module's workspace holds the sample loaded above: its eight weeks are #1-#8
    expect(page.get_by_text("Snapshot #9 saved.")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
