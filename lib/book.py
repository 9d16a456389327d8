"""The workspace read as the pages see it: the newest snapshot, aged and evaluated, with what
changed since the snapshot before it and the trend of every bucket across snapshots.

`read_book` is pure given a store and a date (no streamlit): `lib.ui.book` caches it on the store's
revision and today's date. Which date each figure uses is written in lib/clock.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import polars as pl

from lib import clock
from lib.account import documents
from lib.actionlog import Log, mark_disputed, open_disputes, paid_documents
from lib.ageing import age
from lib.diff import diff_documents
from lib.engine import evaluate
from lib.policy import PolicyError, load_policy
from lib.portfolio import bucket_trend
from lib.settings import checked
from lib.store import Store


@dataclass(frozen=True)
class Book:
    snapshot: dict[str, Any]  # the newest snapshot's catalogue row (id, as_of, file_name, …)
    previous: dict[str, Any] | None  # the snapshot before it (an earlier as-of date), if any
    policy: dict[str, Any]
    policy_error: PolicyError | None  # the saved settings did not hold: the defaults are in use
    items: pl.DataFrame  # the newest snapshot's items, aged (days_overdue, overdue, bucket) and `disputed`
    previous_items: pl.DataFrame | None  # the previous snapshot's items, aged at its own date
    accounts: pl.DataFrame  # lib.engine.evaluate: one row per account
    changes: pl.DataFrame | None  # lib.diff.diff_documents(previous, newest)
    trend: pl.DataFrame  # lib.portfolio.bucket_trend over every snapshot
    paid: pl.DataFrame  # lib.actionlog.paid_documents: documents seen leaving the snapshots
    log: Log
    today: dt.date  # the day the book was read for (never before as_of): the log counts up to it

    @property
    def as_of(self) -> dt.date:
        return self.snapshot["as_of"]

    @property
    def stale_days(self) -> int | None:
        """How old the newest snapshot is, in days, when older than `[letters] stale_after_days`
        (letters and offers would rest on books that may have changed); None while it is fresh."""
        age = (self.today - self.as_of).days
        return age if age > self.policy["letters"]["stale_after_days"] else None

    def account(self, customer_id: str, currency: str) -> dict[str, Any] | None:
        """The engine's row of one account, None when the newest snapshot does not have it."""
        row = self.accounts.filter(pl.col("customer_id") == customer_id, pl.col("currency") == currency)
        return row.row(0, named=True) if row.height else None

    def documents(self, customer_id: str, currency: str) -> pl.DataFrame:
        """The account's items with interest to today, prescription and dispute marks (lib.account.documents)."""
        return documents(self.items, customer_id, currency, self.as_of, self.log, self.policy, until=self.today)


def policy_of(store: Store) -> tuple[dict[str, Any], PolicyError | None]:
    """The policy with the saved settings laid over the defaults, and why not if they do not hold."""
    try:
        return checked(store.settings().get("policy") or {}), None
    except PolicyError as error:
        return load_policy(), error


def read_book(store: Store, lang: str, today: dt.date | None = None) -> Book | None:
    """Everything the pages show, from the newest snapshot; None in an empty workspace.

    Steps, promises, plans and payments logged up to `today` (default: lib.clock's) count, even
    after the snapshot.
    """
    catalogue = store.snapshots()
    if catalogue.is_empty():
        return None
    newest = catalogue.row(0, named=True)
    as_of = newest["as_of"]
    earlier = catalogue.filter(pl.col("as_of") < as_of)
    previous = earlier.row(0, named=True) if earlier.height else None
    policy, error = policy_of(store)
    edges = policy["ageing"]["bucket_edges"]
    log = store.log()
    items = store.items(newest["id"])
    observations = store.observations(as_of)
    log_through = max(today or clock.today(), as_of)
    accounts = evaluate(items, as_of, policy, log, observations, lang=lang, log_through=log_through)
    previous_items = changes = None
    if previous is not None:
        before = store.items(previous["id"])
        previous_items = age(before.lazy(), previous["as_of"], edges).collect()
        changes = diff_documents(before, previous["as_of"], items, as_of, edges)
    return Book(
        snapshot=newest,
        previous=previous,
        policy=policy,
        policy_error=error,
        items=mark_disputed(age(items.lazy(), as_of, edges), open_disputes(log.dispute, items.lazy())).collect(),
        previous_items=previous_items,
        accounts=accounts,
        changes=changes,
        trend=bucket_trend(observations, edges),
        paid=paid_documents(observations).collect(),
        log=log,
        today=log_through,
    )
