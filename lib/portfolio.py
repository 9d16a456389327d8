"""Portfolio KPIs: exposure, overdue share, concentration, breakdowns, and the DSO / CEI family.

Every figure is per currency; an account is one customer in one currency (as in `lib.ageing`).
`kpis` and `breakdown` take aged items (`lib.ageing.age`); `dso` and `cei` take totals the user
types (credit sales are not in an ageing report).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import polars as pl

from lib.ageing import ACCOUNT, DEFAULT_EDGES, bucket_enum, bucket_labels

BREAKDOWNS = ("salesperson", "payment_method")
FILTERS = ("track", "rating", "salesperson", "payment_method", "currency")  # account columns

_DEBIT_OVERDUE = pl.col("overdue") & (pl.col("open_cents") > 0)


def _share(part: str, whole: str) -> pl.Expr:
    """part / whole, null when the whole is not positive."""
    return pl.when(pl.col(whole) > 0).then(pl.col(part) / pl.col(whole))


def kpis(aged: pl.LazyFrame) -> pl.DataFrame:
    """One row per currency, sorted by currency.

    Columns: `open_cents`, `overdue_cents` (net of past-due credit notes), `overdue_share`,
    `avg_days_delinquent` (days overdue weighted by open amount over overdue debit items: the
    ageing's average, not the DSO-based ADD of `dso`), `accounts`, `accounts_overdue` (accounts
    with at least one overdue debit item), `documents`, `top10_share` (share of the positive
    exposure held by the 10 largest accounts) and `hhi` (Herfindahl index of the accounts' shares of
    positive exposure: 1/n for n equal accounts, 1 for a single one). Only accounts whose net open
    balance is positive count for the two concentration figures.
    """
    per_item = aged.group_by("currency").agg(
        pl.col("open_cents").sum(),
        pl.col("open_cents").filter(pl.col("overdue")).sum().alias("overdue_cents"),
        (pl.col("days_overdue").cast(pl.Float64) * pl.col("open_cents"))
        .filter(_DEBIT_OVERDUE)
        .sum()
        .alias("_weighted"),
        pl.col("open_cents").filter(_DEBIT_OVERDUE).sum().alias("_debit"),
        pl.col("customer_id").n_unique().cast(pl.Int64).alias("accounts"),
        pl.col("customer_id").filter(_DEBIT_OVERDUE).n_unique().cast(pl.Int64).alias("accounts_overdue"),
        pl.len().cast(pl.Int64).alias("documents"),
    )
    positive = pl.col("open_cents").filter(pl.col("open_cents") > 0)
    concentration = (
        aged.group_by("currency", "customer_id")
        .agg(pl.col("open_cents").sum())
        .group_by("currency")
        .agg(
            positive.sum().alias("_positive"),
            positive.top_k(10).sum().alias("_top10"),
            (positive.cast(pl.Float64).pow(2).sum()).alias("_squares"),
        )
    )
    return (
        per_item.join(concentration, on="currency", how="left")
        .select(
            "currency",
            "open_cents",
            "overdue_cents",
            _share("overdue_cents", "open_cents").alias("overdue_share"),
            _share("_weighted", "_debit").alias("avg_days_delinquent"),
            "accounts",
            "accounts_overdue",
            "documents",
            _share("_top10", "_positive").alias("top10_share"),
            # Σ (x_i / P)² = Σ x_i² / P²
            pl.when(pl.col("_positive") > 0)
            .then(pl.col("_squares") / pl.col("_positive").cast(pl.Float64).pow(2))
            .alias("hhi"),
        )
        .sort("currency")
        .collect()
    )


def breakdown(aged: pl.LazyFrame, by: str) -> pl.DataFrame | None:
    """Open and overdue per (currency, `by`) value, for `by` in `BREAKDOWNS`.

    Columns: currency, `by`, open_cents, overdue_cents, overdue_share, accounts, documents; sorted by
    currency, then overdue descending. Items without a value form one group whose value is null
    (the page names it). None when the column is missing or entirely empty.
    """
    if by not in BREAKDOWNS:
        msg = f"breakdown is by one of {list(BREAKDOWNS)}, got `{by}`"
        raise ValueError(msg)
    if by not in aged.collect_schema() or not aged.select(pl.col(by).is_not_null().any()).collect().item():
        return None
    return (
        aged.group_by("currency", by)
        .agg(
            pl.col("open_cents").sum(),
            pl.col("open_cents").filter(pl.col("overdue")).sum().alias("overdue_cents"),
            pl.col("customer_id").n_unique().cast(pl.Int64).alias("accounts"),
            pl.len().cast(pl.Int64).alias("documents"),
        )
        .select(
            "currency",
            by,
            "open_cents",
            "overdue_cents",
            _share("overdue_cents", "open_cents").alias("overdue_share"),
            "accounts",
            "documents",
        )
        .sort(["currency", "overdue_cents", by], descending=[False, True, False], nulls_last=True)
        .collect()
    )


def _months_back(sales: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """Consecutive months of sales, newest first, from the latest month on or before `as_of`.

    A month the user left out (or blank) ends the walk: its sales are unknown, not zero.
    """
    months = sales.select(pl.col("month").dt.month_start(), pl.col("sales_cents").cast(pl.Int64)).drop_nulls()
    if months["month"].is_duplicated().any():
        msg = "each month of credit sales can be given only once"
        raise ValueError(msg)
    if (months["sales_cents"] < 0).any():
        msg = "credit sales of a month cannot be negative"
        raise ValueError(msg)
    index = pl.col("month").dt.year().cast(pl.Int32) * 12 + pl.col("month").dt.month().cast(pl.Int32)
    return (
        months.filter(pl.col("month") <= as_of)
        .sort("month", descending=True)
        .filter((index.first() - index == pl.int_range(pl.len(), dtype=pl.Int32)).cum_min())
        .with_columns(pl.col("month").dt.days_in_month().cast(pl.Int64).alias("days"))
    )


def _countback(receivables_cents: int, months: pl.DataFrame) -> tuple[float, int, bool]:
    """(days, months used, complete) of matching `receivables_cents` against `months` of sales."""
    if receivables_cents <= 0:
        return 0.0, 0, True
    walk = months.with_columns(
        (pl.col("sales_cents").cum_sum() - pl.col("sales_cents")).alias("before"),
        (pl.col("days").cum_sum() - pl.col("days")).alias("days_before"),
        pl.int_range(1, pl.len() + 1).alias("used"),
    )
    hit = walk.filter(pl.col("before") + pl.col("sales_cents") >= receivables_cents).head(1)
    if hit.is_empty():
        return float(months["days"].sum()), months.height, False
    row = hit.row(0, named=True)
    # Sales of the last month are positive here: they reach past what `before` left uncovered.
    part = row["days"] * (receivables_cents - row["before"]) / row["sales_cents"]
    return row["days_before"] + part, row["used"], True


def dso(receivables_cents: int, current_cents: int, sales: pl.DataFrame, as_of: dt.date) -> dict:
    """Days sales outstanding by the countback method, best possible DSO, and ADD.

    `sales` has `month` (pl.Date, any day of the month; the first by convention) and `sales_cents`
    (credit sales of that month). Countback: from the latest month on or before `as_of`, walk back
    month by month; while the receivables not yet matched are more than the month's sales,
    subtract those sales and count the month's calendar days; in the month where they are not,
    count days × remaining / sales. The as-of month counts in full calendar days, so the figure is
    exact at a month end. Months must be consecutive: a missing month stops the walk.

    Best possible DSO counts back `current_cents` (not yet due) the same way; ADD (average days
    delinquent) = DSO − best possible DSO.

    Returns `dso_days`, `best_dso_days`, `add_days` (floats rounded to 1 decimal), `months_used`
    (months touched by the DSO walk), `complete` and `method`. When the given sales do not cover
    the receivables, nothing is extrapolated: `complete` is False, `dso_days` (or `best_dso_days`)
    is the days counted so far, a lower bound, and `add_days` is None.
    """
    months = _months_back(sales, as_of)
    days, used, complete = _countback(receivables_cents, months)
    best, _, best_complete = _countback(current_cents, months)
    start = f"{months['month'][0]:%Y-%m}" if months.height else "-"
    return {
        "dso_days": round(days, 1),
        "best_dso_days": round(best, 1),
        "add_days": round(days - best, 1) if complete and best_complete else None,
        "months_used": used,
        "complete": complete and best_complete,
        "method": f"countback from {start}: receivables matched against monthly credit sales, calendar days",
    }


def cei(
    begin_receivables_cents: int, sales_cents: int, end_receivables_cents: int, end_current_cents: int
) -> float | None:
    """Collection effectiveness index of one period, in percent (rounded to 1 decimal).

    Period CEI = (begin + sales − end total) / (begin + sales − end current) × 100, where begin is
    the total receivables of the previous snapshot, sales the credit sales of the period, end total
    and end current (not yet due) the receivables of the new snapshot. 100 means everything that
    could be collected was. None when the denominator is not positive.
    """
    collectible = begin_receivables_cents + sales_cents - end_current_cents
    if collectible <= 0:
        return None
    return round((begin_receivables_cents + sales_cents - end_receivables_cents) / collectible * 100, 1)


def select_accounts(accounts: pl.DataFrame, chosen: Mapping[str, Sequence[object]]) -> pl.DataFrame:
    """The accounts whose FILTERS columns hold one of the chosen values (an empty choice keeps all).

    A null value (an account with no salesperson) is chosen by None.
    """
    keep = [
        pl.col(name).is_in([v for v in values if v is not None]) | (pl.col(name).is_null() & (None in values))
        for name, values in chosen.items()
        if values and name in accounts.columns
    ]
    return accounts.filter(*keep) if keep else accounts


def of_accounts(items: pl.DataFrame, accounts: pl.DataFrame) -> pl.DataFrame:
    """The items (or any frame keyed on ACCOUNT) of the given accounts."""
    return items.join(accounts.select(ACCOUNT), on=list(ACCOUNT), how="semi")


def kpi_changes(now: pl.DataFrame, before: pl.DataFrame | None) -> pl.DataFrame:
    """`kpis` of now with each figure of the previous snapshot beside it (`prev_*`, null when none)."""
    figures = [c for c in now.columns if c != "currency"]
    if before is None:
        return now.with_columns(pl.lit(None, now.schema[c]).alias(f"prev_{c}") for c in figures)
    return now.join(before.rename({c: f"prev_{c}" for c in figures}), on="currency", how="left")


def bucket_trend(observations: pl.LazyFrame, edges: Sequence[int] = DEFAULT_EDGES) -> pl.DataFrame:
    """Open cents per snapshot, account and bucket (each snapshot aged at its own as-of date).

    Per account so that the page's filters apply; `trend_totals` sums it.
    """
    days = (pl.col("as_of") - pl.col("due_date")).dt.total_days()
    return (
        observations.with_columns(
            days.bin_intervals(list(edges), labels=bucket_labels(edges), right_closed=True).alias("bucket")
        )
        .group_by("as_of", *ACCOUNT, "bucket")
        .agg(pl.col("open_cents").sum())
        .sort("as_of", *ACCOUNT, "bucket")
        .collect()
    )


def trend_totals(trend: pl.DataFrame, accounts: pl.DataFrame, edges: Sequence[int] = DEFAULT_EDGES) -> pl.DataFrame:
    """as_of, currency, bucket, open_cents for the given accounts, every bucket of every snapshot present."""
    sums = of_accounts(trend, accounts).group_by("as_of", "currency", "bucket").agg(pl.col("open_cents").sum())
    grid = (
        sums.select("as_of", "currency")
        .unique()
        .join(pl.DataFrame({"bucket": bucket_labels(edges)}, schema={"bucket": bucket_enum(edges)}), how="cross")
    )
    return (
        grid.join(sums, on=["as_of", "currency", "bucket"], how="left")
        .with_columns(pl.col("open_cents").fill_null(0))
        .sort("as_of", "currency", "bucket")
    )


def pareto(accounts: pl.DataFrame, top: int = 20) -> pl.DataFrame:
    """The `top` debtors by amount overdue per currency, with each one's cumulative share of the
    currency's overdue (over all accounts with a positive overdue amount, not just the top)."""
    debtors = accounts.filter(pl.col("overdue_cents") > 0)
    return (
        debtors.sort(["currency", "overdue_cents", "customer_id"], descending=[False, True, False])
        .with_columns(
            pl.int_range(1, pl.len() + 1).over("currency").alias("rank"),
            (pl.col("overdue_cents").cum_sum() / pl.col("overdue_cents").sum()).over("currency").alias("cum_share"),
        )
        .filter(pl.col("rank") <= top)
        .select("currency", "rank", "customer_id", "customer_name", "overdue_cents", "cum_share", "rating")
    )


