"""lib/engine.py with plans in force: an honoured plan is checked, not chased; a defaulted one
applies the default clause; a completed one leaves the account to the ladder. And the weekly list.

As of Friday 20 November 2026 (ISO week 47). One invoice of 5,000.00 or 6,000.00 due 21 Sep
(60 days overdue), dated within the year: active; rating 10 (over 30 days) + 15 (100% overdue)
+ 5 (over 1,000.00 at risk) = 30 → C → standard track.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from lib import actionlog
from lib.actionlog import Log
from lib.engine import evaluate
from lib.explain import in_words
from lib.policy import load_policy
from lib.weekly import action_list
from tests.unit.frames import AS_OF, days_ago, items

POLICY = load_policy()
D = dt.date
AGREED = D(2026, 10, 23)


def _plan(baseline: int, kind: str = "instalments", **extra: object) -> dict:
    return {"customer_id": "C1", "currency": "EUR", "kind": kind, "agreed_on": AGREED, "claim_cents": baseline,
            "baseline_open_cents": baseline, "grace_days": 5, **extra}  # fmt: skip


def _monthly(plan_id: int, first: dt.date, count: int, cents: int) -> list[dict]:
    """`count` instalments of `cents` on `first`'s day of each month."""
    dates = pl.select(pl.lit(first).dt.offset_by(pl.format("{}mo", pl.int_range(0, count)))).to_series()
    return [
        {"plan_id": plan_id, "n": n, "due_date": due, "capital_cents": cents, "interest_cents": 0,
         "payment_cents": cents}
        for n, due in enumerate(dates, start=1)
    ]  # fmt: skip


def _history(*snapshots: tuple[dt.date, pl.DataFrame]) -> pl.LazyFrame:
    return pl.concat([actionlog.observation(frame.lazy(), day) for day, frame in snapshots])


def _one(frame: pl.DataFrame, log: Log | None = None, history: pl.LazyFrame | None = None, lang: str = "en") -> dict:
    result = in_words(evaluate(frame, AS_OF, POLICY, log, history), POLICY, lang)
    assert result.height == 1
    return result.row(0, named=True)


# Six instalments of 1,000.00 on the 10th from November, agreed 23 Oct on 6,000.00. The 13 Nov
# snapshot shows 5,000.00 open: instalment 1 (due 10 Nov, deadline 15 Nov) paid, late within
# grace. Next: instalment 2, due 10 Dec, checked at its deadline, 15 Dec (ISO week 51).
INVOICE = items(open_cents=[500_000], due_date=[days_ago(60)])
PAID_ONE = _history((D(2026, 10, 30), items(open_cents=[600_000], due_date=[days_ago(60)])), (D(2026, 11, 13), INVOICE))
HONOURED = Log.of(plan=[_plan(600_000)], instalment=_monthly(1, D(2026, 11, 10), 6, 100_000))


def test_an_honoured_plan_is_checked_not_chased() -> None:
    # Without the plan: 60 days overdue and nothing done, the formal demand is due already.
    chased = _one(INVOICE, history=PAID_ONE)
    assert chased["step"] == "letter_2" and chased["due_date"] <= AS_OF
    row = _one(INVOICE, HONOURED, PAID_ONE)
    assert (row["step"], row["due_date"], row["channel"], row["template"], row["late_days"]) == (
        "check_instalment", D(2026, 12, 15), "phone", None, None,
    )  # fmt: skip
    assert (row["plan_id"], row["plan_state"], row["instalment_cents"], row["pursued_cents"]) == (
        1, "honoured", 100_000, 500_000,
    )  # fmt: skip
    assert row["trace"] == (
        "check the instalment due 15 Dec 2026: instalment 2 of 6 (€1,000.00) due 10 Dec 2026 + 5 days' grace, "
        "plan agreed 23 Oct 2026; oldest document 60 days overdue; standard track because active, rating C"
    )
    assert _one(INVOICE, HONOURED, PAID_ONE, lang="it")["trace"] == (
        "verifica della rata entro il 15/12/2026: rata 2 di 6 (1.000,00 EUR) in scadenza il 10/12/2026 + 5 giorni "
        "di tolleranza, piano concordato il 23/10/2026; documento più vecchio scaduto da 60 giorni; "
        "percorso standard perché attivo, rating C"
    )


def test_a_settlement_and_a_down_payment_are_named_as_such() -> None:
    settlement = Log.of(
        plan=[_plan(500_000, "settlement")],
        instalment=[{"plan_id": 1, "n": 1, "due_date": D(2026, 11, 27), "capital_cents": 300_000,
                     "interest_cents": 0, "payment_cents": 300_000}],
    )  # fmt: skip
    row = _one(INVOICE, settlement)
    assert (row["step"], row["due_date"]) == ("check_instalment", D(2026, 12, 2))
    assert row["trace"].startswith(
        "check the instalment due 02 Dec 2026: settlement of €3,000.00 by 27 Nov 2026 + 5 days' grace, "
        "agreed 23 Oct 2026; "
    )
    down = Log.of(
        plan=[_plan(500_000)],
        instalment=[{"plan_id": 1, "n": 0, "due_date": D(2026, 11, 25), "capital_cents": 50_000,
                     "interest_cents": 0, "payment_cents": 50_000}, *_monthly(1, D(2026, 12, 25), 3, 150_000)],
    )  # fmt: skip
    assert _one(INVOICE, down, lang="it")["trace"].startswith(
        "verifica della rata entro il 30/11/2026: acconto di 500,00 EUR in scadenza il 25/11/2026 + 5 giorni "
        "di tolleranza, piano concordato il 23/10/2026; "
    )


