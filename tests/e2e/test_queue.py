"""The weekly queue in a real browser: five accounts worked one at a time, each with a different
outcome, and the log holding exactly those five, each on its account (read from the store); then
an entry edited and another voided from the account page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import polars as pl
import pytest
from playwright.sync_api import Locator, Page, expect

from lib.store import Store
from tests.conftest import TODAY
from tests.e2e.conftest import Server, open_tab, picker, set_date, settle
from tests.e2e.test_collection_flow import nav, open_with_sample

pytestmark = pytest.mark.e2e

CARD = "[class*='st-key-queue-card-']"
# Each outcome's button on the queue's card.
BUTTONS = {
    "sent": "Letter sent",
    "no_answer": "Called: no answer",
    "promised": "Promised",
    "disputed": "Disputes",
    "plan": "Asks for a plan → simulator",
}


def shown_account(page: Page) -> tuple[str, str]:
    """The account the queue's card is drawn for: its key is in the card's class (st-key-…)."""
    card = page.locator(CARD)
    expect(card).to_have_count(1)
    match = re.search(r"st-key-queue-card-(\S+)-([A-Z]{3})\b", card.get_attribute("class") or "")
    assert match, card.get_attribute("class")
    return match[1], match[2]


def open_queue(page: Page) -> None:
    nav(page, "Weekly actions")
    set_date(page, "Week of", dt.date(2026, 11, 23))
    page.get_by_test_id("stButtonGroup").get_by_text("One account at a time", exact=True).click()
    settle(page)


def work(page: Page, outcome: str) -> None:
    """Record `outcome` on the account the card shows, as a user would."""
    card = page.locator(CARD)
    if outcome == "promised":
        amount = card.get_by_label("Amount promised (EUR)")
        amount.fill("250.00")
        amount.press("Tab")  # Streamlit takes a number input's value when it is left
        settle(page)
    if outcome == "disputed":
        card.get_by_test_id("stMultiSelect").filter(has_text="Disputed documents").locator("input").click()
        page.get_by_role("option").filter(has_not_text="Select all").first.click()  # one document
        page.keyboard.press("Escape")
        settle(page)
    card.get_by_role("button", name=BUTTONS[outcome]).click()
    settle(page)


def open_corrections(page: Page) -> Locator:
    """The account page's Log tab with its correction form open."""
    open_tab(page, "Log")
    fix = page.get_by_test_id("stExpander").filter(has_text="Correct or void an entry")
    if fix.locator("details").get_attribute("open") is None:
        fix.get_by_text("Correct or void an entry").click()
    expect(fix.get_by_label("Why (kept in the log)")).to_be_visible()
    return fix


def test_five_accounts_worked_from_the_queue_land_each_on_its_own(page: Page, app_server: Server) -> None:
    open_with_sample(page, app_server.url)
    open_queue(page)
    expect(page.get_by_text("Account 1 of 37 · worked 0 · skipped 0")).to_be_visible()  # the weekly list's 37
    page.get_by_role("textbox", name="Operator").first.fill("Giulia")
    page.get_by_role("textbox", name="Operator").first.press("Tab")
    settle(page)

    left = ["sent", "no_answer", "promised", "disputed", "plan"]
    worked: dict[str, tuple[str, str]] = {}
    skipped: list[tuple[str, str]] = []
    while left:
        account = shown_account(page)
        card = page.locator(CARD)
        offered = [o for o in left if card.get_by_role("button", name=BUTTONS[o]).count()]
        if not offered:  # none of the outcomes still to try fits this step: come back to it later
            card.get_by_role("button", name="Skip, come back later").click()
            settle(page)
            skipped.append(account)
            expect(page.locator(CARD)).not_to_have_class(re.compile(rf"queue-card-{account[0]}-"))
            continue
        outcome = offered[0]
        work(page, outcome)
        worked[outcome] = account
        left.remove(outcome)
        if outcome == "plan":  # the simulator opens on that account; then back to the queue
            expect(page.get_by_role("heading", name=re.compile("^Simulator"))).to_be_visible()
            expect(picker(page, "Account")).to_have_value(re.compile(rf"\({account[0]}\)"))
            expect(page.get_by_text("asked for a plan. Next account.")).to_be_visible()
            if left:
                open_queue(page)
        else:
            expect(page.get_by_text(re.compile(r": .*\. Next account\.$"))).to_be_visible()
        if left:
            assert shown_account(page) != account  # the next account came up
    expect(page.get_by_test_id("stException")).to_have_count(0)

    log = Store.open(app_server.home).log()
    log = dataclasses.replace(
        log,
        **{
            name: getattr(log, name).filter(pl.col("operator") == "Giulia")
            for name in ("action", "promise", "dispute", "note", "hold")
        },
    )  # not the sample's own history
    actions = log.action.select("customer_id", "currency", "outcome", "operator", "date").rows()
    assert sorted(actions) == sorted(
        [(*worked[o], done, "Giulia", TODAY) for o, done in (("sent", "sent"), ("no_answer", "no_answer"),
                                                             ("plan", "asked_plan"))]
    )  # fmt: skip
    assert log.promise.select("customer_id", "currency", "amount_cents", "operator").rows() == [
        (*worked["promised"], 25_000, "Giulia")
    ]
    assert log.dispute.select("customer_id", "operator").rows() == [(worked["disputed"][0], "Giulia")]
    assert log.note.is_empty() and log.hold.is_empty()
    assert len(set(worked.values())) == 5  # five accounts, one outcome each
    assert not set(skipped) & set(worked.values())  # a skip records nothing


