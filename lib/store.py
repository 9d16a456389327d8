"""Persistence: snapshots in a workspace folder (SQLite for the catalogue, Parquet for the rows).

Layout of a workspace (default `./workspace`, or `$SOLLECITO_HOME`):

    sollecito.db                 SQLite, WAL mode, schema versioned by PRAGMA user_version
    snapshots/<id>/items.parquet the open items of snapshot <id> (canonical schema)
    snapshots/<id>/issues.parquet, reconciliation.parquet   its import report's tables

Why Parquet for the rows: `make bench` measured writing 490k open items in 0.08 s to Parquet
(5.6 MB) against 1.84 s with `executemany` into SQLite (68.8 MB), and reading back is one call
into a typed frame. The catalogue row and the folder are made in one transaction: the
folder is written under a temporary name and renamed into place just before COMMIT, so a failed
import leaves neither a row nor a folder behind.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from lib.ageing import totals_by_currency
from lib.ingest import Imported

DB_NAME = "sollecito.db"

# Each entry upgrades the schema by one version; never edit a released entry, add a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE snapshot (
        id INTEGER PRIMARY KEY,
        as_of TEXT NOT NULL,              -- ISO date the report refers to
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,      -- the same file twice is one snapshot
        imported_at TEXT NOT NULL,        -- ISO timestamp, UTC
        sheet TEXT NOT NULL,
        layout TEXT NOT NULL,             -- detail | summary
        items INTEGER NOT NULL,
        customers INTEGER NOT NULL,
        estimated_due_dates INTEGER NOT NULL,
        totals TEXT NOT NULL,             -- JSON: [{currency, open_cents, overdue_cents, items}]
        report TEXT NOT NULL              -- JSON: the import report without its tables
    );
    CREATE INDEX snapshot_as_of ON snapshot (as_of);
    """,
)

SNAPSHOT_COLUMNS: dict[str, pl.DataType] = {
    "id": pl.Int64(),
    "as_of": pl.String(),
    "file_name": pl.String(),
    "sha256": pl.String(),
    "imported_at": pl.String(),
    "sheet": pl.String(),
    "layout": pl.String(),
    "items": pl.Int64(),
    "customers": pl.Int64(),
    "estimated_due_dates": pl.Int64(),
    "totals": pl.String(),
}


@dataclass(frozen=True)
class Saved:
    snapshot_id: int
    duplicate: bool  # the same file was already stored: nothing new was written
    imported_at: str


class Store:
    """A workspace folder. Opens one SQLite connection per operation (safe across threads)."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.home.mkdir(parents=True, exist_ok=True)
        (self.home / "snapshots").mkdir(exist_ok=True)
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            migrate(conn)

    @classmethod
    def open(cls, home: str | os.PathLike[str] | None = None) -> Store:
        """The workspace at `home`, else $SOLLECITO_HOME, else ./workspace."""
        return cls(Path(home or os.environ.get("SOLLECITO_HOME") or "workspace").resolve())

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.home / DB_NAME, timeout=10)) as conn:
            conn.execute("PRAGMA foreign_keys=ON")
            yield conn

    def save_snapshot(self, imported: Imported) -> Saved:
        """Store an import as a snapshot, atomically; the same file twice is recognised."""
        report = imported.report
        if report.as_of is None:
            msg = "a snapshot needs an as-of date"
            raise ValueError(msg)
        with self._connect() as conn:
            existing = conn.execute(
                "SELECT id, imported_at FROM snapshot WHERE sha256 = ?", (report.sha256,)
            ).fetchone()
            if existing:
                return Saved(existing[0], duplicate=True, imported_at=existing[1])
            totals = totals_by_currency(imported.items.lazy(), report.as_of)
            summary = {k: v for k, v in report.to_dict().items() if k not in ("issues", "reconciliation")}
            imported_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            staging = self.home / "snapshots" / f".staging-{report.sha256}"
            shutil.rmtree(staging, ignore_errors=True)
            final: Path | None = None
            try:
                staging.mkdir()
                imported.items.write_parquet(staging / "items.parquet")
                report.issues.write_parquet(staging / "issues.parquet")
                report.reconciliation.write_parquet(staging / "reconciliation.parquet")
                conn.execute("BEGIN IMMEDIATE")
                cursor = conn.execute(
                    "INSERT INTO snapshot (as_of, file_name, sha256, imported_at, sheet, layout,"
                    " items, customers, estimated_due_dates, totals, report)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        report.as_of.isoformat(),
                        report.file_name,
                        report.sha256,
                        imported_at,
                        report.sheet,
                        report.layout,
                        imported.items.height,
                        imported.items["customer_id"].n_unique(),
                        int(report.estimated_due_dates),
                        json.dumps(totals.to_dicts()),
                        json.dumps(summary, default=str),
                    ),
                )
                snapshot_id = int(cursor.lastrowid or 0)
                final = self.home / "snapshots" / str(snapshot_id)
                staging.rename(final)
                conn.commit()
            except BaseException:
                conn.rollback()
                shutil.rmtree(staging, ignore_errors=True)
                if final is not None:
                    shutil.rmtree(final, ignore_errors=True)
                raise
        return Saved(snapshot_id, duplicate=False, imported_at=imported_at)

    def snapshots(self) -> pl.DataFrame:
        """The catalogue, newest as-of first (ties: newest import first)."""
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {', '.join(SNAPSHOT_COLUMNS)} FROM snapshot ORDER BY as_of DESC, id DESC"
            ).fetchall()
        frame = pl.DataFrame(rows, schema=SNAPSHOT_COLUMNS, orient="row")
        return frame.with_columns(
            pl.col("as_of").str.to_date("%Y-%m-%d"), pl.col("estimated_due_dates").cast(pl.Boolean)
        )

    def latest(self) -> dict[str, object] | None:
        """The newest snapshot's catalogue row, or None in an empty workspace."""
        catalogue = self.snapshots()
        return catalogue.row(0, named=True) if catalogue.height else None

    def items(self, snapshot_id: int) -> pl.DataFrame:
        """The open items of a snapshot."""
        return pl.read_parquet(self._folder(snapshot_id) / "items.parquet")

    def issues(self, snapshot_id: int) -> pl.DataFrame:
        return pl.read_parquet(self._folder(snapshot_id) / "issues.parquet")

    def _folder(self, snapshot_id: int) -> Path:
        return self.home / "snapshots" / str(int(snapshot_id))


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema to the newest version; returns it. Each step is one transaction."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.executescript(f"BEGIN IMMEDIATE; {script} PRAGMA user_version = {number}; COMMIT;")
    return len(MIGRATIONS)
