"""Frame plumbing the engine's modules share."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl


def attach(frame: pl.DataFrame, facts: Sequence[tuple[pl.LazyFrame, str | list[str]]]) -> pl.DataFrame:
    """`frame` with the columns of each fact (a frame with at most one row per key) joined on its
    key, as a chain of left joins would give. Each fact is lined up with `frame`'s rows and set
    beside them: a chain of joins copies the growing, wide frame at every join (the engine's
    accounts: time at 1M documents, memory at 10M, bench/README.md). A fact with two rows for one
    key is an error, not a duplicated row."""
    # Lining a fact up is an eager join (the streaming engine keeps order slowly) with the key
    # columns taken as they are (a `select` runs a query, which may copy the frame). A fact with
    # no row (an empty log's) adds its columns last, nulls that take no memory.
    lined_up, nothing = [], []
    for fact, on in facts:
        keys = [on] if isinstance(on, str) else on
        found = fact.collect()
        if found.is_empty():
            nothing += [pl.lit(None, dtype).alias(name) for name, dtype in found.schema.items() if name not in keys]
        else:
            lined = pl.DataFrame([frame.get_column(name) for name in keys]).join(
                found, on=keys, how="left", maintain_order="left"
            )
            lined_up += lined.drop(keys).get_columns()
    return frame.hstack(lined_up).with_columns(nothing)


def run_starts(key: str) -> pl.Expr:
    """True on the first row of each run of rows with the same `key`, in the frame's order. The
    first row, and any row after an empty key, start a run too (an empty key is a run of its own)."""
    before = pl.col(key).shift(1)
    return pl.col(key).ne_missing(before) | before.is_null()


def first_rows(frame: pl.LazyFrame, key: str) -> pl.LazyFrame:
    """The first row of each `key`, in the frame's order. An export lists a customer's rows
    together: only the rows that start a run of one key are hashed (a million of ten million
    documents; hashing every row took twice as long per row at 10M as at 1M)."""
    return frame.filter(run_starts(key)).filter(pl.col(key).is_first_distinct())


def last_of_run(*keys: str) -> pl.Expr:
    """On rows sorted by `keys`, true on the last row of each run of equal keys: what
    `group_by(keys).last()` keeps, in order, with no hashing (the ladder's steps done at 1M:
    45 -> 22 ms)."""
    ends = [pl.col(key).ne_missing(pl.col(key).shift(-1)) for key in keys]
    return pl.any_horizontal(*ends, pl.int_range(pl.len()) == pl.len() - 1)


def running_sum(value: pl.Expr, by: str) -> pl.Expr:
    """The running sum of `value` within each run of rows with the same `by` (rows sorted by
    `by`, then as the sum should run). The same as `value.cum_sum().over(by)`, without evaluating
    an expression once per group: with a hundred thousand small groups that costs several times more."""
    total = value.cum_sum()
    return total - pl.when(run_starts(by)).then(total - value).forward_fill()


def forward_fill_within(value: pl.Expr, by: str) -> pl.Expr:
    """`value.forward_fill().over(by)` on rows sorted by `by`, without a window per group: the
    last value that is not null in the same run of `by`, or null."""
    source = pl.when(value.is_not_null()).then(pl.col(by)).forward_fill()
    return pl.when(source == pl.col(by)).then(value.forward_fill())


def collect_small(frame: pl.LazyFrame) -> pl.DataFrame:
    """A query about the action log's rows (plans, promises, the ladder steps done, the acts that
    interrupt prescription; it may read the snapshots' totals or the accounts and documents they
    concern), on polars' in-memory engine: the default streaming engine spends more setting up than
    working on a few thousand rows (plan states at 1M documents and 9,500 plans: 170 -> 105 ms; the
    steps done, 125 -> 95 ms; prescription after 23k acts, 90-118 -> 70 ms)."""
    return frame.collect(engine="in-memory")
