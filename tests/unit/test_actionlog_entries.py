"""lib/actionlog.py: what the recording forms may write, and how steps are taken to have gone out."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from lib.actionlog import entries, loggable_steps, outcomes_of, sent_by_default, sent_letters
from lib.policy import CHECKS, STEPS

D = dt.date


def test_a_dispute_writes_one_row_per_document_and_needs_one() -> None:
    values = {"doc_numbers": ["F1", "F2"], "opened_on": D(2026, 11, 24), "reason": "damaged"}
    rows, problem = entries("dispute", "C1", values)
    assert problem is None
    assert rows == [
        ("dispute", {"customer_id": "C1", "doc_number": "F1", "opened_on": D(2026, 11, 24), "reason": "damaged"}),
        ("dispute", {"customer_id": "C1", "doc_number": "F2", "opened_on": D(2026, 11, 24), "reason": "damaged"}),
    ]
    assert entries("dispute", "C1", {**values, "doc_numbers": []}) == ([], "documents")


def test_a_note_needs_text_and_a_hold_must_end_after_it_starts() -> None:
    assert entries("note", "C1", {"date": D(2026, 11, 24), "text": "  "}) == ([], "text")
    assert entries("hold", "C1", {"made_on": D(2026, 11, 24), "until": D(2026, 11, 24)}) == ([], "until")
    rows, problem = entries("hold", "C1", {"made_on": D(2026, 11, 24), "until": D(2026, 11, 25)})
    assert problem is None and rows[0][0] == "hold"


def test_a_step_is_an_action_and_a_promise_a_promise() -> None:
    step = {"step": "call_1", "date": D(2026, 11, 24), "channel": "phone", "outcome": "reached"}
    assert entries("step", "C1", step) == ([("action", {"customer_id": "C1", **step})], None)
    assert entries("promise", "C1", {"amount_cents": 100})[0][0][0] == "promise"
    with pytest.raises(ValueError, match="unknown entry kind"):
        entries("call", "C1", {})


@pytest.mark.parametrize(
    ("channel", "outcomes"),
    [
        ("phone", ("reached", "no_answer", "wrong_number", "asked_plan")),
        ("email", ("sent", "delivered", "returned")),
        ("pec", ("sent", "delivered", "returned")),
        ("raccomandata", ("sent", "delivered", "returned")),
        ("agency", ("handed_over",)),
        ("lawyer", ("handed_over",)),
    ],
)
def test_what_can_come_of_a_step_depends_on_how_it_went(channel: str, outcomes: tuple[str, ...]) -> None:
    assert outcomes_of(channel) == outcomes


def test_a_letter_marked_sent_in_bulk_went_by_the_first_channel_its_step_allows() -> None:
    assert sent_by_default("email_or_pec") == "email"
    assert sent_by_default("pec_or_raccomandata") == "pec"
    listed = pl.DataFrame({"customer_id": ["C1", "C2"], "step": ["letter_1", "letter_2"],
                           "channel": ["email_or_pec", "pec_or_raccomandata"]})  # fmt: skip
    assert sent_letters(listed, D(2026, 11, 24)).rows() == [
        ("C1", "letter_1", D(2026, 11, 24), "email", "sent", None),
        ("C2", "letter_2", D(2026, 11, 24), "pec", "sent", None),
    ]
    # Art. 2943 c.c.: the log says how a formal demand really went: by raccomandata when the customer
    # has no PEC address; and for which account (currency), the one whose documents it named.
    known = listed.with_columns(pl.Series("pec", [None, None]), pl.Series("currency", ["EUR", "USD"]))
    assert sent_letters(known, D(2026, 11, 24)).select("channel", "currency").rows() == [
        ("email", "EUR"),
        ("raccomandata", "USD"),
    ]


def test_the_form_offers_the_accounts_next_step_first() -> None:
    steps = (*STEPS, *CHECKS)
    assert loggable_steps("letter_2", steps)[:2] == ["letter_2", "courtesy"]
    assert loggable_steps(None, steps) == list(steps)
    assert len(loggable_steps("call_1", steps)) == len(steps)
