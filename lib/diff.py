"""What changed between two snapshots: documents paid, partly paid, new; collections; roll rates.

A document is matched across snapshots on `lib.ageing.DOC_KEY`. A snapshot only lists what is
still open, so a document that disappears was closed by a payment *or* by a credit note: we
cannot tell them apart and count both as collected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl

from lib.ageing import ACCOUNT, DEFAULT_EDGES, DOC_KEY, age, bucket_labels, with_doc_key

CHANGES = ("paid", "partly_paid", "increased", "unchanged", "new")
PAID = "paid"  # the roll-rate destination of collected money

_IN_OLD = pl.col("old_open_cents").is_not_null()
_IN_NEW = pl.col("new_open_cents").is_not_null()
_OLD_DEBIT = _IN_OLD & (pl.col("old_open_cents") > 0)


def _side(items: pl.LazyFrame | pl.DataFrame, as_of: dt.date, edges: Sequence[int], prefix: str) -> pl.LazyFrame:
    schema = items.lazy().collect_schema()
    return with_doc_key(age(items.lazy(), as_of, edges)).select(
        *DOC_KEY,
        pl.col("customer_name").alias(f"{prefix}_name"),
        (pl.col("doc_type") if "doc_type" in schema else pl.lit(None, pl.String)).alias(f"{prefix}_type"),
        pl.col("open_cents").cast(pl.Int64).alias(f"{prefix}_open_cents"),
        pl.col("bucket").alias(f"{prefix}_bucket"),
    )


def diff_documents(
    old_items: pl.LazyFrame | pl.DataFrame,
    old_as_of: dt.date,
    new_items: pl.LazyFrame | pl.DataFrame,
    new_as_of: dt.date,
    edges: Sequence[int] = DEFAULT_EDGES,
) -> pl.DataFrame:
    """Every document of either snapshot, matched on DOC_KEY, with what happened to it.

    `change` is one of CHANGES: "paid" (gone from the new snapshot, or still listed with nothing
    open), "partly_paid" (open amount shrank but is not zero), "increased", "unchanged", "new"
    (only in the new snapshot). Credit notes compare by size: one used in part is "partly_paid".

    `collected_cents` counts only debit documents (old open > 0) whose open amount fell: old − new,
    the whole old amount when the document is gone (a payment or a credit note, we cannot tell);
    0 otherwise. `old_bucket` is aged at `old_as_of`, `new_bucket` at `new_as_of`; each is null
    where the document is missing from that snapshot, and so is its open amount.
    """
    old = _side(old_items, old_as_of, edges, "old")
    new = _side(new_items, new_as_of, edges, "new")
    old_open, new_open = pl.col("old_open_cents"), pl.col("new_open_cents")
    shrank = (new_open.abs() < old_open.abs()) & (new_open.sign() == old_open.sign())
    change = (
        pl.when(~_IN_NEW)
        .then(pl.lit("paid"))
        .when(~_IN_OLD)
        .then(pl.lit("new"))
        .when(new_open == old_open)
        .then(pl.lit("unchanged"))
        .when(new_open == 0)
        .then(pl.lit("paid"))
        .when(shrank)
        .then(pl.lit("partly_paid"))
        .otherwise(pl.lit("increased"))
    )
    collected = (
        pl.when(_OLD_DEBIT & ~_IN_NEW)
        .then(old_open)
        .when(_OLD_DEBIT & (new_open < old_open))
        .then(old_open - new_open)
        .otherwise(0)
        .cast(pl.Int64)
    )
    return (
        old.join(new, on=list(DOC_KEY), how="full", nulls_equal=True, coalesce=True)
        .select(
            change.cast(pl.Enum(CHANGES)).alias("change"),
            "customer_id",
            pl.coalesce("new_name", "old_name").alias("customer_name"),
            "currency",
            "doc_number",
            pl.coalesce("new_type", "old_type").alias("doc_type"),
            "due_date",
            "occurrence",
            "old_open_cents",
            "new_open_cents",
            collected.alias("collected_cents"),
            "old_bucket",
            "new_bucket",
        )
        .sort(list(DOC_KEY), nulls_last=True)
        .collect()
    )


def collected(doc_diff: pl.DataFrame) -> pl.DataFrame:
    """Collected cents and the number of documents that brought them, per currency."""
    return (
        doc_diff.group_by("currency")
        .agg(
            pl.col("collected_cents").sum(),
            (pl.col("collected_cents") > 0).sum().cast(pl.Int64).alias("documents"),
        )
        .sort("currency")
    )


def roll_rates(doc_diff: pl.DataFrame, edges: Sequence[int] = DEFAULT_EDGES) -> pl.DataFrame:
    """Where the old open debit amount of each bucket went, per currency (long form).

    Rows: currency, from_bucket (the old bucket, an Enum), to (a bucket label at the new as-of date,
    or "paid"), cents, share (of from_bucket's old amount). Only debit documents of the old
    snapshot count (old open > 0); new documents are not in the matrix. A document sends its new
    open amount to its new bucket and its `collected_cents` to "paid", so a from_bucket adds up to
    its old amount, except that an increase goes in full to the new bucket: then the shares add up
    to more than 1. Pairs with zero cents are left out.
    """
    labels = bucket_labels(edges)
    moved = doc_diff.lazy().filter(_OLD_DEBIT)
    remaining = moved.filter(_IN_NEW).select(
        "currency",
        pl.col("old_bucket").alias("from_bucket"),
        pl.col("new_bucket").cast(pl.String).alias("to"),
        pl.col("new_open_cents").alias("cents"),
    )
    paid = moved.select(
        "currency",
        pl.col("old_bucket").alias("from_bucket"),
        pl.lit(PAID).alias("to"),
        pl.col("collected_cents").alias("cents"),
    )
    base = moved.group_by("currency", pl.col("old_bucket").alias("from_bucket")).agg(
        pl.col("old_open_cents").sum().alias("_old")
    )
    return (
        pl.concat([remaining, paid])
        .group_by("currency", "from_bucket", "to")
        .agg(pl.col("cents").sum())
        .filter(pl.col("cents") != 0)
        .join(base, on=["currency", "from_bucket"], how="left")
        .with_columns((pl.col("cents") / pl.col("_old")).alias("share"))
        .drop("_old")
        .sort("currency", "from_bucket", pl.col("to").cast(pl.Enum([*labels, PAID])))
        .collect()
    )


def account_changes(doc_diff: pl.DataFrame) -> pl.DataFrame:
    """Per account (customer × currency): open and overdue before and after, collections, counts.

    Overdue means a bucket other than "not_due" at that snapshot's own as-of date. Sorted by
    collected cents, largest first.
    """
    return (
        doc_diff.lazy()
        .group_by(ACCOUNT)
        .agg(
            pl.col("customer_name").drop_nulls().first(),
            pl.col("old_open_cents").sum(),
            pl.col("new_open_cents").sum(),
            pl.col("old_open_cents").filter(pl.col("old_bucket") != "not_due").sum().alias("old_overdue_cents"),
            pl.col("new_open_cents").filter(pl.col("new_bucket") != "not_due").sum().alias("new_overdue_cents"),
            pl.col("collected_cents").sum(),
            (pl.col("change") == "paid").sum().cast(pl.Int64).alias("documents_paid"),
            (pl.col("change") == "new").sum().cast(pl.Int64).alias("documents_new"),
        )
        .select(
            *ACCOUNT,
            "customer_name",
            "old_open_cents",
            "new_open_cents",
            "old_overdue_cents",
            "new_overdue_cents",
            "collected_cents",
            "documents_paid",
            "documents_new",
        )
        .sort(["collected_cents", *ACCOUNT], descending=[True, False, False])
        .collect()
    )
