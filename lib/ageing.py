"""Ageing arithmetic on open items: days overdue against an explicit as-of date, buckets, rollups.

An item is overdue when its due date is strictly before the as-of date (`days_overdue > 0`).
Buckets are right-closed day ranges over `days_overdue`: with edges (0, 30, 60) they are
`not_due` (≤ 0), `1-30`, `31-60`, `over_60`. Money never mixes currencies: every total is per
currency, and an account is one customer in one currency.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

import polars as pl

DEFAULT_EDGES: tuple[int, ...] = (0, 30, 60, 90, 120, 180, 365)
ACCOUNT = ("customer_id", "currency")
# Contact and classification columns carried onto each account: the first non-empty value wins.
ACCOUNT_DETAILS = ("customer_name", "vat_id", "email", "pec", "phone", "salesperson", "payment_method")


def bucket_labels(edges: Sequence[int] = DEFAULT_EDGES) -> list[str]:
    """`not_due`, `1-30`, …, `181-365`, `over_365` for the default edges."""
    if not edges or edges[0] != 0 or any(b <= a for a, b in itertools.pairwise(edges)):
        msg = f"bucket edges must start at 0 and rise strictly, got {list(edges)}"
        raise ValueError(msg)
    ranges = [f"{low + 1}-{high}" for low, high in itertools.pairwise(edges)]
    return ["not_due", *ranges, f"over_{edges[-1]}"]


def bucket_enum(edges: Sequence[int] = DEFAULT_EDGES) -> pl.Enum:
    """The buckets as an ordered Enum, youngest first: sorting by it sorts by age."""
    return pl.Enum(bucket_labels(edges))


def days_overdue(as_of: dt.date) -> pl.Expr:
    """Days past the due date at `as_of`: 0 on the due date, negative before it."""
    return (pl.lit(as_of) - pl.col("due_date")).dt.total_days().cast(pl.Int32)


def is_overdue(as_of: dt.date) -> pl.Expr:
    """Overdue means due strictly before the as-of date."""
    return pl.col("due_date") < pl.lit(as_of)


def age(items: pl.LazyFrame, as_of: dt.date, edges: Sequence[int] = DEFAULT_EDGES) -> pl.LazyFrame:
    """Items with `days_overdue`, `overdue` and `bucket` (an Enum in age order)."""
    labels = bucket_labels(edges)
    return items.with_columns(days_overdue(as_of).alias("days_overdue")).with_columns(
        (pl.col("days_overdue") > 0).alias("overdue"),
        pl.col("days_overdue").bin_intervals(list(edges), labels=labels, right_closed=True).alias("bucket"),
    )


def buckets_by_currency(aged: pl.LazyFrame, edges: Sequence[int] = DEFAULT_EDGES) -> pl.DataFrame:
    """Open cents per currency and bucket, every bucket present (zero when empty).

    The buckets of a currency add up to its total open amount, "not due" included.
    """
    grid = (
        aged.select(pl.col("currency").unique())
        .join(pl.LazyFrame({"bucket": bucket_labels(edges)}, schema={"bucket": bucket_enum(edges)}), how="cross")
        .sort("currency", "bucket")
    )
    sums = aged.group_by("currency", "bucket").agg(pl.col("open_cents").sum(), pl.len().alias("documents"))
    return (
        grid.join(sums, on=["currency", "bucket"], how="left")
        .with_columns(pl.col("open_cents", "documents").fill_null(0))
        .sort("currency", "bucket")
        .collect()
    )


def totals_by_currency(items: pl.LazyFrame, as_of: dt.date) -> pl.DataFrame:
    """Open and overdue cents per currency (never summed across currencies), sorted by currency."""
    return (
        items.group_by("currency")
        .agg(
            pl.col("open_cents").sum(),
            pl.col("open_cents").filter(is_overdue(as_of)).sum().alias("overdue_cents"),
            pl.len().alias("items"),
        )
        .sort("currency")
        .collect()
    )


def account_rollup(
    aged: pl.LazyFrame, edges: Sequence[int] = DEFAULT_EDGES, *, details: bool = True, oldest_debit: bool = False
) -> pl.LazyFrame:
    """One row per account (customer × currency) from aged items.

    `overdue_cents` nets credit notes that are past due; `oldest_days`, `oldest_due` and the
    weighted `avg_days` look only at overdue debits (a credit note does not make a debt old).
    Items with `disputed` true (when the column exists) count in the totals but not in
    `pursued_cents`, `oldest_*` or `avg_days`: escalation ignores them. Contact details come
    from the customer's first row (`account_details`), unless `details` is False (the engine sets
    them beside its result last, since the ladder does not read them). `oldest_debit` adds
    `oldest_debit_due`: the oldest open debit's due date, due or not, disputed or not (where
    prescription starts, for the engine).
    """
    schema = aged.collect_schema()
    disputed = pl.col("disputed") if "disputed" in schema else pl.lit(False)
    open_ = pl.col("open_cents")
    debit = pl.col("overdue") & (open_ > 0) & ~disputed
    labels = bucket_labels(edges)
    # Each measure becomes a plain column first: group sums and minima of plain columns are
    # several times faster than filtered aggregations (see `make bench`).
    measures = {
        "overdue_cents": pl.when(pl.col("overdue")).then(open_).otherwise(0),
        "pursued_cents": pl.when(pl.col("overdue") & ~disputed).then(open_).otherwise(0),
        "disputed_cents": pl.when(disputed).then(open_).otherwise(0),
        **{label: pl.when(pl.col("bucket") == label).then(open_).otherwise(0) for label in labels},
        "_debit": pl.when(debit).then(open_).otherwise(0),
        "_weighted": pl.when(debit).then(pl.col("days_overdue").cast(pl.Float64) * open_).otherwise(0.0),
        "overdue_documents": debit.cast(pl.Int64),
    }
    rollup = (
        aged.with_columns(
            *(expr.alias(name) for name, expr in measures.items()),
            pl.when(debit).then(pl.col("due_date")).alias("oldest_due"),
            pl.when(debit).then(pl.col("days_overdue")).alias("oldest_days"),
            pl.when(~pl.col("overdue") & (open_ > 0)).then(pl.col("due_date")).alias("next_due"),
            *([pl.when(open_ > 0).then(pl.col("due_date")).alias("oldest_debit_due")] if oldest_debit else []),
            (pl.col("due_estimated") if "due_estimated" in schema else pl.lit(False)).alias("due_estimated"),
            (pl.col("doc_date") if "doc_date" in schema else pl.lit(None, pl.Date)).alias("last_doc_date"),
        )
        .group_by(ACCOUNT)
        .agg(
            pl.col("open_cents", *measures).sum(),
            pl.col("oldest_due", "next_due", *(["oldest_debit_due"] if oldest_debit else [])).min(),
            pl.col("oldest_days", "last_doc_date").max(),
            pl.len().alias("documents"),
            pl.col("due_estimated").any(),
        )
        .with_columns(
            pl.when(pl.col("_debit") > 0).then(pl.col("_weighted") / pl.col("_debit")).alias("avg_days"),
            (pl.col("open_cents") < 0).alias("credit_balance"),
        )
        .drop("_weighted", "_debit")
    )
    return rollup.join(account_details(aged), on="customer_id", how="left") if details else rollup


def account_details(items: pl.LazyFrame) -> pl.LazyFrame:
    """Name, VAT id, contacts, salesperson and payment method of each customer, from its first row."""
    present = [name for name in ACCOUNT_DETAILS if name in items.collect_schema()]
    return items.filter(pl.col("customer_id").is_first_distinct()).select("customer_id", *present)


# A document is the same across snapshots when these match; `occurrence` tells apart rows that
# share them (an export may list one invoice's instalments with the same number and due date).
DOC_KEY = ("customer_id", "currency", "doc_number", "due_date", "occurrence")


def with_doc_key(items: pl.LazyFrame) -> pl.LazyFrame:
    """Items with an `occurrence` column (0, 1, … among rows sharing the other key columns).

    Rows sharing a key are numbered largest amount first, then largest open amount, so two
    exports listing them in different orders still pair the same documents. Rows come back
    unique keys first: the numbering runs only over the few rows that share one (a window
    over every row costs eight times more, see `make bench`).
    """
    shared = list(DOC_KEY[:-1])
    marked = items.with_columns(pl.struct(shared).is_duplicated().alias("_shared"))
    numbered = pl.int_range(pl.len(), dtype=pl.UInt32).over(
        shared, order_by=["amount_cents", "open_cents"], descending=True
    )
    return pl.concat(
        [
            marked.filter(~pl.col("_shared")).with_columns(pl.lit(0, pl.UInt32).alias("occurrence")),
            marked.filter(pl.col("_shared")).with_columns(numbered.alias("occurrence")),
        ]
    ).drop("_shared")
