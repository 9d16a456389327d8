"""One account seen up close: its documents with interest and prescription, and its story over time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import polars as pl

from lib import actionlog, interest
from lib.actionlog import OUTCOMES, Log
from lib.i18n import date_format, money, names, t
from lib.policy import CHECKS, STEPS

TIMELINE = {"date": pl.Date(), "kind": pl.String(), "label": pl.String()}
KINDS = ("issued", "due", "action", "promise", "paid")  # the lanes of the timeline, top to bottom


def documents(
    aged: pl.DataFrame,
    customer_id: str,
    currency: str,
    as_of: dt.date,
    log: Log,
    policy: Mapping[str, Any],
    until: dt.date | None = None,
) -> pl.DataFrame:
    """The account's open items (aged) with `interest_cents` and `compensation_cents` (D.Lgs.
    231/2002) on those overdue at `as_of`, accrued to `until` (default `as_of`), `prescribes_on`
    and `disputed` (an open dispute), oldest due first."""
    mine = aged.lazy().filter(pl.col("customer_id") == customer_id, pl.col("currency") == currency)
    marked = actionlog.mark_disputed(mine, actionlog.open_disputes(log.dispute, mine))
    years = policy["prescription"]["years"]
    return (
        interest.prescription(
            interest.accrued_interest(marked, as_of, until=until), actionlog.interruptions(log.action), years=years
        )
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
            pl.concat_str(step, outcome, pl.col("note"), separator=" · ", ignore_nulls=True).alias("label"),
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
    return (
        pl.concat(frames)
        .cast(TIMELINE)  # type: ignore[arg-type]
        .drop_nulls("date")
        .sort(pl.col("kind").cast(pl.Enum(KINDS)), "date")
    )
