"""AppTest of the weekly page's queue: one account at a time in the list's order, each outcome
recorded on the account shown, skip and come back, the position kept across reruns."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from lib.book import read_book
from lib.store import Store
from lib.weekly import iso_week
from tests.app.test_work_pages import button, page, store  # noqa: F401 (the fixture)
from tests.conftest import TODAY

MONDAY = dt.date(2026, 11, 23)


def queue(lang: str = "en") -> AppTest:
    at = page("weekly", lang)
    at.date_input(key="weekly-day").set_value(MONDAY).run()
    at.segmented_control(key="weekly-mode-switch").set_value("queue").run()
    assert not at.exception, at.exception
    return at


def listed(saved: Store) -> pl.DataFrame:
    book = read_book(saved, TODAY)
    assert book is not None
    return book.week(iso_week(MONDAY))[0]


def shown(at: AppTest) -> tuple[str, str]:
    """The account the queue's card is drawn for (its container's key)."""
    keys = [k for k in at.session_state["work-queue"][iso_week(MONDAY)]["at"]]
    return keys[0], keys[1]


def test_the_queue_starts_at_the_top_of_the_weekly_list(store: Store) -> None:  # noqa: F811
    at = queue()
    top = listed(store).row(0, named=True)
    assert shown(at) == (top["customer_id"], top["currency"])
    assert at.subheader[0].value.replace("\\", "") == top["customer_name"]
    assert "Account 1 of 43 · worked 0 · skipped 0" in [c.value for c in at.caption]
    assert top["trace"] in at.info[0].value.replace("\\", "")


def test_an_outcome_lands_on_the_account_shown_and_the_next_comes_up(store: Store) -> None:  # noqa: F811
    at = queue()
    entries = listed(store)
    first, second = entries.row(0, named=True), entries.row(1, named=True)
    at.text_input(key="queue-operator").set_value("Anna").run()
    label = "Letter sent" if first["channel"] != "phone" else "Called: no answer"
    button(at, label).click().run()
    assert not at.exception
    actions = store.log().action
    assert actions.select("customer_id", "operator").rows() == [(first["customer_id"], "Anna")]
    assert shown(at) == (second["customer_id"], second["currency"])
    assert any(s.value.startswith(f"{first['customer_name']}:") for s in at.success)


def test_a_promise_from_the_queue_takes_its_amount_and_date(store: Store) -> None:  # noqa: F811
    at = queue()
    customer, currency = shown(at)
    at.number_input(key=f"queue-amount-{customer}-{currency}").set_value(250.0)  # in a form: sent with the submit
    at.date_input(key=f"queue-by-{customer}-{currency}").set_value(dt.date(2026, 12, 4))
    button(at, "Promised").click().run()
    promise = store.log().promise.row(0, named=True)
    assert (promise["customer_id"], promise["amount_cents"], promise["promised_date"]) == (
        customer, 25_000, dt.date(2026, 12, 4),
    )  # fmt: skip
    assert shown(at) != (customer, currency)


def test_a_dispute_needs_a_document(store: Store) -> None:  # noqa: F811
    at = queue()
    customer, currency = shown(at)
    button(at, "Disputes").click().run()
    assert at.error[0].value == "Choose at least one document to dispute."
    assert store.log().dispute.is_empty() and shown(at) == (customer, currency)
    documents = at.multiselect(key=f"queue-documents-{customer}-{currency}")
    documents.set_value(documents.options[:1])
    button(at, "Disputes").click().run()
    assert store.log().dispute["customer_id"].to_list() == [customer]


def test_skip_moves_the_account_to_the_end_and_the_position_survives_a_rerun(store: Store) -> None:  # noqa: F811
    at = queue()
    entries = listed(store)
    first = (entries["customer_id"][0], entries["currency"][0])
    button(at, "Skip, come back later").click().run()
    second = shown(at)
    assert second == (entries["customer_id"][1], entries["currency"][1])
    at.run()
    assert shown(at) == second  # a rerun keeps the account shown
    state = at.session_state["work-queue"][iso_week(MONDAY)]
    assert state["skipped"] == [first]
    assert store.log().action.is_empty()  # a skip records nothing


def test_a_plan_request_opens_the_simulator_on_that_account(store: Store) -> None:  # noqa: F811
    at = queue()
    entries = listed(store).filter(pl.col("channel") == "phone")
    call = (entries["customer_id"][0], entries["currency"][0])
    at.session_state["work-queue"][iso_week(MONDAY)]["at"] = call
    at.run()
    assert shown(at) == call
    button(at, "Asks for a plan → simulator").click().run()
    assert not at.exception
    assert store.log().action.select("customer_id", "outcome").rows() == [(call[0], "asked_plan")]
    assert (at.query_params["customer"], at.query_params["currency"]) == call
    assert at.title[0].value.startswith("Simulator")
    assert at.success[0].value.endswith(": asked for a plan. Next account.")


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_queue_speaks_both_languages(store: Store, lang: str) -> None:  # noqa: F811
    at = queue(lang)
    labels = [b.label for b in at.button]
    assert ("Salta, torno dopo" if lang == "it" else "Skip, come back later") in labels
