"""The collection engine: from a snapshot and the action log, every account's rating, track and
next step, with the codes and dates of the rule behind it (lib/explain.py words them as a trace).

`evaluate` joins the pieces in order: ageing and rollup (lib/ageing.py), what the log means
against the snapshots (lib/actionlog.py), the rating (lib/rating.py), the track and the ladder
step (lib/policy.py), then the overlays that the log imposes on the ladder:

1. every overdue document disputed → `resolve_dispute`, due `review_days` after the dispute;
2. a plan honoured (lib/agreements.py) → `check_instalment`, due on the next instalment's due
   date + the plan's grace, by phone; the ladder is not chased while the plan holds;
3. a plan defaulted and no formal demand (or later step) done since → the default clause: the
   whole residual is due, `letter_2` is due at once (on the default date) and marks
   `broken_promise` like a broken promise; once it is logged the ladder runs again. While the
   account's latest plan is defaulted, `pursued_cents` is the plan's residual as far as the
   snapshot shows it open (overdue + not yet due), and never less than the account's overdue:
   when the books re-date the debt to the instalments, that adds the instalments not yet due;
   when they keep the original invoices overdue, nothing is counted twice;
4. a promise still open → `check_promise`, due on the promised date + grace (no escalation);
5. the latest promise broken and no ladder step done since → the ladder step is due at once;
6. a hold in force → whatever is next waits until the hold ends.

Before all of these, a customer in an insolvency procedure (lib/customers.py) leaves the ladder:
`file_claim` is due by the deadline the user entered (on the day the procedure opened while there
is none), by PEC, until a `file_claim` is logged on or after that day; then nothing is due.

A completed or cancelled plan leaves the account to the ladder.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from lib import actionlog, agreements, customers
from lib.actionlog import Log
from lib.ageing import ACCOUNT, ACCOUNT_DETAILS, account_rollup, age
from lib.frames import attach, collect_small
from lib.history import History, of_observations, totals_of
from lib.history import add as add_snapshot
from lib.history import paid as paid_documents
from lib.policy import LEVEL, STEPS, Policy, assign_track, ladder_frame, next_steps
from lib.prescription import after_acts, earliest
from lib.rating import payment_history, rate

# The columns of the engine's result that the action list and the CLI rely on: codes and numbers
# (the rule trace and the rating's explanation are words: lib.explain makes them from the rest).
RESULT = (
    *("customer_id", "customer_name", "currency", "step", "channel", "template", "due_date", "late_days"),
    *("overdue_cents", "pursued_cents", "disputed_cents", "open_cents", "oldest_days", "oldest_due"),
    *("rating", "score", "track", "track_reason", "prescribes_on", "broken_promise", "situation"),
    *("plan_id", "plan_state", "instalment_cents"),
)
# A customer's contacts in its profile (the file's, or what the user entered): words for the
# letters, not facts the rules read.
CONTACTS = ("address", "pec", "email")
# The file's other details of a customer (the first known value of each): words, too.
NAMES = tuple(name for name in ACCOUNT_DETAILS if name not in CONTACTS)
# Ladder steps that count as the formal demand a defaulted plan calls for, or beyond it.
DEMAND_OR_LATER = STEPS[LEVEL["letter_2"] :]


def evaluate(
    items: pl.DataFrame | pl.LazyFrame,
    as_of: dt.date,
    policy: Policy,
    log: Log | None = None,
    history: History | pl.LazyFrame | None = None,
    log_through: dt.date | None = None,
    delivered: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """One row per account (customer × currency) with its rollup, rating, track and next step.

    `history` holds earlier snapshots, as observations (`Store.observations`: only those dated
    before `as_of` are used) or as a History (lib/history.py: dated up to `as_of`, where a
    snapshot dated `as_of` must be `items`); `items` is the newest observation. Accounts with nothing to
    do (nothing open and overdue, a credit balance, the ladder done) have a null step.
    Steps, plans and payments logged up to `log_through` count (default `as_of`; the app passes
    today, since the week's calls, letters and agreements happen after the newest snapshot).
    `delivered` (id: an action's, delivered_on; lib.mail.tracking.delivered) dates the letters a
    PEC receipt certifies as delivered: a formal demand's term counts from that day.
    """
    log = log or Log.empty()
    edges = policy.ageing.bucket_edges
    months = policy.rating.history_months
    disputes = actionlog.open_disputes(log.dispute, items.lazy())
    # read by several branches: materialise once
    items = actionlog.mark_disputed(items.lazy(), disputes).collect().lazy()
    known = _history(items, history, as_of)
    observations, paid = known.observations(), paid_documents(known)
    if known.totals.is_empty():  # no earlier snapshot: what promises and plans read is today's totals
        observations = totals_of(items.select(pl.lit(as_of).alias("as_of"), *ACCOUNT, "open_cents"))
        if not (log.promise.is_empty() and log.plan.is_empty()):  # read by both, when there are any
            observations = observations.collect().lazy()
    promises = actionlog.promise_status(log.promise, observations, policy.promises.grace_days)
    plans = _plans(log, observations, as_of, log_through)
    cutoff = pl.lit(as_of).dt.offset_by(f"-{policy.activity.active_months}mo")
    dispute_since = disputes.lazy().group_by("customer_id").agg(pl.col("opened_on").min().alias("dispute_since"))
    # in one piece: lined up twice with the accounts below (a join gathers slowly from pieces)
    profiles = customers.profiles(items, log, carry=NAMES).collect().rechunk().lazy()
    if delivered is None:
        delivered = pl.DataFrame(schema={"id": pl.Int64(), "delivered_on": pl.Date()})
    done = (
        log.action.lazy()
        .filter(pl.col("date") <= (log_through or as_of))
        .join(delivered.lazy().unique("id"), on="id", how="left")
        .select("customer_id", "step", "date", "channel", "outcome", "delivered_on")
    )
    demanded = (
        done.filter(pl.col("step").is_in(DEMAND_OR_LATER), pl.col("outcome").fill_null("") != "returned")
        .group_by("customer_id")
        .agg(pl.col("date").max().alias("demand_on"))
    )
    filed = (
        done.filter(pl.col("step") == "file_claim").group_by("customer_id").agg(pl.col("date").max().alias("filed_on"))
    )
    rollup = account_rollup(age(items, as_of, edges), edges, details=False, oldest_debit=True).collect()
    gathered = attach(
        rollup,
        [
            (payment_history(paid, as_of, months, policy.rating.trend_recent_days), list(ACCOUNT)),
            (_promises(promises, as_of, months), list(ACCOUNT)),
            (dispute_since, "customer_id"),
            (actionlog.negative_flags(log.flag).lazy(), "customer_id"),
            (actionlog.holds_in_force(log.hold, as_of).lazy(), "customer_id"),
            (_after_acts(items, log, policy, profiles, rollup), list(ACCOUNT)),
            (plans, list(ACCOUNT)),
            (profiles.drop(*CONTACTS, *NAMES), "customer_id"),
            (demanded, "customer_id"),
            (filed, "customer_id"),
        ],
    )
    accounts = (
        gathered.lazy()
        .with_columns(
            pl.col("broken_promises").fill_null(0),
            pl.col("dispute_since").is_not_null().alias("has_dispute"),
            pl.col("flag_reason").is_not_null().alias("negative_flag"),
            # No document dates at all (summary reports): activity is unknown, not inactive.
            (pl.col("last_doc_date").is_null() | (pl.col("last_doc_date") > cutoff)).alias("active"),
            # the earliest date an open debit prescribes: its oldest debit's, unless an act interrupted it
            earliest(pl.col("oldest_debit_due"), customers.prescription_years(policy), pl.col("_acted")).alias(
                "prescribes_on"
            ),
        )
        .drop("_acted", "oldest_debit_due")
    )
    rated = rate(accounts, policy).with_columns(assign_track(policy)).collect()
    del rollup, gathered, known, observations, paid, promises, plans  # in `rated` now: free them for the ladder
    stepped = _overlay(next_steps(rated.lazy(), done, policy, as_of), policy, as_of).collect()
    del rated
    # The customer's name and contacts (long strings, a million of each at 10M documents) join the
    # result last, since the ladder does not read them; e-mail, PEC and address are the profile's
    # (the file's, or what the user entered).
    return attach(stepped, [(profiles.select("customer_id", *NAMES, *CONTACTS), "customer_id")])


def _history(items: pl.LazyFrame, history: History | pl.LazyFrame | None, as_of: dt.date) -> History:
    """What the snapshots have shown up to `as_of`, `items` included as the newest.

    Observations (`Store.observations`) are summed up here; a History (lib/history_cache.py) has
    been already, and only `items` is added when it is not the newest snapshot it holds. Without
    an earlier snapshot there is no payment to see, and document keys are not worth computing:
    the empty History (`evaluate` gives promises and plans the current open amount per account).
    """
    if isinstance(history, pl.LazyFrame):
        earlier = history.filter(pl.col("as_of") < as_of).collect()  # document keys computed once
        history = of_observations(earlier.lazy()) if earlier.height else None
    dates = history.dates if history is not None else []
    if any(date > as_of for date in dates):
        msg = f"the history holds snapshots after {as_of}"
        raise ValueError(msg)
    if history is None or not dates:
        return History.empty()
    return history if dates[-1] == as_of else add_snapshot(history, items, as_of)


def _promises(promises: pl.DataFrame, as_of: dt.date, months: int) -> pl.LazyFrame:
    """Per account: promises broken in the last `months` (for the rating) and the latest promise."""
    recent = pl.col("settled_on") > pl.lit(as_of).dt.offset_by(f"-{months}mo")
    latest = pl.all().last()
    return (
        promises.lazy()
        .sort("id")  # once, so that each account's last row is its latest promise
        .group_by(ACCOUNT)
        .agg(
            ((pl.col("status") == "broken") & recent).sum().cast(pl.Int32).alias("broken_promises"),
            latest.name.prefix("_"),
        )
        .select(
            *ACCOUNT,
            "broken_promises",
            pl.col("_status").alias("promise_status"),
            pl.col("_promised_date").alias("promised_date"),
            pl.col("_deadline").alias("promise_deadline"),
            pl.col("_settled_on").alias("promise_settled_on"),
            pl.col("_amount_cents").alias("promise_cents"),
        )
    )


def _plans(log: Log, observations: pl.LazyFrame, as_of: dt.date, through: dt.date | None) -> pl.LazyFrame:
    """Per account, the plan that governs it (lib/agreements.py `by_account`), its columns named
    for the engine; plans agreed up to `through` count."""
    states = agreements.by_account(agreements.plan_state(log, observations, as_of, through))
    return states.lazy().select(
        *ACCOUNT,
        "plan_id",
        pl.col("state").alias("plan_state"),
        pl.col("kind").alias("plan_kind"),
        pl.col("agreed_on").alias("plan_agreed_on"),
        pl.col("grace_days").alias("plan_grace_days"),
        pl.col("defaulted_on").alias("plan_defaulted_on"),
        pl.col("residual_cents").alias("plan_residual_cents"),
        pl.col("instalments").alias("plan_instalments"),
        pl.col("next_n").alias("instalment_n"),
        pl.col("next_due_date").alias("instalment_due"),
        pl.col("next_deadline").alias("instalment_deadline"),
        pl.col("next_payment_cents").alias("instalment_cents"),
    )


def _after_acts(
    items: pl.LazyFrame, log: Log, policy: Policy, profiles: pl.LazyFrame, rollup: pl.DataFrame
) -> pl.LazyFrame:
    """`_acted`: the earliest date an open debit prescribes, for the accounts of the customers an
    act interrupted (lib/prescription.py `after_acts`; for the others, the oldest debit's date)."""
    years = profiles.select("customer_id", customers.prescription_years(policy).alias("prescription_years"))
    debits = items.filter(pl.col("open_cents") > 0).select(*ACCOUNT, "doc_number", "due_date")
    oldest = rollup.lazy().select(*ACCOUNT, pl.col("oldest_debit_due").alias("due_date"))
    acted = after_acts(debits, oldest, years, actionlog.interruptions(log), list(ACCOUNT), disputes=log.dispute)
    return collect_small(acted.rename({"prescribes_on": "_acted"})).lazy()


def _overlay(accounts: pl.LazyFrame, policy: Policy, as_of: dt.date) -> pl.LazyFrame:
    """Disputes, plans, promises and holds laid over the ladder step; then the lateness. The
    columns a trace is made of stay (lib.explain.trace words them)."""
    review = pl.duration(days=policy.disputes.review_days)
    all_disputed = pl.col("has_dispute") & (pl.col("pursued_cents") <= 0) & (pl.col("overdue_cents") > 0)
    plan_honoured = (pl.col("plan_state") == "honoured") & ~pl.col("credit_balance")
    plan_defaulted = (pl.col("plan_state") == "defaulted") & (
        pl.col("demand_on").is_null() | (pl.col("demand_on") < pl.col("plan_defaulted_on"))
    )
    promise_open = pl.col("promise_status") == "open"
    broken_now = (pl.col("promise_status") == "broken") & (
        pl.col("last_date").is_null() | (pl.col("last_date") < pl.col("promise_settled_on"))
    )
    # Credit notes covering the overdue debits, or a credit balance: nothing to chase. With
    # nothing overdue at all the ladder may still propose the courtesy reminder.
    nothing = pl.col("credit_balance") | ((pl.col("pursued_cents") <= 0) & pl.col("oldest_due").is_not_null())
    insolvent = pl.col("procedure").is_not_null() & (pl.col("open_cents") > 0)
    filed = pl.col("filed_on") >= pl.col("procedure_on")
    situation = (
        pl.when(insolvent & filed)
        .then(pl.lit("insolvency_filed"))
        .when(insolvent)
        .then(pl.lit("insolvency"))
        .when(all_disputed)
        .then(pl.lit("dispute_all"))
        .when(plan_honoured)
        .then(pl.lit("plan_honoured"))
        .when(nothing)
        .then(pl.lit("nothing"))
        .when(plan_defaulted)
        .then(pl.lit("plan_defaulted"))
        .when(promise_open)
        .then(pl.lit("promise_open"))
        .when(broken_now & pl.col("step").is_not_null())
        .then(pl.lit("promise_broken"))
        .otherwise(pl.lit("ladder"))
    )
    # The default clause: the plan's residual, as far as the snapshot shows it open.
    not_yet_due = (pl.col("open_cents") - pl.col("overdue_cents")).clip(lower_bound=0)
    pursued = pl.max_horizontal(
        "pursued_cents", pl.min_horizontal("plan_residual_cents", pl.col("pursued_cents") + not_yet_due)
    )
    demand = ladder_frame(policy).filter(pl.col("step") == "letter_2")
    demand_channel = pl.col("track").replace_strict(
        dict(zip(demand["track"], demand["channel"], strict=True)), default="pec_or_raccomandata"
    )
    demand_template = pl.col("track").replace_strict(
        dict(zip(demand["track"], demand["template"], strict=True)), default="formal_demand"
    )
    s = pl.col("situation")
    step = (
        pl.when(s == "insolvency")
        .then(pl.lit("file_claim"))
        .when(s == "insolvency_filed")
        .then(pl.lit(None, pl.String))
        .when(s == "dispute_all")
        .then(pl.lit("resolve_dispute"))
        .when(s == "plan_honoured")
        .then(pl.lit("check_instalment"))
        .when(s == "plan_defaulted")
        .then(pl.lit("letter_2"))
        .when(s == "promise_open")
        .then(pl.lit("check_promise"))
        .when(s == "nothing")
        .then(pl.lit(None, pl.String))
        .otherwise("step")
    )
    due = (
        pl.when(s == "insolvency")
        .then(pl.coalesce("claim_deadline", "procedure_on"))
        .when(s == "insolvency_filed")
        .then(pl.lit(None, pl.Date))
        .when(s == "dispute_all")
        .then(pl.col("dispute_since") + review)
        .when(s == "plan_honoured")
        .then("instalment_deadline")
        .when(s == "plan_defaulted")
        .then("plan_defaulted_on")
        .when(s == "promise_open")
        .then("promise_deadline")
        .when(s == "promise_broken")
        .then(pl.min_horizontal("due_date", "promise_settled_on"))
        .when(s == "nothing")
        .then(pl.lit(None, pl.Date))
        .otherwise("due_date")
    )
    channel = (
        pl.when(s == "insolvency")
        .then(pl.lit("pec"))
        .when(s == "insolvency_filed")
        .then(pl.lit(None, pl.String))
        .when(s.is_in(["dispute_all", "plan_honoured", "promise_open"]))
        .then(pl.lit("phone"))
        .when(s == "plan_defaulted")
        .then(demand_channel)
        .when(s == "nothing")
        .then(pl.lit(None, pl.String))
        .otherwise("channel")
    )
    template = (
        pl.when(s.is_in(["plan_honoured", "insolvency", "insolvency_filed"]))
        .then(pl.lit(None, pl.String))
        .when(s == "plan_defaulted")
        .then(demand_template)
        .otherwise("template")
    )
    return (
        accounts.with_columns(
            pl.when(pl.col("plan_state") == "defaulted").then(pursued).otherwise("pursued_cents").alias("pursued_cents")
        )
        .with_columns(situation.alias("situation"), pl.col("due_date").alias("ladder_due"))
        .with_columns(step.alias("step"), due.alias("due_date"), channel.alias("channel"), template.alias("template"))
        .with_columns(
            pl.when(pl.col("hold_until") > pl.col("due_date"))
            .then("hold_until")
            .otherwise("due_date")
            .alias("due_date"),
            s.is_in(["promise_broken", "plan_defaulted"]).alias("broken_promise"),
        )
        .with_columns(
            pl.when(pl.col("due_date") < as_of)
            .then((pl.lit(as_of) - pl.col("due_date")).dt.total_days())
            .alias("late_days"),
        )
    )
