"""lib/work_queue.py: the queue's order and position (by key), the outcomes offered, what each writes."""

from __future__ import annotations

import datetime as dt

import pytest

from lib import work_queue
from lib.actionlog import Log

D = dt.date
A, B, C, E = ("A", "EUR"), ("B", "EUR"), ("C", "EUR"), ("C", "USD")
ACCOUNT = {"customer_id": "C1", "currency": "EUR", "customer_name": "Uno", "step": "call_2", "channel": "phone",
           "pec": None, "open_cents": 90_000}  # fmt: skip


def test_the_queue_is_the_list_less_what_was_worked_with_the_skipped_last() -> None:
    assert work_queue.order([A, B, C, E], worked={B}, skipped=[]) == [A, C, E]
    assert work_queue.order([A, B, C, E], worked=set(), skipped=[C, A]) == [B, E, C, A]
    assert work_queue.order([A, B], worked={A}, skipped=[A]) == [B]  # a skipped account worked later is gone


def test_the_position_is_an_account_not_a_place_in_the_list() -> None:
    assert work_queue.current([B, C], at=C) == C  # the list re-ranked: still the account shown
    assert work_queue.current([B, C], at=A) == B  # the account left the queue: the head
    assert work_queue.current([], at=A) is None


def test_the_outcomes_offered_follow_the_steps_channel() -> None:
    assert work_queue.outcomes_for("phone") == ("no_answer", "promised", "disputed", "plan")
    assert work_queue.outcomes_for("pec_or_raccomandata") == ("sent", "promised", "disputed")
    assert work_queue.outcomes_for("agency") == ("promised", "disputed")
    assert set(work_queue.OUTCOMES) >= set(work_queue.outcomes_for("phone")) | {"sent"}


def test_a_call_unanswered_and_a_plan_asked_for_are_the_step_done_by_phone() -> None:
    rows, problem = work_queue.outcome_entries("no_answer", ACCOUNT, {}, D(2026, 11, 24), "Anna")
    assert problem is None
    expected = {"customer_id": "C1", "step": "call_2", "date": D(2026, 11, 24), "channel": "phone",
                "outcome": "no_answer", "note": None, "currency": "EUR", "operator": "Anna"}  # fmt: skip
    assert rows == [("action", expected)]
    rows, _ = work_queue.outcome_entries("plan", ACCOUNT, {}, D(2026, 11, 24), None)
    assert rows[0][1]["outcome"] == "asked_plan" and rows[0][1]["operator"] is None


def test_a_letter_sent_goes_by_pec_or_else_raccomandata() -> None:
    demand = ACCOUNT | {"step": "letter_2", "channel": "pec_or_raccomandata"}
    rows, _ = work_queue.outcome_entries("sent", demand | {"pec": "uno@pec.it"}, {}, D(2026, 11, 24), "Anna")
    assert [(t, r["step"], r["channel"], r["outcome"], r["operator"]) for t, r in rows] == [
        ("action", "letter_2", "pec", "sent", "Anna")
    ]
    rows, _ = work_queue.outcome_entries("sent", demand, {}, D(2026, 11, 24), None)
    assert rows[0][1]["channel"] == "raccomandata"


def test_a_promise_has_an_amount_and_keeps_the_open_amount_it_was_made_against() -> None:
    values = {"amount_cents": 25_000, "promised_date": D(2026, 12, 4)}
    rows, _ = work_queue.outcome_entries("promised", ACCOUNT, values, D(2026, 11, 24), "Anna")
    table, row = rows[0]
    assert table == "promise"
    assert (row["amount_cents"], row["baseline_open_cents"], row["made_on"]) == (25_000, 90_000, D(2026, 11, 24))
    assert work_queue.outcome_entries("promised", ACCOUNT, values | {"amount_cents": 0}, D(2026, 11, 24), None) == (
        [], "amount",
    )  # fmt: skip


def test_a_dispute_names_its_documents() -> None:
    rows, _ = work_queue.outcome_entries("disputed", ACCOUNT, {"doc_numbers": ["F1"], "reason": "price"},
                                         D(2026, 11, 24), None)  # fmt: skip
    assert [(t, r["doc_number"], r["reason"]) for t, r in rows] == [("dispute", "F1", "price")]
    assert work_queue.outcome_entries("disputed", ACCOUNT, {}, D(2026, 11, 24), None) == ([], "documents")
    with pytest.raises(ValueError):
        work_queue.outcome_entries("shouted", ACCOUNT, {}, D(2026, 11, 24), None)


def test_accounts_worked_today_whichever_session_recorded_it() -> None:
    day = D(2026, 11, 24)
    log = Log.of(
        action=[{"customer_id": "A", "step": "call_1", "date": day, "currency": "EUR"},
                {"customer_id": "B", "step": "call_1", "date": D(2026, 11, 20), "currency": "EUR"}],
        dispute=[{"customer_id": "C", "doc_number": "F1", "opened_on": day}],
    )  # fmt: skip
    assert work_queue.worked_keys(log, day, [A, B, C, E]) == {A, C, E}
    assert work_queue.worked_keys(Log.empty(), day, []) == set()


def test_open_promises_and_plans_of_the_account() -> None:
    log = Log.of(
        promise=[{"customer_id": "A", "currency": "EUR", "made_on": D(2026, 11, 1), "promised_date": D(2026, 11, 5),
                  "amount_cents": 1, "baseline_open_cents": 1},
                 {"customer_id": "A", "currency": "EUR", "made_on": D(2026, 11, 18), "promised_date": D(2026, 11, 28),
                  "amount_cents": 2, "baseline_open_cents": 1}],
        plan=[{"customer_id": "A", "currency": "EUR", "kind": "instalments", "agreed_on": D(2026, 10, 1)},
              {"customer_id": "A", "currency": "EUR", "kind": "settlement", "agreed_on": D(2026, 9, 1),
               "closed_on": D(2026, 10, 1)}],
    )  # fmt: skip
    assert work_queue.open_promises(log.promise, A, D(2026, 11, 20), grace_days=3)["amount_cents"].to_list() == [2]
    assert work_queue.open_plans(log.plan, A)["kind"].to_list() == ["instalments"]
    assert work_queue.open_plans(log.plan, B).is_empty()
