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
    rows = history(LOG, "C1", "EUR", "en").rows()
    assert rows == [
        (D(2026, 11, 5), "note", "Called the accountant"),
        (D(2026, 11, 2), "step", "call 1 · phone · spoke to the customer · Anna"),
        (D(2026, 11, 2), "promise", "09 Nov 2026 · €1,234.56"),
        (D(2026, 11, 1), "hold", "15 Nov 2026 · audit"),
    ]


def test_history_in_italian_and_of_a_customer_with_nothing() -> None:
    italian = dict((kind, details) for _, kind, details in history(LOG, "C1", "EUR", "it").rows())
    assert italian["promise"] == "09/11/2026 · 1.234,56 EUR"
    assert history(LOG, "C9", "EUR", "en").is_empty()
