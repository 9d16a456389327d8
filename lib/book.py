"""The workspace read as the pages see it: the newest snapshot, aged and evaluated, with what
changed since the snapshot before it and the trend of every bucket across snapshots.

`read_book` is pure given a store and a date (no streamlit): `lib.ui.book` caches it on the store's
revision and today's date. Which date each figure uses is written in lib/clock.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import polars as pl

from lib import clock, history_cache, trend_cache
from lib.account import documents
from lib.actionlog import Log, mark_disputed, observation, open_disputes, paid_documents
from lib.ageing import ACCOUNT, age
from lib.diff import diff_documents
from lib.engine import evaluate
from lib.explain import capacity_reason, in_words, trace
from lib.history import add as add_snapshot
from lib.history import paid as paid_of
from lib.ingest import Imported
from lib.integrity import unreadable
from lib.ledgers import DEFAULT_LEDGER
from lib.letters import LADDER_KINDS
from lib.mail import tracking
from lib.policy import Policy, PolicyError, load_policy
from lib.portfolio import bucket_trend, select_accounts
from lib.settings import checked
from lib.store import Store
from lib.weekly import ENTRY, action_list, letters_due

T = TypeVar("T")
KEPT = 64  # answers a Book keeps (`kept`), the oldest dropped first


@dataclass(frozen=True)
class Book:
    snapshot: dict[str, Any]  # the newest snapshot's catalogue row (id, as_of, file_name, …)
    previous: dict[str, Any] | None  # the snapshot before it (an earlier as-of date), if any
    policy: Policy
    policy_error: PolicyError | None  # the saved settings did not hold: the defaults are in use
    items: pl.DataFrame  # the newest snapshot's items, aged (days_overdue, overdue, bucket) and `disputed`
    stored_previous: pl.DataFrame | None  # the previous snapshot's items as stored
    accounts: pl.DataFrame  # lib.engine.evaluate: one row per account
    trend: pl.DataFrame  # lib.portfolio.bucket_trend over every snapshot
    paid: pl.DataFrame  # lib.actionlog.paid_documents: documents seen leaving the snapshots
    log: Log
    today: dt.date  # the day the book was read for (never before as_of): the log counts up to it
    left_out: tuple[str, ...] = ()  # damaged snapshots of the ledger left out, by name (lib/integrity.py)
    _kept: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    _keeping: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)

    def kept(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, or what it gave before for `key` on this book. A book is frozen, and the app
        shares one by every session until the workspace changes (lib/ui/core.py), so what a page asks
        of it on each rerun (the week's list, an account's documents, a picker's labels) is computed
        once: at 1M documents each took 0.3-0.6 s a run (bench/README.md). What is kept is read only."""
        with self._keeping:
            if key in self._kept:
                return self._kept[key]
        value = compute()  # outside the lock: two sessions may compute it at once, the same answer
        with self._keeping:
            self._kept[key] = value
            while len(self._kept) > KEPT:
                del self._kept[next(iter(self._kept))]
        return value

    @property
    def as_of(self) -> dt.date:
        return self.snapshot["as_of"]

    # What only the portfolio shows is computed when first asked: at 1M documents the comparison
    # with the previous snapshot was 40% of every read_book, which every first run waits for (bench/README.md).

    @property
    def previous_items(self) -> pl.DataFrame | None:
        """The previous snapshot's items, aged at its own date."""
        edges = self.policy.ageing.bucket_edges
        return self._of_previous("previous_items", lambda before, at: age(before.lazy(), at, edges).collect())

    @property
    def changes(self) -> pl.DataFrame | None:
        """lib.diff.diff_documents(previous, newest): what each document did between the two."""
        edges = self.policy.ageing.bucket_edges
        return self._of_previous(
            "changes", lambda before, at: diff_documents(before, at, self.items, self.as_of, edges)
        )

    def _of_previous(self, name: str, compute: Callable[[pl.DataFrame, dt.date], pl.DataFrame]) -> pl.DataFrame | None:
        """`compute(the previous snapshot's items as stored, its as-of date)`, kept; None without one."""
        before, previous = self.stored_previous, self.previous
        if before is None or previous is None:
            return None
        return self.kept((name,), lambda: compute(before, previous["as_of"]))

    @property
    def ledger(self) -> str:
        """The ledger the book is of (lib/ledgers.py): its snapshots alone are compared."""
        return str(self.snapshot["ledger"])

    @property
    def stale_days(self) -> int | None:
        """How old the newest snapshot is, in days, when older than `[letters] stale_after_days`
        (letters and offers would rest on books that may have changed); None while it is fresh."""
        age = (self.today - self.as_of).days
        return age if age > self.policy.letters.stale_after_days else None

    def account(self, customer_id: str, currency: str, lang: str = "en") -> dict[str, Any] | None:
        """The engine's row of one account, its trace and rating explained in `lang`; None when the
        newest snapshot does not have it."""

        def found() -> dict[str, Any] | None:
            row = self.accounts.filter(pl.col("customer_id") == customer_id, pl.col("currency") == currency)
            return in_words(row, self.policy, lang).row(0, named=True) if row.height else None

        kept = self.kept(("account", customer_id, currency, lang), found)
        return None if kept is None else dict(kept)  # the caller's own copy: what is kept stays as it was

    def week(
        self,
        week: str,
        capacity: Mapping[str, int] | None = None,
        filters: Mapping[str, Sequence[object]] | None = None,
        lang: str = "en",
    ) -> tuple[pl.DataFrame, pl.DataFrame]:
        """The week's action list and what did not fit (lib.weekly.action_list), of the accounts the
        filters keep (lib.portfolio.select_accounts), with the policy's capacity unless given. The
        weekly page, the letters page and `python -m lib actions` all ask here. Their traces, and why
        what did not fit did not (`reason`), are in `lang`: words for the few rows shown only."""
        asked = ("week", week, repr(sorted((capacity or {}).items())), repr(sorted((filters or {}).items())))
        listed, left = self.kept(
            asked, lambda: action_list(select_accounts(self.accounts, filters or {}), week, self.policy, capacity)
        )

        def worded() -> tuple[pl.DataFrame, pl.DataFrame]:  # the part in the language only
            reasons = self._traced(left, lang).with_columns(capacity_reason(lang).alias("reason"))
            return self._traced(listed, lang), reasons.drop("capacity", "limit")

        return self.kept((*asked, lang), worded)

    def _traced(self, entries: pl.DataFrame, lang: str) -> pl.DataFrame:
        """Entries of the action list with the trace of their accounts, in ENTRY's order."""
        traces = self.accounts.join(entries.select(ACCOUNT), on=list(ACCOUNT), how="semi")
        bounced = [name for name in ("bounced", "bounce_reason") if name in traces.columns]  # lib.mail.tracking
        traced = traces.select(*ACCOUNT, trace(self.policy, lang).alias("trace"), *bounced)
        joined = entries.join(traced, on=list(ACCOUNT), how="left", maintain_order="left")
        return joined.select(*(c for c in ENTRY if c in joined.columns), *(c for c in joined.columns if c not in ENTRY))

    def letters_due(self, listed: pl.DataFrame) -> pl.DataFrame:
        """The entries of a week's list that are letters (lib.weekly.letters_due), in priority order."""
        return letters_due(listed, self.accounts, LADDER_KINDS)

    def documents(self, customer_id: str, currency: str) -> pl.DataFrame:
        """The account's items with interest to today, prescription and dispute marks (lib.account.documents)."""
        return self.kept(
            ("documents", customer_id, currency),
            lambda: documents(self.items, customer_id, currency, self.as_of, self.log, self.policy, until=self.today),
        )


