"""lib/workspace.py on its own: ids, placing a folder, the sweep, the lock, the errors' words."""

from __future__ import annotations

import pickle
import threading
from pathlib import Path

import pytest

from lib import workspace
from lib.workspace import ReadOnly, WorkspaceError


def test_next_id_is_above_the_catalogue_and_every_folder(tmp_path: Path) -> None:
    for name in ("3", "12", ".staging-x", "notes"):
        (tmp_path / name).mkdir()
    assert workspace.next_id(tmp_path, 5) == 13
    assert workspace.next_id(tmp_path, 40) == 41
    assert workspace.folder_ids(tmp_path) == [3, 12]


def test_place_never_replaces_a_folder(tmp_path: Path) -> None:
    staged = workspace.staging(tmp_path)
    (staged / "items.parquet").write_bytes(b"new")
    final = tmp_path / "1"
    final.mkdir()  # even an empty one: it is not this save's
    with pytest.raises(WorkspaceError, match="already exists"):
        workspace.place(staged, final)
    assert staged.is_dir() and not list(final.iterdir())
    final.rmdir()
    workspace.place(staged, final)
    assert (final / "items.parquet").read_bytes() == b"new"


def test_staging_folders_are_unique_and_swept(tmp_path: Path) -> None:
    staged = {workspace.staging(tmp_path) for _ in range(5)}
    assert len(staged) == 5
    (tmp_path / "7").mkdir()
    moved = workspace.discard([tmp_path / "7"])
    assert len(workspace.sweep(tmp_path)) == 6 and not moved[0][1].exists()
    assert [p.name for p in tmp_path.iterdir()] == []


def test_discard_then_settle_puts_back_or_removes(tmp_path: Path) -> None:
    (tmp_path / "1").mkdir()
    moves = workspace.discard([tmp_path / "1", tmp_path / "2"])
    assert len(moves) == 1 and not (tmp_path / "1").exists()
    workspace.settle(moves, keep=True)
    assert (tmp_path / "1").is_dir()
    workspace.settle(workspace.discard([tmp_path / "1"]), keep=False)
    assert list(tmp_path.iterdir()) == []


def test_an_exclusive_lock_waits_for_the_shared_ones(tmp_path: Path) -> None:
    order: list[str] = []
    shared_held, exclusive_tried = threading.Event(), threading.Event()

    def exclusive() -> None:
        shared_held.wait()
        exclusive_tried.set()
        with workspace.lock(tmp_path, exclusive=True):
            order.append("exclusive")

    thread = threading.Thread(target=exclusive)
    thread.start()
    with workspace.lock(tmp_path, exclusive=False), workspace.lock(tmp_path, exclusive=False):
        shared_held.set()
        exclusive_tried.wait()
        thread.join(timeout=0.2)  # it cannot get in while the shared locks are held
        order.append("shared released")
    thread.join()
    assert order == ["shared released", "exclusive"]


def test_errors_are_one_sentence_in_either_language_and_survive_pickling() -> None:
    error = ReadOnly(home="/data/ws")
    assert str(error) == "The workspace /data/ws is open read-only: nothing can be saved."
    assert error.words("it").startswith("L'area di lavoro /data/ws")
    again = pickle.loads(pickle.dumps(error))
    assert isinstance(again, ReadOnly) and str(again) == str(error)


def test_read_only_when_asked_or_not_writable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not workspace.is_read_only(tmp_path)
    monkeypatch.setenv(workspace.READ_ONLY, "1")
    assert workspace.is_read_only(tmp_path)
    monkeypatch.delenv(workspace.READ_ONLY)
    monkeypatch.setattr(workspace.os, "access", lambda path, mode: False)
    assert workspace.is_read_only(tmp_path)


def test_a_damaged_database_names_the_newest_backup(tmp_path: Path) -> None:
    assert "python -m lib restore FILE" in str(workspace.damaged_database(tmp_path))
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "before-schema-6.zip").write_bytes(b"x")
    assert "before-schema-6.zip" in str(workspace.damaged_database(tmp_path))
