"""Every download is safe: a table's own toolbar offers no raw CSV (Streamlit's "Download as CSV"
would write `=HYPERLINK(…)` as it is), and the app's own downloads neutralise formulas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from lib.store import Store
from tests.e2e.conftest import Server, set_date, settle
from tests.e2e.test_collection_flow import nav
from tests.hostile import hostile_sample

pytestmark = pytest.mark.e2e

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_the_weekly_table_offers_no_raw_csv_and_the_xlsx_is_neutralised(
    page: Page, app_server: Server, tmp_path: Path
) -> None:
    Store.open(app_server.home).save_snapshot(hostile_sample())
    page.goto(app_server.url)
    settle(page)
    page.get_by_test_id("stSidebar").get_by_text("EN", exact=True).click()
    settle(page)
    nav(page, "Weekly actions")
    set_date(page, "Week of", dt.date(2026, 11, 23))

    table = page.get_by_test_id("stDataFrame").first
    table.hover()
    toolbar = page.get_by_test_id("stElementToolbar").first
    expect(toolbar.get_by_role("button", name="Search")).to_be_visible()  # the toolbar is there
    expect(page.get_by_role("button", name="Download as CSV")).to_have_count(0)

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the list (xlsx)").click()
    saved = tmp_path / "list.xlsx"
    download.value.save_as(saved)
    rows = load_workbook(saved).active.iter_rows(min_row=2, values_only=True)
    cells = [c for row in rows for c in row if isinstance(c, str)]  # text: amounts may be negative
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    assert any(c.startswith("'=HYPERLINK(") for c in cells) and any(c.startswith("'+cmd|") for c in cells)
