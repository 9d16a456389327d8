"""Every page in both languages, in a real browser whose locale is English (an Italian user on an
English machine: the pages must still write Italian), on a tall window (Streamlit scrolls inside
its own pane, which a full-page screenshot would cut), saved as screenshots in tests/artifacts/ to
be looked at. Each page must load without an exception and keep the sidebar."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from lib import i18n
from lib.store import Store
from tests.app.test_work_pages import COMPANY
from tests.conftest import ROOT
from tests.e2e.conftest import Server, open_tab, settle

pytestmark = pytest.mark.e2e

ARTIFACTS = ROOT / "tests" / "artifacts"
PAGES = ("start", "import", "portfolio", "weekly", "account", "simulator", "letters", "settings")
# Tabs worth their own picture: what they show is not on the page's first tab.
TABS = {
    "portfolio": ("portfolio.tab_trend", "portfolio.tab_top", "portfolio.tab_risk", "portfolio.tab_breakdown"),
    "account": ("account.tab_timeline",),
    "letters": ("letters.tab_one",),
    "settings": ("settings.tab_policy",),
}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, object]) -> dict[str, object]:
    return {**browser_context_args, "locale": "en-US", "viewport": {"width": 1440, "height": 2200}}


def shoot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    with contextlib.suppress(PlaywrightTimeout):  # the widgets' code loads on first use: no grey boxes
        page.wait_for_load_state("networkidle", timeout=10_000)
    page.screenshot(path=str(path), full_page=True)
    return path


def visit(page: Page, name: str, lang: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(i18n.t(f"nav.{name}", lang), exact=True).click()
    settle(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar")).to_contain_text(i18n.t("sidebar.language", lang))


def switch(page: Page, lang: str) -> None:
    page.get_by_test_id("stSidebar").get_by_text(lang.upper(), exact=True).click()
    settle(page)


def test_empty_workspace_pages_keep_the_sidebar(page: Page, app_url: str) -> None:
    page.goto(app_url)
    settle(page)
    for lang in ("it", "en"):
        switch(page, lang)
        for name in ("start", "weekly"):
            visit(page, name, lang)
            expect(page.get_by_test_id("stSidebar")).to_contain_text(i18n.t("sidebar.workspace", lang))
            shoot(page, f"empty_{name}_{lang}")


def test_every_page_in_both_languages(page: Page, app_server: Server) -> None:
    Store.open(app_server.home).save_setting("company", COMPANY)  # so that letters are previewed
    page.goto(app_server.url)
    settle(page)
    page.get_by_role("button", name=i18n.t("start.sample", "it")).click()
    settle(page)
    for lang in ("it", "en"):
        switch(page, lang)
        for number, name in enumerate(PAGES, start=1):
            visit(page, name, lang)
            shoot(page, f"{number}_{name}_{lang}")
            for key in TABS.get(name, ()):
                open_tab(page, i18n.t(key, lang))
                shoot(page, f"{number}_{name}_{key.split('.')[-1]}_{lang}")
            if name == "letters":  # a reminder needs no address: the preview, its table aligned
                page.get_by_text(i18n.t("letters.kind.reminder", lang), exact=True).click()
                settle(page)
                expect(page.get_by_test_id("stCode").first).to_be_visible()
                shoot(page, f"{number}_{name}_reminder_{lang}")
