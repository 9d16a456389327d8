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
import json
import os
import shutil
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import polars as pl

from lib import actionlog, backup, clock, corrections, history_cache, trend_cache, workspace
from lib import catalogue as sql
from lib.actionlog import SCHEMAS, Log
from lib.corrections import Refused
from lib.ingest import Imported
from lib.ledgers import DEFAULT_LEDGER
from lib.migrations import MIGRATIONS, SNAPSHOT_COLUMNS, migrate
from lib.schema import OPEN_ITEM, conform
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


class Store:
    """A workspace folder. Opens one SQLite connection per operation (safe across threads)."""

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
        """The workspace at `home`, else $SOLLECITO_HOME, else ./workspace: one instance per folder
        for the process, migrated once (made again if its database was deleted since)."""
        path = Path(home or os.environ.get("SOLLECITO_HOME") or "workspace").resolve()
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
    def _connect(self, write: bool = True) -> Iterator[sqlite3.Connection]:
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
                imported.items.write_parquet(staging / "items.parquet")
                report.issues.write_parquet(staging / "issues.parquet")
                report.reconciliation.write_parquet(staging / "reconciliation.parquet")
                (staging / workspace.PENDING).touch()  # until the COMMIT (workspace.sweep_pending)
                workspace.sync_folder(staging)
                conn.execute("BEGIN IMMEDIATE")
                if duplicate := _duplicate(conn, report.sha256):  # saved meanwhile (another tab, another process)
                    conn.rollback()
                    shutil.rmtree(staging, ignore_errors=True)
                    return duplicate
                same = sql.same_date(conn, ledger, row["as_of"])  # again, now that no one else writes
                if same and not replace:
                    raise SameDate(same[0])
                replaced = tuple(int(r["id"]) for r in same)
                sql.remove(conn, replaced)
                newest, before = self._before(conn, ledger, row["as_of"])
                disputes = sql.table(conn, "dispute")
                closures = actionlog.closed_by_snapshot(disputes, imported.items.lazy(), row["as_of"], newest, before)
                snapshot_id = workspace.next_id(snapshots, _highest_id(conn))
                values = {"id": snapshot_id, **row, "ledger": ledger, "imported_at": imported_at}
                conn.execute(
                    f"INSERT INTO snapshot ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                    tuple(sql.cell(value) for value in values.values()),
                )
                sql.close_disputes(conn, closures, snapshot_id)
                _bump(conn)
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
        trend_cache.forget(self, replaced)
        history_cache.refresh(self, ledger)  # the payment history gains this snapshot's differences
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
            history_cache.forget(self, ledger[0])  # rebuilt without it on the next read
            trend_cache.forget(self, ids)
        return found

    def _before(self, conn: sqlite3.Connection, ledger: str, as_of: dt.date) -> tuple[dt.date | None, pl.LazyFrame]:
        """The ledger's newest as-of date, and the items of its newest snapshot dated before
        `as_of` (none: an empty frame), for `actionlog.closed_by_snapshot`."""
        newest = conn.execute("SELECT max(as_of) FROM snapshot WHERE ledger = ?", (ledger,)).fetchone()[0]
        previous = conn.execute(
            "SELECT id FROM snapshot WHERE ledger = ? AND as_of < ? ORDER BY as_of DESC, id DESC LIMIT 1",
            (ledger, as_of.isoformat()),
        ).fetchone()
        before = (
            pl.scan_parquet(self._folder(previous[0]) / "items.parquet") if previous else pl.LazyFrame(schema=OPEN_ITEM)
        )
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
        return conform(pl.read_parquet(self._folder(snapshot_id) / "items.parquet"))

    def issues(self, snapshot_id: int) -> pl.DataFrame:
        return pl.read_parquet(self._folder(snapshot_id) / "issues.parquet")

    def observations(self, through: dt.date, ledger: str | None = None, skip: Sequence[int] = ()) -> pl.LazyFrame:
        """Every stored snapshot (of one ledger, if given) dated up to `through`, as observations
        (see actionlog.observation), but those in `skip` (damaged: lib/integrity.py)."""
        catalogue = self.snapshots(ledger).filter(pl.col("as_of") <= through, ~pl.col("id").is_in(list(skip)))
        frames = [
            actionlog.observation(pl.scan_parquet(self._folder(snapshot_id) / "items.parquet"), as_of)
            for snapshot_id, as_of in zip(catalogue["id"], catalogue["as_of"], strict=True)
        ]
        return pl.concat(frames) if frames else actionlog.observation(pl.LazyFrame(schema=OPEN_ITEM), through)

    def amounts(self, snapshot_id: int | None, as_of: dt.date) -> pl.LazyFrame:
        """What the bucket trend reads of a snapshot (none: an empty frame), dated `as_of`: as_of,
        ACCOUNT, due_date and open_cents (lib/trend_cache.py)."""
        items = (
            pl.scan_parquet(self._folder(snapshot_id) / "items.parquet")
            if snapshot_id is not None
            else pl.LazyFrame(schema=OPEN_ITEM)
        )
        return items.select(pl.lit(as_of).alias("as_of"), "customer_id", "currency", "due_date", "open_cents")

    # The action log --------------------------------------------------------------------------

    def record(self, table: str, **values: object) -> int:
        """Append one row to a log table (columns as in actionlog.SCHEMAS); returns its id."""
        return self.record_entries([(table, values)])[0]

    def record_entries(self, entries: Sequence[tuple[str, Mapping[str, object]]]) -> list[int]:
        """Append rows to log tables (actionlog.entries: (table, row) pairs) in one transaction:
        all of them or, if one cannot be written, none. Returns their ids."""
        with self._connect() as conn, conn:
            ids = sql.insert_entries(conn, entries, _stamp())
            if ids:
                _bump(conn)
            return ids

    def close_disputes(self, ids: list[int], on: dt.date, reason: str) -> None:
        """Close open disputes: `resolved` by the user, or `document_gone` from the snapshots."""
        closures = pl.DataFrame({"id": [int(i) for i in ids]}, schema={"id": pl.Int64()}).select(
            "id", pl.lit(on).alias("closed_on"), pl.lit(reason).alias("closed_reason")
        )
        with self._connect() as conn, conn:
            if sql.close_disputes(conn, closures):
                _bump(conn)

    def log(self, *, corrected: bool = True) -> Log:
        """The whole action log, each table in insertion order: as it counts (lib.corrections.applied:
        voided entries gone, edits in place), or as recorded (`corrected=False`)."""
        with self._connect(write=False) as conn:
            log = Log(**{table: sql.table(conn, table) for table in SCHEMAS})
        return corrections.applied(log) if corrected else log

    def correct(
        self,
        table: str,
        entry_id: int,
        kind: str,
        changes: Mapping[str, object] | None = None,
        reason: str | None = None,
        operator: str | None = None,
    ) -> int:
        """Edit or void an entry of the log by appending a correction (lib.corrections.correction says
        whether it may be; `Refused` why not); returns the correction's id."""
        with self.transaction() as conn:  # the entry's state read and the correction written as one
            log = replace(Log.empty(), **{name: sql.table(conn, name) for name in {table, "correction"} & set(SCHEMAS)})
            return sql.append_correction(conn, log, table, entry_id, kind, changes, reason, operator)

    def save_plan(self, schedule: pl.DataFrame, **values: object) -> int:
        """Store an agreed plan and its schedule in one transaction; returns the plan's id.

        `values` are actionlog.SCHEMAS["plan"] columns (customer_id, currency, kind, agreed_on,
        claim_cents, baseline_open_cents, grace_days required; closed_* are for `close_plan`).
        `schedule` has lib/plans.py SCHEDULE's n, date, capital_cents, interest_cents and
        payment_cents (`plans.schedule`, or `agreements.settlement_schedule` for a settlement).
        """
        sql.check_plan(values, schedule)
        with self._connect() as conn, conn:
            plan_id = sql.insert_plan(conn, schedule, values, _stamp())
            _bump(conn)
        return plan_id

    def close_plan(self, plan_id: int, on: dt.date, reason: str) -> None:
        """Close a plan still open: `completed`, `defaulted` or `cancelled` (a closed plan stays as it is)."""
        if reason not in ("completed", "defaulted", "cancelled"):
            msg = "plan: a plan closes as completed, defaulted or cancelled"
            raise ValueError(msg)
        with self._connect() as conn, conn:
            cursor = conn.execute(
                "UPDATE plan SET closed_on = ?, closed_reason = ? WHERE id = ? AND closed_on IS NULL",
                (on.isoformat(), reason, int(plan_id)),
            )
            if cursor.rowcount:
                _bump(conn)

    # Settings ---------------------------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        """Every saved setting (JSON values by key); missing keys mean the defaults."""
        with self._connect(write=False) as conn:
            return {key: json.loads(value) for key, value in conn.execute("SELECT key, value FROM setting")}

    def save_setting(self, key: str, value: object) -> None:
        """Write one setting; None deletes it (back to the default)."""
        stamp = _stamp()
        with self._connect() as conn, conn:
            if value is None:
                cursor = conn.execute("DELETE FROM setting WHERE key = ?", (key,))
            else:
                cursor = conn.execute(
                    "INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                    (key, json.dumps(value, default=str), stamp),
                )
            if cursor.rowcount:
                _bump(conn)

    # Layouts: the corrections kept per layout (lib/ingest/layouts.py, by fingerprint) ---------

    def layout(self, fingerprint: str) -> dict[str, Any] | None:
        """The corrections saved for a layout (`layouts.Corrections.to_json`), or None."""
        with self._connect(write=False) as conn:
            row = conn.execute("SELECT corrections FROM layout WHERE fingerprint = ?", (fingerprint,)).fetchone()
        return json.loads(row[0]) if row else None

    def save_layout(self, fingerprint: str, corrections: Mapping[str, Any] | None) -> None:
        """Keep the corrections for a layout; None forgets them."""
        with self._connect() as conn, conn:
            if corrections is None:
                cursor = conn.execute("DELETE FROM layout WHERE fingerprint = ?", (fingerprint,))
            else:
                cursor = conn.execute(
                    "INSERT INTO layout (fingerprint, corrections, updated_at) VALUES (?, ?, ?) ON CONFLICT"
                    " (fingerprint) DO UPDATE SET corrections = excluded.corrections, updated_at = excluded.updated_at",
                    (fingerprint, json.dumps(dict(corrections), default=str), _stamp()),
                )
            if cursor.rowcount:
                _bump(conn)

    def integrity(self) -> list[str]:
        """What SQLite's integrity_check finds wrong with the database (nothing: an empty list)."""
        with self._connect(write=False) as conn:
            return [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE) for a module with its own tables (lib/mail/outbox.py):
        committed at the end, rolled back on an error; the revision bumped if a row changed."""
        with self._connect() as conn, conn:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            if conn.total_changes:
                _bump(conn)

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """The rows of one read (lib/team.py, lib/approvals.py: modules with tables of their own)."""
        with self._connect(write=False) as conn:
            return conn.execute(sql, tuple(params)).fetchall()

    def revision(self) -> int:
        """A number that changes with every write (a snapshot, a log row, a closure, a setting) and
        only then: the pages' cache key. Reads leave it as it is."""
        with self._connect(write=False) as conn:
            return int(conn.execute("SELECT n FROM revision").fetchone()[0])

    def _folder(self, snapshot_id: int) -> Path:
        return self.home / "snapshots" / str(int(snapshot_id))


