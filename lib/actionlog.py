"""The action log as frames, and what it means against the snapshots: promises kept or broken,
disputes still open, holds in force, payment history.

The log keys on customer id (and document number for disputes), never on a snapshot, so every
new snapshot is read against the whole log. The store persists it (`Store.log()`); the
functions here are pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl

from lib.ageing import ACCOUNT, DOC_KEY, with_doc_key
from lib.frames import collect_small

# What came of a step, by how it went out (the action's `outcome`).
OUTCOMES = {
    "phone": ("reached", "no_answer", "wrong_number", "asked_plan"),
    "letter": ("sent", "delivered", "returned"),
    "handover": ("handed_over",),
}
# The channel a step really went by, by the channel the policy gives it.
SENT_BY = {
    "email": ("email",),
    "phone": ("phone",),
    "email_or_pec": ("email", "pec"),
    "pec_or_raccomandata": ("pec", "raccomandata"),
    "agency": ("agency",),
    "lawyer": ("lawyer",),
}
# What a user may record on an account (the forms of the weekly and account pages).
ENTRY_KINDS = ("step", "promise", "dispute", "hold", "note")
# Why an entry cannot be recorded (`log.need_<code>` in lib/i18n.py).
ENTRY_PROBLEMS = ("documents", "text", "until")


def outcomes_of(channel: str) -> tuple[str, ...]:
    """What can come of a step that went out by `channel` (a SENT_BY value): a call is reached or
    not, a hand-over is handed over, anything else is a letter sent, delivered or returned."""
    group = "phone" if channel == "phone" else "handover" if channel in ("agency", "lawyer") else "letter"
    return OUTCOMES[group]


def sent_by_default(policy_channel: str) -> str:
    """The channel a step is taken to have gone by when marked sent in bulk: the first its policy
    channel allows (e-mail, or PEC for a formal demand by PEC or raccomandata: `sent_letters` takes
    raccomandata for a customer without a PEC address)."""
    return SENT_BY.get(policy_channel, (policy_channel,))[0]


def sent_letters(listed: pl.DataFrame, on: dt.date) -> pl.DataFrame:
    """The action rows that mark `listed` entries (customer_id, step, channel: a policy channel, and
    the account's currency when given) as sent on `on`, each by `sent_by_default`; the log's
    `action` columns."""
    currency = pl.col("currency") if "currency" in listed.columns else pl.lit(None, pl.String)
    channel = pl.col("channel").replace_strict({c: sent_by_default(c) for c in SENT_BY}, default=pl.col("channel"))
    if "pec" in listed.columns:  # a formal demand to a customer without a PEC address went by raccomandata
        no_pec = pl.col("pec").fill_null("").str.strip_chars() == ""
        channel = (
            pl.when((pl.col("channel") == "pec_or_raccomandata") & no_pec)
            .then(pl.lit("raccomandata"))
            .otherwise(channel)
        )
    return listed.select(
        "customer_id",
        "step",
        pl.lit(on).alias("date"),
        channel.alias("channel"),
        pl.lit("sent").alias("outcome"),
        currency.alias("currency"),
    )


def loggable_steps(next_step: str | None, steps: tuple[str, ...]) -> list[str]:
    """The steps the form offers: the account's next step first, then every other in `steps`."""
    return list(dict.fromkeys(s for s in (next_step, *steps) if s))


Entry = tuple[str, dict[str, Any]]  # (log table, row)


def entries(kind: str, customer_id: str, values: Mapping[str, Any]) -> tuple[list[Entry], str | None]:
    """What recording `kind` (ENTRY_KINDS) on a customer writes: (table, row) pairs for the store,
    or no rows and the code of what is missing (ENTRY_PROBLEMS). A dispute names documents (one
    row each), a note has text, a hold ends after the day it is made."""
    if kind not in ENTRY_KINDS:
        msg = f"unknown entry kind {kind!r}"
        raise ValueError(msg)
    if kind == "dispute":
        rest = {k: v for k, v in values.items() if k != "doc_numbers"}
        rows = [("dispute", {"customer_id": customer_id, "doc_number": n, **rest}) for n in values["doc_numbers"]]
        return (rows, None) if rows else ([], "documents")
    if kind == "note" and not str(values["text"] or "").strip():
        return [], "text"
    if kind == "hold" and not values["until"] > values["made_on"]:
        return [], "until"
    return [("action" if kind == "step" else kind, {"customer_id": customer_id, **values})], None


# Columns of each log table (the store's SQLite tables have the same names, plus `id`).
SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "action": {
        "customer_id": pl.String(),
        "step": pl.String(),  # a ladder step, check_promise or resolve_dispute
        "date": pl.Date(),
        "channel": pl.String(),
        "operator": pl.String(),
        "outcome": pl.String(),
        "note": pl.String(),
        "currency": pl.String(),  # the account the step was for; null: every currency (older rows)
    },
    "promise": {
        "customer_id": pl.String(),
        "currency": pl.String(),
        "made_on": pl.Date(),
        "promised_date": pl.Date(),
        "amount_cents": pl.Int64(),
        "baseline_open_cents": pl.Int64(),  # the account's open amount when the promise was made
        "operator": pl.String(),
        "note": pl.String(),
    },
    "dispute": {
        "customer_id": pl.String(),
        "doc_number": pl.String(),
        "opened_on": pl.Date(),
        "reason": pl.String(),
        "operator": pl.String(),
        "closed_on": pl.Date(),  # resolved by the user, or the document left the snapshots
        "closed_reason": pl.String(),  # resolved | document_gone
    },
    "hold": {
        "customer_id": pl.String(),
        "made_on": pl.Date(),
        "until": pl.Date(),
        "reason": pl.String(),
        "operator": pl.String(),
    },
    "note": {
        "customer_id": pl.String(),
        "date": pl.Date(),
        "text": pl.String(),
        "operator": pl.String(),
    },
    "flag": {  # the manual negative flag: the latest row per customer is in force
        "customer_id": pl.String(),
        "set_on": pl.Date(),
        "negative": pl.Boolean(),
        "reason": pl.String(),
        "operator": pl.String(),
    },
    "plan": {  # an agreed instalment plan or settlement (lib/plans.py makes its schedule)
        "customer_id": pl.String(),
        "currency": pl.String(),
        "kind": pl.String(),  # instalments | settlement
        "agreed_on": pl.Date(),
        "claim_cents": pl.Int64(),
        "baseline_open_cents": pl.Int64(),  # the account's open amount when the plan was agreed
        "grace_days": pl.Int64(),
        "operator": pl.String(),
        "note": pl.String(),
        "closed_on": pl.Date(),
        "closed_reason": pl.String(),  # completed | defaulted | cancelled
    },
    "instalment": {
        "plan_id": pl.Int64(),
        "n": pl.Int64(),  # 0 is the down payment
        "due_date": pl.Date(),
        "capital_cents": pl.Int64(),
        "interest_cents": pl.Int64(),
        "payment_cents": pl.Int64(),
    },
    "payment": {  # a payment entered by hand (the snapshots show the others)
        "customer_id": pl.String(),
        "currency": pl.String(),
        "paid_on": pl.Date(),
        "amount_cents": pl.Int64(),
        "operator": pl.String(),
        "note": pl.String(),
    },
    "profile": {  # what the user knows of a customer beyond the books (lib/customers.py): the latest row wins
        "customer_id": pl.String(),
        "set_on": pl.Date(),
        "party": pl.String(),  # business | consumer; null: as the file says or as inferred
        "address": pl.String(),  # postal address, for a raccomandata
        "pec": pl.String(),
        "email": pl.String(),
        "contract_date": pl.Date(),  # the contract's date, when known (the document date stands in)
        "term": pl.String(),  # the prescription term's kind (lib.customers.TERMS); null: ordinary
        "procedure": pl.String(),  # an insolvency procedure (lib.customers.PROCEDURES); null: none
        "procedure_on": pl.Date(),  # the day it opened
        "claim_deadline": pl.Date(),  # the day the claim must be filed by
        "operator": pl.String(),
    },
    "correction": {  # an entry edited or voided (lib/corrections.py): append-only, the entry itself stays
        "entry_table": pl.String(),  # action | promise | dispute | hold | note
        "entry_id": pl.Int64(),
        "kind": pl.String(),  # edit | void
        "changes": pl.String(),  # an edit: JSON of the entry's editable fields as corrected
        "reason": pl.String(),
        "operator": pl.String(),
        "created_at": pl.String(),  # when it was made (the store writes it)
    },
}


