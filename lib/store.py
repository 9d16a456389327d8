"""Persistence: snapshots in a workspace folder (SQLite for the catalogue, Parquet for the rows).

Layout of a workspace (default `./workspace`, or `$SOLLECITO_HOME`):

    sollecito.db                 SQLite, WAL mode, schema versioned by PRAGMA user_version
    snapshots/<id>/items.parquet the open items of snapshot <id> (canonical schema)
    snapshots/<id>/issues.parquet, reconciliation.parquet   its import report's tables

Why Parquet for the rows: `make bench` measured writing 490k open items in 0.08 s to Parquet
(5.6 MB) against 1.84 s with `executemany` into SQLite (68.8 MB), and reading back is one call
into a typed frame. The catalogue row and the folder are made in one transaction: the
folder is written under a staging name of its own, synced, and renamed into place just before
COMMIT, so a failed import leaves neither a row nor a folder behind (and never removes a folder it
did not make). The disputes the new snapshot closes (the rule is `actionlog.closed_by_snapshot`)
are closed in that same transaction. The workspace's lock, leftovers, ids and read-only mode are
in lib/workspace.py.

Each snapshot belongs to a ledger (lib/ledgers.py). A second snapshot of the same ledger and date
is refused (`SameDate`) unless the caller replaces it; replacing or deleting moves the old folder
aside in the same transaction and removes it after COMMIT (a failure puts it back), and opens again
the disputes that snapshot had closed. The schema and its migrations are in lib/migrations.py.

Every write bumps the `revision` counter in its own transaction, so `Store.revision()` (the pages'
cache key) changes exactly when something was written, whatever the clock says. `Store.open`
gives one instance per workspace folder for the process, migrated once; a folder deleted while
the process runs is made again on the next `open`. Each operation opens its own connection.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from lib import actionlog, backup, db, history_cache, trend_cache, workspace
from lib import catalogue as sql
from lib.corrections import Refused
from lib.db import Connection
from lib.ingest import Imported
from lib.item_files import read_items, write_items
from lib.ledgers import DEFAULT_LEDGER
from lib.migrations import MIGRATIONS, SNAPSHOT_COLUMNS, migrate
from lib.schema import OPEN_ITEM, conform
from lib.store_records import Records, _bump, _stamp
from lib.workspace import DB_NAME, ReadOnly, WorkspaceError

__all__ = [
    "DB_NAME",
    "MIGRATIONS",
    "SNAPSHOT_COLUMNS",
    "ReadOnly",
    "Refused",
    "SameDate",
    "Saved",
    "Store",
    "WorkspaceError",
]


@dataclass(frozen=True)
class Saved:
    snapshot_id: int
    duplicate: bool  # the same file was already stored: nothing new was written
    imported_at: str
    ledger: str = DEFAULT_LEDGER  # the ledger the snapshot is in (a duplicate's own)
    replaced: tuple[int, ...] = ()  # the snapshots of the same ledger and date it replaced


class SameDate(Exception):
    """The ledger already has a snapshot as of the same date: replace it (`replace=True`) or not.

    `existing` is that snapshot's catalogue row (id, ledger, as_of, file_name, imported_at, …).
    """

    def __init__(self, existing: dict[str, Any]) -> None:
        super().__init__(
            f"ledger {existing['ledger']!r} already has snapshot {existing['id']} as of {existing['as_of']}"
            f" ({existing['file_name']})"
        )
        self.existing = existing


class Store(Records):
    """A workspace folder. Opens one SQLite connection per operation (safe across threads)."""

    folders = True  # the snapshots are folders of files (lib/integrity.py checks them)

    @property
    def location(self) -> str:
        """What `Store.open` takes to give this store again (a folder here, a URL on PostgreSQL)."""
        return str(self.home)

    @property
    def where(self) -> str:
        """Where the workspace is, as the user may read it."""
        return str(self.home)

    def __init__(self, home: Path, *, read_only: bool | None = None) -> None:
        self.home = home
        self._db = (home / DB_NAME).absolute()
        self.read_only = workspace.is_read_only(home) if read_only is None else read_only
        self._initialise()

    def _initialise(self) -> None:
        """Make the folder and the database if missing, sweep what a crash left and bring the schema
        up to date, backing the workspace up first (lib/backup.py), under the exclusive lock. A
        read-only workspace is only checked: its schema must be the one this version writes."""
        if self.read_only:
            self._check(self._version(self._uri()))
            return
        self.home.mkdir(parents=True, exist_ok=True)
        (self.home / "snapshots").mkdir(exist_ok=True)
        with workspace.lock(self.home, exclusive=True):
            workspace.sweep(self.home / "snapshots")
            if not self._db.exists():  # a journal left by a deleted database must not replay into a new one
                for suffix in ("-wal", "-shm"):
                    self._db.with_name(DB_NAME + suffix).unlink(missing_ok=True)
            version = self._version(str(self._db))
            self._check(version, migrating=True)
            if 0 < version < len(MIGRATIONS):
                backup.before_migration(self.home, len(MIGRATIONS))
            try:
                with closing(sqlite3.connect(self._db, timeout=30)) as conn:
                    conn.execute("PRAGMA journal_mode=WAL")
                    migrate(conn)
                    catalogued = {int(row[0]) for row in conn.execute("SELECT id FROM snapshot")}
            except sqlite3.DatabaseError as error:
                raise self._damaged(error) from error
            workspace.sweep_pending(self.home / "snapshots", catalogued)

    def _version(self, uri: str) -> int:
        """The database's schema version (PRAGMA user_version); a damaged file is a WorkspaceError."""
        if self.read_only and not self._db.exists():
            raise WorkspaceError("read_only_missing", file=str(self._db))
        try:
            with closing(sqlite3.connect(uri, uri=uri.startswith("file:"), timeout=30)) as conn:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return int(conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as error:
            raise self._damaged(error) from error

    def _check(self, version: int, migrating: bool = False) -> None:
        if version > len(MIGRATIONS):
            raise WorkspaceError("newer_schema", file=str(self._db), version=version, known=len(MIGRATIONS))
        if not migrating and version < len(MIGRATIONS):
            raise WorkspaceError("read_only_old", file=str(self._db))

    def _damaged(self, error: sqlite3.DatabaseError) -> sqlite3.DatabaseError | WorkspaceError:
        """A damaged file (not locked, not a constraint) becomes the one sentence naming it and its backup."""
        return workspace.damaged_database(self.home) if type(error) is sqlite3.DatabaseError else error

    @classmethod
    def open(cls, home: str | os.PathLike[str] | None = None) -> Store:
        """The workspace at `home` (a folder, or a PostgreSQL URL: lib/store_pg.py), else
        $SOLLECITO_DATABASE_URL, else $SOLLECITO_HOME, else ./workspace: one instance per folder or
        database for the process, migrated once (a folder made again if its database was deleted since)."""
        where = home or db.database_url()
        if db.is_url(where):
            from lib.store_pg import PgStore

            with _OPENING:
                found = _OPENED.get(str(where))
                if found is None:
                    found = _OPENED[str(where)] = PgStore(str(where))
                return found
        path = Path(where or os.environ.get("SOLLECITO_HOME") or "workspace").resolve()
        with _OPENING:
            store = _OPENED.get(path)
            if store is None:
                store = cls(path)
                _OPENED[path] = store
            elif not store._db.exists() and not store.read_only:
                store._initialise()
            return store

    def _uri(self) -> str:
        """Read-only: the file as it is (immutable: no journal made), unless a journal waits to be read."""
        if not self.read_only:
            return f"{self._db.as_uri()}?mode=rw"
        journal = self._db.with_name(DB_NAME + "-wal")
        return f"{self._db.as_uri()}?mode=ro" if journal.exists() else f"{self._db.as_uri()}?immutable=1"

    @contextmanager
    def _connect(self, write: bool = True) -> Iterator[Connection]:
        # mode=rw: an operation never makes an empty database where a deleted one was (`open` does)
        if write and self.read_only:
            raise ReadOnly(home=str(self.home))
        try:
            with closing(sqlite3.connect(self._uri(), uri=True, timeout=10)) as conn:
                conn.execute("PRAGMA foreign_keys=ON")
                yield conn
        except sqlite3.DatabaseError as error:
            raise self._damaged(error) from error

    def save_snapshot(self, imported: Imported, ledger: str = DEFAULT_LEDGER, *, replace: bool = False) -> Saved:
        """Store an import as a snapshot of `ledger`, atomically; the same file twice is recognised.

        A snapshot of the same ledger and as-of date is replaced only when `replace` is given;
        otherwise `SameDate` is raised and nothing is written. The files are written to a staging
        folder of this save's own and synced; one transaction then writes the catalogue row
        (`Imported.catalogue`) under an id never used before (lib/workspace.py `next_id`), removes
        what it replaces (its disputes closed as gone open again), closes the disputes the snapshot
        closes (`actionlog.closed_by_snapshot`, against the ledger's snapshot before it) and bumps the
        revision; the folders move, and are synced, just before COMMIT. A failure removes only the
        folders this save made.
        """
        row = imported.catalogue()  # raises without an as-of date
        report = imported.report
        ledger = " ".join(ledger.split()) or DEFAULT_LEDGER
        snapshots = self.home / "snapshots"
        with self._connect() as conn, workspace.lock(self.home, exclusive=False):
            if duplicate := _duplicate(conn, report.sha256):
                return duplicate
            if not replace and (same := sql.same_date(conn, ledger, row["as_of"])):
                raise SameDate(same[0])
            imported_at = _stamp()
            staging = workspace.staging(snapshots)
            made: Path | None = None  # the snapshot folder this save made (the only one it may remove)
            trash: list[tuple[Path, Path]] = []
            try:
                write_items(imported.items, staging / "items.parquet")
                report.issues.write_parquet(staging / "issues.parquet")
                report.reconciliation.write_parquet(staging / "reconciliation.parquet")
                (staging / workspace.PENDING).touch()  # until the COMMIT (workspace.sweep_pending)
                workspace.sync_folder(staging)
                conn.execute("BEGIN IMMEDIATE")
                if duplicate := _duplicate(conn, report.sha256):  # saved meanwhile (another tab, another process)
                    conn.rollback()
                    shutil.rmtree(staging, ignore_errors=True)
                    return duplicate
                snapshot_id = workspace.next_id(snapshots, _highest_id(conn))
                snapshot_id, replaced = self._catalogue(conn, imported, ledger, imported_at, replace, snapshot_id)
                trash = workspace.discard([self._folder(i) for i in replaced])
                final = self._folder(snapshot_id)
                if final.exists():
                    raise workspace.WorkspaceError("folder_exists", folder=str(final))
                made = final  # from here, a folder at `final` can only be this save's
                workspace.place(staging, final)
                workspace.sync_folder(snapshots)
                conn.commit()
            except BaseException:
                conn.rollback()
                shutil.rmtree(staging, ignore_errors=True)
                if made is not None:
                    shutil.rmtree(made, ignore_errors=True)
                workspace.settle(trash, keep=True)
                raise
        (final / workspace.PENDING).unlink(missing_ok=True)
        workspace.settle(trash, keep=False)
        self._saved(ledger, replaced)
        return Saved(snapshot_id, duplicate=False, imported_at=imported_at, ledger=ledger, replaced=replaced)

    def delete_snapshot(self, snapshot_id: int) -> bool:
        """Delete a snapshot, its row and its folder in one step; False when there is no such
        snapshot. The action log stays; the disputes it closed as gone open again."""
        ids = (int(snapshot_id),)
        trash: list[tuple[Path, Path]] = []
        with self._connect() as conn, workspace.lock(self.home, exclusive=False):  # no sweep meanwhile
            conn.execute("BEGIN IMMEDIATE")
            ledger = conn.execute("SELECT ledger FROM snapshot WHERE id = ?", ids).fetchone()
            found = ledger is not None
            try:
                if found:
                    sql.remove(conn, ids)
                    _bump(conn)
                    trash = workspace.discard([self._folder(i) for i in ids])
                conn.commit()
            except BaseException:
                conn.rollback()
                workspace.settle(trash, keep=True)
                raise
        workspace.settle(trash, keep=False)
        if ledger is not None:
            self._deleted(ledger[0], ids)
        return found

    def _catalogue(
        self,
        conn: Connection,
        imported: Imported,
        ledger: str,
        imported_at: str,
        replace: bool,
        snapshot_id: int | None,
    ) -> tuple[int, tuple[int, ...]]:
        """Inside the caller's BEGIN IMMEDIATE: the same-date check (again, now that no one else
        writes), the snapshots replaced removed, the catalogue row written (under `snapshot_id`, or
        the one the database gives), the disputes it closes closed and the revision bumped; returns
        (its id, the ids replaced)."""
        row = imported.catalogue()
        same = sql.same_date(conn, ledger, row["as_of"])
        if same and not replace:
            raise SameDate(same[0])
        replaced = tuple(int(r["id"]) for r in same)
        sql.remove(conn, replaced)
        newest, before = self._before(conn, ledger, row["as_of"])
        disputes = sql.table(conn, "dispute")
        closures = actionlog.closed_by_snapshot(disputes, imported.items.lazy(), row["as_of"], newest, before)
        values = {"id": snapshot_id, **row, "ledger": ledger, "imported_at": imported_at}
        if snapshot_id is None:
            del values["id"]
        snapshot_id = conn.execute(
            f"INSERT INTO snapshot ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
            tuple(sql.cell(value) for value in values.values()),
        ).lastrowid
        assert snapshot_id is not None
        sql.close_disputes(conn, closures, snapshot_id)
        _bump(conn)
        return snapshot_id, replaced

    def _saved(self, ledger: str, replaced: Sequence[int]) -> None:
        """What is derived from the snapshots, after a save (on either backend): the payment history
        gains the new snapshot's differences, the trends of the snapshots it replaced go."""
        trend_cache.forget(self, replaced)
        history_cache.refresh(self, ledger)

    def _deleted(self, ledger: str, ids: Sequence[int]) -> None:
        """After a delete: the ledger's payment history is rebuilt without them on the next read."""
        history_cache.forget(self, ledger)
        trend_cache.forget(self, ids)

    def _before(self, conn: Connection, ledger: str, as_of: dt.date) -> tuple[dt.date | None, pl.LazyFrame]:
        """The ledger's newest as-of date, and the items of its newest snapshot dated before
        `as_of` (none: an empty frame), for `actionlog.closed_by_snapshot`."""
        newest = conn.execute("SELECT max(as_of) FROM snapshot WHERE ledger = ?", (ledger,)).fetchone()[0]
        previous = conn.execute(
            "SELECT id FROM snapshot WHERE ledger = ? AND as_of < ? ORDER BY as_of DESC, id DESC LIMIT 1",
            (ledger, as_of.isoformat()),
        ).fetchone()
        before = self._scan(previous[0]) if previous else pl.LazyFrame(schema=OPEN_ITEM)
        return (dt.date.fromisoformat(newest) if newest else None), before

    def snapshots(self, ledger: str | None = None) -> pl.DataFrame:
        """The catalogue (of one ledger, if given), newest as-of first (ties: newest import first)."""
        where, args = ("WHERE ledger = ?", (ledger,)) if ledger is not None else ("", ())
        with self._connect(write=False) as conn:
            rows = conn.execute(
                f"SELECT {', '.join(SNAPSHOT_COLUMNS)} FROM snapshot {where} ORDER BY as_of DESC, id DESC", args
            ).fetchall()
        frame = pl.DataFrame(rows, schema=SNAPSHOT_COLUMNS, orient="row")
        return frame.with_columns(
            pl.col("as_of").str.to_date("%Y-%m-%d"), pl.col("estimated_due_dates").cast(pl.Boolean)
        )

    def latest(self, ledger: str | None = None) -> dict[str, Any] | None:
        """The newest snapshot's catalogue row (of one ledger, if given), or None when there is none."""
        catalogue = self.snapshots(ledger)
        return catalogue.row(0, named=True) if catalogue.height else None

    def ledgers(self) -> pl.DataFrame:
        """The ledgers that have snapshots, by name: ledger, snapshots, newest (as-of date) and
        last_id (the id of the ledger's latest import)."""
        with self._connect(write=False) as conn:
            rows = conn.execute(
                "SELECT ledger, count(*), max(as_of), max(id) FROM snapshot GROUP BY ledger ORDER BY ledger"
            ).fetchall()
        schema = {"ledger": pl.String(), "snapshots": pl.Int64(), "newest": pl.String(), "last_id": pl.Int64()}
        return pl.DataFrame(rows, schema=schema, orient="row").with_columns(pl.col("newest").str.to_date("%Y-%m-%d"))

    def items(self, snapshot_id: int) -> pl.DataFrame:
        """The open items of a snapshot (in the canonical schema, a column added since it was saved null)."""
        return conform(read_items(self._folder(snapshot_id) / "items.parquet"))

    def issues(self, snapshot_id: int) -> pl.DataFrame:
        return self.report_table(snapshot_id, "issues")

    def report_table(self, snapshot_id: int, name: str) -> pl.DataFrame:
        """A table of a snapshot's import report: `issues` or `reconciliation`."""
        return pl.read_parquet(self._folder(snapshot_id) / f"{name}.parquet")

    def put_files(
        self, conn: Connection, snapshot_id: int, items: pl.DataFrame, files: dict[str, pl.DataFrame]
    ) -> None:
        """Keep a copied snapshot's items and report tables (lib/workspace_copy.py) while the caller's
        transaction writes its row: the folder stays marked pending, so if that transaction fails
        the next open removes it, and if it commits the next open clears the mark (sweep_pending)."""
        del conn  # the files are not in the database here
        staging = workspace.staging(self.home / "snapshots")
        write_items(items, staging / "items.parquet")
        for name, table in files.items():
            table.write_parquet(staging / f"{name}.parquet")
        (staging / workspace.PENDING).touch()
        workspace.sync_folder(staging)
        workspace.place(staging, self._folder(snapshot_id))

    def after_copy(self, conn: Connection) -> None:
        """A copy's last step before its COMMIT (lib/workspace_copy.py): the folders it placed synced."""
        del conn
        workspace.sync_folder(self.home / "snapshots")

    def _scan(self, snapshot_id: int) -> pl.LazyFrame:
        """The items of a snapshot as saved, lazily."""
        return pl.scan_parquet(self._folder(snapshot_id) / "items.parquet")

    def observations(self, through: dt.date, ledger: str | None = None, skip: Sequence[int] = ()) -> pl.LazyFrame:
        """Every stored snapshot (of one ledger, if given) dated up to `through`, as observations
        (see actionlog.observation), but those in `skip` (damaged: lib/integrity.py)."""
        catalogue = self.snapshots(ledger).filter(pl.col("as_of") <= through, ~pl.col("id").is_in(list(skip)))
        frames = [
            actionlog.observation(self._scan(snapshot_id), as_of)
            for snapshot_id, as_of in zip(catalogue["id"], catalogue["as_of"], strict=True)
        ]
        return pl.concat(frames) if frames else actionlog.observation(pl.LazyFrame(schema=OPEN_ITEM), through)

    def amounts(self, snapshot_id: int | None, as_of: dt.date) -> pl.LazyFrame:
        """What the bucket trend reads of a snapshot (none: an empty frame), dated `as_of`: as_of,
        ACCOUNT, due_date and open_cents (lib/trend_cache.py)."""
        items = self._scan(snapshot_id) if snapshot_id is not None else pl.LazyFrame(schema=OPEN_ITEM)
        return items.select(pl.lit(as_of).alias("as_of"), "customer_id", "currency", "due_date", "open_cents")

    def integrity(self) -> list[str]:
        """What SQLite's integrity_check finds wrong with the database (nothing: an empty list)."""
        with self._connect(write=False) as conn:
            return [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]

    def _folder(self, snapshot_id: int) -> Path:
        return self.home / "snapshots" / str(int(snapshot_id))


# One Store per resolved workspace folder for the process (Store.open); the lock makes creating
# one safe across Streamlit's session threads.
_OPENED: dict[Path | str, Store] = {}
_OPENING = threading.Lock()


def _duplicate(conn: Connection, sha256: str) -> Saved | None:
    """The snapshot already stored from the same file, if any."""
    row = conn.execute("SELECT id, imported_at, ledger FROM snapshot WHERE sha256 = ?", (sha256,)).fetchone()
    return Saved(row[0], duplicate=True, imported_at=row[1], ledger=row[2]) if row else None


def _highest_id(conn: Connection) -> int:
    """The highest snapshot id the catalogue ever gave (AUTOINCREMENT's sequence) or has."""
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'snapshot'").fetchone()
    return max(int(seq[0]) if seq else 0, int(conn.execute("SELECT coalesce(max(id), 0) FROM snapshot").fetchone()[0]))
