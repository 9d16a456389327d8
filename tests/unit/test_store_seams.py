"""lib/store.py seams: the revision counter moves with every write and only then, and
`Store.open` gives one migrated instance per workspace folder, made again if deleted."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import polars as pl
import psycopg
import pytest

from lib import clock, plans
from lib import store as store_module
from lib.actionlog import entries
from lib.ingest import Imported, import_file
from lib.store import DB_NAME, Store
from tests.conftest import SAMPLES

pytestmark = pytest.mark.usefixtures("backend")
INTEGRITY = (sqlite3.IntegrityError, psycopg.IntegrityError)

D = dt.date
PLAN = {"customer_id": "C1", "currency": "EUR", "kind": "instalments", "agreed_on": D(2026, 11, 23),
        "claim_cents": 600_000, "baseline_open_cents": 600_000, "grace_days": 5}  # fmt: skip


@pytest.fixture(scope="module")
def imported() -> Imported:
    path = SAMPLES / "scadenzario_gestionale.xlsx"
    return import_file(path.read_bytes(), path.name)


def _later(imported: Imported, without: str) -> Imported:
    """The same export a week later, without document `without` (paid)."""
    report = imported.report
    assert report.as_of is not None
    return dataclasses.replace(
        imported,
        items=imported.items.filter(pl.col("doc_number") != without),
        report=dataclasses.replace(report, sha256="0" * 64, as_of=report.as_of + dt.timedelta(days=7)),
    )


class Revisions:
    """Asserts how the revision moved since the last check."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.last = store.revision()
        assert isinstance(self.last, int)

    def changed(self) -> None:
        now = self.store.revision()
        assert now > self.last
        self.last = now

    def unchanged(self) -> None:
        assert self.store.revision() == self.last


# --- the revision ---------------------------------------------------------------------------


def test_every_kind_of_write_changes_the_revision(imported: Imported) -> None:
    store = Store.open()
    revisions = Revisions(store)
    as_of = imported.report.as_of
    assert as_of is not None
    first = imported.items.row(0, named=True)
    document = {"customer_id": first["customer_id"], "doc_number": first["doc_number"]}

    store.save_snapshot(imported)
    revisions.changed()
    resolved = store.record("dispute", **document, opened_on=as_of)
    revisions.changed()
    store.record("action", customer_id=first["customer_id"], step="call_1", date=as_of)
    revisions.changed()
    store.close_disputes([resolved], as_of, "resolved")
    revisions.changed()
    gone = store.record("dispute", **document, opened_on=as_of)
    revisions.changed()
    store.save_snapshot(_later(imported, first["doc_number"]))  # closes `gone` in the same write
    revisions.changed()
    assert store.log().dispute.filter(pl.col("id") == gone)["closed_reason"].to_list() == ["document_gone"]
    plan_id = store.save_plan(plans.schedule(600_000, 2, D(2026, 12, 31)), **PLAN)
    revisions.changed()
    store.close_plan(plan_id, D(2027, 1, 5), "cancelled")
    revisions.changed()
    store.save_setting("company", {"name": "Rossi Srl"})
    revisions.changed()
    store.save_setting("company", None)
    revisions.changed()


def test_reads_and_writes_that_change_nothing_keep_the_revision(imported: Imported) -> None:
    store = Store.open()
    saved = store.save_snapshot(imported)
    plan_id = store.save_plan(plans.schedule(600_000, 2, D(2026, 12, 31)), **PLAN)
    store.close_plan(plan_id, D(2027, 1, 5), "cancelled")
    dispute = store.record("dispute", customer_id="C1", doc_number="F1", opened_on=D(2026, 11, 2))
    store.close_disputes([dispute], D(2026, 11, 5), "resolved")
    revisions = Revisions(store)
    store.snapshots(), store.latest(), store.items(saved.snapshot_id), store.issues(saved.snapshot_id)
    store.log(), store.settings(), store.observations(D(2026, 11, 24)).collect(), store.revision()
    Store.open().revision()
    revisions.unchanged()
    assert store.save_snapshot(imported).duplicate
    store.close_plan(plan_id, D(2027, 2, 1), "completed")  # already closed
    store.close_disputes([dispute], D(2026, 11, 6), "resolved")  # already closed
    store.close_disputes([], D(2026, 11, 6), "resolved")
    store.save_setting("never_saved", None)
    revisions.unchanged()


def test_two_settings_saved_in_the_same_second_are_two_revisions(monkeypatch: pytest.MonkeyPatch) -> None:
    instant = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC)
    monkeypatch.setattr(clock, "now", lambda: instant)
    store = Store.open()
    revisions = Revisions(store)
    store.save_setting("policy", {"grace_days": 3})
    revisions.changed()
    store.save_setting("policy", {"grace_days": 5})
    revisions.changed()
    assert store.settings() == {"policy": {"grace_days": 5}}


