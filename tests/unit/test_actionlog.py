"""lib/actionlog.py: promises kept or broken against snapshots, disputes, holds, flags, payments."""

from __future__ import annotations

import datetime as dt

import polars as pl

from lib import actionlog
from lib.actionlog import Log, frame
from tests.unit.frames import items

NOV = {day: dt.date(2026, 11, day) for day in range(1, 31)}


def _observations(opens: dict[str, tuple[int, int, int]]) -> pl.LazyFrame:
    """Each account's open amount in three weekly snapshots (6, 13 and 20 November)."""
    rows = [
        {"as_of": NOV[day], "customer_id": customer, "currency": "EUR", "open_cents": amounts[i]}
        for customer, amounts in opens.items()
        for i, day in enumerate((6, 13, 20))
    ]
    return pl.LazyFrame(rows)


def test_promises_kept_broken_and_open() -> None:
    observations = _observations(
        {
            "A": (100_000, 60_000, 60_000),  # 40,000 paid by the 13th
            "B": (50_000, 50_000, 50_000),  # nothing paid
            "C": (70_000, 70_000, 70_000),
            "E": (20_000, 20_000, 0),  # paid, but after the deadline
        }
    )
    promises = frame(
        "promise",
        [
            # A: 40,000 by the 10th; deadline 10 + 3 = 13th; the 13th shows 60,000 ≤ 100,000 − 40,000.
            {"customer_id": "A", "currency": "EUR", "made_on": NOV[6], "promised_date": NOV[10],
             "amount_cents": 40_000, "baseline_open_cents": 100_000},
            # B: 50,000 by the 8th; deadline the 11th; the 13th, after it, still shows 50,000.
            {"customer_id": "B", "currency": "EUR", "made_on": NOV[6], "promised_date": NOV[8],
             "amount_cents": 50_000, "baseline_open_cents": 50_000},
            # C: by the 25th; no snapshot after the 28th yet.
            {"customer_id": "C", "currency": "EUR", "made_on": NOV[18], "promised_date": NOV[25],
             "amount_cents": 70_000, "baseline_open_cents": 70_000},
            # E: by the 9th; deadline the 12th; the 13th shows nothing paid. The payment seen on
            # the 20th is late: broken, known on the 13th.
            {"customer_id": "E", "currency": "EUR", "made_on": NOV[6], "promised_date": NOV[9],
             "amount_cents": 20_000, "baseline_open_cents": 20_000},
        ],
    )  # fmt: skip
    status = actionlog.promise_status(promises, observations, grace_days=3)
    assert status.select("customer_id", "status", "deadline", "settled_on").rows() == [
        ("A", "kept", NOV[13], NOV[13]),
        ("B", "broken", NOV[11], NOV[13]),
        ("C", "open", NOV[28], None),
        ("E", "broken", NOV[12], NOV[13]),
    ]


def test_a_snapshot_before_the_promise_does_not_keep_it() -> None:
    observations = _observations({"A": (10_000, 50_000, 50_000)})  # the low figure predates the promise
    promises = frame(
        "promise",
        [{"customer_id": "A", "currency": "EUR", "made_on": NOV[10], "promised_date": NOV[16],
          "amount_cents": 40_000, "baseline_open_cents": 50_000}],
    )  # fmt: skip
    assert actionlog.promise_status(promises, observations, grace_days=3)["status"].to_list() == ["broken"]


def test_no_promises_reads_no_snapshot() -> None:
    status = actionlog.promise_status(Log.empty().promise, pl.LazyFrame(), grace_days=3)
    assert status.is_empty() and {"status", "deadline", "settled_on"} <= set(status.columns)


def test_disputes_open_only_while_their_document_is_listed() -> None:
    disputes = frame(
        "dispute",
        [
            {"customer_id": "C1", "doc_number": "F1", "opened_on": NOV[2]},
            {"customer_id": "C1", "doc_number": "F9", "opened_on": NOV[2]},  # no longer listed
            {
                "customer_id": "C1",
                "doc_number": "F2",
                "opened_on": NOV[2],
                "closed_on": NOV[5],
                "closed_reason": "resolved",
            },
            {"customer_id": "C2", "doc_number": "F1", "opened_on": NOV[2]},  # same number, other customer
        ],
    )
    listed = items(open_cents=[100, 200], doc_number=["F1", "F2"], due_date=[NOV[1], NOV[1]]).lazy()
    assert actionlog.open_disputes(disputes, listed)["id"].to_list() == [1]
    assert sorted(actionlog.vanished_disputes(disputes, listed).to_list()) == [2, 4]


