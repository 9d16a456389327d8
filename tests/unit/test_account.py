"""lib/account.py: one account's documents (interest, EUR 40, prescription, disputes) and its timeline."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from lib.account import KINDS, documents, timeline
from lib.actionlog import Log, observation, paid_documents
from lib.ageing import age
from lib.interest import COMPENSATION_CENTS, late_interest
from lib.policy import load_policy
from tests.unit.frames import AS_OF, from_rows

D = dt.date
POLICY = load_policy()
COLUMNS = ("customer_id", "currency", "doc_number", "doc_date", "due_date", "open_cents")

# C1 in EUR has four documents; C1 in USD and C2 are there to be left out.
ITEMS = from_rows(
    COLUMNS,
    [
        ("C1", "EUR", "F1", D(2026, 4, 30), D(2026, 5, 31), 100_000),
        ("C1", "EUR", "NC1", D(2026, 6, 5), D(2026, 6, 30), -20_000),
        ("C1", "EUR", None, D(2026, 9, 30), D(2026, 10, 31), 30_000),
        ("C1", "EUR", "F2", None, D(2026, 12, 15), 50_000),
        ("C1", "USD", "U1", D(2026, 4, 30), D(2026, 5, 31), 70_000),
        ("C2", "EUR", "NC1", D(2026, 4, 30), D(2026, 5, 31), 40_000),
    ],
)
AGED = age(ITEMS.lazy(), AS_OF).collect()
LETTER_2_BY_PEC = {"customer_id": "C1", "step": "letter_2", "date": D(2026, 10, 15), "channel": "pec"}


def _docs(log: Log | None = None) -> pl.DataFrame:
    return documents(AGED, "C1", "EUR", AS_OF, log or Log.empty(), POLICY)


def test_documents_are_the_accounts_own_oldest_due_first() -> None:
    docs = _docs()
    assert docs.select("doc_number", "due_date").rows() == [
        ("F1", D(2026, 5, 31)),
        ("NC1", D(2026, 6, 30)),
        (None, D(2026, 10, 31)),
        ("F2", D(2026, 12, 15)),
    ]
    assert set(docs["customer_id"]) == {"C1"} and set(docs["currency"]) == {"EUR"}
    assert {"days_overdue", "bucket", "interest_cents", "compensation_cents", "prescribes_on", "disputed"} <= set(
        docs.columns
    )


def test_interest_and_compensation_agree_with_late_interest() -> None:
    docs = _docs()
    interest = dict(zip(docs["due_date"], docs["interest_cents"], strict=True))
    compensation = dict(zip(docs["due_date"], docs["compensation_cents"], strict=True))
    # Art. 1193 c.c.: the credit note NC1 (200.00) goes to the oldest overdue debt, F1, which owes 800.00
    # from the start (a credit note corrects what was owed). F1, 800.00 due 31 May: 1–30 June, 30 days
    # at 10.15% = 80,000 × 30 × 1015 / 3,650,000 = 667.40; 1 July–20 Nov, 31 + 31 + 30 + 31 + 20 = 143
    # days at 10.40% = 80,000 × 143 × 1040 / 3,650,000 = 3,259.62; total 3,927.01 → 3,927 cents, plus
    # the EUR 40 (on the gross 1,000.00 it would have been 4,909).
    assert interest[D(2026, 5, 31)] == 3_927 == late_interest(80_000, D(2026, 5, 31), AS_OF).interest_cents
    assert dict(zip(docs["due_date"], docs["capital_cents"], strict=True))[D(2026, 5, 31)] == 80_000
    assert compensation[D(2026, 5, 31)] == COMPENSATION_CENTS == 4_000
    # 300.00 due 31 Oct: 1–20 Nov, 20 days at 10.40% = 30,000 × 20 × 1040 / 3,650,000 = 170.96 → 171.
    assert interest[D(2026, 10, 31)] == 171 == late_interest(30_000, D(2026, 10, 31), AS_OF).interest_cents
    assert compensation[D(2026, 10, 31)] == 4_000
    # The credit note earns nothing though past due; F2 is not yet due.
    assert (interest[D(2026, 6, 30)], compensation[D(2026, 6, 30)]) == (0, 0)
    assert (interest[D(2026, 12, 15)], compensation[D(2026, 12, 15)]) == (0, 0)


def test_disputed_marks_only_open_disputes_of_this_customer() -> None:
    log = Log.of(
        dispute=[
            {"customer_id": "C1", "doc_number": "F1", "opened_on": D(2026, 11, 2)},
            {"customer_id": "C1", "doc_number": "F2", "opened_on": D(2026, 11, 2), "closed_on": D(2026, 11, 9),
             "closed_reason": "resolved"},
            {"customer_id": "C2", "doc_number": "NC1", "opened_on": D(2026, 11, 2)},  # another customer's NC1
        ]
    )  # fmt: skip
    docs = _docs(log).filter(pl.col("doc_number").is_not_null())
    assert dict(docs.select("doc_number", "disputed").rows()) == {"F1": True, "NC1": False, "F2": False}


def test_a_document_without_a_number_is_not_disputed() -> None:
    log = Log.of(dispute=[{"customer_id": "C1", "doc_number": "F1", "opened_on": D(2026, 11, 2)}])
    docs = _docs(log)
    assert docs["disputed"].to_list() == [True, False, False, False]


def test_prescription_is_ten_years_after_the_due_date_without_a_demand() -> None:
    docs = _docs()
    assert docs["prescribes_on"].to_list() == [D(2036, 5, 31), D(2036, 6, 30), D(2036, 10, 31), D(2036, 12, 15)]


def test_a_formal_demand_by_pec_restarts_prescription_of_the_documents_already_due() -> None:
    docs = _docs(Log.of(action=[LETTER_2_BY_PEC]))
    # 15 Oct 2026 + 10 years for what was due by then; the later due dates keep their own term.
    assert docs["prescribes_on"].to_list() == [D(2036, 10, 15), D(2036, 10, 15), D(2036, 10, 31), D(2036, 12, 15)]
    # Art. 2943 c.c.: a demand logged without a channel may have gone by e-mail: it interrupts nothing.
    no_channel = _docs(Log.of(action=[{**LETTER_2_BY_PEC, "channel": None}]))
    assert no_channel["prescribes_on"][0] == D(2036, 5, 31)


@pytest.mark.parametrize(
    "action",
    [
        {**LETTER_2_BY_PEC, "channel": "email"},  # a demand by e-mail does not interrupt
        {**LETTER_2_BY_PEC, "step": "letter_1"},  # a soft reminder by PEC does not either
        {**LETTER_2_BY_PEC, "customer_id": "C2"},  # another customer's demand
    ],
)
def test_other_acts_leave_prescription_where_it_was(action: dict[str, object]) -> None:
    assert _docs(Log.of(action=[action]))["prescribes_on"][0] == D(2036, 5, 31)


# --- timeline ------------------------------------------------------------------------------------

LOG = Log.of(
    action=[
        {"customer_id": "C1", "step": "call_1", "date": D(2026, 6, 20), "channel": "phone", "outcome": "reached",
         "note": "pagherà a luglio"},
        {**LETTER_2_BY_PEC, "outcome": "delivered"},
        {"customer_id": "C1", "step": "visit", "date": D(2026, 11, 18)},  # not a code we know: as it is
        {"customer_id": "C2", "step": "call_1", "date": D(2026, 11, 1), "outcome": "no_answer"},
    ],
    promise=[
        {"customer_id": "C1", "currency": "EUR", "made_on": D(2026, 11, 10), "promised_date": D(2026, 11, 30),
         "amount_cents": 50_000, "baseline_open_cents": 160_000},
        {"customer_id": "C1", "currency": "USD", "made_on": D(2026, 11, 10), "promised_date": D(2026, 11, 25),
         "amount_cents": 70_000, "baseline_open_cents": 70_000},
    ],
)  # fmt: skip


def _paid() -> pl.LazyFrame:
    """F0 (123.45) is in the snapshot of 6 Nov and gone on 20 Nov: paid on 20 Nov."""
    paid_one = from_rows(COLUMNS, [("C1", "EUR", "F0", D(2026, 8, 1), D(2026, 9, 30), 12_345)])
    return paid_documents(
        pl.concat([observation(pl.concat([ITEMS, paid_one]).lazy(), D(2026, 11, 6)), observation(ITEMS.lazy(), AS_OF)])
    )


def test_timeline_in_italian() -> None:
    events = timeline(_docs(LOG), _paid(), LOG, "C1", "EUR", "it")
    assert events.schema == pl.Schema({"date": pl.Date, "kind": pl.String, "label": pl.String})
    assert events.rows() == [
        # F2 has no document date: it is not in the "issued" lane
        (D(2026, 4, 30), "issued", "F1: 1.000,00 EUR"),
        (D(2026, 6, 5), "issued", "NC1: -200,00 EUR"),
        (D(2026, 9, 30), "issued", "—: 300,00 EUR"),
        (D(2026, 5, 31), "due", "F1: 1.000,00 EUR"),
        (D(2026, 6, 30), "due", "NC1: -200,00 EUR"),
        (D(2026, 10, 31), "due", "—: 300,00 EUR"),
        (D(2026, 12, 15), "due", "F2: 500,00 EUR"),
        (D(2026, 6, 20), "action", "telefonata 1 · parlato con il cliente · pagherà a luglio"),
        (D(2026, 10, 15), "action", "lettera 2 (diffida) · consegnata"),
        (D(2026, 11, 18), "action", "visit"),
        (D(2026, 11, 30), "promise", "500,00 EUR · promessa del 10/11/2026"),
        (D(2026, 11, 20), "paid", "F0: 123,45 EUR"),
    ]
    assert events["kind"].unique(maintain_order=True).to_list() == list(KINDS)


def test_timeline_in_english() -> None:
    events = timeline(_docs(LOG), _paid(), LOG, "C1", "EUR", "en")
    labels = dict(zip(zip(events["kind"], events["date"], strict=True), events["label"], strict=True))
    assert labels[("issued", D(2026, 6, 5))] == "NC1: -€200.00"
    assert labels[("due", D(2026, 5, 31))] == "F1: €1,000.00"
    assert labels[("action", D(2026, 6, 20))] == "call 1 · spoke to the customer · pagherà a luglio"
    assert labels[("action", D(2026, 10, 15))] == "letter 2 (formal demand) · delivered"
    assert labels[("promise", D(2026, 11, 30))] == "€500.00 · promised on 10 Nov 2026"
    assert labels[("paid", D(2026, 11, 20))] == "F0: €123.45"
    assert events.height == 12  # the USD promise and C2's call are not this account's


def test_timeline_in_another_currency_shows_that_accounts_story() -> None:
    docs = documents(AGED, "C1", "USD", AS_OF, LOG, POLICY)
    events = timeline(docs, _paid(), LOG, "C1", "USD", "en")
    # The customer's actions are shared by its accounts; the promise and documents are the USD ones.
    assert events.filter(pl.col("kind") != "action").rows() == [
        (D(2026, 4, 30), "issued", "U1: $700.00"),
        (D(2026, 5, 31), "due", "U1: $700.00"),
        (D(2026, 11, 25), "promise", "$700.00 · promised on 10 Nov 2026"),
    ]
