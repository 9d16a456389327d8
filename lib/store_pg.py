"""The store on a PostgreSQL server (chosen by a postgresql:// URL: `Store.open`, lib/db.py).

Everything lives in the database: the catalogue, the action log, settings, plans, the outbox and
the snapshots' items themselves (lib/pg_schema.py: their rows, and a Parquet image of them read
whole), so several app instances on one database see one truth: the revision is the database's,
and a write in one instance is read by the others on their next rerun. Writers queue on the
revision row (`BEGIN IMMEDIATE`, lib/db.py) as they queue on SQLite's lock, so the checks a save
makes before writing (the same file, the same date) hold.

What is derivable is kept on the local disk, in $SOLLECITO_HOME/databases/<the database's token>
(so two databases never share one): the history cache (lib/history_cache.py), and a Parquet copy
of each snapshot's items once read or saved here (`items/<id>.parquet`: a committed snapshot never
changes and its id is never given again), so a page fetches a snapshot from the database once per instance
and then at the embedded workspace's speed. Copies of snapshots deleted meanwhile are dropped on open. There are no
files to check or sweep and no automatic backups: a server is backed up with pg_dump (README).
Connections are kept for reuse (a few idle ones), one per operation at a time, as on SQLite; one
idle for a while is asked whether it still answers before it is used (the server may have restarted).
A server that cannot be reached is a WorkspaceError ("unreachable"): one sentence on the page.
"""

from __future__ import annotations

import io
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl
import psycopg

from lib import catalogue as sql
from lib import db, pg_schema, workspace
from lib.ingest import Imported
from lib.item_files import read_items
from lib.ledgers import DEFAULT_LEDGER
from lib.migrations import MIGRATIONS
from lib.schema import OPEN_ITEM, conform
from lib.store import SameDate, Saved, Store, _duplicate
from lib.store_records import _bump, _stamp
from lib.workspace import ReadOnly, WorkspaceError

IDLE = 4  # connections kept open for the next operation
CHECK_AFTER = 5.0  # seconds idle after which a connection is asked whether it still answers


