"""lib/history.py and lib/history_cache.py: the payment history merged snapshot by snapshot equals
the one recomputed from every snapshot, in any order of import, and after deletes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import random
from pathlib import Path

import polars as pl
import pytest

from lib import history_cache
from lib.actionlog import customer_open, observation, paid_documents
from lib.book import read_book
from lib.engine import evaluate
from lib.history import History, add, of_observations, paid
from lib.ingest import Imported, import_file
from lib.store import Store
from tests.conftest import SAMPLES
from tests.unit.frames import from_rows

D = dt.date
COLUMNS = ("customer_id", "currency", "doc_number", "due_date", "open_cents", "amount_cents")
PAID_ORDER = ["customer_id", "currency", "doc_number", "due_date", "last_seen"]


def snapshot(seed: int, size: int = 30) -> pl.DataFrame:
    """Items drawn from a small pool of documents: some come, go and come back; some share a
    number and due date (instalments), some are credit notes, some are partly paid."""
    rng = random.Random(seed)
    rows = []
    for n in rng.sample(range(40), size):
        customer = f"C{n % 4}"
        currency = "USD" if n % 7 == 0 else "EUR"
        number = f"F{n // 2}"  # pairs of documents share a number ...
        due = D(2026, 9, 1) + dt.timedelta(days=10 * (n % 3))  # ... and sometimes a due date
        cents = -5_000 if n % 11 == 0 else rng.choice([10_000, 20_000, 30_000])
        rows.append((customer, currency, number, due, cents, 30_000 if cents > 0 else cents))
    return from_rows(COLUMNS, rows)


def full(snapshots: list[tuple[dt.date, pl.DataFrame]]) -> pl.LazyFrame:
    return pl.concat([observation(items.lazy(), as_of) for as_of, items in snapshots])


def assert_same(merged: History, snapshots: list[tuple[dt.date, pl.DataFrame]]) -> None:
    expected = paid_documents(full(snapshots)).collect().sort(PAID_ORDER)
    assert paid(merged).collect().sort(PAID_ORDER).equals(expected)
    totals = customer_open(merged.observations())
    expected_totals = customer_open(full(snapshots)).collect().sort("as_of", "customer_id", "currency")
    assert totals.collect().sort("as_of", "customer_id", "currency").equals(expected_totals)
    assert merged.dates == sorted(as_of for as_of, _ in snapshots)


WEEKS = [D(2026, 10, 2) + dt.timedelta(days=7 * k) for k in range(6)]


@pytest.mark.parametrize("order", [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [2, 0, 5, 1, 4, 3]])
def test_merged_one_by_one_equals_the_full_recompute(order: list[int]) -> None:
    snapshots = [(WEEKS[k], snapshot(k)) for k in order]
    merged = History.empty()
    for done, (as_of, items) in enumerate(snapshots, start=1):
        merged = add(merged, items, as_of)
        assert_same(merged, snapshots[:done])
    assert not paid(merged).collect().is_empty()  # the sequence does see documents leave


def test_a_snapshot_listing_nothing_is_no_date_as_with_observations() -> None:
    merged = add(add(History.empty(), snapshot(0), WEEKS[0]), snapshot(1).head(0), WEEKS[1])
    assert merged.dates == [WEEKS[0]] and paid(merged).collect().is_empty()
    assert paid_documents(full([(WEEKS[0], snapshot(0)), (WEEKS[1], snapshot(1).head(0))])).collect().is_empty()


def test_the_same_date_again_replaces_that_snapshot() -> None:
    first = add(add(History.empty(), snapshot(0), WEEKS[0]), snapshot(1), WEEKS[1])
    again = add(first, snapshot(1), WEEKS[1])
    assert again.totals.sort(pl.all()).equals(first.totals.sort(pl.all()))
    assert of_observations(full([(WEEKS[0], snapshot(0))])).dates == [WEEKS[0]]


# --- the workspace's copy --------------------------------------------------------------------


@pytest.fixture(scope="module")
def imported() -> Imported:
    path = SAMPLES / "scadenzario_export.csv"
    return import_file(path.read_bytes(), path.name)


def save(
    store: Store, imported: Imported, items: pl.DataFrame, as_of: dt.date, ledger: str = "L", *, replace: bool = False
) -> int:
    content = items.write_csv()  # a file of its own: other items never look like a duplicate
    sha = hashlib.sha256(f"{ledger}{as_of}{content}".encode()).hexdigest()
    report = dataclasses.replace(imported.report, file_name=f"{as_of}.csv", sha256=sha, as_of=as_of)
    saved = store.save_snapshot(dataclasses.replace(imported, items=items, report=report), ledger, replace=replace)
    assert not saved.duplicate
    return saved.snapshot_id


def stored(store: Store, ledger: str = "L") -> list[tuple[dt.date, pl.DataFrame]]:
    catalogue = store.snapshots(ledger)
    return [(as_of, store.items(i)) for i, as_of in zip(catalogue["id"], catalogue["as_of"], strict=True)]


def test_the_store_keeps_it_up_to_date_through_saves_and_deletes(tmp_path: Path, imported: Imported) -> None:
    store = Store.open(tmp_path)
    ids = [save(store, imported, snapshot(k), WEEKS[k]) for k in (0, 2, 1, 3)]  # the third imported late
    held = folder_files(store)
    assert held  # the save wrote it: the pages only read it
    assert_same(history_cache.load(store, "L"), stored(store))
    assert folder_files(store) == held  # nothing to merge: read as it is
    for gone in (ids[2], ids[3], ids[0]):  # the middle, the newest, the oldest
        store.delete_snapshot(gone)
        assert_same(history_cache.load(store, "L"), stored(store))
    kept = store.snapshots("L")["id"].to_list()
    save(store, imported, snapshot(9), WEEKS[2], replace=True)  # replaces the snapshot of that date
    assert store.snapshots("L")["id"].to_list() != kept and len(stored(store)) == 1
    assert_same(history_cache.load(store, "L"), stored(store))


def test_snapshots_saved_behind_its_back_are_merged_and_a_lost_copy_is_rebuilt(
    tmp_path: Path, imported: Imported, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(tmp_path)
    save(store, imported, snapshot(0), WEEKS[0])
    with monkeypatch.context() as patched:  # a crash between the commit and the hook
        patched.setattr(history_cache, "refresh", lambda store, ledger: None)
        save(store, imported, snapshot(1), WEEKS[1])
    assert_same(history_cache.load(store, "L"), stored(store))
    for file in history_cache.folder(store, "L").glob("*.parquet"):
        file.write_bytes(b"not parquet")
    assert_same(history_cache.load(store, "L"), stored(store))
    history_cache.forget(store, "L")
    assert_same(history_cache.load(store, "L"), stored(store))


def test_ledgers_keep_their_own(tmp_path: Path, imported: Imported) -> None:
    store = Store.open(tmp_path)
    save(store, imported, snapshot(0), WEEKS[0], "A")
    save(store, imported, snapshot(1), WEEKS[1], "A")
    save(store, imported, snapshot(2), WEEKS[2], "B / Sud")
    assert_same(history_cache.load(store, "A"), stored(store, "A"))
    assert_same(history_cache.load(store, "B / Sud"), stored(store, "B / Sud"))
    assert history_cache.load(store, "None yet").dates == []


def folder_files(store: Store) -> set[str]:
    return {p.name for p in history_cache.folder(store, "L").iterdir()}


def test_the_book_from_the_kept_history_equals_the_book_from_every_snapshot(tmp_path: Path, imported: Imported) -> None:
    store = Store.open(tmp_path)
    for k in (0, 1, 2):
        save(store, imported, snapshot(k), WEEKS[k])
    book = read_book(store, WEEKS[2])
    assert book is not None and not book.paid.is_empty()
    observations = store.observations(WEEKS[2], "L")
    accounts = evaluate(book.items.drop("days_overdue", "overdue", "bucket", "disputed"), WEEKS[2], book.policy,
                        book.log, observations, log_through=book.today)  # fmt: skip
    mail = ["bounced", "bounce_reason"]  # the book's own: what the outbox says of the addresses (lib.mail.tracking)
    assert book.accounts.drop(mail).sort("customer_id", "currency").equals(accounts.sort("customer_id", "currency"))
    expected = paid_documents(observations).collect().sort(PAID_ORDER)
    assert book.paid.sort(PAID_ORDER).equals(expected)
