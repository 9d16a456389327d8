"""lib/trend_cache.py: the bucket trend kept per snapshot equals the one recomputed from every
snapshot's items, through saves, replacements, deletes, lost files and other bucket edges."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from lib import trend_cache
from lib.ageing import DEFAULT_EDGES
from lib.book import read_book
from lib.ingest import Imported
from lib.portfolio import bucket_trend
from lib.store import Store
from tests.unit.test_history import WEEKS, imported, save, snapshot

__all__ = ["imported"]  # the module's fixture, used here

EDGES = (0, 45, 90)


def recomputed(store: Store, ledger: str = "L", edges: Sequence[int] = DEFAULT_EDGES) -> pl.DataFrame:
    """bucket_trend over every snapshot's items, read again (what the book did before the cache)."""
    catalogue = store.snapshots(ledger)
    frames = [store.amounts(i, as_of) for i, as_of in zip(catalogue["id"], catalogue["as_of"], strict=True)]
    return bucket_trend(pl.concat(frames), edges)


def replace(store: Store, imported: Imported, items: pl.DataFrame, as_of: dt.date) -> int:
    """Save `items` in place of ledger L's snapshot of `as_of` (a file of its own)."""
    sha = hashlib.sha256(f"replacement {as_of} {items.height}".encode()).hexdigest()
    report = dataclasses.replace(imported.report, file_name=f"{as_of}-new.csv", sha256=sha, as_of=as_of)
    new = dataclasses.replace(imported, items=items, report=report)
    return store.save_snapshot(new, "L", replace=True).snapshot_id


def kept(store: Store, ledger: str = "L", edges: Sequence[int] = DEFAULT_EDGES) -> pl.DataFrame:
    return trend_cache.trend(store, ledger, dt.date(2100, 1, 1), edges)


def files(store: Store) -> set[str]:
    return {p.name for p in trend_cache.folder(store).glob("*.parquet")}


def test_kept_equals_recomputed_through_saves_replacements_and_deletes(tmp_path: Path, imported: Imported) -> None:
    store = Store.open(tmp_path)
    ids = [save(store, imported, snapshot(k), WEEKS[k]) for k in (0, 2, 1, 3)]  # the third imported late
    assert kept(store).equals(recomputed(store))
    assert len(files(store)) == 4  # one per snapshot, written on the first read
    assert kept(store).equals(recomputed(store))  # read back from the files
    store.delete_snapshot(ids[1])
    assert len(files(store)) == 3  # the deleted snapshot's file is gone with it
    assert kept(store).equals(recomputed(store))
    replacement = replace(store, imported, snapshot(9, size=25), WEEKS[3])
    assert replacement not in ids
    assert not any(name.startswith(f"{ids[3]}-") for name in files(store))
    assert kept(store).equals(recomputed(store))
    assert f"{replacement}-{'_'.join(map(str, DEFAULT_EDGES))}.parquet" in files(store)


def test_other_edges_have_their_own_files_and_lost_files_are_computed_again(tmp_path: Path, imported: Imported) -> None:
    store = Store.open(tmp_path)
    for k in (0, 1, 2):
        save(store, imported, snapshot(k), WEEKS[k])
    assert kept(store).equals(recomputed(store))
    assert kept(store, edges=EDGES).equals(recomputed(store, edges=EDGES))
    assert len(files(store)) == 6
    for path in trend_cache.folder(store).glob("*.parquet"):
        path.write_bytes(b"not parquet")
    assert kept(store, edges=EDGES).equals(recomputed(store, edges=EDGES))
    (next(trend_cache.folder(store).glob("*.parquet"))).unlink()
    assert kept(store).equals(recomputed(store))


def test_a_read_only_workspace_computes_it_without_writing(tmp_path: Path, imported: Imported) -> None:
    save(Store.open(tmp_path), imported, snapshot(0), WEEKS[0])
    viewer = Store(tmp_path, read_only=True)
    assert kept(viewer).equals(recomputed(viewer))
    assert not trend_cache.folder(viewer).exists()


def test_the_book_reads_the_kept_trend_up_to_its_date(tmp_path: Path, imported: Imported) -> None:
    store = Store.open(tmp_path)
    ids = [save(store, imported, snapshot(k), WEEKS[k]) for k in (0, 1, 2)]
    book = read_book(store, WEEKS[5])
    assert book is not None and book.trend.equals(recomputed(store))
    older = read_book(store, WEEKS[5], snapshot_id=ids[1])
    assert older is not None
    assert older.trend.equals(recomputed(store).filter(pl.col("as_of") <= WEEKS[1]))
