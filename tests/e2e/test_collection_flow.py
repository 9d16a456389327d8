"""The weekly routine in a real browser: sample data, the weekly list, a call logged, the account
page, the xlsx download; and a 1366x768 screenshot of every page under tests/artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.conftest import ROOT
from tests.e2e.conftest import settle

pytestmark = pytest.mark.e2e

NOT_FITTING = 66  # python -m lib actions on the sample --week 2026-W48
ARTIFACTS = ROOT / "tests" / "artifacts"
PAGES = {"Start": "start", "Import": "import", "Portfolio": "portfolio", "Weekly actions": "weekly",
         "Account": "account", "Simulator": "simulator", "Letters": "letters", "Settings": "settings"}  # fmt: skip


def nav(page: Page, label: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(label, exact=True).click()
    settle(page)


def test_weekly_routine(page: Page, app_url: str, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(app_url)
    settle(page)
    page.get_by_test_id("stSidebar").get_by_text("EN", exact=True).click()
    settle(page)
    page.get_by_role("button", name="Load sample data").click()
    settle(page)
    expect(page.get_by_text("snapshot #1 (661 items, 119 customers)")).to_be_visible()

    # the weekly list of the sample's week (not today's: the test must not depend on the date)
    nav(page, "Weekly actions")
    page.get_by_test_id("stDateInput").first.locator("input").fill("2026-11-23")
    settle(page)
    expect(page.get_by_text("2026-W48: Monday 23 Nov 2026 to Sunday 29 Nov 2026")).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("43")

    # record the first call of the list
    page.get_by_test_id("stSelectbox").filter(has_text="Account").locator("input").click()
    page.keyboard.type("call")  # the list is long and virtual: filter it to the calls
    option = page.get_by_role("option").filter(has_text="— call").first
    customer = option.inner_text().split(". ", 1)[1].split(" — ")[0]
    option.click()
    settle(page)
    page.get_by_role("button", name="Record the step").click()
    settle(page)
    expect(page.get_by_text(f"Step recorded for {customer}.")).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("42")  # the call left the list

    # the list as xlsx, opened with openpyxl
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the list (xlsx)").click()
    saved = tmp_path / "list.xlsx"
    download.value.save_as(saved)
    sheet = load_workbook(saved).active
    assert sheet.title == "Actions"
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["priority", "customer_id", "customer_name", "step"]
    assert sheet.max_row == 1 + 42 + NOT_FITTING  # a header, the list, then what did not fit
    assert customer not in [row[2] for row in sheet.iter_rows(min_row=2, max_row=43, values_only=True)]

    # the call on the account page
    nav(page, "Account")
    page.get_by_test_id("stSelectbox").filter(has_text="Account").locator("input").click()
    page.keyboard.type(customer)
    page.get_by_role("option").filter(has_text=customer).first.click()
    settle(page)
    expect(page.get_by_role("heading", name=customer)).to_be_visible()
    page.get_by_role("tab", name="Log").click()
    expect(page.get_by_text("spoke to the customer").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)

    for label, name in PAGES.items():
        nav(page, label)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
