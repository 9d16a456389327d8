"""Plans in force: every instalment of an agreed plan or settlement checked against the snapshots
and the payments entered by hand, and the state of each plan.

What has been paid towards a plan by a date d:

    paid(d) = max(baseline_open_cents − the account's open amount in the latest snapshot dated
                  from agreed_on to d, 0)                        (0 without such a snapshot)
            + the payments entered by hand dated after that snapshot, up to d
                  (from agreed_on when there is no such snapshot)

A snapshot dated on or after a manual payment is taken to show it: from then on the payment
counts only through the snapshot's open amount, so nothing counts twice (the snapshot is the
books: a payment they never show stops counting). An account missing from a snapshot has
nothing open in it. `paid` is read at every snapshot and manual payment dated from agreed_on to
as_of; a payment seen only in a snapshot is dated on the snapshot's as-of date, the latest it
can have been made, so when snapshots are further apart than the grace period the operator
enters the payment by hand with its bank date. New invoices raised after the plan raise the
open amount and hide payments, as for promises (lib/actionlog.py `promise_status`).

Instalment n is covered on `paid_on`, the first of those dates at which paid reaches the
cumulative schedule through n (the down payment, n = 0, first). Its deadline is its due date +
the plan's `grace_days`. Status at as_of:

    paid_on_time   covered on or before its due date
    paid_late      covered after its due date, by the deadline
    missed         not covered by the deadline and as_of is past it (paid later, or not at all);
                   `missed_on` is when that became known: the first snapshot or manual payment
                   after the deadline, else as_of
    due            its due date has passed, its deadline has not, not covered yet
    upcoming       its due date has not passed (as_of ≤ due date), not covered yet

Plans, closures and manual payments recorded after as_of count up to `through` (default as_of;
the app passes today, as for the steps logged after the snapshot): a plan agreed today is in
force at once, its instalments upcoming until a later snapshot or a payment shows them paid.

A plan's state at as_of (closures dated after `through` have not happened yet):

    cancelled      closed as cancelled: ignored by the engine
    completed      closed as completed, or every instalment paid (on time or late)
    defaulted      closed as defaulted, or an instalment missed: the default clause ("decadenza
                   dal beneficio del termine") makes the whole residual due on `defaulted_on`
    honoured       otherwise: the next instalment is awaited

A settlement (kind `settlement`: one instalment, n = 1, of the reduced amount due on the
deadline to pay) is checked the same way: paid in time → completed; missed → defaulted, and
then the full claim stands, less what was paid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl

from lib import actionlog
from lib.actionlog import Log
from lib.ageing import ACCOUNT
from lib.frames import collect_small, forward_fill_within, running_sum
from lib.plans import SCHEDULE

STATUSES = ("paid_on_time", "paid_late", "missed", "due", "upcoming")
STATES = ("honoured", "defaulted", "completed", "cancelled")
KINDS = ("instalments", "settlement")

_OPEN = {"as_of": pl.Date(), "customer_id": pl.String(), "currency": pl.String(), "open_cents": pl.Int64()}
_ACCOUNT = {"plan_id": pl.Int64(), "customer_id": pl.String(), "currency": pl.String(), "kind": pl.String()}
# The columns of `instalment_status` and `plan_state`, in order.
INSTALMENT_STATUS: dict[str, pl.DataType] = {
    **_ACCOUNT,
    **{"n": pl.Int64(), "due_date": pl.Date(), "deadline": pl.Date()},
    **dict.fromkeys(("capital_cents", "interest_cents", "payment_cents", "cumulative_cents"), pl.Int64()),
    **{"paid_cents_by_then": pl.Int64(), "paid_on": pl.Date(), "status": pl.String(), "missed_on": pl.Date()},
}
PLAN_STATE: dict[str, pl.DataType] = {
    **_ACCOUNT,
    **{"agreed_on": pl.Date(), "claim_cents": pl.Int64(), "grace_days": pl.Int64(), "state": pl.String()},
    **{"defaulted_on": pl.Date(), "completed_on": pl.Date(), "instalments": pl.Int64(), "next_n": pl.Int64()},
    **{"next_due_date": pl.Date(), "next_deadline": pl.Date(), "next_payment_cents": pl.Int64()},
    **dict.fromkeys(("paid_cents", "scheduled_cents", "residual_cents"), pl.Int64()),
}


def settlement_schedule(amount_cents: int, deadline: dt.date) -> pl.DataFrame:
    """The schedule of a settlement (saldo e stralcio) for `Store.save_plan`: one payment of the
    reduced amount, due on the deadline."""
    if amount_cents <= 0:
        msg = "a settlement needs a positive amount"
        raise ValueError(msg)
    return pl.DataFrame([(1, deadline, amount_cents, 0, amount_cents, 0)], schema=SCHEDULE, orient="row")


def _plans(log: Log, through: dt.date) -> pl.LazyFrame:
    """Plans agreed by `through`, with closures dated after it undone."""
    closed = pl.col("closed_on") <= through
    return (
        log.plan.lazy()
        .filter(pl.col("agreed_on") <= through)
        .with_columns(
            pl.when(closed).then("closed_on").alias("closed_on"),
            pl.when(closed).then("closed_reason").alias("closed_reason"),
        )
    )


def paid_timeline(log: Log, observations: pl.LazyFrame, as_of: dt.date, through: dt.date | None = None) -> pl.LazyFrame:
    """What each plan has been paid by each date it can be read: plan_id, date, snapshot (the
    date is a snapshot's), paid_cents (see the module docstring); sorted by plan and date."""
    through = max(through or as_of, as_of)
    plans = _plans(log, through).select(pl.col("id").alias("plan_id"), *ACCOUNT, "agreed_on", "baseline_open_cents")
    if log.plan.is_empty():  # read no snapshot
        observations = pl.LazyFrame(schema=_OPEN)
    observations = observations.filter(pl.col("as_of") <= as_of)
    seen = (
        plans.join(observations.select(pl.col("as_of").unique()), how="cross")
        .filter(pl.col("as_of") >= pl.col("agreed_on"))
        .join(actionlog.customer_open(observations, plans), on=["as_of", *ACCOUNT], how="left")
        .select(
            "plan_id",
            pl.col("as_of").alias("date"),
            (pl.col("baseline_open_cents") - pl.col("open_cents").fill_null(0)).clip(lower_bound=0).alias("_seen"),
            pl.lit(0, pl.Int64).alias("_manual"),
        )
    )
    manual = (
        log.payment.lazy()
        .filter(pl.col("paid_on") <= through)
        .join(plans, on=ACCOUNT)
        .filter(pl.col("paid_on") >= pl.col("agreed_on"))
        .group_by("plan_id", pl.col("paid_on").alias("date"))
        .agg(pl.col("amount_cents").sum().alias("_manual"))
        .with_columns(pl.lit(None, pl.Int64).alias("_seen"))
    )
    snapshot = pl.col("_seen").is_not_null()
    return (
        pl.concat([seen, manual], how="diagonal")
        .group_by("plan_id", "date")
        .agg(pl.col("_seen").max(), pl.col("_manual").sum())
        .sort("plan_id", "date")  # once: running sums and fills per plan read the rows in order
        .with_columns(running_sum(pl.col("_manual"), "plan_id").alias("_cum"))
        .with_columns(
            snapshot.alias("snapshot"),
            (
                forward_fill_within(pl.col("_seen"), "plan_id").fill_null(0)
                + pl.col("_cum")
                - forward_fill_within(pl.when(snapshot).then("_cum"), "plan_id").fill_null(0)
            ).alias("paid_cents"),
        )
        .select("plan_id", "date", "snapshot", "paid_cents")
    )


def _instalments(log: Log, timeline: pl.LazyFrame, as_of: dt.date, through: dt.date) -> pl.LazyFrame:
    """Every instalment with its status (`instalment_status`'s columns), sorted by plan and n."""
    plans = _plans(log, through).select(pl.col("id").alias("plan_id"), *ACCOUNT, "kind", "grace_days")
    instalments = (
        log.instalment.lazy()
        .join(plans, on="plan_id")
        .sort("plan_id", "n")  # each plan's instalments in order: running sums and the next one awaited
        .with_columns(
            running_sum(pl.col("payment_cents"), "plan_id").alias("cumulative_cents"),
            (pl.col("due_date") + pl.duration(days=pl.col("grace_days"))).alias("deadline"),
        )
    )
    pairs = instalments.select("id", "plan_id", "cumulative_cents", "deadline").join(timeline, on="plan_id")
    covered = (
        pairs.filter(pl.col("paid_cents") >= pl.col("cumulative_cents"))
        .group_by("id")
        .agg(pl.col("date").min().alias("paid_on"))
    )
    by_then = (
        pairs.filter(pl.col("date") <= pl.col("deadline"))
        .sort("date")  # once, not in every group
        .group_by("id")
        .agg(pl.col("paid_cents").last().alias("paid_cents_by_then"))
    )
    after = pairs.filter(pl.col("date") > pl.col("deadline")).group_by("id").agg(pl.col("date").min().alias("_after"))
    paid_on, due, deadline = pl.col("paid_on"), pl.col("due_date"), pl.col("deadline")
    status = (
        pl.when(paid_on <= due)
        .then(pl.lit("paid_on_time"))
        .when(paid_on <= deadline)
        .then(pl.lit("paid_late"))
        .when(deadline < as_of)
        .then(pl.lit("missed"))
        .when(due < as_of)
        .then(pl.lit("due"))
        .otherwise(pl.lit("upcoming"))
    )
    return (
        instalments.join(covered, on="id", how="left")
        .join(by_then, on="id", how="left")
        .join(after, on="id", how="left")
        .with_columns(status.alias("status"), pl.col("paid_cents_by_then").fill_null(0))
        .with_columns(
            pl.when(pl.col("status") == "missed").then(pl.coalesce("_after", pl.lit(as_of))).alias("missed_on")
        )
        .select(
            *("plan_id", "customer_id", "currency", "kind", "n", "due_date", "deadline"),
            *("capital_cents", "interest_cents", "payment_cents", "cumulative_cents"),
            *("paid_cents_by_then", "paid_on", "status", "missed_on"),
        )
        .sort("plan_id", "n")
    )


def instalment_status(
    log: Log, observations: pl.LazyFrame, as_of: dt.date, through: dt.date | None = None
) -> pl.DataFrame:
    """Every instalment of every plan agreed by `through` (default as_of), by plan and n: plan_id, ACCOUNT, kind, n,
    due_date, deadline (due date + grace), capital/interest/payment_cents, cumulative_cents
    (the schedule through n), paid_cents_by_then (paid by the deadline, or by as_of if earlier),
    paid_on, status and missed_on (see the module docstring).

    `observations` are snapshots as `Store.observations(as_of)` gives them (as_of, ACCOUNT,
    open_cents per document); those after as_of are ignored.
    """
    if log.plan.is_empty():  # the common case: no query at all
        return pl.DataFrame(schema=INSTALMENT_STATUS)
    through = max(through or as_of, as_of)
    timeline = paid_timeline(log, observations, as_of, through)
    return collect_small(_instalments(log, timeline, as_of, through))


def plan_state(log: Log, observations: pl.LazyFrame, as_of: dt.date, through: dt.date | None = None) -> pl.DataFrame:
    """One row per plan agreed by `through` (default as_of), by id: plan_id, ACCOUNT, kind, agreed_on, claim_cents,
    grace_days, state (see the module docstring), defaulted_on, completed_on, instalments (the
    number of instalments after the down payment), the next instalment awaited by an honoured
    plan (next_n, next_due_date, next_deadline, next_payment_cents), paid_cents (since the plan,
    at as_of), scheduled_cents, and residual_cents:

    - honoured: the schedule still to pay (scheduled − paid);
    - defaulted: the claim plus the interest of the instalments due by the default, less what
      was paid (the plan's later interest falls away; a settlement's full claim stands);
    - completed: 0; cancelled: null.
    """
    if log.plan.is_empty():  # the common case: no query at all
        return pl.DataFrame(schema=PLAN_STATE)
    through = max(through or as_of, as_of)
    plans = _plans(log, through)
    # Each is read twice: materialise once (the timeline reads the snapshots).
    timeline = collect_small(paid_timeline(log, observations, as_of, through)).lazy()
    instalments = collect_small(_instalments(log, timeline, as_of, through)).lazy()
    awaited = pl.col("status").is_in(["due", "upcoming"])
    nxt = {name: pl.col(name).filter(awaited).first() for name in ("n", "due_date", "deadline", "payment_cents")}
    per_plan = instalments.group_by("plan_id").agg(
        pl.col("missed_on").min().alias("_missed_on"),
        pl.col("status").is_in(["paid_on_time", "paid_late"]).all().alias("_all_paid"),
        pl.col("paid_on").max().alias("_last_paid_on"),
        (pl.col("n") > 0).sum().cast(pl.Int64).alias("instalments"),
        *(expr.alias(f"next_{name}") for name, expr in nxt.items()),
        pl.col("payment_cents").sum().alias("scheduled_cents"),
    )
    paid = timeline.group_by("plan_id").agg(pl.col("paid_cents").last())  # the timeline is in date order
    reason = pl.col("closed_reason")
    state = (
        pl.when(reason == "cancelled")
        .then(pl.lit("cancelled"))
        .when(reason == "completed")
        .then(pl.lit("completed"))
        .when((reason == "defaulted") | pl.col("_missed_on").is_not_null())
        .then(pl.lit("defaulted"))
        .when(pl.col("_all_paid"))
        .then(pl.lit("completed"))
        .otherwise(pl.lit("honoured"))
    )
    defaulted_on = pl.min_horizontal("_missed_on", pl.when(reason == "defaulted").then("closed_on"))
    completed_on = pl.when(reason == "completed").then("closed_on").otherwise("_last_paid_on")
    states = (
        plans.rename({"id": "plan_id"})
        .join(per_plan, on="plan_id", how="left")
        .join(paid, on="plan_id", how="left")
        .with_columns(state.alias("state"), pl.col("paid_cents").fill_null(0))
        .with_columns(
            pl.when(pl.col("state") == "defaulted").then(defaulted_on).alias("defaulted_on"),
            pl.when(pl.col("state") == "completed").then(completed_on).alias("completed_on"),
        )
    )
    accrued = (
        instalments.join(states.select("plan_id", "defaulted_on"), on="plan_id")
        .filter(pl.col("due_date") <= pl.col("defaulted_on"))
        .group_by("plan_id")
        .agg(pl.col("interest_cents").sum().alias("_accrued"))
    )
    s = pl.col("state")
    residual = (
        pl.when(s == "honoured")
        .then(pl.col("scheduled_cents") - pl.col("paid_cents"))
        .when(s == "defaulted")
        .then(pl.col("claim_cents") + pl.col("_accrued").fill_null(0) - pl.col("paid_cents"))
        .when(s == "completed")
        .then(pl.lit(0, pl.Int64))
    )
    honoured = s == "honoured"
    return collect_small(
        states.join(accrued, on="plan_id", how="left")
        .with_columns(
            residual.clip(lower_bound=0).alias("residual_cents"),
            *(pl.when(honoured).then(f"next_{name}").alias(f"next_{name}") for name in nxt),
        )
        .select(
            *("plan_id", "customer_id", "currency", "kind", "agreed_on", "claim_cents", "grace_days", "state"),
            *("defaulted_on", "completed_on", "instalments", "next_n", "next_due_date", "next_deadline"),
            *("next_payment_cents", "paid_cents", "scheduled_cents", "residual_cents"),
        )
        .sort("plan_id")
    )


def by_account(states: pl.DataFrame) -> pl.DataFrame:
    """The plan that governs each account: its latest plan not cancelled (by agreed_on, then id)."""
    return (
        states.filter(pl.col("state") != "cancelled")
        .sort("agreed_on", "plan_id")
        .group_by(ACCOUNT)
        .agg(pl.all().last())
    )


@dataclass(frozen=True)
class Terms:
    """What an agreement's letter states (lib.letters.compose): its kind, and the schedule of an
    instalment plan or the amount, deadline and claim of a settlement."""

    kind: str  # instalment_agreement | settlement_agreement
    plan: pl.DataFrame | None = None  # n, date, capital_cents, interest_cents, payment_cents
    settlement: dict[str, object] | None = None  # amount_cents, deadline, claim_cents


def letter_terms(plan: Mapping[str, Any], schedule: pl.DataFrame) -> Terms:
    """The terms of a saved plan (a `plan_state` row) and its instalments (`instalment_status`
    rows of that plan) for its letter: a settlement is its one payment by its deadline."""
    if plan["kind"] == "settlement":
        first = schedule.sort("n").row(0, named=True)
        terms = {
            "amount_cents": first["payment_cents"],
            "deadline": first["due_date"],
            "claim_cents": plan["claim_cents"],
        }
        return Terms("settlement_agreement", settlement=terms)
    columns = ("n", pl.col("due_date").alias("date"), "capital_cents", "interest_cents", "payment_cents")
    return Terms("instalment_agreement", plan=schedule.sort("n").select(*columns))
