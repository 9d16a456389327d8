"""Login in a browser: a wrong password is refused, and a viewer reads an account but cannot record."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from lib import users
from tests.e2e.conftest import Server, settle
from tests.e2e.test_collection_flow import nav, open_with_sample

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery"


def log_in(page: Page, url: str, name: str, password: str) -> None:
    """The login page of a new session (in Italian, the workspace's language) filled and sent."""
    page.goto(url)
    settle(page)
    page.get_by_role("textbox", name="Utente").fill(name)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Entra").click()
    settle(page)


def test_a_wrong_password_is_refused_and_a_viewer_cannot_record(page: Page, app_server: Server) -> None:
    open_with_sample(page, app_server.url)  # before anyone is listed: no login on loopback
    file = users.users_file(app_server.home)
    users.add(file, "vera", "viewer", PASSWORD)
    try:
        log_in(page, app_server.url, "vera", "wrong horse battery")
        expect(page.get_by_text("Utente o password non validi.")).to_be_visible()
        expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)  # nothing but the login page

        log_in(page, app_server.url, "vera", PASSWORD)
        expect(page.get_by_text("Accesso: vera (consultazione)")).to_be_visible()
        page.get_by_test_id("stSidebar").get_by_text("EN", exact=True).click()
        settle(page)
        nav(page, "Account")
        expect(page.get_by_text("Your role (viewer) may read, not record.").first).to_be_visible()
        expect(page.get_by_role("button", name="Record the step")).to_have_count(0)
        expect(page.locator("h1").first).to_have_text("Account")  # the page itself is there to read
    finally:
        users.remove(file, "vera")  # the module's other tests run without login