def policy_of(store: Store) -> tuple[Policy, PolicyError | None]:
    """The policy with the saved settings laid over the defaults, and why not if they do not hold."""
    try:
        return checked(store.settings().get("policy") or {}), None
    except PolicyError as error:
        return load_policy(), error


def read_book(
    store: Store,
    today: dt.date | None = None,
    *,
    ledger: str | None = None,
    snapshot_id: int | None = None,
    as_of: dt.date | None = None,
) -> Book | None:
    """Everything the pages and the command line show, from the newest snapshot of `ledger` (or
    `snapshot_id`, read as of `as_of` if given), compared with the snapshots before it in the same
    ledger; None when the ledger (or the workspace) has no snapshot. Without a ledger, the ledger
    of the newest snapshot (or of `snapshot_id`). Raises KeyError for a snapshot id the workspace
    does not have.

    Steps, promises, plans and payments logged up to `today` (default: lib.clock's) count, even
    after the snapshot.
    """
    catalogue = store.snapshots()
    damaged = unreadable(store, catalogue["id"])
    left_out = catalogue.filter(pl.col("id").is_in(list(damaged)))
    catalogue = catalogue.filter(~pl.col("id").is_in(list(damaged)))
    if snapshot_id is not None:
        catalogue = catalogue.filter(pl.col("ledger") == _ledger_of(catalogue, snapshot_id))
    elif ledger is None and catalogue.height:
        ledger = catalogue["ledger"][0]
    if ledger is not None:
        catalogue = catalogue.filter(pl.col("ledger") == ledger)
    if catalogue.is_empty():
        return None
    chosen = catalogue if snapshot_id is None else catalogue.filter(pl.col("id") == snapshot_id)
    newest = chosen.row(0, named=True)
    # The ledger's kept history holds every snapshot: it serves the newest, read at its own date.
    cached = newest["id"] == catalogue["id"][0] and as_of in (None, newest["as_of"])
    if as_of is not None:
        newest["as_of"] = as_of
    if ledger is not None:
        left_out = left_out.filter(pl.col("ledger") == ledger)
    book = _assemble(store, newest, store.items(newest["id"]), catalogue, today, damaged, cached=cached and not damaged)
    names = tuple(f"#{i} {name}" for i, name in zip(left_out["id"], left_out["file_name"], strict=True))
    return dataclasses.replace(book, left_out=names) if names else book


