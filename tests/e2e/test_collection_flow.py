"""The weekly routine in a real browser: sample data, the weekly list, a call logged, the account
page, the xlsx download; and a 1366x768 screenshot of every page under tests/artifacts/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.conftest import ROOT
from tests.e2e.conftest import open_tab, picker, set_date, settle

pytestmark = pytest.mark.e2e

NOT_FITTING = 71  # Book.week("2026-W48") on the sample with its history (lib/samples.py)
ARTIFACTS = ROOT / "tests" / "artifacts"
PAGES = {"Start": "start", "Import": "import", "Portfolio": "portfolio", "Weekly actions": "weekly",
         "Account": "account", "Simulator": "simulator", "Letters": "letters", "Settings": "settings"}  # fmt: skip


def nav(page: Page, label: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(label, exact=True).click()
    settle(page)


def open_with_sample(page: Page, app_url: str) -> None:
    """The app in English with the sample data loaded (again, if an earlier test loaded it)."""
    page.goto(app_url)
    settle(page)
    page.get_by_test_id("stSidebar").get_by_text("EN", exact=True).click()
    settle(page)
    page.get_by_role("button", name="Load sample data").click()
    settle(page)


def test_weekly_routine(page: Page, app_url: str, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 768})
    open_with_sample(page, app_url)
    expect(page.get_by_text("the newest is snapshot #8 (661 items, 119 customers)")).to_be_visible()

    # the weekly list of the sample's week (not today's: the test must not depend on the date)
    nav(page, "Weekly actions")
    set_date(page, "Week of", dt.date(2026, 11, 23))
    expect(page.get_by_text("2026-W48: Monday 23 Nov 2026 to Sunday 29 Nov 2026")).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("37")

    # record the first call of the list
    picker(page, "Account").click()
    page.keyboard.type("call")  # the list is long and virtual: filter it to the calls
    option = page.get_by_role("option").filter(has_text="— call").first
    customer = option.inner_text().split(". ", 1)[1].split(" — ")[0]
    option.click()
    settle(page)
    page.get_by_role("button", name="Record the step").click()
    settle(page)
    expect(page.get_by_text(f"Step recorded for {customer}.")).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("36")  # the call left the list

    # the list as xlsx, opened with openpyxl
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the list (xlsx)").click()
    saved = tmp_path / "list.xlsx"
    download.value.save_as(saved)
    sheet = load_workbook(saved).active
    assert sheet.title == "Actions"
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["Priority", "Customer code", "Customer", "Step"]  # in the page's language
    assert sheet.max_row == 1 + 36 + NOT_FITTING  # a header, the list, then what did not fit
    assert customer not in [row[2] for row in sheet.iter_rows(min_row=2, max_row=37, values_only=True)]

    # the call on the account page
    nav(page, "Account")
    picker(page, "Account").click()
    page.keyboard.type(customer)
    page.get_by_role("option").filter(has_text=customer).first.click()
    settle(page)
    expect(page.get_by_role("heading", name=customer)).to_be_visible()
    open_tab(page, "Log")
    expect(page.get_by_text("spoke to the customer").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)

    for label, name in PAGES.items():
        nav(page, label)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_a_plan_agreed_in_the_simulator(page: Page, app_url: str, tmp_path: Path) -> None:
    """Simulate, save the plan, download its letter, see its first instalment in the weekly list."""
    open_with_sample(page, app_url)

    nav(page, "Settings")
    company = {"Company name": "Rossi Forniture S.r.l.", "VAT number": "IT01234560157",
               "Address": "Via Roma 1, 20100 Milano", "IBAN": "IT60X0542811101000000123456"}  # fmt: skip
    for label, value in company.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Save company details").click()
    settle(page)
    expect(page.get_by_text("Company details saved.")).to_be_visible()

    nav(page, "Simulator")  # the largest debtor comes first: Bruno & Figli S.n.c.
    page.get_by_role("button", name="Simulate", exact=True).click()
    settle(page)
    page.get_by_role("button", name="Save the plan (6 instalments)").click()
    settle(page)
    expect(page.get_by_text("Instalment plan saved: Bruno & Figli S.n.c.").first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the agreement letter (PDF)").click()
    pdf = tmp_path / "agreement.pdf"
    download.value.save_as(pdf)
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Bruno & Figli S.n.c." in text and "IT60 X054 2811 1010 0000 0123 456" in text
    assert "€71,627.40" in text  # the debt acknowledged: the account's overdue amount

    # agreed today (24 Nov 2026): first instalment 24 Dec, 5 days' grace: checked by 29 Dec (2026-W53)
    nav(page, "Weekly actions")
    set_date(page, "Week of", dt.date(2026, 12, 28))
    picker(page, "Account").click()
    page.keyboard.type("Bruno")
    expect(page.get_by_role("option").filter(has_text="Bruno & Figli S.n.c. — check the instalment")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