class PgStore(Store):
    """A workspace in a PostgreSQL database (see the module's notes)."""

    folders = False

    def __init__(self, url: str) -> None:
        self.url = url
        self.read_only = os.environ.get(workspace.READ_ONLY, "").strip().lower() in ("1", "true", "yes")
        self._idle: list[tuple[psycopg.Connection[object], float]] = []  # and when it went idle
        self._lock = threading.Lock()
        self._initialise()

    def _initialise(self) -> None:
        with self._new() as raw:
            found = pg_schema.version(raw)
            if found > len(MIGRATIONS):
                raise WorkspaceError("newer_schema", file=self.where, version=found, known=len(MIGRATIONS))
            if self.read_only and found < len(MIGRATIONS):
                raise WorkspaceError("read_only_old", file=self.where)
            token = pg_schema.token(raw) if self.read_only else pg_schema.migrate(raw)
        base = Path(os.environ.get("SOLLECITO_HOME") or "workspace").resolve()
        self.home = base / "databases" / token
        self._prune()

    @property
    def location(self) -> str:
        return self.url

    @property
    def where(self) -> str:
        return db.shown(self.url)

    @contextmanager
    def _connect(self, write: bool = True) -> Iterator[db.Connection]:
        if write and self.read_only:
            raise ReadOnly(home=self.where)
        raw = self._take()
        try:
            yield db.PgConnection(raw)
        except psycopg.OperationalError as error:
            if raw.broken:  # the server went away during the operation
                raise self._unreachable(error) from error
            raise
        finally:
            self._release(raw)

    def _take(self) -> psycopg.Connection[object]:
        """An idle connection that still answers, else a new one."""
        while True:
            with self._lock:
                raw, since = self._idle.pop() if self._idle else (None, 0.0)
            if raw is None:
                return self._new()
            if time.monotonic() - since < CHECK_AFTER:
                return raw
            try:
                raw.execute("SELECT 1")
                raw.rollback()
                return raw
            except psycopg.Error:
                raw.close()

    def _new(self) -> psycopg.Connection[object]:
        try:
            return psycopg.connect(self.url, connect_timeout=10)
        except psycopg.OperationalError as error:
            raise self._unreachable(error) from error

    def _unreachable(self, error: psycopg.Error) -> WorkspaceError:
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0]  # libpq's: no password in it
        return WorkspaceError("unreachable", url=self.where, reason=reason)

    def _release(self, raw: psycopg.Connection[object]) -> None:
        """Back to the idle ones, its transaction ended (a read's too), unless it broke."""
        try:
            if raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                raw.rollback()
        except psycopg.Error:
            raw.close()
        with self._lock:
            if raw.closed or raw.broken or len(self._idle) >= IDLE:
                raw.close()
            else:
                self._idle.append((raw, time.monotonic()))

    def save_snapshot(self, imported: Imported, ledger: str = DEFAULT_LEDGER, *, replace: bool = False) -> Saved:
        """As on the embedded store (one transaction: the catalogue row, the items, the disputes
        closed, the snapshots replaced removed), with the rows in the database."""
        row = imported.catalogue()  # raises without an as-of date
        report = imported.report
        ledger = " ".join(ledger.split()) or DEFAULT_LEDGER
        with self._connect() as conn:
            if duplicate := _duplicate(conn, report.sha256):
                return duplicate
            if not replace and (same := sql.same_date(conn, ledger, row["as_of"])):
                raise SameDate(same[0])
            conn.rollback()
            imported_at = _stamp()
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                if duplicate := _duplicate(conn, report.sha256):  # saved meanwhile (another instance)
                    return duplicate
                snapshot_id, replaced = self._catalogue(conn, imported, ledger, imported_at, replace, None)
                assert isinstance(conn, db.PgConnection)
                pg_schema.remove(conn, replaced)
                files = {"issues": report.issues, "reconciliation": report.reconciliation}
                image = pg_schema.put(conn, snapshot_id, conform(imported.items), files)
        self._keep(snapshot_id, image)
        self._saved(ledger, replaced)
        return Saved(snapshot_id, duplicate=False, imported_at=imported_at, ledger=ledger, replaced=replaced)

    def delete_snapshot(self, snapshot_id: int) -> bool:
        ids = (int(snapshot_id),)
        with self._connect() as conn, conn:
            conn.execute("BEGIN IMMEDIATE")
            found = conn.execute("SELECT ledger FROM snapshot WHERE id = ?", ids).fetchone()
            if found is not None:
                assert isinstance(conn, db.PgConnection)
                sql.remove(conn, ids)
                pg_schema.remove(conn, ids)
                _bump(conn)
        if found is not None:
            self._copy(snapshot_id).unlink(missing_ok=True)
            self._deleted(found[0], ids)
        return found is not None

    def items(self, snapshot_id: int) -> pl.DataFrame:
        found = self._image(snapshot_id)
        return conform(pl.DataFrame(schema=OPEN_ITEM) if found is None else read_items(found))

    def issues(self, snapshot_id: int) -> pl.DataFrame:
        return self.report_table(snapshot_id, "issues")

    def report_table(self, snapshot_id: int, name: str) -> pl.DataFrame:
        with self._connect(write=False) as conn:
            assert isinstance(conn, db.PgConnection)
            return pg_schema.report_table(conn, snapshot_id, name)

    def _scan(self, snapshot_id: int) -> pl.LazyFrame:
        """The items of a snapshot as saved, lazily."""
        found = self._image(snapshot_id)
        if found is None:
            return pl.LazyFrame(schema=OPEN_ITEM)
        return pl.scan_parquet(found) if isinstance(found, Path) else pl.read_parquet(io.BytesIO(found)).lazy()

    def _image(self, snapshot_id: int) -> Path | bytes | None:
        """A snapshot's items as Parquet: the local copy, else the database's image (then copied);
        None for a snapshot that is not there (yet)."""
        copy = self._copy(snapshot_id)
        try:
            pl.read_parquet_schema(copy)
            return copy
        except (OSError, pl.exceptions.PolarsError):  # not copied yet (or the copy is damaged)
            pass
        with self._connect(write=False) as conn:
            assert isinstance(conn, db.PgConnection)
            if conn.execute("SELECT 1 FROM snapshot WHERE id = ?", (int(snapshot_id),)).fetchone() is None:
                return None
            image = pg_schema.image(conn, snapshot_id)
        self._keep(snapshot_id, image)
        return image

    def _copy(self, snapshot_id: int) -> Path:
        return self.home / "items" / f"{int(snapshot_id)}.parquet"

    def _keep(self, snapshot_id: int, image: bytes) -> None:
        """A local copy of a committed snapshot's items (their Parquet image: they never change; an id is
        never reused), written whole under another name first. A failure only costs the next read a fetch."""
        copy = self._copy(snapshot_id)
        partial = copy.with_name(f".{copy.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            copy.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(image)
            partial.replace(copy)
        except OSError:
            partial.unlink(missing_ok=True)

    def _prune(self) -> None:
        """Drop the local copies of snapshots the catalogue no longer has (deleted by any instance)."""
        folder = self.home / "items"
        if not folder.is_dir():
            return
        kept = {f"{i}.parquet" for i in self.snapshots()["id"].to_list()}
        for path in folder.iterdir():
            if path.name not in kept:
                path.unlink(missing_ok=True)

    def put_files(
        self, conn: db.Connection, snapshot_id: int, items: pl.DataFrame, files: dict[str, pl.DataFrame]
    ) -> None:
        """A copied snapshot's items and report tables, in the caller's transaction (lib/workspace_copy.py)."""
        assert isinstance(conn, db.PgConnection)
        pg_schema.put(conn, snapshot_id, items, files)

    def after_copy(self, conn: db.Connection) -> None:
        """The ids copied as they were: each table's next id follows its highest."""
        tables = conn.execute(
            "SELECT table_name FROM information_schema.columns"
            " WHERE column_name = 'id' AND is_identity = 'YES' AND table_schema = current_schema()"
        ).fetchall()
        for (table,) in tables:
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) FROM {table}"
            )

    def integrity(self) -> list[str]:
        """Nothing to check beyond what the server keeps (its own checksums, pg_amcheck)."""
        return []