def sales_between(sales: pl.DataFrame, start: dt.date, end: dt.date) -> int | None:
    """Credit sales in the days after `start` up to `end`, each month's sales spread evenly over its
    days; None unless every month touched was given."""
    days = pl.date_range(start + dt.timedelta(days=1), end, eager=True).alias("day")
    if days.is_empty():
        return 0
    per_day = (
        pl.DataFrame(days)
        .with_columns(pl.col("day").dt.month_start().alias("month"))
        .join(sales.select(pl.col("month").dt.month_start(), "sales_cents"), on="month", how="left")
        .with_columns((pl.col("sales_cents") / pl.col("day").dt.days_in_month()).alias("share"))
    )
    if per_day["sales_cents"].null_count():
        return None
    return round(per_day["share"].sum())


def sales_figures(
    now: dict, before: dict | None, sales: pl.DataFrame, as_of: dt.date, previous_as_of: dt.date | None
) -> dict | None:
    """DSO, best possible DSO, ADD (`dso`) and the CEI since the previous snapshot (`cei`) of one
    currency, from its `kpis` rows now and before; None when no credit sales were given."""
    if sales.is_empty():
        return None
    current = now["open_cents"] - now["overdue_cents"]
    figures = dso(now["open_cents"], current, sales, as_of)
    period = sales_between(sales, previous_as_of, as_of) if before and previous_as_of else None
    figures["cei_pct"] = (
        cei(before["open_cents"], period, now["open_cents"], current) if before and period is not None else None
    )
    return figures


def promise_counts(accounts: pl.DataFrame) -> pl.DataFrame:
    """Per currency, the accounts whose latest promise (engine's `promise_status`) was kept, was
    broken or is still open; currencies with no promise are left out."""
    status = pl.col("promise_status")
    return (
        accounts.group_by("currency")
        .agg(*((status == s).sum().cast(pl.Int64).alias(s) for s in ("kept", "broken", "open")))
        .filter(pl.sum_horizontal("kept", "broken", "open") > 0)
        .sort("currency")
    )