@dataclass(frozen=True)
class Log:
    """Every table of the action log, each with an `id` (insertion order) and its SCHEMAS columns.

    `Store.log()` gives it as it counts (lib.corrections.applied: voided entries gone, edits in
    place); `correction` keeps every edit and void made."""

    action: pl.DataFrame
    promise: pl.DataFrame
    dispute: pl.DataFrame
    hold: pl.DataFrame
    note: pl.DataFrame
    flag: pl.DataFrame
    plan: pl.DataFrame
    instalment: pl.DataFrame
    payment: pl.DataFrame
    profile: pl.DataFrame
    correction: pl.DataFrame

    @classmethod
    def empty(cls) -> Log:
        return cls.of()

    @classmethod
    def of(cls, **rows: list[dict[str, object]]) -> Log:
        """A log from rows per table (the tables not named are empty)."""
        return cls(**{name: frame(name, rows.get(name, [])) for name in SCHEMAS})


def frame(table: str, rows: list[dict[str, object]] | list[tuple[object, ...]]) -> pl.DataFrame:
    """A log table from rows (dicts, or tuples in `id` + SCHEMAS order)."""
    schema = {"id": pl.Int64(), **SCHEMAS[table]}
    if rows and isinstance(rows[0], dict):
        rows = [{"id": i + 1, **row} if "id" not in row else row for i, row in enumerate(rows)]
    return pl.DataFrame(rows, schema=schema, orient="row")


