"""lib/store.py: snapshots are saved whole or not at all, and recognised when repeated."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from lib.ingest import Imported, import_file
from lib.store import DB_NAME, MIGRATIONS, Store
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def imported() -> Imported:
    path = SAMPLES / "scadenzario_gestionale.xlsx"
    return import_file(path.read_bytes(), path.name)


def test_workspace_from_environment(workspace: Path) -> None:
    store = Store.open()
    assert store.home == workspace.resolve()
    assert (workspace / DB_NAME).exists()


def test_wal_mode_and_schema_version(workspace: Path) -> None:
    Store.open()
    with sqlite3.connect(workspace / DB_NAME) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_reopening_does_not_migrate_twice(workspace: Path, imported: Imported) -> None:
    Store.open().save_snapshot(imported)
    assert Store.open().snapshots().height == 1


def test_snapshot_round_trip(imported: Imported) -> None:
    store = Store.open()
    saved = store.save_snapshot(imported)
    assert not saved.duplicate
    assert_frame_equal(store.items(saved.snapshot_id), imported.items)
    row = store.latest()
    assert row is not None
    assert row["id"] == saved.snapshot_id
    assert row["sha256"] == imported.report.sha256
    assert row["as_of"] == imported.report.as_of
    assert row["items"] == imported.items.height == 661
    assert row["customers"] == 119
    assert '"open_cents": 61561915' in str(row["totals"])
    assert store.issues(saved.snapshot_id).height == imported.report.issues.height


def test_same_file_twice_is_recognised(imported: Imported) -> None:
    store = Store.open()
    first = store.save_snapshot(imported)
    again = store.save_snapshot(imported)
    assert again.duplicate and again.snapshot_id == first.snapshot_id
    assert store.snapshots().height == 1


def test_failed_import_leaves_store_as_it_was(
    workspace: Path, imported: Imported, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open()
    other = import_file((SAMPLES / "scadenzario_export.csv").read_bytes(), "scadenzario_export.csv")
    store.save_snapshot(other)

    def broken(self: pl.DataFrame, *args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(pl.DataFrame, "write_parquet", broken)
    with pytest.raises(OSError, match="disk full"):
        store.save_snapshot(imported)
    monkeypatch.undo()
    assert store.snapshots()["file_name"].to_list() == ["scadenzario_export.csv"]
    assert sorted(p.name for p in (workspace / "snapshots").iterdir()) == ["1"]


def test_failure_at_commit_time_removes_the_folder(
    workspace: Path, imported: Imported, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open()
    original = Path.rename

    def rename_then_fail(self: Path, target: Path) -> Path:
        original(self, target)
        raise OSError("power cut")

    monkeypatch.setattr(Path, "rename", rename_then_fail)
    with pytest.raises(OSError, match="power cut"):
        store.save_snapshot(imported)
    monkeypatch.undo()
    assert store.snapshots().height == 0
    assert list((workspace / "snapshots").iterdir()) == []


def test_snapshots_newest_as_of_first(imported: Imported) -> None:
    store = Store.open()
    odoo = SAMPLES / "riepilogo_scadenze_odoo.xlsx"
    older = import_file(odoo.read_bytes(), odoo.name, as_of=imported.report.as_of.replace(year=2025))  # type: ignore[union-attr]
    store.save_snapshot(older)
    store.save_snapshot(imported)
    assert store.snapshots()["file_name"].to_list() == ["scadenzario_gestionale.xlsx", odoo.name]
    assert store.snapshots()["estimated_due_dates"].to_list() == [False, True]