def _ledger_of(catalogue: pl.DataFrame, snapshot_id: int) -> str:
    found = catalogue.filter(pl.col("id") == snapshot_id)["ledger"]
    if found.is_empty():
        raise KeyError(snapshot_id)
    return str(found[0])


def file_book(store: Store, imported: Imported, today: dt.date | None = None, ledger: str = DEFAULT_LEDGER) -> Book:
    """The book of a file read but not stored (`python -m lib actions FILE`), against the
    workspace's policy, action log and the snapshots before it in `ledger`."""
    report = imported.report
    if report.as_of is None:
        msg = "a file needs an as-of date to be evaluated"
        raise ValueError(msg)
    newest = {"id": None, "ledger": ledger, "as_of": report.as_of, "file_name": report.file_name,
              "estimated_due_dates": report.estimated_due_dates}  # fmt: skip
    catalogue = store.snapshots(ledger)
    damaged = unreadable(store, catalogue["id"])
    earlier = catalogue.filter(pl.col("as_of") < report.as_of, ~pl.col("id").is_in(list(damaged)))
    return _assemble(store, newest, imported.items, earlier, today, damaged, cached=earlier.height == catalogue.height)


def _assemble(
    store: Store,
    newest: dict[str, Any],
    items: pl.DataFrame,
    catalogue: pl.DataFrame,
    today: dt.date | None,
    damaged: set[int] | None = None,
    *,
    cached: bool = False,
) -> Book:
    """The book of `items` as of `newest["as_of"]`, compared with the latest of `catalogue` dated before it.

    `cached`: the ledger's kept history (lib/history_cache.py) holds no snapshot after `items`, so
    the payment history comes from it rather than from every snapshot read again."""
    as_of = newest["as_of"]
    earlier = catalogue.filter(pl.col("as_of") < as_of) if catalogue.height else catalogue
    previous = earlier.row(0, named=True) if earlier.height else None
    policy, error = policy_of(store)
    edges = policy.ageing.bucket_edges
    log = store.log()
    skip = sorted(damaged or ())
    observations = store.observations(as_of, newest["ledger"], skip=skip)
    trend = trend_cache.trend(store, newest["ledger"], as_of, edges, skip)  # one small file per snapshot
    if newest["id"] is None:  # a file not stored: it is the newest observation
        observations = pl.concat([observations.filter(pl.col("as_of") < as_of), observation(items.lazy(), as_of)])
        own = observation(items.lazy(), as_of).select(store.amounts(None, as_of).collect_schema().names())
        trend = pl.concat([trend.filter(pl.col("as_of") < as_of), bucket_trend(own, edges)])
    log_through = max(today or clock.today(), as_of)
    delivered = tracking.delivered(store)
    if cached:
        known = history_cache.load(store, newest["ledger"])
        known = known if newest["id"] is not None else add_snapshot(known, items, as_of)
        accounts = evaluate(items, as_of, policy, log, known, log_through=log_through, delivered=delivered)
        paid = paid_of(known).collect()
    else:
        accounts = evaluate(items, as_of, policy, log, observations, log_through=log_through, delivered=delivered)
        paid = paid_documents(observations).collect()
    accounts = tracking.with_bounces(accounts, tracking.bounced(store))  # a bounced address is none
    return Book(
        snapshot=newest,
        previous=previous,
        policy=policy,
        policy_error=error,
        items=mark_disputed(age(items.lazy(), as_of, edges), open_disputes(log.dispute, items.lazy())).collect(),
        stored_previous=None if previous is None else store.items(previous["id"]),
        accounts=accounts,
        trend=trend,
        paid=paid,
        log=log,
        today=log_through,
    )