def customer_open(observations: pl.LazyFrame, of: pl.LazyFrame | None = None) -> pl.LazyFrame:
    """Each account's open total in each observation (a snapshot: its `as_of` and items); only
    the accounts `of` lists (ACCOUNT columns; default every account)."""
    if of is not None:  # the few accounts with a promise or a plan, before summing every account's
        observations = observations.join(of.select(ACCOUNT).unique(), on=list(ACCOUNT), how="semi")
    return observations.group_by("as_of", *ACCOUNT).agg(pl.col("open_cents").sum())


def promise_status(promises: pl.DataFrame, observations: pl.LazyFrame, grace_days: int) -> pl.DataFrame:
    """Promises with `status` (open, kept, broken), `deadline` and `settled_on`.

    Kept: a snapshot dated from the promise to its deadline (promised date + grace) shows the
    account's open amount at or below `baseline − amount`. Broken: a snapshot after the
    deadline exists and none showed it kept; `settled_on` is that snapshot's date, when the
    break became known. Open: no snapshot after the deadline yet.
    """
    deadline = (pl.col("promised_date") + pl.duration(days=grace_days)).alias("deadline")
    if promises.is_empty():  # the common case: read no snapshot
        return promises.with_columns(
            deadline, pl.lit(None, pl.String).alias("status"), pl.lit(None, pl.Date).alias("settled_on")
        )
    dated = promises.lazy().with_columns(deadline)
    seen = customer_open(observations, dated)
    matched = dated.join(seen, on=ACCOUNT, how="left").filter(pl.col("as_of") >= pl.col("made_on"))
    kept_on = (
        matched.filter(
            (pl.col("as_of") <= pl.col("deadline"))
            & (pl.col("open_cents") <= pl.col("baseline_open_cents") - pl.col("amount_cents"))
        )
        .group_by("id")
        .agg(pl.col("as_of").min().alias("kept_on"))
    )
    known_after = (
        matched.filter(pl.col("as_of") > pl.col("deadline")).group_by("id").agg(pl.col("as_of").min().alias("after"))
    )
    return collect_small(
        dated.join(kept_on, on="id", how="left")
        .join(known_after, on="id", how="left")
        .with_columns(
            pl.when(pl.col("kept_on").is_not_null())
            .then(pl.lit("kept"))
            .when(pl.col("after").is_not_null())
            .then(pl.lit("broken"))
            .otherwise(pl.lit("open"))
            .alias("status"),
            pl.coalesce("kept_on", "after").alias("settled_on"),
        )
        .drop("kept_on", "after")
        .sort("id")
    )


def open_disputes(disputes: pl.DataFrame, items: pl.LazyFrame) -> pl.DataFrame:
    """Disputes not closed whose document is still among `items`."""
    disputes = disputes.filter(pl.col("closed_on").is_null())
    if disputes.is_empty():
        return disputes
    # Only the disputing customers' documents are looked at: a few among a million.
    disputing = pl.col("customer_id").is_in(disputes["customer_id"].unique().implode())
    present = items.filter(disputing).select("customer_id", "doc_number")
    return disputes.lazy().join(present, on=["customer_id", "doc_number"], how="semi").collect()


def vanished_disputes(disputes: pl.DataFrame, items: pl.LazyFrame) -> pl.Series:
    """Ids of open disputes whose document is no longer among `items` (paid or credited)."""
    still = open_disputes(disputes, items)["id"]
    return disputes.filter(pl.col("closed_on").is_null() & ~pl.col("id").is_in(still.implode()))["id"]


CLOSURE: dict[str, pl.DataType] = {"id": pl.Int64(), "closed_on": pl.Date(), "closed_reason": pl.String()}