# Instalment 1 due Thu 5 Nov (deadline 10 Nov) is never paid: the 13 Nov snapshot, the first
# after the deadline, still shows 6,000.00 open. The plan defaulted on 13 Nov.
OWED = items(open_cents=[600_000], due_date=[days_ago(60)])
UNPAID = _history((D(2026, 10, 30), OWED), (D(2026, 11, 6), OWED), (D(2026, 11, 13), OWED))
DEFAULTED = Log.of(plan=[_plan(600_000)], instalment=_monthly(1, D(2026, 11, 5), 6, 100_000))


def test_a_missed_instalment_applies_the_default_clause() -> None:
    row = _one(OWED, DEFAULTED, UNPAID)
    assert (row["step"], row["due_date"], row["late_days"], row["channel"], row["template"]) == (
        "letter_2", D(2026, 11, 13), 7, "pec_or_raccomandata", "formal_demand",
    )  # fmt: skip
    assert (row["plan_state"], row["broken_promise"], row["pursued_cents"]) == ("defaulted", True, 600_000)
    assert row["trace"] == (
        "letter 2 (formal demand) due 13 Nov 2026: plan agreed 23 Oct 2026 defaulted on 13 Nov 2026: the whole "
        "residual of €6,000.00 is due at once; oldest document 60 days overdue; standard track because active, "
        "rating C"
    )
    assert _one(OWED, DEFAULTED, UNPAID, lang="it")["trace"].startswith(
        "lettera 2 (diffida) entro il 13/11/2026: piano del 23/10/2026 non rispettato il 13/11/2026: decade il "
        "beneficio del termine, l'intero residuo di 6.000,00 EUR è dovuto subito; "
    )
    # The formal demand sent by PEC on 16 Nov: the ladder runs again, the agency once its 10 days
    # have run from receipt (PEC: the same day) + the 2 days' margin ([letters] term_margin_days).
    sent = Log.of(
        plan=DEFAULTED.plan.to_dicts(), instalment=DEFAULTED.instalment.to_dicts(),
        action=[{"customer_id": "C1", "step": "letter_2", "date": D(2026, 11, 16), "channel": "pec"}],
    )  # fmt: skip
    row = _one(OWED, sent, UNPAID)
    assert (row["step"], row["due_date"], row["broken_promise"]) == ("agency", D(2026, 11, 28), False)


def test_on_default_the_residual_not_yet_due_is_pursued() -> None:
    # The books re-dated the debt to the plan: one document per instalment. Instalment 1 (5 Nov)
    # is overdue and unpaid; the other five (5 Dec … 5 Apr) are not due yet. Pursued: the
    # overdue 1,000.00 + the 5,000.00 of the residual not yet due.
    dues = [D(2026, 11, 5), D(2026, 12, 5), D(2027, 1, 5), D(2027, 2, 5), D(2027, 3, 5), D(2027, 4, 5)]
    redated = items(open_cents=[100_000] * 6, due_date=dues)
    history = _history((D(2026, 11, 6), redated), (D(2026, 11, 13), redated))
    row = _one(redated, DEFAULTED, history)
    assert (row["overdue_cents"], row["pursued_cents"], row["step"], row["due_date"]) == (
        100_000, 600_000, "letter_2", D(2026, 11, 13),
    )  # fmt: skip


def test_a_completed_or_cancelled_plan_leaves_the_ladder() -> None:
    # A settlement of 3,000.00 on a claim of 5,000.00 due 10 Nov, seen paid on 13 Nov: completed.
    before, after = (items(open_cents=[cents], due_date=[days_ago(60)]) for cents in (500_000, 200_000))
    history = _history((D(2026, 11, 6), before), (D(2026, 11, 13), after))
    kept = Log.of(
        plan=[_plan(500_000, "settlement")],
        instalment=[{"plan_id": 1, "n": 1, "due_date": D(2026, 11, 10), "capital_cents": 300_000,
                     "interest_cents": 0, "payment_cents": 300_000}],
    )  # fmt: skip
    ladder = _one(after, None, history)
    row = _one(after, kept, history)
    assert row["plan_state"] == "completed"
    assert (row["step"], row["due_date"], row["trace"]) == (ladder["step"], ladder["due_date"], ladder["trace"])
    cancelled = Log.of(
        plan=[_plan(600_000, closed_on=D(2026, 11, 2), closed_reason="cancelled")],
        instalment=_monthly(1, D(2026, 11, 5), 6, 100_000),
    )
    row = _one(OWED, cancelled, UNPAID)
    assert (row["plan_state"], row["step"]) == (None, _one(OWED, None, UNPAID)["step"])


def test_the_instalment_check_is_listed_in_the_week_of_its_deadline() -> None:
    accounts = evaluate(INVOICE, AS_OF, POLICY, HONOURED, PAID_ONE)
    for week in ("2026-W47", "2026-W50"):  # this week and the week of the due date (10 Dec)
        listed, left = action_list(accounts, week, POLICY)
        assert listed.is_empty() and left.is_empty(), week
    # Week 51 holds the deadline (Tue 15 Dec). A check is never cut, even with no calls left.
    # Gain: the instalment 1,000.00 × 81.3% recoverable at 60 days = 813.00.
    listed, left = action_list(accounts, "2026-W51", POLICY, {"calls": 0})
    assert listed.select("step", "due_date", "channel", "expected_gain_cents").rows() == [
        ("check_instalment", D(2026, 12, 15), "phone", 81_300)
    ]
    assert left.is_empty()