def test_failed_writes_leave_the_revision_as_it_was(
    workspace: Path, imported: Imported, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open()
    revisions = Revisions(store)
    with pytest.raises(ValueError, match="no column colour"):
        store.record("note", customer_id="C1", date=D(2026, 11, 20), text="x", colour="red")
    with pytest.raises(INTEGRITY):  # the database refuses it: a dispute names a document
        store.record("dispute", customer_id="C1", opened_on=D(2026, 11, 20))
    broken = plans.schedule(600_000, 2, D(2026, 12, 31)).with_columns(pl.lit(None, pl.Int64).alias("capital_cents"))
    with pytest.raises(INTEGRITY):  # the plan row goes in, its instalments do not
        store.save_plan(broken, **PLAN)
    revisions.unchanged()
    log = store.log()
    assert log.dispute.is_empty() and log.plan.is_empty() and log.instalment.is_empty()

    def full(self: pl.DataFrame, *args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(pl.DataFrame, "write_parquet", full)
    with pytest.raises(OSError, match="disk full"):
        store.save_snapshot(imported)
    monkeypatch.undo()
    revisions.unchanged()
    assert store.snapshots().is_empty()


@pytest.mark.embedded_only
def test_a_snapshot_failing_at_commit_keeps_its_disputes_open(
    workspace: Path, imported: Imported, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The snapshot row, the disputes it closes and the revision are one transaction.
    store = Store.open()
    store.save_snapshot(imported)
    first = imported.items.row(0, named=True)
    store.record("dispute", customer_id=first["customer_id"], doc_number=first["doc_number"], opened_on=D(2026, 11, 20))
    revisions = Revisions(store)
    original = Path.rename

    def rename_then_fail(self: Path, target: Path) -> Path:
        original(self, target)
        raise OSError("power cut")

    monkeypatch.setattr(Path, "rename", rename_then_fail)
    with pytest.raises(OSError, match="power cut"):
        store.save_snapshot(_later(imported, first["doc_number"]))
    monkeypatch.undo()
    revisions.unchanged()
    assert store.snapshots().height == 1
    assert store.log().dispute["closed_on"].to_list() == [None]
    assert sorted(p.name for p in (workspace / "snapshots").iterdir()) == ["1"]


def test_an_older_snapshot_imported_late_closes_no_dispute(imported: Imported) -> None:
    store = Store.open()
    first = imported.items.row(0, named=True)
    later = _later(imported, "no such document")
    store.save_snapshot(later)
    store.record("dispute", customer_id=first["customer_id"], doc_number=first["doc_number"], opened_on=D(2026, 11, 2))
    older = dataclasses.replace(imported, items=imported.items.filter(pl.col("doc_number") != first["doc_number"]))
    store.save_snapshot(older)
    assert store.log().dispute["closed_on"].to_list() == [None]


# --- one store per workspace ----------------------------------------------------------------


@pytest.mark.embedded_only
def test_open_gives_one_instance_per_folder_migrated_once(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    migrate = store_module.migrate

    def counting(conn: sqlite3.Connection) -> int:
        calls.append(1)
        return migrate(conn)

    monkeypatch.setattr(store_module, "migrate", counting)
    monkeypatch.chdir(tmp_path)
    store = Store.open()
    assert Store.open() is store
    assert Store.open(workspace) is store
    assert Store.open("workspace") is store  # relative to the working folder: the same folder
    assert Store.open(tmp_path / "workspace" / ".." / "workspace") is store
    assert len(calls) == 1
    other = Store.open(tmp_path / "other")
    assert other is not store and other.home == (tmp_path / "other").resolve()
    assert len(calls) == 2


@pytest.mark.embedded_only
def test_threads_opening_a_new_workspace_get_one_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    migrate = store_module.migrate

    def slow(conn: sqlite3.Connection) -> int:
        calls.append(1)
        return migrate(conn)

    monkeypatch.setattr(store_module, "migrate", slow)
    home = tmp_path / "shared"
    start = threading.Barrier(8)
    opened: list[Store] = []

    def worker() -> None:
        start.wait()
        opened.append(Store.open(home))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(opened) == 8 and all(s is opened[0] for s in opened)
    assert len(calls) == 1


@pytest.mark.embedded_only
@pytest.mark.parametrize(
    "delete",
    [
        pytest.param(lambda home: shutil.rmtree(home), id="folder"),
        pytest.param(lambda home: (home / DB_NAME).unlink(), id="database"),
    ],
)
def test_a_deleted_workspace_is_made_again_on_the_next_open(
    workspace: Path, imported: Imported, delete: Callable[[Path], None]
) -> None:
    store = Store.open()
    store.save_snapshot(imported)
    store.save_setting("company", {"name": "Rossi Srl"})
    before = store.revision()
    delete(workspace)
    with pytest.raises(sqlite3.OperationalError):  # no empty database is made behind open's back
        store.revision()
    assert not (workspace / DB_NAME).exists()
    again = Store.open()
    assert (workspace / DB_NAME).exists() and (workspace / "snapshots").is_dir()
    assert again.snapshots().is_empty() and again.settings() == {} and again.log().action.is_empty()
    assert again.revision() != before  # a page cached on the old workspace is not served again
    assert store.revision() == again.revision()  # an instance held from before works again
    assert not again.save_snapshot(imported).duplicate
    assert again.snapshots().height == 1


def test_entries_are_written_all_together_or_not_at_all(tmp_path: Path) -> None:
    """A dispute on two documents is two rows: one transaction, one revision."""
    store = Store.open(tmp_path / "ws")
    before = store.revision()
    rows, _ = entries("dispute", "C1", {"doc_numbers": ["F1", "F2"], "opened_on": dt.date(2026, 11, 24)})
    assert len(store.record_entries(rows)) == 2
    assert store.log().dispute["doc_number"].to_list() == ["F1", "F2"]
    assert store.revision() == before + 1
    with pytest.raises(ValueError, match="dispute has no column colour"):
        store.record_entries([rows[0], ("dispute", {**rows[1][1], "colour": "red"})])
    assert store.log().dispute.height == 2 and store.revision() == before + 1
