"""lib/account.py history: what the account page's Log tab lists."""

from __future__ import annotations

import datetime as dt

from lib.account import history
from lib.actionlog import Log

D = dt.date
LOG = Log.of(
    action=[
        {"customer_id": "C1", "step": "call_1", "date": D(2026, 11, 2), "channel": "phone", "outcome": "reached",
         "operator": "Anna"},
        {"customer_id": "C2", "step": "call_1", "date": D(2026, 11, 3), "channel": "phone", "outcome": "reached"},
    ],
    promise=[
        {"customer_id": "C1", "currency": "EUR", "made_on": D(2026, 11, 2), "promised_date": D(2026, 11, 9),
         "amount_cents": 123_456, "baseline_open_cents": 200_000},
        {"customer_id": "C1", "currency": "USD", "made_on": D(2026, 11, 4), "promised_date": D(2026, 11, 9),
         "amount_cents": 100, "baseline_open_cents": 100},
    ],
    note=[{"customer_id": "C1", "date": D(2026, 11, 5), "text": "Called the accountant"}],
    hold=[{"customer_id": "C1", "made_on": D(2026, 11, 1), "until": D(2026, 11, 15), "reason": "audit"}],
)  # fmt: skip


def test_history_is_the_customers_own_newest_first_in_words() -> None:
    rows = history(LOG, "C1", "EUR", "en").select("date", "kind", "details").rows()
    assert rows == [
        (D(2026, 11, 5), "note", "Called the accountant"),
        (D(2026, 11, 2), "step", "call 1 · phone · spoke to the customer · Anna"),
        (D(2026, 11, 2), "promise", "09 Nov 2026 · €1,234.56"),
        (D(2026, 11, 1), "hold", "15 Nov 2026 · audit"),
    ]


def test_history_in_italian_and_of_a_customer_with_nothing() -> None:
    italian = dict(
        (kind, details) for _, kind, details in history(LOG, "C1", "EUR", "it").select("date", "kind", "details").rows()
    )
    assert italian["promise"] == "09/11/2026 · 1.234,56 EUR"
    assert history(LOG, "C9", "EUR", "en").is_empty()


def test_history_marks_voided_and_edited_entries_with_who_corrected_them() -> None:
    corrections = [
        {"entry_table": "action", "entry_id": 1, "kind": "edit", "operator": "Bruno",
         "changes": '{"channel": "phone", "date": "2026-11-02", "note": null, "outcome": "no_answer", '
                    '"step": "call_1"}',
         "created_at": "2026-11-06T09:00:00+00:00"},
        {"entry_table": "note", "entry_id": 1, "kind": "void", "operator": "Carla", "reason": "wrong customer",
         "created_at": "2026-11-07T10:00:00+00:00"},
    ]  # fmt: skip
    log = Log.of(**{name: getattr(LOG, name).to_dicts() for name in ("action", "promise", "note", "hold")},
                 correction=corrections)  # fmt: skip
    shown = history(log, "C1", "EUR", "en")
    by_kind = {row["kind"]: row for row in shown.to_dicts()}
    assert by_kind["step"]["details"] == "call 1 · phone · no answer · Anna"  # the edit, the entry's operator
    assert (by_kind["step"]["state"], by_kind["step"]["corrected_by"]) == ("edited", "Bruno")
    assert by_kind["step"]["corrected_on"] == D(2026, 11, 6)
    assert (by_kind["note"]["state"], by_kind["note"]["corrected_by"]) == ("voided", "Carla")
    assert (by_kind["note"]["table"], by_kind["note"]["entry_id"]) == ("note", 1)
    assert by_kind["hold"]["state"] is None
