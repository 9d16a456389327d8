"""lib/backup.py and `python -m lib backup/restore`: the whole workspace as one file and back;
a damaged, tampered or newer backup is refused in one sentence and changes nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from lib import backup
from lib.__main__ import main
from lib.ingest import Imported, import_file
from lib.migrations import MIGRATIONS
from lib.store import DB_NAME, Store
from lib.workspace import WorkspaceError
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def imported() -> Imported:
    path = SAMPLES / "scadenzario_gestionale.xlsx"
    return import_file(path.read_bytes(), path.name)


def _state(store: Store) -> tuple[object, ...]:
    log = store.log()
    items = [store.items(i) for i in store.snapshots()["id"]]
    return store.snapshots().drop("imported_at").rows(), log.note.rows(), store.settings(), items


def _filled(imported: Imported) -> Store:
    store = Store.open()
    store.save_snapshot(imported)
    store.record("note", customer_id="C1", date=dt.date(2026, 11, 20), text="called, will pay")
    store.save_setting("language", "en")
    return store


def test_a_backup_restores_the_workspace_as_it_was(workspace: Path, tmp_path: Path, imported: Imported) -> None:
    store = _filled(imported)
    before = _state(store)
    file = tmp_path / "backup.zip"
    manifest = backup.write(store.home, file)
    assert manifest["schema_version"] == len(MIGRATIONS) and manifest["snapshots"] == [1]
    revision = store.revision()
    store.delete_snapshot(1)
    store.record("note", customer_id="C2", date=dt.date(2026, 11, 21), text="after the backup")
    store.save_setting("language", None)
    backup.restore(store.home, file)
    after = _state(Store.open())
    assert after[:3] == before[:3]
    for restored, original in zip(after[3], before[3], strict=True):  # type: ignore[call-overload]
        assert_frame_equal(restored, original)
    assert store.revision() != revision  # the pages' caches see a new state
    assert not [p for p in workspace.parent.iterdir() if p.name.startswith(".workspace.")]  # no staging left


def test_a_backup_keeps_the_automatic_backups_and_restores_into_a_missing_folder(
    workspace: Path, tmp_path: Path, imported: Imported
) -> None:
    store = _filled(imported)
    (workspace / "backups").mkdir()
    (workspace / "backups" / "before-schema-6.zip").write_bytes(b"kept")
    file = tmp_path / "backup.zip"
    backup.write(store.home, file)
    backup.restore(store.home, file)
    assert (workspace / "backups" / "before-schema-6.zip").read_bytes() == b"kept"
    elsewhere = tmp_path / "elsewhere"
    backup.restore(elsewhere, file)
    assert Store.open(elsewhere).items(1).height == imported.items.height


def _tampered(file: Path, out: Path, change: str) -> Path:
    with zipfile.ZipFile(file) as source, zipfile.ZipFile(out, "w") as target:
        manifest = json.loads(source.read("manifest.json"))
        if change == "newer":
            manifest["schema_version"] = len(MIGRATIONS) + 1
        target.writestr("manifest.json", json.dumps(manifest))
        for name in source.namelist():
            data = source.read(name)
            if change == "file" and name.endswith("items.parquet"):
                data = data[:-10] + b"0123456789"
            if name != "manifest.json":
                target.writestr(name, data)
    return out


@pytest.mark.parametrize("change", ["truncated", "file", "newer", "not a zip"])
def test_a_bad_backup_is_refused_and_changes_nothing(
    workspace: Path, tmp_path: Path, imported: Imported, change: str
) -> None:
    store = _filled(imported)
    good = tmp_path / "good.zip"
    backup.write(store.home, good)
    store.record("note", customer_id="C2", date=dt.date(2026, 11, 21), text="after the backup")
    before = _state(store)
    bad = tmp_path / "bad.zip"
    if change == "truncated":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif change == "not a zip":
        bad.write_bytes(b"PK\x03\x04 nothing")
    else:
        _tampered(good, bad, change)
    with pytest.raises(WorkspaceError) as refused:
        backup.restore(store.home, bad)
    message = str(refused.value)
    assert "bad.zip" in message and "\n" not in message
    assert ("newer version" in message) == (change == "newer")
    assert _state(store)[:3] == before[:3]
    assert not [p for p in workspace.parent.iterdir() if p.name.startswith(".workspace.")]


def test_a_backup_written_to_a_stream_restores_too(tmp_path: Path, imported: Imported) -> None:
    store = _filled(imported)
    buffer = io.BytesIO()
    backup.write(store.home, buffer)
    target = tmp_path / "copy"
    backup.restore(target, io.BytesIO(buffer.getvalue()), name="upload.zip")
    assert Store.open(target).snapshots()["id"].to_list() == [1]


def test_an_older_backup_is_brought_up_to_date_on_restore(workspace: Path, tmp_path: Path) -> None:
    old = tmp_path / "old"
    old.mkdir()
    with sqlite3.connect(old / DB_NAME) as conn:
        for number, script in enumerate(MIGRATIONS[:5], start=1):
            conn.executescript(f"BEGIN; {script} PRAGMA user_version = {number}; COMMIT;")
    file = tmp_path / "old.zip"
    assert backup.write(old, file)["schema_version"] == 5
    backup.restore(workspace, file)
    with sqlite3.connect(workspace / DB_NAME) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert Store.open().snapshots().is_empty()


def test_the_cli_backs_up_and_restores(
    workspace: Path, tmp_path: Path, imported: Imported, capsys: pytest.CaptureFixture[str]
) -> None:
    store = _filled(imported)
    file = tmp_path / "cli.zip"
    assert main(["backup", str(file)]) == 0
    assert json.loads(capsys.readouterr().out)["snapshots"] == [1]
    store.delete_snapshot(1)
    (workspace / DB_NAME).write_bytes(b"damaged" * 1000)  # a damaged workspace can still be restored
    for suffix in ("-wal", "-shm"):
        (workspace / (DB_NAME + suffix)).unlink(missing_ok=True)
    assert main(["restore", str(file)]) == 0
    assert json.loads(capsys.readouterr().out)["snapshots"] == [1]
    assert store.items(1).height == imported.items.height
    (tmp_path / "bad.zip").write_bytes(b"nothing")
    assert main(["restore", str(tmp_path / "bad.zip")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "bad.zip" in err
    assert pl.read_parquet(workspace / "snapshots" / "1" / "items.parquet").height == imported.items.height


def test_a_read_only_workspace_is_backed_up_without_writing_to_it(
    workspace: Path, tmp_path: Path, imported: Imported, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled(imported)
    before = {p: p.stat().st_mtime_ns for p in workspace.rglob("*")}
    monkeypatch.setenv("SOLLECITO_READ_ONLY", "1")
    store = Store(workspace.resolve())
    manifest = backup.write(store.home, tmp_path / "ro.zip", read_only=store.read_only)
    assert manifest["snapshots"] == [1]
    assert {p: p.stat().st_mtime_ns for p in workspace.rglob("*")} == before
