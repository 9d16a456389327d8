"""lib/store.py: snapshots in ledgers, a second one of the same date refused unless replaced, a
snapshot deleted in one step, corrections kept per layout, and the migration that brings them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from pathlib import Path

import polars as pl
import pytest

from lib.ingest import Imported, import_file
from lib.ledgers import DEFAULT_LEDGER
from lib.migrations import MIGRATIONS
from lib.store import DB_NAME, SameDate, Store
from tests.conftest import SAMPLES

pytestmark = pytest.mark.usefixtures("backend")

D = dt.date
AS_OF = D(2026, 11, 20)
LEDGERS = next(i for i, script in enumerate(MIGRATIONS) if "snapshot_new" in script)  # the ledgers' migration


@pytest.fixture(scope="module")
def imported() -> Imported:
    path = SAMPLES / "scadenzario_gestionale.xlsx"
    return import_file(path.read_bytes(), path.name)


def _copy(imported: Imported, as_of: dt.date, name: str, without: str | None = None) -> Imported:
    """Another export (its own name and hash) as of `as_of`, without document `without`."""
    items = imported.items.filter(pl.col("doc_number") != without) if without else imported.items
    sha = f"{name}{as_of:%Y%m%d}".encode().hex().ljust(64, "0")[:64]
    report = dataclasses.replace(imported.report, file_name=name, sha256=sha, as_of=as_of)
    return dataclasses.replace(imported, items=items, report=report)


def _folders(workspace: Path) -> list[str]:
    """The snapshot folders (on PostgreSQL, where there are none: the snapshots' ids, as the folders would be)."""
    if not Store.open().folders:
        return [str(i) for i in sorted(Store.open().snapshots()["id"].to_list())]
    return sorted(p.name for p in (workspace / "snapshots").iterdir())


def test_each_snapshot_belongs_to_a_ledger(imported: Imported) -> None:
    store = Store.open()
    first = store.save_snapshot(imported, "ACME S.R.L.")
    store.save_snapshot(_copy(imported, AS_OF, "other.xlsx"), "Rossi")
    store.save_snapshot(_copy(imported, D(2026, 11, 13), "before.xlsx"), "  ACME   S.R.L. ")  # spaces tidied
    assert first.ledger == "ACME S.R.L." and not first.replaced
    assert store.snapshots("ACME S.R.L.")["file_name"].to_list() == ["scadenzario_gestionale.xlsx", "before.xlsx"]
    assert store.snapshots()["ledger"].to_list() == ["Rossi", "ACME S.R.L.", "ACME S.R.L."]  # newest first, ties by id
    assert store.latest("Rossi")["file_name"] == "other.xlsx"  # type: ignore[index]
    assert store.latest("Nobody") is None
    assert store.ledgers().rows() == [("ACME S.R.L.", 2, AS_OF, 3), ("Rossi", 1, AS_OF, 2)]
    observed = store.observations(AS_OF, "ACME S.R.L.").collect()
    assert observed["as_of"].unique().sort().to_list() == [D(2026, 11, 13), AS_OF]
    assert store.save_snapshot(imported).snapshot_id == 1  # the same file again, even for another ledger: a duplicate
    assert store.save_snapshot(imported).ledger == "ACME S.R.L."
    assert store.save_snapshot(_copy(imported, AS_OF, "third.xlsx")).ledger == DEFAULT_LEDGER


def test_the_same_date_in_the_same_ledger_is_refused_until_replaced(workspace: Path, imported: Imported) -> None:
    store = Store.open()
    store.save_snapshot(imported, "ACME")
    revision = store.revision()
    again = _copy(imported, AS_OF, "corrected.xlsx", without=imported.items["doc_number"][0])
    with pytest.raises(SameDate) as clash:
        store.save_snapshot(again, "ACME")
    assert clash.value.existing["id"] == 1 and clash.value.existing["file_name"] == "scadenzario_gestionale.xlsx"
    assert clash.value.existing["as_of"] == AS_OF and clash.value.existing["ledger"] == "ACME"
    assert store.revision() == revision and _folders(workspace) == ["1"]  # nothing written
    saved = store.save_snapshot(again, "ACME", replace=True)
    assert (saved.snapshot_id, saved.replaced) == (2, (1,))
    assert store.snapshots()["file_name"].to_list() == ["corrected.xlsx"]
    assert _folders(workspace) == ["2"]
    assert store.items(2).height == imported.items.height - 1


@pytest.mark.embedded_only
def test_a_replacement_failing_at_commit_keeps_the_old_snapshot(
    workspace: Path, imported: Imported, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open()
    store.save_snapshot(imported, "ACME")
    original = Path.rename
    moved: list[str] = []

    def rename_fails_on_the_new_folder(self: Path, target: Path) -> Path:
        moved.append(target.name)
        if target.name == "2":
            raise OSError("power cut")
        return original(self, target)

    monkeypatch.setattr(Path, "rename", rename_fails_on_the_new_folder)
    with pytest.raises(OSError, match="power cut"):
        store.save_snapshot(_copy(imported, AS_OF, "corrected.xlsx"), "ACME", replace=True)
    monkeypatch.undo()
    assert moved[0].startswith(".deleted-1-") and moved[1:] == ["2", "1"]  # aside, the new one fails, back
    assert store.snapshots()["id"].to_list() == [1]
    assert _folders(workspace) == ["1"]
    assert store.items(1).height == imported.items.height


def test_delete_removes_the_row_and_the_folder_and_keeps_the_log(workspace: Path, imported: Imported) -> None:
    store = Store.open()
    first = imported.items.row(0, named=True)
    store.save_snapshot(_copy(imported, D(2026, 11, 13), "before.xlsx"), "ACME")
    store.record("dispute", customer_id=first["customer_id"], doc_number=first["doc_number"], opened_on=AS_OF)
    store.record("action", customer_id=first["customer_id"], step="call_1", date=AS_OF)
    wrong = store.save_snapshot(_copy(imported, AS_OF, "wrong.xlsx", without=first["doc_number"]), "ACME")
    assert store.log().dispute["closed_reason"].to_list() == ["document_gone"]  # the wrong import closed it
    revision = store.revision()
    assert store.delete_snapshot(wrong.snapshot_id)
    assert store.revision() > revision
    assert store.snapshots()["file_name"].to_list() == ["before.xlsx"] and _folders(workspace) == ["1"]
    log = store.log()
    assert log.action.height == 1  # the action log stays
    assert log.dispute.select("closed_on", "closed_reason").rows() == [(None, None)]  # open again
    assert not store.delete_snapshot(wrong.snapshot_id)  # gone already
    # ids are never reused: the next snapshot is #3, not #2 again
    assert store.save_snapshot(_copy(imported, AS_OF, "right.xlsx"), "ACME").snapshot_id == 3


def test_a_delete_failing_before_commit_changes_nothing(
    workspace: Path, imported: Imported, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open()
    store.save_snapshot(imported, "ACME")
    revision = store.revision()

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("lib.store._bump", fail)
    monkeypatch.setattr("lib.store_pg._bump", fail)
    with pytest.raises(OSError, match="disk full"):
        store.delete_snapshot(1)
    monkeypatch.undo()
    assert store.snapshots()["id"].to_list() == [1] and _folders(workspace) == ["1"]
    assert store.revision() == revision


def test_a_snapshot_closes_only_the_disputes_of_its_own_ledger(imported: Imported) -> None:
    """Another company's file lists none of ACME's documents: it closes none of ACME's disputes."""
    store = Store.open()
    first = imported.items.row(0, named=True)
    store.save_snapshot(_copy(imported, D(2026, 11, 13), "acme.xlsx"), "ACME")
    store.record("dispute", customer_id=first["customer_id"], doc_number=first["doc_number"], opened_on=AS_OF)
    quickbooks = import_file((SAMPLES / "ar_aging_detail_quickbooks.xlsx").read_bytes(), "qb.xlsx")
    store.save_snapshot(quickbooks, "Bayside")
    assert store.log().dispute["closed_on"].to_list() == [None]
    store.save_snapshot(_copy(imported, AS_OF, "acme2.xlsx", without=first["doc_number"]), "ACME")
    assert store.log().dispute["closed_on"].to_list() == [AS_OF]


def test_corrections_are_kept_per_layout(imported: Imported) -> None:
    store = Store.open()
    revision = store.revision()
    store.save_layout("abc", {"mapping": {"due_date": "data documento"}, "ledger": "ACME"})
    assert store.layout("abc") == {"mapping": {"due_date": "data documento"}, "ledger": "ACME"}
    assert store.layout("other") is None and store.revision() > revision
    store.save_layout("abc", {"ledger": "Rossi"})
    assert store.layout("abc") == {"ledger": "Rossi"}
    store.save_layout("abc", None)
    assert store.layout("abc") is None


@pytest.mark.embedded_only
def test_a_workspace_from_before_ledgers_is_migrated(workspace: Path, imported: Imported) -> None:
    """Its snapshots go to the default ledger, keeping their ids; its closures stay closed."""
    workspace.mkdir(parents=True)
    (workspace / "snapshots" / "7").mkdir(parents=True)
    imported.items.write_parquet(workspace / "snapshots" / "7" / "items.parquet")
    row = imported.catalogue()
    with sqlite3.connect(workspace / DB_NAME) as conn:
        for number, script in enumerate(MIGRATIONS[:LEDGERS], start=1):
            conn.executescript(f"BEGIN; {script} PRAGMA user_version = {number}; COMMIT;")
        conn.execute(
            "INSERT INTO snapshot (id, as_of, file_name, sha256, imported_at, sheet, layout, items, customers,"
            " estimated_due_dates, totals, report) VALUES (7, ?, ?, ?, '2026-11-20T10:00:00', ?, ?, ?, ?, 0, ?, '{}')",
            (row["as_of"].isoformat(), row["file_name"], row["sha256"], row["sheet"], row["layout"], row["items"],
             row["customers"], json.dumps(row["totals"])),
        )  # fmt: skip
        conn.execute(
            "INSERT INTO dispute (customer_id, doc_number, opened_on, closed_on, closed_reason, created_at)"
            " VALUES ('C1', 'F1', '2026-11-01', '2026-11-13', 'document_gone', '2026-11-13T10:00:00')"
        )
    store = Store.open()
    with sqlite3.connect(workspace / DB_NAME) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert store.snapshots().select("id", "ledger", "as_of").rows() == [(7, DEFAULT_LEDGER, AS_OF)]
    assert store.items(7).height == imported.items.height
    assert store.log().dispute["closed_reason"].to_list() == ["document_gone"]
    assert store.layout("any") is None
    assert store.save_snapshot(_copy(imported, D(2026, 11, 27), "next.xlsx")).snapshot_id == 8