def closed_by_snapshot(
    disputes: pl.DataFrame,
    items: pl.LazyFrame,
    as_of: dt.date,
    newest_as_of: dt.date | None,
    before: pl.LazyFrame | None = None,
) -> pl.DataFrame:
    """The disputes a new snapshot closes (CLOSURE: id, closed_on, closed_reason), for the store to
    write in the snapshot's own transaction.

    A snapshot as of `as_of` that is the newest (no stored snapshot, `newest_as_of`, is dated
    after it; a tie counts as newest) closes each open dispute whose document it no longer lists,
    on its as-of date, as `document_gone`: the document was paid or credited. A snapshot imported
    late, older than one already stored, closes nothing: the newer one decides. With `before`, the
    items of the snapshot before it in its ledger, only documents listed there can be gone: a
    dispute on another ledger's document (or one the ledger never listed) stays open.
    """
    if newest_as_of is not None and newest_as_of > as_of:
        return pl.DataFrame(schema=CLOSURE)
    if before is not None:
        disputes = open_disputes(disputes, before)
    gone = vanished_disputes(disputes, items)
    return pl.DataFrame({"id": gone}, schema={"id": pl.Int64()}).select(
        "id", pl.lit(as_of).alias("closed_on"), pl.lit("document_gone").alias("closed_reason")
    )


def holds_in_force(holds: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """The latest hold of each customer whose end date has not passed: customer_id, until, reason."""
    return (
        holds.sort("id")
        .group_by("customer_id")
        .agg(pl.all().last())
        .filter(pl.col("until") >= as_of)
        .select("customer_id", pl.col("until").alias("hold_until"), pl.col("reason").alias("hold_reason"))
    )


def negative_flags(flags: pl.DataFrame) -> pl.DataFrame:
    """Customers whose latest flag is negative: customer_id, flag_reason."""
    return (
        flags.sort("id")
        .group_by("customer_id")
        .agg(pl.all().last())
        .filter(pl.col("negative"))
        .select("customer_id", pl.col("reason").alias("flag_reason"))
    )


def paid_documents(observations: pl.LazyFrame) -> pl.LazyFrame:
    """Debit documents that left the snapshots: ACCOUNT, doc_number, due_date, open_cents (last
    seen), last_seen (the as-of date of the last snapshot listing it), paid_on, days_late.

    A document is taken as paid on the as-of date of the first snapshot that no longer lists
    it (snapshots come weekly or monthly, so this is the latest date it can have been paid).
    """
    dates = observations.select(pl.col("as_of").unique().sort()).with_columns(
        pl.col("as_of").shift(-1).alias("paid_on")
    )
    return (
        observations.filter(pl.col("open_cents") > 0)
        .group_by(DOC_KEY)
        .agg(pl.col("as_of", "open_cents").sort_by("as_of").last())
        .join(dates, on="as_of")
        .filter(pl.col("paid_on").is_not_null())
        .select(
            *ACCOUNT,
            "doc_number",
            "due_date",
            "open_cents",
            pl.col("as_of").alias("last_seen"),
            "paid_on",
            pl.max_horizontal((pl.col("paid_on") - pl.col("due_date")).dt.total_days(), 0).alias("days_late"),
        )
    )


def observation(items: pl.LazyFrame, as_of: dt.date) -> pl.LazyFrame:
    """One snapshot's items as an observation: as_of, DOC_KEY and open_cents."""
    return with_doc_key(items).select(pl.lit(as_of).alias("as_of"), *DOC_KEY, "open_cents")


INTERRUPTION = pl.Schema({"customer_id": pl.String(), "currency": pl.String(), "date": pl.Date()})


def interruptions(log: Log) -> pl.LazyFrame:
    """Acts that interrupt prescription (INTERRUPTION: customer_id, currency, date; a null currency
    for steps logged before it was recorded covers every currency):

    - a formal demand sent by PEC or raccomandata (art. 2943 c. 4 c.c.), not returned undelivered;
      one logged without a channel is not taken as sent that way: it may have gone by e-mail;
    - an instalment plan or a settlement agreed, and not cancelled: an acknowledgement of the debt
      (artt. 1988 and 2944 c.c.), on the day it was agreed.

    Which documents an act covers is `interest.prescription`'s rule (those it named)."""
    by_post = pl.col("channel").is_in(["pec", "raccomandata", "pec_or_raccomandata"]).fill_null(False)
    delivered = pl.col("outcome").fill_null("sent") != "returned"
    demands = log.action.lazy().filter(pl.col("step") == "letter_2", by_post, delivered)
    agreed = log.plan.lazy().filter(pl.col("closed_reason").fill_null("") != "cancelled")
    return pl.concat(
        [
            demands.select("customer_id", "currency", "date"),
            agreed.select("customer_id", "currency", pl.col("agreed_on").alias("date")),
        ]
    ).cast(INTERRUPTION)


def mark_disputed(items: pl.LazyFrame, disputes: pl.DataFrame) -> pl.LazyFrame:
    """Items with `disputed`: the document has an open dispute (a literal False when none is open)."""
    document = pl.struct("customer_id", "doc_number")
    if disputes.is_empty():
        return items.with_columns(pl.lit(False).alias("disputed"))
    return items.with_columns(document.is_in(disputes.select(document.alias("d"))["d"].implode()).alias("disputed"))
