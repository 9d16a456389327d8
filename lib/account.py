"""One account seen up close: its documents with interest and prescription, and its story over time."""

from __future__ import annotations

import datetime as dt

import polars as pl

from lib import actionlog, claims, customers
from lib.actionlog import OUTCOMES, SENT_BY, Log
from lib.corrections import marked
from lib.i18n import date_format, money, names, t
from lib.policy import CHECKS, STEPS, Policy
from lib.prescription import prescription

TIMELINE = pl.Schema({"date": pl.Date(), "kind": pl.String(), "label": pl.String()})
KINDS = ("issued", "due", "action", "promise", "paid")  # the lanes of the timeline, top to bottom


def documents(
    aged: pl.DataFrame,
    customer_id: str,
    currency: str,
    as_of: dt.date,
    log: Log,
    policy: Policy,
    until: dt.date | None = None,
) -> pl.DataFrame:
    """The account's open items (aged), oldest due first, with what they owe (lib/claims.py: credits
    allocated; `capital_cents`, and `interest_cents` and `compensation_cents` on those overdue at
    `as_of`, accrued to `until` (default `as_of`) under the customer's regime, `regime`, `basis`),
    `prescribes_on` (by the customer's term and the acts that named each document) and `disputed`
    (an open dispute)."""
    mine = aged.lazy().filter(pl.col("customer_id") == customer_id, pl.col("currency") == currency)
    marked = actionlog.mark_disputed(mine, actionlog.open_disputes(log.dispute, mine))
    profile = customers.profile_of(aged, log, customer_id)
    terms = claims.Terms.of(profile, interest_first=policy.letters.interest_first)
    ordered = marked.sort("due_date", "doc_number", nulls_last=True).collect()
    owed = claims.owed(ordered, as_of, until or as_of, terms).docs
    years = policy.prescription.years_of(profile["term"])
    return (
        prescription(owed.lazy(), actionlog.interruptions(log), years=years, disputes=log.dispute)
        .sort("due_date", "doc_number", nulls_last=True)
        .collect()
    )


def timeline(
    docs: pl.DataFrame, paid: pl.LazyFrame, log: Log, customer_id: str, currency: str, lang: str
) -> pl.DataFrame:
    """date, kind (one of KINDS), label: documents issued and falling due, actions logged, promises
    made, and documents seen paid between snapshots (`actionlog.paid_documents`)."""
    document = pl.concat_str(
        pl.col("doc_number").fill_null("—"), money(pl.col("open_cents"), currency, lang), separator=": "
    ).alias("label")
    step = names("step", "step", (*STEPS, *CHECKS), lang)
    outcome = names("outcome", "outcome", tuple(o for group in OUTCOMES.values() for o in group), lang)
    frames = [
        docs.select(pl.col("doc_date").alias("date"), pl.lit("issued").alias("kind"), document),
        docs.select(pl.col("due_date").alias("date"), pl.lit("due").alias("kind"), document),
        log.action.filter(pl.col("customer_id") == customer_id).select(
            "date",
            pl.lit("action").alias("kind"),
            pl.concat_str(
                pl.concat_str(step, outcome, pl.col("note"), separator=" · ", ignore_nulls=True),
                pl.concat_str(pl.lit(f" · {t('timeline.by', lang)} "), pl.col("operator")).fill_null(""),
            ).alias("label"),
        ),
        log.promise.filter(pl.col("customer_id") == customer_id, pl.col("currency") == currency).select(
            pl.col("promised_date").alias("date"),
            pl.lit("promise").alias("kind"),
            pl.concat_str(
                money(pl.col("amount_cents"), currency, lang),
                pl.col("made_on").dt.to_string(date_format(lang)),
                separator=" · " + t("timeline.promised_on", lang) + " ",
            ).alias("label"),
        ),
        paid.filter(pl.col("customer_id") == customer_id, pl.col("currency") == currency)
        .select(pl.col("paid_on").alias("date"), pl.lit("paid").alias("kind"), document)
        .collect(),
    ]
    return pl.concat(frames).cast(TIMELINE).drop_nulls("date").sort(pl.col("kind").cast(pl.Enum(KINDS)), "date")


