"""Persistence: snapshots in a workspace folder (SQLite for the catalogue, Parquet for the rows).

Layout of a workspace (default `./workspace`, or `$SOLLECITO_HOME`):

    sollecito.db                 SQLite, WAL mode, schema versioned by PRAGMA user_version
    snapshots/<id>/items.parquet the open items of snapshot <id> (canonical schema)
    snapshots/<id>/issues.parquet, reconciliation.parquet   its import report's tables

Why Parquet for the rows: `make bench` measured writing 490k open items in 0.08 s to Parquet
(5.6 MB) against 1.84 s with `executemany` into SQLite (68.8 MB), and reading back is one call
into a typed frame. The catalogue row and the folder are made in one transaction: the
folder is written under a temporary name and renamed into place just before COMMIT, so a failed
import leaves neither a row nor a folder behind. The disputes the new snapshot closes (the rule is
`actionlog.closed_by_snapshot`) are closed in that same transaction.

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from lib import actionlog, clock
from lib.actionlog import SCHEMAS, Log
from lib.ingest import Imported
from lib.schema import OPEN_ITEM

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
    # The action log: dates are ISO text, money integer cents; see lib/actionlog.py SCHEMAS.
    """
    CREATE TABLE action (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, step TEXT NOT NULL, date TEXT NOT NULL,
        channel TEXT, operator TEXT, outcome TEXT, note TEXT, created_at TEXT NOT NULL
    );
    CREATE TABLE promise (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, currency TEXT NOT NULL, made_on TEXT NOT NULL,
        promised_date TEXT NOT NULL, amount_cents INTEGER NOT NULL, baseline_open_cents INTEGER NOT NULL,
        operator TEXT, note TEXT, created_at TEXT NOT NULL
    );
    CREATE TABLE dispute (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, doc_number TEXT NOT NULL, opened_on TEXT NOT NULL,
        reason TEXT, operator TEXT, closed_on TEXT, closed_reason TEXT, created_at TEXT NOT NULL
    );
    CREATE TABLE hold (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, made_on TEXT NOT NULL, until TEXT NOT NULL,
        reason TEXT, operator TEXT, created_at TEXT NOT NULL
    );
    CREATE TABLE note (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, date TEXT NOT NULL, text TEXT NOT NULL,
        operator TEXT, created_at TEXT NOT NULL
    );
    CREATE TABLE flag (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, set_on TEXT NOT NULL, negative INTEGER NOT NULL,
        reason TEXT, operator TEXT, created_at TEXT NOT NULL
    );
    CREATE INDEX action_customer ON action (customer_id);
    CREATE INDEX dispute_document ON dispute (customer_id, doc_number);
    """,
    # Settings (policy overrides, company details) and agreed plans with their instalments.
    """
    CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE plan (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, currency TEXT NOT NULL, kind TEXT NOT NULL,
        agreed_on TEXT NOT NULL, claim_cents INTEGER NOT NULL, baseline_open_cents INTEGER NOT NULL,
        grace_days INTEGER NOT NULL, operator TEXT, note TEXT, closed_on TEXT, closed_reason TEXT,
        created_at TEXT NOT NULL
    );
    CREATE TABLE instalment (
        id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plan (id), n INTEGER NOT NULL,
        due_date TEXT NOT NULL, capital_cents INTEGER NOT NULL, interest_cents INTEGER NOT NULL,
        payment_cents INTEGER NOT NULL, created_at TEXT NOT NULL
    );
    CREATE TABLE payment (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, currency TEXT NOT NULL, paid_on TEXT NOT NULL,
        amount_cents INTEGER NOT NULL, operator TEXT, note TEXT, created_at TEXT NOT NULL
    );
    CREATE INDEX plan_customer ON plan (customer_id);
    CREATE INDEX instalment_plan ON instalment (plan_id);
    """,
    # The revision counter, bumped by every write in its own transaction (Store.revision). It
    # starts at a random value so that a workspace made again never repeats the revisions of the
    # one it replaces (a page cached under one of them would show the old workspace).
    """
    CREATE TABLE revision (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
    INSERT INTO revision (id, n) VALUES (1, abs(random() % 1000000000000));
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
        self._db = (home / DB_NAME).absolute()
        self._initialise()

    def _initialise(self) -> None:
        """Make the folder and the database if missing, and bring the schema up to date."""
        self.home.mkdir(parents=True, exist_ok=True)
        (self.home / "snapshots").mkdir(exist_ok=True)
        if not self._db.exists():  # a journal left by a deleted database must not replay into a new one
            for suffix in ("-wal", "-shm"):
                self._db.with_name(DB_NAME + suffix).unlink(missing_ok=True)
        with closing(sqlite3.connect(self._db, timeout=10)) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            migrate(conn)

    @classmethod
    def open(cls, home: str | os.PathLike[str] | None = None) -> Store:
        """The workspace at `home`, else $SOLLECITO_HOME, else ./workspace: one instance per folder
        for the process, migrated once (made again if its database was deleted since)."""
        path = Path(home or os.environ.get("SOLLECITO_HOME") or "workspace").resolve()
        with _OPENING:
            store = _OPENED.get(path)
            if store is None:
                store = _OPENED[path] = cls(path)
            elif not store._db.exists():
                store._initialise()
            return store

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # mode=rw: an operation never makes an empty database where a deleted one was (`open` does)
        with closing(sqlite3.connect(f"{self._db.as_uri()}?mode=rw", uri=True, timeout=10)) as conn:
            conn.execute("PRAGMA foreign_keys=ON")
            yield conn

    def save_snapshot(self, imported: Imported) -> Saved:
        """Store an import as a snapshot, atomically; the same file twice is recognised.

        One transaction writes the catalogue row (`Imported.catalogue`), closes the disputes the
        snapshot closes (`actionlog.closed_by_snapshot`) and bumps the revision.
        """
        row = imported.catalogue()  # raises without an as-of date
        report = imported.report
        with self._connect() as conn:
            existing = conn.execute(
                "SELECT id, imported_at FROM snapshot WHERE sha256 = ?", (report.sha256,)
            ).fetchone()
            if existing:
                return Saved(existing[0], duplicate=True, imported_at=existing[1])
            imported_at = _stamp()
            staging = self.home / "snapshots" / f".staging-{report.sha256}"
            shutil.rmtree(staging, ignore_errors=True)
            final: Path | None = None
            try:
                staging.mkdir()
                imported.items.write_parquet(staging / "items.parquet")
                report.issues.write_parquet(staging / "issues.parquet")
                report.reconciliation.write_parquet(staging / "reconciliation.parquet")
                conn.execute("BEGIN IMMEDIATE")
                newest = conn.execute("SELECT max(as_of) FROM snapshot").fetchone()[0]
                closures = actionlog.closed_by_snapshot(
                    _table(conn, "dispute"),
                    imported.items.lazy(),
                    row["as_of"],
                    dt.date.fromisoformat(newest) if newest else None,
                )
                values = {**row, "imported_at": imported_at}
                cursor = conn.execute(
                    f"INSERT INTO snapshot ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                    tuple(_cell(value) for value in values.values()),
                )
                snapshot_id = int(cursor.lastrowid or 0)
                _close_disputes(conn, closures)
                _bump(conn)
                final = self.home / "snapshots" / str(snapshot_id)
                shutil.rmtree(final, ignore_errors=True)  # an orphan: no row had this id (a lost database, a crash)
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

    def latest(self) -> dict[str, Any] | None:
        """The newest snapshot's catalogue row, or None in an empty workspace."""
        catalogue = self.snapshots()
        return catalogue.row(0, named=True) if catalogue.height else None

    def items(self, snapshot_id: int) -> pl.DataFrame:
        """The open items of a snapshot."""
        return pl.read_parquet(self._folder(snapshot_id) / "items.parquet")

    def issues(self, snapshot_id: int) -> pl.DataFrame:
        return pl.read_parquet(self._folder(snapshot_id) / "issues.parquet")

    def observations(self, through: dt.date) -> pl.LazyFrame:
        """Every stored snapshot dated up to `through`, as observations (see actionlog.observation)."""
        catalogue = self.snapshots().filter(pl.col("as_of") <= through)
        frames = [
            actionlog.observation(pl.scan_parquet(self._folder(snapshot_id) / "items.parquet"), as_of)
            for snapshot_id, as_of in zip(catalogue["id"], catalogue["as_of"], strict=True)
        ]
        return pl.concat(frames) if frames else actionlog.observation(pl.LazyFrame(schema=OPEN_ITEM), through)

    # The action log --------------------------------------------------------------------------

    def record(self, table: str, **values: object) -> int:
        """Append one row to a log table (columns as in actionlog.SCHEMAS); returns its id."""
        return self.record_entries([(table, values)])[0]

    def record_entries(self, entries: Sequence[tuple[str, Mapping[str, object]]]) -> list[int]:
        """Append rows to log tables (actionlog.entries: (table, row) pairs) in one transaction:
        all of them or, if one cannot be written, none. Returns their ids."""
        stamp = _stamp()
        rows = []
        for table, values in entries:
            unknown = set(values) - set(SCHEMAS[table])
            if unknown:
                msg = f"{table} has no column {', '.join(sorted(unknown))}"
                raise ValueError(msg)
            rows.append((table, {**{key: _cell(value) for key, value in values.items()}, "created_at": stamp}))
        with self._connect() as conn, conn:
            ids = [
                int(
                    conn.execute(
                        f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                        tuple(row.values()),
                    ).lastrowid
                    or 0
                )
                for table, row in rows
            ]
            if ids:
                _bump(conn)
            return ids

    def close_disputes(self, ids: list[int], on: dt.date, reason: str) -> None:
        """Close open disputes: `resolved` by the user, or `document_gone` from the snapshots."""
        closures = pl.DataFrame({"id": [int(i) for i in ids]}, schema={"id": pl.Int64()}).select(
            "id", pl.lit(on).alias("closed_on"), pl.lit(reason).alias("closed_reason")
        )
        with self._connect() as conn, conn:
            if _close_disputes(conn, closures):
                _bump(conn)

    def log(self) -> Log:
        """The whole action log, each table in insertion order."""
        with self._connect() as conn:
            return Log(**{table: _table(conn, table) for table in SCHEMAS})

    def save_plan(self, schedule: pl.DataFrame, **values: object) -> int:
        """Store an agreed plan and its schedule in one transaction; returns the plan's id.

        `values` are actionlog.SCHEMAS["plan"] columns (customer_id, currency, kind, agreed_on,
        claim_cents, baseline_open_cents, grace_days required; closed_* are for `close_plan`).
        `schedule` has lib/plans.py SCHEDULE's n, date, capital_cents, interest_cents and
        payment_cents (`plans.schedule`, or `agreements.settlement_schedule` for a settlement).
        """
        required = {"customer_id", "currency", "kind", "agreed_on", "claim_cents", "baseline_open_cents", "grace_days"}
        unknown = set(values) - (set(SCHEMAS["plan"]) - {"closed_on", "closed_reason"})
        missing = required - {key for key, value in values.items() if value is not None}
        if unknown or missing:
            msg = f"plan: unknown {', '.join(sorted(unknown)) or '-'}; missing {', '.join(sorted(missing)) or '-'}"
            raise ValueError(msg)
        if values["kind"] not in ("instalments", "settlement"):
            msg = "plan: kind must be instalments or settlement"
            raise ValueError(msg)
        if schedule.is_empty():
            msg = "plan: the schedule has no instalment"
            raise ValueError(msg)
        stamp = _stamp()
        values = {key: _cell(value) for key, value in values.items()}
        with self._connect() as conn, conn:
            plan_id = int(
                conn.execute(
                    f"INSERT INTO plan ({', '.join(values)}, created_at) VALUES ({', '.join('?' * len(values))}, ?)",
                    (*values.values(), stamp),
                ).lastrowid
                or 0
            )
            rows = schedule.select(
                pl.lit(plan_id).alias("plan_id"),
                pl.col("n").cast(pl.Int64),
                pl.col("date").dt.to_string("%Y-%m-%d"),
                *(pl.col(name).cast(pl.Int64) for name in ("capital_cents", "interest_cents", "payment_cents")),
                pl.lit(stamp).alias("created_at"),
            ).rows()
            conn.executemany(
                "INSERT INTO instalment (plan_id, n, due_date, capital_cents, interest_cents, payment_cents,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
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
        with self._connect() as conn:
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

    def revision(self) -> int:
        """A number that changes with every write (a snapshot, a log row, a closure, a setting) and
        only then: the pages' cache key. Reads leave it as it is."""
        with self._connect() as conn:
            return int(conn.execute("SELECT n FROM revision").fetchone()[0])

    def _folder(self, snapshot_id: int) -> Path:
        return self.home / "snapshots" / str(int(snapshot_id))


# One Store per resolved workspace folder for the process (Store.open); the lock makes creating
# one safe across Streamlit's session threads.
_OPENED: dict[Path, Store] = {}
_OPENING = threading.Lock()


def _bump(conn: sqlite3.Connection) -> None:
    """Count one more write, inside the writer's transaction (its rollback undoes this too)."""
    conn.execute("UPDATE revision SET n = n + 1 WHERE id = 1")


def _cell(value: object) -> object:
    """A value as SQLite keeps it: dates as ISO text, lists and dicts as JSON, the rest as is."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, default=str)
    return value


def _table(conn: sqlite3.Connection, table: str) -> pl.DataFrame:
    """One action-log table with its `id` and SCHEMAS types, in insertion order."""
    schema = SCHEMAS[table]
    rows = conn.execute(f"SELECT id, {', '.join(schema)} FROM {table} ORDER BY id").fetchall()
    text = {name: pl.String() if dtype in (pl.Date(), pl.Boolean()) else dtype for name, dtype in schema.items()}
    raw = pl.DataFrame(rows, schema={"id": pl.Int64(), **text}, orient="row")
    return raw.with_columns(
        pl.col(name).str.to_date("%Y-%m-%d") if dtype == pl.Date() else pl.col(name).cast(pl.Int8).cast(pl.Boolean)
        for name, dtype in schema.items()
        if dtype in (pl.Date(), pl.Boolean())
    )


def _close_disputes(conn: sqlite3.Connection, closures: pl.DataFrame) -> int:
    """Write closures (actionlog.CLOSURE) to the disputes still open; returns how many closed."""
    rows = closures.select(pl.col("closed_on").dt.to_string("%Y-%m-%d"), "closed_reason", "id").rows()
    if not rows:
        return 0
    cursor = conn.executemany(
        "UPDATE dispute SET closed_on = ?, closed_reason = ? WHERE id = ? AND closed_on IS NULL", rows
    )
    return max(cursor.rowcount, 0)


def _stamp() -> str:
    """When a row is written, in UTC to the second (the clock's: pinned with the date in tests)."""
    return clock.now().isoformat(timespec="seconds")


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema to the newest version; returns it. Each step is one transaction."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.executescript(f"BEGIN IMMEDIATE; {script} PRAGMA user_version = {number}; COMMIT;")
    return len(MIGRATIONS)