# One Store per resolved workspace folder for the process (Store.open); the lock makes creating
# one safe across Streamlit's session threads.
_OPENED: dict[Path, Store] = {}
_OPENING = threading.Lock()


def _duplicate(conn: sqlite3.Connection, sha256: str) -> Saved | None:
    """The snapshot already stored from the same file, if any."""
    row = conn.execute("SELECT id, imported_at, ledger FROM snapshot WHERE sha256 = ?", (sha256,)).fetchone()
    return Saved(row[0], duplicate=True, imported_at=row[1], ledger=row[2]) if row else None


def _highest_id(conn: sqlite3.Connection) -> int:
    """The highest snapshot id the catalogue ever gave (AUTOINCREMENT's sequence) or has."""
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'snapshot'").fetchone()
    return max(int(seq[0]) if seq else 0, int(conn.execute("SELECT coalesce(max(id), 0) FROM snapshot").fetchone()[0]))


def _bump(conn: sqlite3.Connection) -> None:
    """Count one more write, inside the writer's transaction (its rollback undoes this too)."""
    conn.execute("UPDATE revision SET n = n + 1 WHERE id = 1")


def _stamp() -> str:
    """When a row is written, in UTC to the second (the clock's: pinned with the date in tests)."""
    return clock.now().isoformat(timespec="seconds")