def test_the_latest_hold_and_flag_are_in_force() -> None:
    holds = frame(
        "hold",
        [
            {"customer_id": "A", "made_on": NOV[1], "until": NOV[30], "reason": "holiday"},
            {"customer_id": "A", "made_on": NOV[3], "until": NOV[10], "reason": "shortened"},  # latest wins: over
            {"customer_id": "B", "made_on": NOV[1], "until": NOV[20], "reason": "restructuring"},  # ends today
        ],
    )
    assert actionlog.holds_in_force(holds, NOV[20]).rows() == [("B", NOV[20], "restructuring")]
    flags = frame(
        "flag",
        [
            {"customer_id": "A", "set_on": NOV[1], "negative": True, "reason": "protesto"},
            {"customer_id": "A", "set_on": NOV[9], "negative": False, "reason": "cleared"},
            {"customer_id": "B", "set_on": NOV[9], "negative": True, "reason": "market in crisis"},
        ],
    )
    assert actionlog.negative_flags(flags).rows() == [("B", "market in crisis")]


def test_paid_documents_are_dated_by_the_first_snapshot_without_them() -> None:
    def snapshot(day: int, numbers: list[str], opens: list[int]) -> pl.LazyFrame:
        listed = items(open_cents=opens, doc_number=numbers, due_date=[NOV[1]] * len(numbers))
        return actionlog.observation(listed.lazy(), NOV[day])

    observations = pl.concat(
        [
            snapshot(6, ["F1", "F2", "F3", "N1"], [100, 200, 300, -50]),
            snapshot(13, ["F2", "F3"], [200, 300]),  # F1 paid by the 13th; the credit note N1 gone too
            snapshot(20, ["F3"], [300]),  # F2 paid by the 20th
        ]
    )
    paid = actionlog.paid_documents(observations).collect().sort("paid_on")
    # Due 1 November: paid on the 13th is 12 days late, on the 20th 19. Credit notes are not payments.
    assert paid.select("paid_on", "days_late").rows() == [(NOV[13], 12), (NOV[20], 19)]


def test_the_newest_snapshot_closes_the_disputes_of_documents_it_no_longer_lists() -> None:
    disputes = frame(
        "dispute",
        [
            {"customer_id": "C1", "doc_number": "F1", "opened_on": NOV[2]},  # still listed
            {"customer_id": "C1", "doc_number": "F9", "opened_on": NOV[2]},  # gone
            {"customer_id": "C1", "doc_number": "F8", "opened_on": NOV[2], "closed_on": NOV[5],
             "closed_reason": "resolved"},  # gone, but already closed
        ],
    )  # fmt: skip
    listed = items(open_cents=[100], doc_number=["F1"], due_date=[NOV[1]]).lazy()
    for newest in (None, NOV[13], NOV[20]):  # an empty workspace, an older snapshot, one as of the same day
        closed = actionlog.closed_by_snapshot(disputes, listed, NOV[20], newest)
        assert closed.schema == actionlog.CLOSURE
        assert closed.rows() == [(2, NOV[20], "document_gone")]
    # A snapshot imported late, older than the newest stored, closes nothing.
    late = actionlog.closed_by_snapshot(disputes, listed, NOV[6], NOV[13])
    assert late.is_empty() and late.schema == actionlog.CLOSURE
    none = actionlog.closed_by_snapshot(Log.empty().dispute, listed, NOV[20], None)
    assert none.is_empty() and none.schema == actionlog.CLOSURE


def test_only_documents_the_ledger_listed_before_can_be_gone() -> None:
    """Another ledger's snapshot (or a ledger's first) never lists the dispute's document: it closes nothing."""
    disputes = frame("dispute", [{"customer_id": "C1", "doc_number": "F9", "opened_on": NOV[2]}])
    listed = items(open_cents=[100], doc_number=["F1"], due_date=[NOV[1]]).lazy()
    before = items(open_cents=[100, 200], doc_number=["F1", "F9"], due_date=[NOV[1], NOV[1]]).lazy()
    assert actionlog.closed_by_snapshot(disputes, listed, NOV[20], NOV[13], before).rows() == [
        (1, NOV[20], "document_gone")
    ]
    elsewhere = actionlog.closed_by_snapshot(disputes, listed, NOV[20], NOV[13], listed)
    assert elsewhere.is_empty() and elsewhere.schema == actionlog.CLOSURE
