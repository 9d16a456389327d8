"""lib/book.py: the workspace as the pages read it, from two small snapshots in a fresh store."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from lib.ageing import bucket_labels
from lib.book import Book, read_book
from lib.engine import RESULT
from lib.i18n import policy_message
from lib.ingest import Imported, import_file
from lib.interest import late_interest
from lib.policy import load_policy
from lib.store import Store
from tests.conftest import SAMPLES, TODAY
from tests.unit.frames import AS_OF, from_rows

D = dt.date
EARLIER = D(2026, 11, 6)
COLUMNS = ("customer_id", "doc_number", "due_date", "open_cents")

# 6 Nov: C1 owes F1 (due 1 Oct) and F2 (due 15 Dec); C2 owes F3 (due 1 Sep).
BEFORE = from_rows(
    COLUMNS,
    [("C1", "F1", D(2026, 10, 1), 100_000), ("C1", "F2", D(2026, 12, 15), 50_000), ("C2", "F3", D(2026, 9, 1), 30_000)],
)
# 20 Nov: F2 is gone (paid), F3 partly paid down to 10,000, F4 is new.
NOW = from_rows(
    COLUMNS,
    [("C1", "F1", D(2026, 10, 1), 100_000), ("C2", "F3", D(2026, 9, 1), 10_000), ("C2", "F4", D(2026, 12, 20), 20_000)],
)


@pytest.fixture(scope="module")
def imported() -> Imported:
    path = SAMPLES / "scadenzario_export.csv"
    return import_file(path.read_bytes(), path.name)


def _snapshot(imported: Imported, items: pl.DataFrame, as_of: dt.date, name: str) -> Imported:
    """An import of `items` as of `as_of` (a distinct file: its own name and hash)."""
    sha = f"{as_of:%Y%m%d}".ljust(64, "0")
    report = dataclasses.replace(imported.report, file_name=name, sha256=sha, as_of=as_of)
    return dataclasses.replace(imported, items=items, report=report)


def _two_snapshots(home: Path, imported: Imported) -> Store:
    store = Store.open(home)
    store.save_snapshot(_snapshot(imported, BEFORE, EARLIER, "before.csv"))
    store.save_snapshot(_snapshot(imported, NOW, AS_OF, "now.csv"))
    return store


@pytest.fixture
def store(tmp_path: Path, imported: Imported) -> Store:
    """A store of its own, for tests that save settings."""
    return _two_snapshots(tmp_path / "ws", imported)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory, imported: Imported) -> Book:
    """The book in English, read once for the tests that only look at it."""
    return _book(_two_snapshots(tmp_path_factory.mktemp("book"), imported))


def _book(store: Store) -> Book:
    book = read_book(store)
    assert book is not None
    return book


def test_the_book_counts_to_today_and_says_when_its_snapshot_is_stale(store: Store) -> None:
    """The newest snapshot is of 20 Nov; [letters] stale_after_days = 7."""
    assert _book(store).today == TODAY  # the clock's, pinned
    assert read_book(store, dt.date(2026, 11, 27)).stale_days is None  # 7 days: still fresh
    assert read_book(store, dt.date(2026, 11, 28)).stale_days == 8
    assert read_book(store, dt.date(2026, 11, 1)).today == AS_OF  # never before the snapshot
    store.save_setting("policy", {"letters": {"stale_after_days": 30}})
    assert read_book(store, dt.date(2026, 11, 28)).stale_days is None


def test_an_empty_workspace_has_no_book(tmp_path: Path) -> None:
    assert read_book(Store.open(tmp_path)) is None


def test_the_book_is_the_newest_snapshot_with_the_previous_one_beside_it(book: Book) -> None:
    assert (book.as_of, book.snapshot["file_name"]) == (AS_OF, "now.csv")
    assert book.previous is not None
    assert (book.previous["as_of"], book.previous["file_name"]) == (EARLIER, "before.csv")
    assert (book.policy, book.policy_error) == (load_policy(), None)
    # Items aged at their own dates: F1 (due 1 Oct) is 50 days overdue now, 36 on 6 Nov.
    now = dict(zip(book.items["doc_number"], book.items["days_overdue"], strict=True))
    assert now == {"F1": 50, "F3": 80, "F4": -30}
    assert book.previous_items is not None
    before = dict(zip(book.previous_items["doc_number"], book.previous_items["days_overdue"], strict=True))
    assert before == {"F1": 36, "F2": -39, "F3": 66}
    assert book.previous_items.filter(pl.col("doc_number") == "F3")["bucket"].cast(pl.String).item() == "61-90"


def test_the_changes_between_the_two_snapshots(book: Book) -> None:
    changes = book.changes
    assert changes is not None
    rows = changes.sort("doc_number").select(
        "doc_number", pl.col("change").cast(pl.String), "old_open_cents", "new_open_cents", "collected_cents"
    )
    assert rows.rows() == [
        ("F1", "unchanged", 100_000, 100_000, 0),
        ("F2", "paid", 50_000, None, 50_000),
        ("F3", "partly_paid", 30_000, 10_000, 20_000),  # 30,000 − 10,000 collected
        ("F4", "new", None, 20_000, 0),
    ]


def test_the_trend_has_both_dates_and_the_paid_documents(book: Book) -> None:
    assert book.trend["as_of"].unique().sort().to_list() == [EARLIER, AS_OF]
    totals = book.trend.group_by("as_of").agg(pl.col("open_cents").sum()).sort("as_of")
    assert totals.rows() == [(EARLIER, 180_000), (AS_OF, 130_000)]  # 100,000 + 50,000 + 30,000; 100,000 + 30,000
    # F2 left the snapshots: seen paid on 20 Nov, before its due date (no days late).
    assert book.paid.select("customer_id", "doc_number", "open_cents", "paid_on", "days_late").rows() == [
        ("C1", "F2", 50_000, AS_OF, 0)
    ]


def test_accounts_are_the_engines_rows(book: Book) -> None:
    assert set(RESULT) <= set(book.accounts.columns)
    assert book.accounts.sort("customer_id").select("customer_id", "open_cents", "overdue_cents").rows() == [
        ("C1", 100_000, 100_000),
        ("C2", 30_000, 10_000),  # F4 is not yet due
    ]
    account = book.account("C2", "EUR")
    assert account is not None
    assert (account["customer_id"], account["open_cents"], account["oldest_days"]) == ("C2", 30_000, 80)
    assert book.account("C2", "USD") is None
    assert book.account("C9", "EUR") is None


def test_documents_of_one_account_with_interest(book: Book) -> None:
    docs = book.documents("C2", "EUR")
    assert docs.select("customer_id", "doc_number").rows() == [("C2", "F3"), ("C2", "F4")]
    # F3, 100.00 due 1 Sep, overdue at the snapshot (20 Nov); interest runs to today (24 Nov, pinned):
    # 2 Sep…24 Nov = 29 + 31 + 24 = 84 days at 10.40% → 10,000 × 84 × 1040 / 3,650,000 = 239.3 → 239
    # cents, and the EUR 40. F4 is not due yet: nothing.
    assert book.today == TODAY
    assert docs.select("interest_cents", "compensation_cents").rows() == [(239, 4_000), (0, 0)]
    assert docs["interest_cents"][0] == late_interest(10_000, D(2026, 9, 1), TODAY).interest_cents


def test_the_trace_follows_the_language_and_the_book_does_not(book: Book) -> None:
    """The book holds codes; the words come when a row is shown, in the language asked for."""
    assert "trace" not in book.accounts.columns and "rating_why" not in book.accounts.columns
    english = book.account("C1", "EUR", "en")["trace"]
    italian = book.account("C1", "EUR", "it")["trace"]
    assert "oldest document 50 days overdue" in english
    assert "documento più vecchio scaduto da 50 giorni" in italian


@pytest.mark.parametrize("saved", [{"weekly": {"calls": -1}}, {"weekly": {"calls": "many"}}])
def test_invalid_saved_policy_falls_back_to_the_defaults(store: Store, saved: dict[str, object]) -> None:
    store.save_setting("policy", saved)
    book = _book(store)
    assert book.policy_error
    assert book.policy == load_policy()
    assert book.accounts.height == 2  # the book is still read, with the defaults


def test_the_policy_error_says_what_does_not_hold(store: Store) -> None:
    store.save_setting("policy", {"weekly": {"calls": -1}})
    error = _book(store).policy_error
    assert (str(error), error.code) == ("weekly: capacities cannot be negative", "capacity")
    assert policy_message(error.code, error.params, "it") == "weekly: le capacità non possono essere negative"


def test_saved_bucket_edges_age_the_book(store: Store) -> None:
    store.save_setting("policy", {"ageing": {"bucket_edges": [0, 60]}})
    book = _book(store)
    assert book.policy_error is None
    assert book.items["bucket"].dtype == pl.Enum(bucket_labels([0, 60]))
    assert dict(zip(book.items["doc_number"], book.items["bucket"].cast(pl.String), strict=True)) == {
        "F1": "1-60",  # 50 days
        "F3": "over_60",  # 80 days
        "F4": "not_due",
    }
    assert set(book.trend["bucket"].cast(pl.String)) == {"not_due", "1-60", "over_60"}


def test_one_snapshot_has_no_previous_and_no_changes(tmp_path: Path, imported: Imported) -> None:
    store = Store.open(tmp_path / "one")
    store.save_snapshot(_snapshot(imported, NOW, AS_OF, "now.csv"))
    book = _book(store)
    assert (book.previous, book.previous_items, book.changes) == (None, None, None)
    assert book.trend["as_of"].unique().to_list() == [AS_OF]
    assert book.paid.is_empty()


def test_what_a_page_asks_of_a_book_again_is_computed_once(store: Store) -> None:
    book = _book(store)
    week = book.week("2026-W48")
    assert book.week("2026-W48") is week  # the same answer, not computed again
    assert book.week("2026-W48", capacity={"call": 3}) is not week  # another question
    english, italian = week[0], book.week("2026-W48", lang="it")[0]
    assert english["trace"].to_list() != italian["trace"].to_list()  # the words follow the language
    assert english.drop("trace").equals(italian.drop("trace"))  # the list does not
    account = book.accounts.select("customer_id", "currency").row(0)
    docs = book.documents(*account)
    assert book.documents(*account) is docs
    assert dataclasses.replace(book, left_out=("x",)).documents(*account) is not docs  # another book starts afresh


def test_a_book_keeps_a_bounded_number_of_answers(store: Store) -> None:
    book = _book(store)
    for n in range(100):
        assert book.kept(("n", n), lambda n=n: n) == n
    assert book.kept(("n", 99), lambda: -1) == 99  # the newest are kept
    assert book.kept(("n", 0), lambda: -1) == -1  # the oldest went first