HISTORY = pl.Schema(
    {
        "date": pl.Date(),
        "kind": pl.String(),
        "details": pl.String(),
        "table": pl.String(),  # the log table and the entry's id there: what a correction names
        "entry_id": pl.Int64(),
        "state": pl.String(),  # null, edited or voided (lib/corrections.py)
        "corrected_by": pl.String(),  # the latest correction's operator and day
        "corrected_on": pl.Date(),
    }
)
# What each log table contributes to the history: the date it is filed under and its details.
_HISTORY_FIELDS = {
    "action": ("date", ("step", "channel", "outcome", "note", "operator")),
    "promise": ("made_on", ("promised_date", "amount_cents", "operator", "note")),
    "dispute": ("opened_on", ("doc_number", "reason", "closed_on", "closed_reason", "operator")),
    "hold": ("made_on", ("until", "reason", "operator")),
    "note": ("date", ("text", "operator")),
}


def history(log: Log, customer_id: str, currency: str, lang: str, limit: int = 100) -> pl.DataFrame:
    """Everything recorded on the customer, newest first (HISTORY): date, kind (`step` for an action,
    else the log table: promise, dispute, hold, note), its details in words (promises of this
    currency only; steps, channels and outcomes named, money and dates formatted in `lang`), and
    which entry it is. With `log` as recorded (`Store.log(corrected=False)`), voided entries are
    listed too, and edited ones with their latest values, each marked with who corrected it when."""
    channels = tuple({c for sent in SENT_BY.values() for c in sent} | set(SENT_BY))
    outcomes = tuple(o for group in OUTCOMES.values() for o in group)
    day = date_format(lang)
    latest = (
        log.correction.sort("id")
        .group_by("entry_table", "entry_id")
        .agg(pl.col("operator", "created_at").last())
        .select(
            pl.col("entry_table").alias("table"),
            "entry_id",
            pl.col("operator").alias("corrected_by"),
            pl.col("created_at").str.slice(0, 10).str.to_date("%Y-%m-%d").alias("corrected_on"),
        )
    )
    rows: list[pl.DataFrame] = []
    for table, (when, fields) in _HISTORY_FIELDS.items():
        mine = marked(log, table).filter(pl.col("customer_id") == customer_id)
        if table == "promise":
            mine = mine.filter(pl.col("currency") == currency).with_columns(
                money(pl.col("amount_cents"), currency, lang).alias("amount_cents")
            )
        if table == "action":
            mine = mine.with_columns(
                names("step", "step", (*STEPS, *CHECKS), lang),
                names("channel", "channel", channels, lang),
                names("outcome", "outcome", outcomes, lang),
            )
        text = [pl.col(f).dt.to_string(day) if mine.schema[f] == pl.Date else pl.col(f).cast(pl.String) for f in fields]
        rows.append(
            mine.select(
                pl.col(when).alias("date"),
                pl.lit("step" if table == "action" else table).alias("kind"),
                pl.concat_str(text, separator=" · ", ignore_nulls=True).alias("details"),
                pl.lit(table).alias("table"),
                pl.col("id").alias("entry_id"),
                pl.when(pl.col("voided"))
                .then(pl.lit("voided"))
                .when(pl.col("edited"))
                .then(pl.lit("edited"))
                .alias("state"),
            ).cast({c: HISTORY[c] for c in ("date", "kind", "details", "table", "entry_id", "state")})
        )
    listed = pl.concat(rows)
    return (
        listed.join(latest, on=["table", "entry_id"], how="left")
        .select(HISTORY.names())
        .cast(HISTORY)
        .sort("date", descending=True, maintain_order=True)
        .head(limit)
    )
