"""What a user records lands on the account they saw, even when the list re-ranks under the form
(a promise recorded once landed on a customer nobody chose: issue "First: main is red…")."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from playwright.sync_api import Page, expect

from lib.store import Store
from tests.e2e.conftest import Server, picker, set_date, settle
from tests.e2e.test_collection_flow import nav, open_with_sample

pytestmark = pytest.mark.e2e


def shown_account(page: Page) -> str:
    """The customer the weekly page's account picker shows ("2. Giordano Elena — letter 2 …")."""
    text = picker(page, "Account").input_value()
    return text.split(". ", 1)[1].split(" — ")[0]


def record_promise(page: Page) -> str:
    """Record a promise with the form as it stands; the customer the page said it was for."""
    customer = shown_account(page)
    expect(page.get_by_text(f"Recording on {customer}")).to_be_visible()  # the form names its account
    page.get_by_role("button", name="Record the promise").click()
    settle(page)
    expect(page.get_by_text(f"Promise recorded for {customer}.")).to_be_visible()
    return customer


def test_each_promise_lands_on_the_account_shown_while_the_list_re_ranks(page: Page, app_server: Server) -> None:
    open_with_sample(page, app_server.url)
    nav(page, "Weekly actions")
    set_date(page, "Week of", dt.date(2026, 11, 23))
    expect(page.get_by_text("2026-W48: Monday 23 Nov 2026 to Sunday 29 Nov 2026")).to_be_visible()

    # pick the second account of the list, as a user would, and open the promise form
    picker(page, "Account").click()
    page.keyboard.press("ArrowDown")  # opens the options
    page.get_by_role("option").nth(1).click()
    settle(page)
    page.get_by_test_id("stButtonGroup").get_by_text("Promise", exact=True).click()
    settle(page)

    # the promise moves that account off the list: the list re-ranks under the form; each time the
    # user records on the account the page shows
    seen = [record_promise(page), record_promise(page), record_promise(page)]
    assert len(set(seen)) >= 2  # the list did move under the form

    workspace = Store.open(app_server.home)
    items = workspace.items(int(workspace.latest()["id"]))
    names = dict(items.select("customer_id", "customer_name").unique().rows())
    # the user's promises: the sample's own two were made weeks before today (sample_data/history)
    promises = workspace.log().promise.filter(pl.col("made_on") == dt.date(2026, 11, 24)).sort("id")
    assert [names[c] for c in promises["customer_id"]] == seen
    # and each with the amount the form showed for that account: its overdue amount
    overdue = (
        items.filter(pl.col("due_date") < pl.date(2026, 11, 20)).group_by("customer_id").agg(pl.col("open_cents").sum())
    )
    expected = dict(overdue.rows())
    assert [expected[c] for c in promises["customer_id"]] == promises["amount_cents"].to_list()
