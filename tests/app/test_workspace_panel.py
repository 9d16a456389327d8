"""AppTest of the workspace kept safe: the Settings page's Data tab (check, remove a damaged
snapshot, backup), pages with a damaged snapshot, a damaged or read-only workspace, and four
sessions pressing "Load sample data" at once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import backup
from lib import store as store_module
from lib.ingest import import_file
from lib.store import DB_NAME, Store
from tests.app.test_pages import start
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "scadenzario_gestionale.xlsx"


def _two_snapshots(workspace: Path) -> Store:
    """The sample and, a week before it, the same books as another file; the older one damaged."""
    store = Store.open(workspace)
    imported = import_file(SAMPLE.read_bytes(), SAMPLE.name)
    report = dataclasses.replace(
        imported.report, sha256="0" * 64, file_name="week_before.xlsx", as_of=dt.date(2026, 11, 13)
    )
    store.save_snapshot(dataclasses.replace(imported, report=report))
    store.save_snapshot(imported)
    items = workspace / "snapshots" / "1" / "items.parquet"
    items.write_bytes(items.read_bytes()[:100])
    return store


def test_the_data_tab_finds_a_damaged_snapshot_and_removes_it(workspace: Path) -> None:
    store = _two_snapshots(workspace)
    at = start()
    at.switch_page("views/settings.py").run()
    assert not at.exception
    assert any("The workspace is in" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "Check").click().run()
    assert next(w.value for w in at.warning if "damaged" in w.value).startswith("The file ")
    next(b for b in at.button if b.label == "Remove snapshot #1").click().run()
    assert not at.exception
    assert "Snapshot #1 removed." in [s.value for s in at.success]
    assert store.snapshots()["id"].to_list() == [2]
    assert "Nothing is wrong." in [s.value for s in at.success]


def test_pages_show_the_rest_and_name_the_damaged_snapshot(workspace: Path) -> None:
    _two_snapshots(workspace)
    at = start()
    for page in ("views/portfolio.py", "views/weekly.py"):
        at.switch_page(page).run()
        assert not at.exception
        assert any("#1 week_before.xlsx" in w.value for w in at.warning), page


def test_a_damaged_database_is_one_sentence_not_a_traceback(workspace: Path) -> None:
    workspace.mkdir()
    (workspace / DB_NAME).write_bytes(b"not a database" * 400)
    at = start()
    assert not at.exception
    assert len(at.error) == 1 and "is damaged and cannot be read" in at.error[0].value


def test_a_read_only_workspace_is_viewed_and_refuses_writes(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store.open(workspace).save_snapshot(import_file(SAMPLE.read_bytes(), SAMPLE.name))
    monkeypatch.setenv("SOLLECITO_READ_ONLY", "1")
    monkeypatch.setattr(store_module, "_OPENED", {})  # the app opens it afresh, read-only
    at = start()
    assert any("Open read-only" in i.value for i in at.info)
    at.switch_page("views/portfolio.py").run()
    assert not at.exception and at.metric
    at.switch_page("views/start.py").run()
    at.button[0].click().run()  # Load sample data
    assert not at.exception
    assert any("is open read" in e.value for e in at.error)  # one sentence, not the error page


def test_four_sessions_loading_the_sample_at_once_all_see_it_saved(workspace: Path) -> None:
    sessions = [start() for _ in range(4)]
    ready = threading.Barrier(4)
    failures: list[str] = []

    def press(at: AppTest) -> None:
        at.button[0].click()
        ready.wait()
        at.run()
        if at.exception or at.error:
            failures.append(str([*at.exception, *at.error]))

    threads = [threading.Thread(target=press, args=(at,)) for at in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    # the sample's eight weeks, saved once whoever came first: each session names the newest
    assert all(at.success and "snapshot #8" in at.success[0].value for at in sessions)
    assert Store.open(workspace).snapshots()["id"].to_list() == list(range(8, 0, -1))


def test_a_backup_uploaded_in_the_data_tab_restores_the_workspace(workspace: Path, tmp_path: Path) -> None:
    store = Store.open(workspace)
    store.save_snapshot(import_file(SAMPLE.read_bytes(), SAMPLE.name))
    buffer = io.BytesIO()
    backup.write(workspace, buffer)
    store.delete_snapshot(1)
    at = start()
    at.switch_page("views/settings.py").run()
    at.file_uploader(key="restore-upload").upload("bad.zip", b"not a backup").run()
    next(b for b in at.button if b.label == "Restore this backup").click().run()
    assert not at.exception
    assert any("bad.zip is not a whole Sollecito backup" in e.value for e in at.error)
    assert store.snapshots().is_empty()
    at.file_uploader(key="restore-upload").upload("good.zip", buffer.getvalue()).run()
    next(b for b in at.button if b.label == "Restore this backup").click().run()
    assert not at.exception
    assert "Backup restored: 1 snapshots." in [s.value for s in at.success]
    assert store.snapshots()["id"].to_list() == [1]
