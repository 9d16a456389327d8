"""The workspace folder kept safe on disk: its lock, staging folders, fsync, leftovers swept, ids
that are never reused, and the errors that say in one sentence what is wrong with it.

One lock file (`.lock`, flock) orders what must not overlap across processes: opening a workspace
(sweeping leftovers, backing up and migrating) holds it exclusively, a snapshot being saved holds it
shared from its staging folder to its COMMIT, so a sweep never removes a save in progress and eight
processes opening a new workspace migrate it once. A workspace the process cannot write (or
`SOLLECITO_READ_ONLY=1`) is opened read-only: nothing on disk changes, writes are refused.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lib import i18n

DB_NAME = "sollecito.db"
LOCK_NAME = ".lock"
BACKUPS = "backups"  # automatic backups taken before a migration (lib/backup.py)
READ_ONLY = "SOLLECITO_READ_ONLY"


class WorkspaceError(OSError):
    """The workspace cannot be used as asked; `str()` is one English sentence, `words(lang)` the
    user's (lib/i18n/ui_workspace.py, `workspace.<code>`)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(i18n.t(f"workspace.{code}", "en", **params))
        self.code = code
        self.params = params

    def words(self, lang: str) -> str:
        return i18n.t(f"workspace.{self.code}", lang, **self.params)

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuilt, (type(self), self.code, self.params)


class ReadOnly(WorkspaceError):
    """A write asked of a workspace opened read-only."""

    def __init__(self, code: str = "read_only", **params: object) -> None:
        super().__init__(code, **params)


def _rebuilt(kind: type[WorkspaceError], code: str, params: dict[str, object]) -> WorkspaceError:
    return kind(code, **params)


def is_read_only(home: Path) -> bool:
    """Asked for (`SOLLECITO_READ_ONLY`), or the folder or its database cannot be written."""
    if os.environ.get(READ_ONLY, "").strip().lower() in ("1", "true", "yes"):
        return True
    db = home / DB_NAME
    return (home.exists() and not os.access(home, os.W_OK)) or (db.exists() and not os.access(db, os.W_OK))


@contextmanager
def lock(home: Path, *, exclusive: bool) -> Iterator[None]:
    """The workspace lock across processes (and threads: each holder opens the file itself)."""
    fd = os.open(home / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def staging(parent: Path) -> Path:
    """A new folder of its own for one save's files (never shared with another save)."""
    return Path(tempfile.mkdtemp(prefix=".staging-", dir=parent))


def sync_folder(folder: Path) -> None:
    """fsync the files directly in `folder`, then the folder itself (its entries: names, renames)."""
    for path in folder.iterdir():
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sweep(snapshots: Path) -> list[str]:
    """Remove what a crash left: staging folders and folders moved aside for deletion. Only under
    the exclusive lock (no save is in progress). Returns the names removed."""
    found = [p for p in snapshots.iterdir() if p.is_dir() and p.name.startswith((".staging-", ".deleted-"))]
    for path in found:
        shutil.rmtree(path, ignore_errors=True)
    return sorted(p.name for p in found)


# Written into a staged snapshot and removed once its catalogue row is committed: a numbered folder
# that still holds it was placed by a save killed before its COMMIT (or just after it).
PENDING = ".pending"


def sweep_pending(snapshots: Path, catalogued: set[int]) -> list[int]:
    """Settle the saves a crash cut between placing the folder and removing its marker: a folder the
    catalogue names keeps its files (the COMMIT happened); one it does not name is removed. A folder
    without the marker is never touched (a catalogue restored from an older copy may miss it).
    Only under the exclusive lock. Returns the ids of the folders removed."""
    removed = []
    for snapshot_id in folder_ids(snapshots):
        marker = snapshots / str(snapshot_id) / PENDING
        if not marker.exists():
            continue
        if snapshot_id in catalogued:
            marker.unlink(missing_ok=True)
        else:
            shutil.rmtree(marker.parent, ignore_errors=True)
            removed.append(snapshot_id)
    return removed


def folder_ids(snapshots: Path) -> list[int]:
    """The snapshot folders on disk, by id (whatever the catalogue says)."""
    return sorted(int(p.name) for p in snapshots.iterdir() if p.name.isdigit() and p.is_dir())


def next_id(snapshots: Path, after: int) -> int:
    """The id of a new snapshot: above `after` (the catalogue's highest ever) and above every folder
    on disk, so a catalogue restored from an older copy or emptied never reuses one."""
    return max([after, *folder_ids(snapshots)]) + 1


def place(staging_folder: Path, final: Path) -> None:
    """Move a staged snapshot into its folder; never over one that exists (it is not ours)."""
    if final.exists():
        raise WorkspaceError("folder_exists", folder=str(final))
    staging_folder.rename(final)


def discard(folders: Sequence[Path]) -> list[tuple[Path, Path]]:
    """Move folders aside, to be put back or removed once the transaction ends (`settle`)."""
    moves = []
    for folder in folders:
        if folder.exists():
            aside = Path(tempfile.mkdtemp(prefix=f".deleted-{folder.name}-", dir=folder.parent))
            aside.rmdir()
            folder.rename(aside)
            moves.append((folder, aside))
    return moves


def settle(moves: list[tuple[Path, Path]], keep: bool) -> None:
    """Folders moved aside (`discard`): put back (`keep`: the write failed before COMMIT), or removed."""
    for folder, aside in moves:
        if not keep:
            shutil.rmtree(aside, ignore_errors=True)
        elif aside.exists() and not folder.exists():
            aside.rename(folder)


def newest_backup(home: Path) -> Path | None:
    """The newest automatic backup in the workspace's `backups` folder, if any."""
    found = sorted((home / BACKUPS).glob("*.zip"), key=lambda p: p.stat().st_mtime_ns)
    return found[-1] if found else None


def damaged_database(home: Path) -> WorkspaceError:
    """The one sentence for a catalogue SQLite cannot read: the file, and the backup to restore."""
    backup = newest_backup(home)
    if backup is None:
        return WorkspaceError("damaged_db", file=str(home / DB_NAME))
    return WorkspaceError("damaged_db_backup", file=str(home / DB_NAME), backup=str(backup))