def test_an_entry_edited_and_another_voided_from_the_account_page(page: Page, app_server: Server) -> None:
    open_with_sample(page, app_server.url)
    store = Store.open(app_server.home)
    items = store.items(int(store.latest()["id"]))  # type: ignore[index]
    touched = pl.concat([store.log(corrected=False).action["customer_id"], store.log().promise["customer_id"]])
    untouched = items.filter(~pl.col("customer_id").is_in(touched.implode()), pl.col("currency") == "EUR")
    customer = untouched.sort("customer_id")["customer_id"][0]
    step = store.record("action", customer_id=customer, step="call_1", date=TODAY, channel="phone",
                        outcome="reached", currency="EUR", operator="Anna")  # fmt: skip
    note = store.record("note", customer_id=customer, date=TODAY, text="wrong customer's note", operator="Anna")

    nav(page, "Account")
    picker(page, "Account").click()
    page.keyboard.type(customer)
    page.get_by_role("option").filter(has_text=customer).first.click()
    settle(page)
    fix = open_corrections(page)

    # edit the call: it went unanswered
    picker(page, "Entry").click()
    page.get_by_role("option").filter(has_text="call 1").first.click()
    settle(page)
    fix.get_by_test_id("stSelectbox").filter(has_text="Outcome").locator("input").click()
    page.keyboard.type("no answer")
    page.get_by_role("option").filter(has_text="no answer").first.click()
    fix.get_by_label("Why (kept in the log)").fill("misclicked")
    fix.get_by_role("textbox", name="Operator").fill("Bruno")
    page.get_by_role("button", name="Save the correction").click()
    settle(page)
    expect(page.get_by_text("Entry corrected.")).to_be_visible()
    expect(page.get_by_role("tab", name="Log")).to_have_attribute("aria-selected", "true")  # still there

    # void the note
    fix = open_corrections(page)
    picker(page, "Entry").click()
    page.get_by_role("option").filter(has_text="wrong customer's note").first.click()
    settle(page)
    # the flash above the tabs went, and the user is still on the Log tab with the form open
    expect(page.get_by_role("tab", name="Log")).to_have_attribute("aria-selected", "true")
    fix.get_by_label("Why (kept in the log)").fill("another customer's")
    page.get_by_role("button", name="Void this entry").click()
    settle(page)
    expect(page.get_by_text("Entry voided: it no longer counts.")).to_be_visible()
    open_tab(page, "Log")
    expect(page.get_by_text(re.compile(r"^voided by .* on 24 Nov 2026$"))).to_be_visible()
    expect(page.get_by_text("corrected by Bruno on 24 Nov 2026")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)

    log = store.log()
    assert log.action.filter(pl.col("id") == step)["outcome"].to_list() == ["no_answer"]
    assert log.note.filter(pl.col("id") == note).is_empty()
    recorded = store.log(corrected=False)
    assert recorded.action.filter(pl.col("id") == step)["outcome"].to_list() == ["reached"]  # kept as recorded
    corrections = log.correction.select("entry_table", "entry_id", "kind", "reason", "operator").rows()
    assert corrections[-2:] == [
        ("action", step, "edit", "misclicked", "Bruno"),
        ("note", note, "void", "another customer's", "Bruno"),
    ]
