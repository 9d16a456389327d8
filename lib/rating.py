"""The internal rating: A-D from a sum of points, one line per factor, recomputable by hand.

Every factor and its points are kept as columns (`pts_*`) and written out in `rating_why`,
e.g. "oldest overdue 45 days: 10 · overdue share 80%: 15 · … = 55 → D". The thresholds and
points are in `config/policy.toml` [rating], documented there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl

from lib.ageing import ACCOUNT
from lib.policy import Policy


def thresholds(value: pl.Expr, over: Sequence[float], points: Sequence[int]) -> pl.Expr:
    """The points of the highest threshold that `value` exceeds (0 below the first, or null value)."""
    expr = pl.lit(0, pl.Int32)
    for limit, score in zip(over, points, strict=True):
        expr = pl.when(value > limit).then(pl.lit(score, pl.Int32)).otherwise(expr)
    return expr.fill_null(0)


def payment_history(paid: pl.LazyFrame, as_of: dt.date, months: int, recent_days: int) -> pl.LazyFrame:
    """Per account, over documents paid in the last `months`: paid_documents, avg_days_late,
    and trend_days (average days late of the last `recent_days` minus that of the earlier ones)."""
    since = pl.lit(as_of).dt.offset_by(f"-{months}mo")
    recent = pl.col("paid_on") > pl.lit(as_of) - pl.duration(days=recent_days)
    # plain columns before the group_by: a filter inside an aggregation runs group by group
    return (
        paid.filter(pl.col("paid_on") > since, pl.col("paid_on") <= as_of)
        .select(
            *ACCOUNT,
            "days_late",
            pl.when(recent).then("days_late").alias("_recent"),
            pl.when(~recent).then("days_late").alias("_earlier"),
        )
        .group_by(ACCOUNT)
        .agg(
            pl.len().alias("paid_documents"),
            pl.col("days_late").mean().alias("avg_days_late"),
            (pl.col("_recent").mean() - pl.col("_earlier").mean()).alias("trend_days"),
        )
    )


def rate(accounts: pl.LazyFrame, policy: Policy) -> pl.LazyFrame:
    """Adds pts_<factor> for every factor, `score` and `rating` (A-D); lib.explain.rating_why words them.

    Needs: oldest_days, open_cents, overdue_cents, pursued_cents, avg_days_late, trend_days,
    broken_promises, has_dispute, negative_flag, active.
    """
    r = policy.rating
    share = pl.when(pl.col("open_cents") > 0).then(
        (pl.col("overdue_cents").clip(lower_bound=0) * 100 / pl.col("open_cents")).round(0)
    )
    trend = pl.col("trend_days")
    broken = pl.col("broken_promises") * r.broken_promise_points
    points = {
        "oldest": thresholds(pl.col("oldest_days"), r.oldest_days_over, r.oldest_days_points),
        "share": thresholds(share, r.overdue_share_over, r.overdue_share_points),
        "risk": thresholds(pl.col("pursued_cents"), [v * 100 for v in r.at_risk_over], r.at_risk_points),
        "history": thresholds(pl.col("avg_days_late"), r.paid_late_over, r.paid_late_points),
        "trend": pl.when(trend > r.trend_days)
        .then(r.trend_worse_points)
        .when(trend < -r.trend_days)
        .then(-r.trend_better_points)
        .otherwise(0)
        .cast(pl.Int32),
        "promises": pl.min_horizontal(broken, r.broken_promises_max).cast(pl.Int32),
        "dispute": pl.when(pl.col("has_dispute")).then(r.dispute_points).otherwise(0).cast(pl.Int32),
        "flag": pl.when(pl.col("negative_flag")).then(r.negative_flag_points).otherwise(0).cast(pl.Int32),
        "inactive": pl.when(pl.col("active")).then(0).otherwise(r.inactive_points).cast(pl.Int32),
    }
    score = pl.max_horizontal(pl.sum_horizontal(pl.col(f"pts_{name}") for name in points), 0)
    grade = (
        pl.when(pl.col("score") <= r.a_max)
        .then(pl.lit("A"))
        .when(pl.col("score") <= r.b_max)
        .then(pl.lit("B"))
        .when(pl.col("score") <= r.c_max)
        .then(pl.lit("C"))
        .otherwise(pl.lit("D"))
    )
    return (
        accounts.with_columns(share.alias("overdue_share_pct"), *(e.alias(f"pts_{n}") for n, e in points.items()))
        .with_columns(score.alias("score"))
        .with_columns(grade.alias("rating"))
    )
