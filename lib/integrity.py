"""What is wrong with a workspace, and the one repair offered: removing a damaged snapshot.

`check` lists problems (`Problem`: a code, the snapshot it concerns, the path): a catalogue row
whose folder or Parquet file is missing or cannot be read, a snapshot folder no catalogue row
names (kept: it may be what a restored backup lacks), and what SQLite's `integrity_check` says
(a store on PostgreSQL has no files: only the database is asked).
`unreadable` is the quick test the pages use (lib/book.py): a snapshot whose items file has no
readable footer is left out and named, the others are shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from lib import i18n, workspace
from lib.store import Store

FILES = ("items.parquet", "issues.parquet", "reconciliation.parquet")
REPAIRABLE = frozenset({"missing_folder", "missing_file", "damaged_file"})  # the snapshot can be removed


@dataclass(frozen=True)
class Problem:
    code: str  # missing_folder | missing_file | damaged_file | orphan_folder | database
    snapshot_id: int | None
    path: str
    detail: str = ""

    @property
    def repairable(self) -> bool:
        return self.code in REPAIRABLE

    def words(self, lang: str) -> str:
        """The problem in one sentence in `lang`."""
        return i18n.t(f"check.{self.code}", lang, id=self.snapshot_id, path=self.path, detail=self.detail)

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "snapshot_id": self.snapshot_id, "path": self.path, "detail": self.detail}


def check(store: Store) -> list[Problem]:
    """Every problem of the workspace, the database's first; reads every Parquet file whole."""
    where = str(store.home / workspace.DB_NAME) if store.folders else store.where
    problems = [Problem("database", None, where, line) for line in store.integrity()]
    if not store.folders:  # PostgreSQL: the items are rows of the database
        return problems
    snapshots = store.home / "snapshots"
    ids = sorted(store.snapshots()["id"].to_list())
    for snapshot_id in ids:
        folder = snapshots / str(snapshot_id)
        if not folder.is_dir():
            problems.append(Problem("missing_folder", snapshot_id, str(folder)))
            continue
        for name in FILES:
            problem = _file_problem(snapshot_id, folder / name)
            if problem is not None:
                problems.append(problem)
                break
    on_disk = workspace.folder_ids(snapshots) if snapshots.is_dir() else []
    problems += [Problem("orphan_folder", i, str(snapshots / str(i))) for i in on_disk if i not in set(ids)]
    return problems


def _file_problem(snapshot_id: int, path: Path) -> Problem | None:
    if not path.is_file():
        return Problem("missing_file", snapshot_id, str(path))
    try:
        pl.read_parquet(path)
    except Exception as error:
        return Problem("damaged_file", snapshot_id, str(path), type(error).__name__)
    return None


def unreadable(store: Store, ids: Iterable[int]) -> set[int]:
    """The snapshots among `ids` whose items file is missing or has no readable footer (quick)."""
    bad: set[int] = set()
    if not store.folders:
        return bad
    for snapshot_id in ids:
        try:
            pl.read_parquet_schema(store.home / "snapshots" / str(snapshot_id) / "items.parquet")
        except Exception:
            bad.add(int(snapshot_id))
    return bad


def repair(store: Store, problems: Iterable[Problem]) -> list[int]:
    """Remove the snapshots the problems make unusable (their rows and whatever is left of their
    folders; the action log stays). Returns the ids removed."""
    ids = sorted({p.snapshot_id for p in problems if p.repairable and p.snapshot_id is not None})
    return [snapshot_id for snapshot_id in ids if store.delete_snapshot(snapshot_id)]
