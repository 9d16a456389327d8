"""lib/store.py: snapshots are saved whole or not at all, and recognised when repeated."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from lib.ingest import Imported, import_file
from lib.store import DB_NAME, MIGRATIONS, Store
from tests.conftest import SAMPLES

pytestmark = pytest.mark.usefixtures("backend")


@pytest.fixture(scope="module")
def imported() -> Imported:
    path = SAMPLES / "scadenzario_gestionale.xlsx"
    return import_file(path.read_bytes(), path.name)


@pytest.mark.embedded_only
def test_workspace_from_environment(workspace: Path) -> None:
    store = Store.open()
    assert store.home == workspace.resolve()
    assert (workspace / DB_NAME).exists()


@pytest.mark.embedded_only
def test_wal_mode_and_schema_version(workspace: Path) -> None:
    Store.open()
    with sqlite3.connect(workspace / DB_NAME) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_reopening_does_not_migrate_twice(workspace: Path, imported: Imported) -> None:
    Store.open().save_snapshot(imported)
    assert Store.open().snapshots().height == 1


@pytest.mark.embedded_only
def test_a_snapshot_saved_before_a_column_joined_the_schema_reads_it_empty(imported: Imported) -> None:
    store = Store.open()
    saved = store.save_snapshot(imported)
    path = store.home / "snapshots" / str(saved.snapshot_id) / "items.parquet"
    imported.items.drop("address").write_parquet(path)  # as written then: no address, no list of constants
    assert_frame_equal(
        store.items(saved.snapshot_id), imported.items.with_columns(pl.lit(None, pl.String).alias("address"))
    )


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


def test_the_catalogue_row_comes_with_the_import(imported: Imported) -> None:
    row = imported.catalogue()
    assert (row["as_of"], row["items"], row["customers"]) == (imported.report.as_of, 661, 119)
    assert [(t["currency"], t["open_cents"]) for t in row["totals"]] == [("EUR", 61_561_915)]
    assert row["report"]["sha256"] == imported.report.sha256 and "issues" not in row["report"]
    undated = dataclasses.replace(imported, report=dataclasses.replace(imported.report, as_of=None))
    with pytest.raises(ValueError, match="as-of date"):
        undated.catalogue()
    with pytest.raises(ValueError, match="as-of date"):
        Store.open().save_snapshot(undated)


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
    store.save_snapshot(other, "Other company")  # the same as-of date: another ledger, or it would ask

    def broken(self: pl.DataFrame, *args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(pl.DataFrame, "write_parquet", broken)
    with pytest.raises(OSError, match="disk full"):
        store.save_snapshot(imported)
    monkeypatch.undo()
    assert store.snapshots()["file_name"].to_list() == ["scadenzario_export.csv"]
    assert not store.folders or sorted(p.name for p in (workspace / "snapshots").iterdir()) == ["1"]


@pytest.mark.embedded_only
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


# --- the action log ----------------------------------------------------------------------------


def test_log_round_trip_keeps_types(imported: Imported) -> None:
    store = Store.open()
    day = imported.report.as_of
    store.record("action", customer_id="C00333", step="call_1", date=day, channel="phone", operator="anna")
    store.record("promise", customer_id="C00333", currency="EUR", made_on=day, promised_date=day,
                 amount_cents=12_345, baseline_open_cents=99_999)  # fmt: skip
    store.record("flag", customer_id="C00333", set_on=day, negative=True, reason="protesto")
    log = Store.open().log()  # a fresh connection reads what was committed
    assert log.action.select("customer_id", "step", "date", "operator").rows() == [("C00333", "call_1", day, "anna")]
    assert log.promise["amount_cents"].dtype == pl.Int64 and log.promise["made_on"].dtype == pl.Date
    assert log.flag["negative"].to_list() == [True]
    assert log.note.is_empty() and log.hold.columns == ["id", "customer_id", "made_on", "until", "reason", "operator"]


def test_record_refuses_unknown_columns() -> None:
    with pytest.raises(ValueError, match="no column colour"):
        Store.open().record("note", customer_id="C1", date="2026-11-20", text="x", colour="red")


def test_log_survives_new_snapshots_and_vanished_documents_close_disputes(imported: Imported) -> None:
    store = Store.open()
    items = imported.items
    first = items.row(0, named=True)
    store.record(
        "dispute", customer_id=first["customer_id"], doc_number=first["doc_number"], opened_on=imported.report.as_of
    )
    store.record("action", customer_id=first["customer_id"], step="call_1", date=imported.report.as_of)
    store.save_snapshot(imported)
    assert store.log().dispute["closed_on"].to_list() == [None]  # still listed: still open
    # A later export without that document: the dispute closes, the action log stays.
    later = dataclasses.replace(
        imported,
        items=items.filter(pl.col("doc_number") != first["doc_number"]),
        report=dataclasses.replace(
            imported.report, sha256="0" * 64, as_of=imported.report.as_of + dt.timedelta(days=7)
        ),
    )
    store.save_snapshot(later)
    log = store.log()
    assert log.dispute.select("closed_on", "closed_reason").rows() == [(later.report.as_of, "document_gone")]
    assert log.action.height == 1
    observed = store.observations(later.report.as_of).collect()
    assert observed["as_of"].unique().sort().to_list() == [imported.report.as_of, later.report.as_of]
    assert observed.height == items.height * 2 - items.filter(pl.col("doc_number") == first["doc_number"]).height


@pytest.mark.embedded_only
def test_version_1_workspace_is_migrated(workspace: Path) -> None:
    workspace.mkdir(parents=True)
    with sqlite3.connect(workspace / DB_NAME) as conn:
        conn.executescript(f"BEGIN; {MIGRATIONS[0]} PRAGMA user_version = 1; COMMIT;")
    store = Store.open()
    assert store.log().action.is_empty() and isinstance(store.revision(), int)
    with sqlite3.connect(workspace / DB_NAME) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
