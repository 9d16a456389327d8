"""Payment history kept as it grows: what the snapshots of a ledger have shown, summed up so that a
new snapshot adds its differences instead of every earlier snapshot being read again.

Two frames hold all the engine needs of earlier snapshots:

- `sightings`: every debit document (DOC_KEY) ever listed open, with the as-of date of the last
  snapshot listing it open (`last_seen`) and its open amount then. A document last seen before
  the newest snapshot has left the books: it was paid on the next snapshot's date
  (`paid`, the same rows as `actionlog.paid_documents`).
- `totals`: each snapshot's open amount per account (as_of, ACCOUNT, open_cents), what promises
  and plans are checked against (`actionlog.customer_open`). As with observations, a snapshot
  listing nothing leaves no row, and no date.

`add` merges one more snapshot in; `of_observations` builds both from observations
(`actionlog.observation`) at once. lib/history_cache.py keeps them per ledger in the workspace.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from lib.ageing import ACCOUNT, DOC_KEY, with_doc_key

SIGHTING = pl.Schema(
    {"customer_id": pl.String(), "currency": pl.String(), "doc_number": pl.String(), "due_date": pl.Date(),
     "occurrence": pl.UInt32(), "last_seen": pl.Date(), "open_cents": pl.Int64()}
)  # fmt: skip
TOTAL = pl.Schema({"as_of": pl.Date(), "customer_id": pl.String(), "currency": pl.String(), "open_cents": pl.Int64()})


@dataclass(frozen=True)
class History:
    sightings: pl.DataFrame  # SIGHTING: the last open sighting of every debit document
    totals: pl.DataFrame  # TOTAL: open cents per snapshot and account

    @classmethod
    def empty(cls) -> History:
        return cls(pl.DataFrame(schema=SIGHTING), pl.DataFrame(schema=TOTAL))

    @property
    def dates(self) -> list[dt.date]:
        """The as-of dates of the snapshots it holds, oldest first."""
        return sorted(self.totals["as_of"].unique().to_list())

    def observations(self) -> pl.LazyFrame:
        """The totals as observations for `actionlog.promise_status` and `agreements.plan_state`
        (which read only each account's open total per snapshot)."""
        return self.totals.lazy()


def totals_of(observations: pl.LazyFrame) -> pl.LazyFrame:
    """TOTAL rows of observations (as_of, ACCOUNT, open_cents): per snapshot and account."""
    return observations.group_by("as_of", *ACCOUNT).agg(pl.col("open_cents").sum()).cast(TOTAL)


def of_observations(observations: pl.LazyFrame) -> History:
    """The history of any number of snapshots given as observations (as_of, DOC_KEY, open_cents)."""
    sightings = (
        observations.filter(pl.col("open_cents") > 0)
        .group_by(DOC_KEY)
        .agg(pl.col("as_of", "open_cents").sort_by("as_of").last())
        .select(*DOC_KEY, pl.col("as_of").alias("last_seen"), "open_cents")
    )
    sightings_frame, totals = pl.collect_all([sightings.cast(SIGHTING), totals_of(observations)])
    return History(sightings_frame, totals)


def add(history: History, items: pl.LazyFrame | pl.DataFrame, as_of: dt.date) -> History:
    """The history with one more snapshot (its items, as of `as_of`) merged in.

    A snapshot newer than every one held only replaces the sightings of the documents it lists;
    one imported late (older than another held) keeps, per document, the later sighting.
    """
    seen = with_doc_key(items.lazy()).select(pl.lit(as_of).alias("as_of"), *DOC_KEY, "open_cents")
    open_now = seen.filter(pl.col("open_cents") > 0).select(*DOC_KEY, pl.col("as_of").alias("last_seen"), "open_cents")
    held = history.sightings.lazy()
    dates = history.dates
    if not dates or as_of > dates[-1]:
        sightings = pl.concat([held.join(open_now, on=DOC_KEY, how="anti"), open_now.cast(SIGHTING)])
    else:
        sightings = (
            pl.concat([held, open_now.cast(SIGHTING)])
            .group_by(DOC_KEY)
            .agg(pl.col("last_seen", "open_cents").sort_by("last_seen").last())
            .select(*SIGHTING.names())
        )
    old_totals = history.totals.lazy().filter(pl.col("as_of") != as_of)
    sightings_frame, totals = pl.collect_all([sightings, pl.concat([old_totals, totals_of(seen)])])
    return History(sightings_frame, totals)


def paid(history: History) -> pl.LazyFrame:
    """The documents that left the snapshots (the columns of `actionlog.paid_documents`): each
    debit last seen open before the newest snapshot, paid on the next snapshot's date."""
    dates = (
        history.totals.lazy()
        .select(pl.col("as_of").unique().sort())
        .with_columns(pl.col("as_of").shift(-1).alias("paid_on"))
    )
    return (
        history.sightings.lazy()
        .join(dates, left_on="last_seen", right_on="as_of")
        .filter(pl.col("paid_on").is_not_null())
        .select(
            *ACCOUNT,
            "doc_number",
            "due_date",
            "open_cents",
            "last_seen",
            "paid_on",
            pl.max_horizontal((pl.col("paid_on") - pl.col("due_date")).dt.total_days(), 0).alias("days_late"),
        )
    )
