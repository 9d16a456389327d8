"""Prescription: the last day each document can still be claimed, by its term (lib/policy_types.py
`Prescription`: the customer's kind of supply) and the acts that interrupted it, document by document.

An act interrupts the prescription of the documents it names (art. 2943 c.c. for a formal demand,
art. 2944 c.c. for an acknowledgement): those of the customer in its currency (every currency for
an act logged before currencies were recorded) overdue on its date and not disputed then: a letter
lists neither documents not yet due, nor disputed ones, nor another currency's
(lib/actionlog.py `interruptions` says which acts count).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from lib.frames import running_sum


def add_years(date: pl.Expr, years: pl.Expr) -> pl.Expr:
    """`date` plus a whole number of `years` (29 February → 28 February in a common year), as
    `dt.offset_by("<n>y")` does, without formatting a string per row."""
    year = date.dt.year().cast(pl.Int32) + years.cast(pl.Int32)
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    day = pl.when((date.dt.month() == 2) & (date.dt.day() == 29) & ~leap).then(28).otherwise(date.dt.day())
    return pl.date(year, date.dt.month(), day)


def _restarted_on(docs: pl.LazyFrame, interruptions: pl.LazyFrame, disputes: pl.DataFrame | None) -> pl.LazyFrame:
    """Per document (`_doc`): the date its prescription last started again, if ever.

    Acts after the due date that cover the document restart the term; the chain stops at the first
    act that comes after the term it should interrupt had already run out (a prescribed debt is not
    revived).
    """
    names = interruptions.collect_schema().names()
    currency = pl.col("currency") if "currency" in names else pl.lit(None, pl.String)
    acts = interruptions.select("customer_id", currency.alias("_act_currency"), pl.col("date").alias("_act")).unique()
    pairs = docs.join(acts, on="customer_id", how="inner").filter(
        pl.col("_act") > pl.col("due_date"),
        pl.col("_act_currency").is_null() | (pl.col("_act_currency") == pl.col("currency")),
    )
    if disputes is not None and not disputes.is_empty():
        open_then = (pl.col("opened_on") <= pl.col("_act")) & (
            pl.col("closed_on").is_null() | (pl.col("closed_on") > pl.col("_act"))
        )
        disputed = (
            pairs.join(disputes.lazy().select("customer_id", "doc_number", "opened_on", "closed_on"),
                       on=["customer_id", "doc_number"])
            .filter(open_then)
            .select("_doc", "_act")
        )  # fmt: skip
        pairs = pairs.join(disputed, on=["_doc", "_act"], how="anti")
    # Sorted once by document and act: the act before is the row before, and the late acts so far
    # in the document a running sum (windows per document, a few hundred thousand, cost more).
    same_doc = pl.col("_doc") == pl.col("_doc").shift(1)
    previous = pl.when(same_doc).then(pl.col("_act").shift(1)).otherwise(pl.col("due_date"))
    late = (pl.col("_act") > add_years(pl.col("_previous"), pl.col("_years"))).cast(pl.Int32)
    return (
        pairs.select("_doc", "due_date", "_years", "_act")
        .unique()
        .sort("_doc", "_act")
        .with_columns(previous.alias("_previous"))
        .with_columns(late.alias("_late"))
        .filter(running_sum(pl.col("_late"), "_doc") == 0)  # no late act yet in the document, this one included
        .group_by("_doc")
        .agg(pl.col("_act").max().alias("_restart"))
    )


def prescription(
    items: pl.LazyFrame, interruptions: pl.LazyFrame, *, years: int = 10, disputes: pl.DataFrame | None = None
) -> pl.LazyFrame:
    """Add `prescribes_on`: the term's years after the due date, or after the last interrupting act
    that covers the document.

    The term is `years`, or the items' own `prescription_years` column when they have one (the
    customer's kind of supply). `interruptions` holds customer_id, date and (optionally) currency of
    each act (lib/actionlog.py `interruptions`); `disputes` the log's disputes (customer_id,
    doc_number, opened_on, closed_on): an act does not cover a document disputed on its date.
    `prescribes_on` is the last day on which an act still counts (art. 2963 c.c.: the term ends on
    the same date `years` later); 29 February plus a year gives 28 February.
    """
    names = items.collect_schema().names()
    term = pl.col("prescription_years") if "prescription_years" in names else pl.lit(years)
    currency = pl.col("currency") if "currency" in names else pl.lit(None, pl.String)
    number = pl.col("doc_number") if "doc_number" in names else pl.lit(None, pl.String)
    # Numbered once and collected: the rows are read twice below (the acts per document, then the
    # join back), and a lazy input read twice may come in another order (a group_by's does).
    indexed = items.with_row_index("_doc").with_columns(term.cast(pl.Int32).alias("_years")).collect().lazy()
    docs = indexed.select("_doc", "customer_id", currency.alias("currency"), number.alias("doc_number"),
                          "due_date", "_years")  # fmt: skip
    return (
        indexed.join(_restarted_on(docs, interruptions, disputes), on="_doc", how="left")
        .with_columns(
            add_years(pl.coalesce("_restart", "due_date"), pl.col("_years")).alias("prescribes_on"),
        )
        .drop("_restart", "_doc", "_years")
    )


def earliest(oldest_due: pl.Expr, years: pl.Expr, acted: pl.Expr) -> pl.Expr:
    """An account's earliest `prescribes_on` (the minimum of `prescription(...)` over its debits):
    `acted` (`after_acts`'s, for the accounts of customers with an interrupting act), or else its
    oldest debit's due date plus its customer's term in `years` (adding years never changes the
    order of two dates)."""
    return pl.coalesce(acted, add_years(oldest_due, years))


def after_acts(
    debits: pl.LazyFrame,
    oldest: pl.LazyFrame,
    years: pl.LazyFrame,
    interruptions: pl.LazyFrame,
    by: list[str],
    *,
    disputes: pl.DataFrame | None = None,
) -> pl.LazyFrame:
    """Per group of `by` (customer_id and currency) whose customer has an interrupting act, the
    earliest `prescribes_on` of `debits`, the customers' terms in `years` (customer_id,
    prescription_years). `oldest`: per group, its oldest debit's `due_date`.

    Only the oldest debit of an account is worked out, unless the customer has a dispute: the acts
    that cover a document are those of its account after its due date, so an older document is
    covered by every act a younger one is, and its chain of acts restarts its term on the same day
    or earlier: it never prescribes later. A dispute takes documents out of an act one by one, so
    those customers' documents are worked out each. The terms join the accounts, not every debit."""
    acted = interruptions.select("customer_id").unique().collect()  # a few customers: the log's
    if acted.is_empty():
        return pl.LazyFrame(schema={**debits.select(by).collect_schema(), "prescribes_on": pl.Date()})
    disputing = [] if disputes is None else disputes["customer_id"].cast(pl.String).unique().to_list()
    both = acted.filter(pl.col("customer_id").is_in(disputing))["customer_id"].to_list()
    each = debits.filter(pl.col("customer_id").is_in(both))
    only_acted = oldest.join(acted.lazy(), on="customer_id", how="semi").filter(~pl.col("customer_id").is_in(disputing))
    restarted = [
        prescription(frame.join(years, on="customer_id", how="left"), interruptions, disputes=disputes)
        for frame in (only_acted, each)
    ]
    return (
        pl.concat([frame.select(*by, "prescribes_on") for frame in restarted])
        .group_by(by)
        .agg(pl.col("prescribes_on").min())
    )


def prescribing_within(as_of: dt.date, months: int) -> pl.Expr:
    """Open debits whose `prescribes_on` falls within `months` after `as_of` (or already passed)."""
    return (pl.col("open_cents") > 0) & (pl.col("prescribes_on") <= pl.lit(as_of).dt.offset_by(f"{months}mo"))


def prescribing_soon(
    items: pl.LazyFrame,
    interruptions: pl.LazyFrame,
    as_of: dt.date,
    *,
    years: int = 10,
    months: int = 6,
) -> pl.DataFrame:
    """Open documents prescribing within `months` after `as_of`, or already prescribed, soonest first.

    `prescribed` is true once `prescribes_on` is before `as_of`: on the day itself an act still counts.
    """
    return (
        prescription(items, interruptions, years=years)
        .filter(prescribing_within(as_of, months))
        .select(
            "customer_id",
            "customer_name",
            "doc_number",
            "due_date",
            "open_cents",
            "currency",
            "prescribes_on",
            (pl.col("prescribes_on") < pl.lit(as_of)).alias("prescribed"),
        )
        .sort("prescribes_on", "customer_id", "doc_number", "due_date", nulls_last=True)
        .collect()
    )
