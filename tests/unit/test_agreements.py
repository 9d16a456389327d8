"""lib/agreements.py: instalments checked against snapshots and payments entered by hand, plan states.

Every case is worked out by hand below. The plans are agreed on Monday 2 November 2026, the
snapshots come on Fridays (6, 13, 20, 27 Nov, 4, 11, 18 Dec 2026) and everything is read as of
Friday 18 December 2026. Amounts in cents (100_000 = EUR 1,000.00).
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from lib import agreements
from lib.actionlog import Log
from lib.i18n import ENGINE
from lib.policy import PolicyError, load_policy

D = dt.date
AGREED = D(2026, 11, 2)
AS_OF = D(2026, 12, 18)
FRIDAYS = [D(2026, 11, 6) + dt.timedelta(days=7 * k) for k in range(7)]  # 6 Nov … 18 Dec


def _plan(customer: str, baseline: int, grace: int, kind: str = "instalments", **extra: object) -> dict:
    return {"customer_id": customer, "currency": "EUR", "kind": kind, "agreed_on": AGREED, "claim_cents": baseline,
            "baseline_open_cents": baseline, "grace_days": grace, **extra}  # fmt: skip


def _instalments(plan_id: int, *rows: tuple[int, dt.date, int, int]) -> list[dict]:
    """(n, due date, capital, interest) → instalment rows paying capital + interest."""
    return [
        {"plan_id": plan_id, "n": n, "due_date": due, "capital_cents": capital, "interest_cents": interest,
         "payment_cents": capital + interest}
        for n, due, capital, interest in rows
    ]  # fmt: skip


def _snapshots(opens: dict[str, list[int | None]]) -> pl.LazyFrame:
    """Each account's open amount on the seven Fridays (None: not in that snapshot: nothing open).
    Customers listed nowhere on a Friday still have that snapshot, through the other accounts."""
    rows = [
        {"as_of": FRIDAYS[k], "customer_id": customer, "currency": "EUR", "open_cents": cents}
        for customer, amounts in opens.items()
        for k, cents in enumerate(amounts)
        if cents is not None
    ]
    return pl.LazyFrame(rows, schema={"as_of": pl.Date, "customer_id": pl.String, "currency": pl.String,
                                      "open_cents": pl.Int64})  # fmt: skip


# Open amounts on        6 Nov    13 Nov   20 Nov   27 Nov   4 Dec    11 Dec   18 Dec
OPENS: dict[str, list[int | None]] = {
    "A": [300_000, 200_000, 200_000, 200_000, 200_000, 100_000, 100_000],
    "B": [200_000, 100_000, 100_000, 100_000, 100_000, 100_000, None],
    "C": [300_000, 198_000, 198_000, 198_000, 198_000, 198_000, 198_000],
    "D": [200_000, 200_000, 100_000, 100_000, 100_000, 100_000, 100_000],
    "E": [500_000, 500_000, 200_000, 200_000, 200_000, 200_000, 200_000],
    "F": [500_000, 500_000, 400_000, 400_000, 400_000, 400_000, 400_000],
    "G": [80_000, 80_000, 80_000, 80_000, 80_000, 80_000, 80_000],
}

LOG = Log.of(
    plan=[
        _plan("A", 300_000, 5),  # 1
        _plan("B", 200_000, 5),  # 2
        _plan("C", 300_000, 5),  # 3
        _plan("D", 200_000, 5),  # 4
        {**_plan("E", 500_000, 0, "settlement")},  # 5
        {**_plan("F", 500_000, 0, "settlement")},  # 6
        _plan("G", 80_000, 5, closed_on=D(2026, 11, 20), closed_reason="cancelled"),  # 7
    ],
    instalment=[
        # A: three instalments of 1,000.00 due on Fridays; each seen paid in that day's snapshot.
        *_instalments(1, (1, D(2026, 11, 13), 100_000, 0), (2, D(2026, 12, 11), 100_000, 0),
                      (3, D(2027, 1, 8), 100_000, 0)),
        # B: due Tue 10 Nov (deadline Sun 15 Nov), seen paid Fri 13 Nov: late within grace.
        #    Due Wed 16 Dec (deadline Mon 21 Dec), the account is gone on Fri 18 Dec: late too.
        *_instalments(2, (1, D(2026, 11, 10), 100_000, 0), (2, D(2026, 12, 16), 100_000, 0)),
        # C: with interest. 1,020.00 due 13 Nov, paid that day. 1,010.00 due Fri 4 Dec (deadline
        #    Wed 9 Dec) never paid: the 11 Dec snapshot is the first after the deadline.
        *_instalments(3, (1, D(2026, 11, 13), 100_000, 2_000), (2, D(2026, 12, 4), 100_000, 1_000),
                      (3, D(2027, 1, 8), 100_000, 500)),
        # D: 1,000.00 due Mon 16 Nov, paid that day (entered by hand), in the books from 20 Nov.
        #    1,000.00 due Wed 16 Dec (deadline Mon 21 Dec), not seen on 18 Dec: due.
        *_instalments(4, (1, D(2026, 11, 16), 100_000, 0), (2, D(2026, 12, 16), 100_000, 0)),
        # E and F: settle a claim of 5,000.00 for 3,000.00 by Fri 20 Nov, no grace.
        *_instalments(5, (1, D(2026, 11, 20), 300_000, 0)),
        *_instalments(6, (1, D(2026, 11, 20), 300_000, 0)),
        # G: 800.00 due 13 Nov never paid, but the plan was cancelled on 20 Nov.
        *_instalments(7, (1, D(2026, 11, 13), 80_000, 0)),
    ],
    payment=[{"customer_id": "D", "currency": "EUR", "paid_on": D(2026, 11, 16), "amount_cents": 100_000}],
)  # fmt: skip


def test_every_instalment_checked_against_snapshots_and_manual_payments() -> None:
    status = agreements.instalment_status(LOG, _snapshots(OPENS), AS_OF)
    columns = ("plan_id", "n", "deadline", "cumulative_cents", "paid_cents_by_then", "paid_on", "status", "missed_on")
    assert status.select(columns).rows() == [
        # A: paid 300,000 − 200,000 on 13 Nov (due that day), 300,000 − 100,000 on 11 Dec.
        (1, 1, D(2026, 11, 18), 100_000, 100_000, D(2026, 11, 13), "paid_on_time", None),
        (1, 2, D(2026, 12, 16), 200_000, 200_000, D(2026, 12, 11), "paid_on_time", None),
        (1, 3, D(2027, 1, 13), 300_000, 200_000, None, "upcoming", None),
        # B: 13 Nov is after the due date (10th), by the deadline (15th). On 18 Dec B is in no
        # snapshot: nothing open, 200,000 paid, after the due date (16th), by the deadline (21st).
        (2, 1, D(2026, 11, 15), 100_000, 100_000, D(2026, 11, 13), "paid_late", None),
        (2, 2, D(2026, 12, 21), 200_000, 200_000, D(2026, 12, 18), "paid_late", None),
        # C: 300,000 − 198,000 = 102,000 covers instalment 1 (102,000) but never 1 + 2 (203,000);
        # the deadline of 2 is 9 Dec, the first snapshot after it 11 Dec.
        (3, 1, D(2026, 11, 18), 102_000, 102_000, D(2026, 11, 13), "paid_on_time", None),
        (3, 2, D(2026, 12, 9), 203_000, 102_000, None, "missed", D(2026, 12, 11)),
        (3, 3, D(2027, 1, 13), 303_500, 102_000, None, "upcoming", None),
        # D: the payment entered on 16 Nov counts from that day (on time; the snapshots alone
        # would say 20 Nov, late); from 20 Nov the snapshot shows it and it is not added again.
        (4, 1, D(2026, 11, 21), 100_000, 100_000, D(2026, 11, 16), "paid_on_time", None),
        (4, 2, D(2026, 12, 21), 200_000, 100_000, None, "due", None),
        # E: 500,000 − 200,000 = 300,000 on the deadline. F: only 100,000, seen after it on 27 Nov.
        (5, 1, D(2026, 11, 20), 300_000, 300_000, D(2026, 11, 20), "paid_on_time", None),
        (6, 1, D(2026, 11, 20), 300_000, 100_000, None, "missed", D(2026, 11, 27)),
        # G: missed, whatever the plan's state.
        (7, 1, D(2026, 11, 18), 80_000, 0, None, "missed", D(2026, 11, 20)),
    ]


def test_a_manual_payment_counts_until_a_snapshot_shows_it() -> None:
    timeline = agreements.paid_timeline(LOG, _snapshots(OPENS), AS_OF).filter(pl.col("plan_id") == 4).sort("date")
    assert timeline.select("date", "snapshot", "paid_cents").collect().rows()[:4] == [
        (D(2026, 11, 6), True, 0),
        (D(2026, 11, 13), True, 0),
        (D(2026, 11, 16), False, 100_000),  # entered by hand, after the 13 Nov snapshot
        (D(2026, 11, 20), True, 100_000),  # 200,000 − 100,000 in the books: the same payment, once
    ]


def test_plan_states() -> None:
    states = agreements.plan_state(LOG, _snapshots(OPENS), AS_OF)
    columns = ("plan_id", "state", "defaulted_on", "completed_on", "instalments", "next_n", "next_due_date",
               "next_deadline", "next_payment_cents", "paid_cents", "residual_cents")  # fmt: skip
    assert states.select(columns).rows() == [
        (1, "honoured", None, None, 3, 3, D(2027, 1, 8), D(2027, 1, 13), 100_000, 200_000, 100_000),
        (2, "completed", None, D(2026, 12, 18), 2, None, None, None, None, 200_000, 0),
        # C defaulted: the claim 300,000 + the interest of the instalments due by 11 Dec
        # (2,000 + 1,000; the 500 of January falls away) − 102,000 paid = 201,000.
        (3, "defaulted", D(2026, 12, 11), None, 3, None, None, None, None, 102_000, 201_000),
        (4, "honoured", None, None, 2, 2, D(2026, 12, 16), D(2026, 12, 21), 100_000, 100_000, 100_000),
        (5, "completed", None, D(2026, 11, 20), 1, None, None, None, None, 300_000, 0),
        # F: the settlement is off, the full claim stands: 500,000 − 100,000 paid.
        (6, "defaulted", D(2026, 11, 27), None, 1, None, None, None, None, 100_000, 400_000),
        (7, "cancelled", None, None, 1, None, None, None, None, 0, None),
    ]
    governing = agreements.by_account(states).sort("customer_id")
    assert governing.select("customer_id", "plan_id").rows() == [
        ("A", 1), ("B", 2), ("C", 3), ("D", 4), ("E", 5), ("F", 6),
    ]  # fmt: skip


def test_as_of_decides_what_has_happened() -> None:
    # On Fri 4 Dec C's instalment 2 is due that day: upcoming, the plan honoured. A snapshot
    # missing since then does not hide a miss: read on Fri 11 Dec with snapshots only up to
    # 4 Dec, the deadline (9 Dec) has passed and the miss is known on the as-of date.
    through_4_dec = _snapshots({"C": OPENS["C"][:5]})
    early = agreements.plan_state(LOG, through_4_dec, D(2026, 12, 4)).filter(pl.col("plan_id") == 3)
    assert early.select("state", "next_n", "next_deadline").row(0) == ("honoured", 2, D(2026, 12, 9))
    later = agreements.plan_state(LOG, through_4_dec, D(2026, 12, 11)).filter(pl.col("plan_id") == 3)
    assert later.select("state", "defaulted_on").row(0) == ("defaulted", D(2026, 12, 11))
    # Plans agreed after the as-of date do not exist yet; closures after it have not happened.
    assert agreements.plan_state(LOG, through_4_dec, D(2026, 11, 1)).is_empty()
    g = agreements.plan_state(LOG, _snapshots(OPENS), D(2026, 11, 19)).filter(pl.col("plan_id") == 7)
    assert g.select("state", "defaulted_on").row(0) == ("defaulted", D(2026, 11, 19))


def test_closing_by_hand_wins() -> None:
    closed = Log.of(
        plan=[_plan("C", 300_000, 5, closed_on=D(2026, 12, 14), closed_reason="completed"),
              _plan("A", 300_000, 5, closed_on=D(2026, 12, 1), closed_reason="defaulted")],
        instalment=[*_instalments(1, (1, D(2026, 12, 4), 300_000, 0)),
                    *_instalments(2, (1, D(2027, 1, 8), 300_000, 0))],
    )  # fmt: skip
    states = agreements.plan_state(closed, _snapshots(OPENS), AS_OF)
    assert states.select("state", "defaulted_on", "completed_on", "residual_cents").rows() == [
        ("completed", None, D(2026, 12, 14), 0),  # missed on 11 Dec, but the operator closed it as done
        ("defaulted", D(2026, 12, 1), None, 100_000),  # 300,000 − 200,000 paid
    ]


def test_the_columns_are_the_declared_ones() -> None:
    observations = _snapshots(OPENS)
    assert agreements.instalment_status(LOG, observations, AS_OF).schema == agreements.INSTALMENT_STATUS
    assert agreements.plan_state(LOG, observations, AS_OF).schema == agreements.PLAN_STATE
    assert agreements.instalment_status(Log.empty(), observations, AS_OF).schema == agreements.INSTALMENT_STATUS
    assert agreements.plan_state(Log.empty(), observations, AS_OF).schema == agreements.PLAN_STATE


def test_no_plans_reads_no_snapshot() -> None:
    class Unreadable(pl.LazyFrame):
        def filter(self, *args: object, **kwargs: object) -> pl.LazyFrame:  # type: ignore[override]
            raise AssertionError("snapshots read without any plan")

    assert agreements.plan_state(Log.empty(), Unreadable(), AS_OF).is_empty()
    assert agreements.instalment_status(Log.empty(), Unreadable(), AS_OF).is_empty()


def test_settlement_schedule() -> None:
    schedule = agreements.settlement_schedule(300_000, D(2026, 11, 20))
    assert schedule.select("n", "date", "capital_cents", "interest_cents", "payment_cents").rows() == [
        (1, D(2026, 11, 20), 300_000, 0, 300_000)
    ]
    with pytest.raises(ValueError, match="positive"):
        agreements.settlement_schedule(0, D(2026, 11, 20))


def test_plans_grace_days_in_the_policy() -> None:
    assert load_policy().plans.grace_days == 5
    with pytest.raises(PolicyError, match=r"plans\.grace_days"):
        load_policy({"plans": {"grace_days": -1}})


def test_every_status_state_and_kind_has_words() -> None:
    for prefix, codes in (("instalment_status", agreements.STATUSES), ("plan_state", agreements.STATES),
                          ("plan_kind", agreements.KINDS)):  # fmt: skip
        assert all(f"{prefix}.{code}" in ENGINE for code in codes), prefix


def test_a_plan_agreed_after_the_snapshot_counts_through_today() -> None:
    """Agreed on Tuesday 22 Dec, after the snapshot of Friday 18 Dec: read at the snapshot alone it
    does not exist yet; read through today it is honoured at once, its instalments upcoming, and a
    payment entered today pays the first one."""
    today = D(2026, 12, 22)
    log = Log.of(
        plan=[{**_plan("G", 80_000, 5), "agreed_on": today}],
        instalment=_instalments(1, (1, D(2027, 1, 15), 40_000, 0), (2, D(2027, 2, 15), 40_000, 0)),
    )
    snapshots = _snapshots({"G": OPENS["G"]})
    assert agreements.plan_state(log, snapshots, AS_OF).is_empty()
    state = agreements.plan_state(log, snapshots, AS_OF, through=today)
    assert state.select("state", "next_n", "paid_cents").rows() == [("honoured", 1, 0)]
    paid = Log.of(
        plan=log.plan.to_dicts(),
        instalment=log.instalment.to_dicts(),
        payment=[{"customer_id": "G", "currency": "EUR", "paid_on": today, "amount_cents": 40_000}],
    )
    statuses = agreements.instalment_status(paid, snapshots, AS_OF, through=today)
    assert statuses.select("n", "status", "paid_on").rows() == [(1, "paid_on_time", today), (2, "upcoming", None)]
    # a cancellation dated today counts as well
    cancelled = Log.of(plan=[{**log.plan.to_dicts()[0], "closed_on": today, "closed_reason": "cancelled"}],
                       instalment=log.instalment.to_dicts())  # fmt: skip
    assert agreements.plan_state(cancelled, snapshots, AS_OF, through=today)["state"].to_list() == ["cancelled"]


def test_the_letter_of_a_plan_states_its_schedule_and_that_of_a_settlement_its_payment() -> None:
    schedule = pl.DataFrame(
        {"n": [2, 1], "due_date": [D(2027, 1, 15), D(2026, 12, 15)], "capital_cents": [50_000, 50_000],
         "interest_cents": [100, 200], "payment_cents": [50_100, 50_200]}
    )  # fmt: skip
    plan = agreements.letter_terms({"kind": "instalments", "claim_cents": 100_000}, schedule)
    assert plan.kind == "instalment_agreement" and plan.settlement is None
    assert plan.plan is not None and plan.plan.select("n", "date").rows() == [(1, D(2026, 12, 15)), (2, D(2027, 1, 15))]
    one = schedule.filter(pl.col("n") == 1).with_columns(pl.lit(90_000).alias("payment_cents"))
    settlement = agreements.letter_terms({"kind": "settlement", "claim_cents": 100_000}, one)
    assert settlement.kind == "settlement_agreement" and settlement.plan is None
    assert settlement.settlement == {"amount_cents": 90_000, "deadline": D(2026, 12, 15), "claim_cents": 100_000}
