"""lib/integrity.py, `python -m lib check`, and the pages' read path (lib/book.py) with a damaged
snapshot: named and left out, the rest shown."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from lib import integrity
from lib.__main__ import main
from lib.book import read_book
from lib.ingest import Imported, import_file
from lib.store import DB_NAME, Store
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def imported() -> Imported:
    path = SAMPLES / "scadenzario_gestionale.xlsx"
    return import_file(path.read_bytes(), path.name)


def _week_before(imported: Imported) -> Imported:
    report = dataclasses.replace(
        imported.report, sha256="0" * 64, file_name="week_before.xlsx", as_of=imported.report.as_of - dt.timedelta(7)
    )
    return dataclasses.replace(imported, report=report)


def _damage(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:200])


def test_a_sound_workspace_has_no_problem(imported: Imported) -> None:
    store = Store.open()
    store.save_snapshot(imported)
    assert integrity.check(store) == []


def test_every_kind_of_damage_is_listed(workspace: Path, imported: Imported) -> None:
    store = Store.open()
    for n in range(3):
        report = dataclasses.replace(imported.report, sha256=str(n) * 64, file_name=f"f{n}.xlsx")
        store.save_snapshot(dataclasses.replace(imported, report=report), f"L{n}")
    _damage(workspace / "snapshots" / "1" / "items.parquet")
    (workspace / "snapshots" / "2" / "issues.parquet").unlink()
    shutil.rmtree(workspace / "snapshots" / "3")
    (workspace / "snapshots" / "9").mkdir()
    found = [(p.code, p.snapshot_id) for p in integrity.check(store)]
    assert found == [("damaged_file", 1), ("missing_file", 2), ("missing_folder", 3), ("orphan_folder", 9)]
    words = [p.words("en") for p in integrity.check(store)]
    assert "items.parquet" in words[0] and "#1" in words[0]
    assert [p.words("it") for p in integrity.check(store)][3].startswith("La cartella")


def test_repair_removes_the_damaged_snapshots_only(workspace: Path, imported: Imported) -> None:
    store = Store.open()
    store.save_snapshot(_week_before(imported))
    store.save_snapshot(imported)
    _damage(workspace / "snapshots" / "1" / "items.parquet")
    (workspace / "snapshots" / "7").mkdir()  # not the catalogue's: kept
    assert integrity.repair(store, integrity.check(store)) == [1]
    assert store.snapshots()["id"].to_list() == [2]
    assert [p.code for p in integrity.check(store)] == ["orphan_folder"]
    assert (workspace / "snapshots" / "7").is_dir()


def test_a_damaged_snapshot_is_left_out_of_the_book_by_name(workspace: Path, imported: Imported) -> None:
    store = Store.open()
    store.save_snapshot(_week_before(imported))
    store.save_snapshot(imported)
    _damage(workspace / "snapshots" / "1" / "items.parquet")
    book = read_book(store)
    assert book is not None and book.snapshot["id"] == 2 and book.previous is None
    assert book.left_out == ("#1 week_before.xlsx",)
    assert book.trend["as_of"].unique().to_list() == [imported.report.as_of]
    _damage(workspace / "snapshots" / "2" / "items.parquet")  # the newest too: nothing left to show
    assert read_book(store) is None


def test_the_check_command_lists_and_repairs(
    workspace: Path, imported: Imported, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open()
    store.save_snapshot(imported)
    assert main(["check"]) == 0
    assert json.loads(capsys.readouterr().out) == {"ok": True, "problems": [], "removed": []}
    _damage(workspace / "snapshots" / "1" / "reconciliation.parquet")
    assert main(["check"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [(p["code"], p["snapshot_id"]) for p in problems] == [("damaged_file", 1)]
    assert main(["check", "--repair"]) == 0
    assert json.loads(capsys.readouterr().out)["removed"] == [1]
    assert store.snapshots().is_empty()


def test_a_damaged_database_is_one_line_and_exit_2(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workspace.mkdir()
    (workspace / DB_NAME).write_bytes(b"not sqlite at all" * 300)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(workspace.resolve() / DB_NAME) in err and "restore" in err


def test_unreadable_is_quick_and_finds_missing_and_truncated(workspace: Path, imported: Imported) -> None:
    store = Store.open()
    store.save_snapshot(imported)
    assert integrity.unreadable(store, [1]) == set()
    _damage(workspace / "snapshots" / "1" / "items.parquet")
    assert integrity.unreadable(store, [1, 5]) == {1, 5}
    assert pl.read_parquet(workspace / "snapshots" / "1" / "issues.parquet").height >= 0
