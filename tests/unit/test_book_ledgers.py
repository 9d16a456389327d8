"""lib/book.py with ledgers: a book is of one ledger, compared with that ledger's snapshots only."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.book import file_book, read_book
from lib.ingest import Imported, import_file
from lib.store import Store
from tests.conftest import SAMPLES
from tests.unit.frames import AS_OF
from tests.unit.test_book import BEFORE, EARLIER, NOW, _snapshot

D = dt.date


@pytest.fixture(scope="module")
def imported() -> Imported:
    path = SAMPLES / "scadenzario_export.csv"
    return import_file(path.read_bytes(), path.name)


@pytest.fixture
def store(imported: Imported) -> Store:
    """ACME: 6 Nov and 20 Nov; Rossi: 27 Nov (one document, nothing in common)."""
    store = Store.open()
    store.save_snapshot(_snapshot(imported, BEFORE, EARLIER, "acme-1.csv"), "ACME")
    store.save_snapshot(_snapshot(imported, NOW, AS_OF, "acme-2.csv"), "ACME")
    store.save_snapshot(_snapshot(imported, NOW.head(1), D(2026, 11, 27), "rossi.csv"), "Rossi")
    return store


def test_a_ledgers_book_compares_its_own_snapshots(store: Store) -> None:
    acme = read_book(store, ledger="ACME")
    assert acme is not None and acme.ledger == "ACME"
    assert (acme.snapshot["file_name"], acme.previous["file_name"]) == ("acme-2.csv", "acme-1.csv")  # type: ignore[index]
    assert acme.trend["as_of"].unique().sort().to_list() == [EARLIER, AS_OF]
    rossi = read_book(store, ledger="Rossi")
    assert rossi is not None and rossi.previous is None and rossi.changes is None  # nothing of ACME's
    assert rossi.trend["as_of"].unique().to_list() == [D(2026, 11, 27)]
    assert rossi.paid.is_empty()  # ACME's documents are not "paid" because Rossi's file lacks them
    assert read_book(store, ledger="Nobody") is None


def test_without_a_ledger_the_book_is_of_the_newest_snapshots_ledger(store: Store) -> None:
    book = read_book(store)
    assert book is not None and book.ledger == "Rossi"
    by_id = read_book(store, snapshot_id=1)  # a snapshot's book is of its own ledger
    assert by_id is not None and by_id.ledger == "ACME" and by_id.previous is None
    with pytest.raises(KeyError):
        read_book(store, snapshot_id=99)


def test_deleting_the_newest_snapshot_shows_the_one_before(store: Store) -> None:
    store.delete_snapshot(2)
    acme = read_book(store, ledger="ACME")
    assert acme is not None and acme.snapshot["file_name"] == "acme-1.csv" and acme.previous is None


def test_a_file_not_stored_is_compared_with_its_ledger(store: Store, imported: Imported) -> None:
    later = _snapshot(imported, NOW, D(2026, 12, 4), "acme-3.csv")
    assert file_book(store, later, ledger="ACME").previous["file_name"] == "acme-2.csv"  # type: ignore[index]
    assert file_book(store, later, ledger="Rossi").previous["file_name"] == "rossi.csv"  # type: ignore[index]
    assert file_book(store, later).previous is None  # the default ledger has no snapshot
