"""Ledgers in a real browser: a ledger name typed on the Import page (AppTest cannot type a new
option into a select box), the sidebar's ledger picker, and a snapshot deleted from the Start page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import SAMPLES
from tests.e2e.conftest import settle
from tests.e2e.test_collection_flow import nav, open_with_sample

pytestmark = pytest.mark.e2e


def test_a_typed_ledger_keeps_a_file_apart_and_a_deleted_snapshot_leaves_the_week_before(
    page: Page, app_url: str
) -> None:
    open_with_sample(page, app_url)  # ACME S.R.L.
    nav(page, "Import")
    page.locator("input[type='file']").set_input_files(str(SAMPLES / "ar_aging_detail_quickbooks.xlsx"))
    expect(page.get_by_text("All 12 totals in the file match their rows.")).to_be_visible(timeout=30_000)
    ledger = page.get_by_role("combobox", name="Ledger to save it in")
    expect(ledger).to_have_value("Bayside Supply Co.")  # suggested from the report's title
    ledger.click()
    page.keyboard.type("Bayside West")
    page.keyboard.press("Enter")
    settle(page)
    expect(ledger).to_have_value("Bayside West")
    expect(page.get_by_text("A new ledger, whose pages start from this file: Bayside West")).to_be_visible()
    page.get_by_role("button", name="Save snapshot").click()
    settle(page)
    expect(page.get_by_text("Snapshot #9 saved.")).to_be_visible()  # the sample's eight weeks are #1-#8
    expect(page.get_by_text("Saved in the ledger: Bayside West.")).to_be_visible()

    nav(page, "Portfolio")  # the ledger just saved to
    expect(
        page.get_by_text("Bayside West · Snapshot as of 20 Nov 2026 (ar_aging_detail_quickbooks.xlsx)")
    ).to_be_visible()
    page.get_by_test_id("stSidebar").get_by_role("combobox", name="Ledger").click()
    page.get_by_role("option", name="ACME S.R.L.").click()
    settle(page)
    expect(page.get_by_text("ACME S.R.L. · Snapshot as of 20 Nov 2026 (scadenzario_gestionale.xlsx)")).to_be_visible()

    nav(page, "Start")  # ACME's snapshots, newest first; deleting it leaves ACME's week before
    page.get_by_text("Delete a snapshot").click()
    page.get_by_role("button", name="Delete…").click()
    settle(page)
    page.get_by_role("button", name="Yes, delete #8").click()
    settle(page)
    expect(page.get_by_text("Snapshot #8 as of 20 Nov 2026 deleted.")).to_be_visible()
    nav(page, "Portfolio")
    expect(page.get_by_text("ACME S.R.L. · Snapshot as of 13 Nov 2026 (scadenzario_2026-11-13.xlsx)")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
