"""The PostgreSQL backend's schema and its snapshot rows (lib/store_pg.py).

The shared migrations (lib/migrations.py, written for SQLite) run here translated by
`db.pg_script`, one transaction each, their number kept in `schema_version` (SQLite keeps it in
PRAGMA user_version); a transaction-scoped advisory lock makes instances that open a new database
at once migrate it once. What only this backend has follows them: the snapshot items (`item`, one
row per open item, typed as lib/schema.py OPEN_ITEM, a column added there added here on open) and
the import report's tables (`snapshot_file`, as Parquet bytes: small, read whole).

Items go in with COPY (the frame written as CSV into `cursor.copy`), and in the same transaction
as one Parquet image of them (`snapshot_file` named `items`): a whole snapshot, the only way this
app reads one, comes back in a single fetch. Its rows would cost the server a few seconds to send
and psycopg a Python call per row (libpq hands COPY's output over one row at a time; bench/README.md,
the backends section, has the alternatives measured). A snapshot saved before images were kept is
read with `COPY (SELECT …) TO STDOUT` into `pl.read_csv`. In CSV an empty unquoted field is NULL and
`""` an empty string, on both sides.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Sequence
from typing import Any

import polars as pl
import psycopg

from lib import item_files
from lib.db import PgConnection, pg_script
from lib.migrations import MIGRATIONS
from lib.schema import OPEN_ITEM

_LOCK = 7_004_170_017  # the advisory lock taken by a migration (any constant of this app's own)
_TYPES = {pl.String(): "TEXT", pl.Date(): "DATE", pl.Boolean(): "BOOLEAN", pl.Int64(): "BIGINT"}
_OWN = """
    CREATE TABLE IF NOT EXISTS item (snapshot_id BIGINT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (snapshot_id, n));
    CREATE TABLE IF NOT EXISTS snapshot_file (
        snapshot_id BIGINT NOT NULL, name TEXT NOT NULL, data BYTEA NOT NULL, PRIMARY KEY (snapshot_id, name)
    );
"""
FILES = ("issues", "reconciliation")
IMAGE = "items"  # the snapshot_file holding a snapshot's items as Parquet
_CHUNK = 1 << 20


def migrate(raw: psycopg.Connection[Any]) -> str:
    """Bring the database to the newest schema; returns its token (`token`)."""
    with raw.transaction():
        raw.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
        raw.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, token TEXT NOT NULL)"
        )
        raw.execute("INSERT INTO schema_version VALUES (1, 0, %s) ON CONFLICT (id) DO NOTHING", (secrets.token_hex(8),))
    while True:
        with raw.transaction():
            raw.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
            version, token = raw.execute("SELECT version, token FROM schema_version").fetchone() or (0, "")
            if version >= len(MIGRATIONS):
                _own_tables(raw)
                return str(token)
            raw.execute(pg_script(MIGRATIONS[version]))
            raw.execute("UPDATE schema_version SET version = %s", (version + 1,))


def version(raw: psycopg.Connection[Any]) -> int:
    """The schema version of a database (0: none yet)."""
    with raw.transaction():
        found = raw.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
        if not found or not found[0]:
            return 0
        row = raw.execute("SELECT version FROM schema_version").fetchone()
        return int(row[0]) if row else 0


def token(raw: psycopg.Connection[Any]) -> str:
    """A random name made with the database, so a local cache of one database is never taken for another's."""
    with raw.transaction():
        row = raw.execute("SELECT token FROM schema_version").fetchone()
    return str(row[0]) if row else "none"


def _own_tables(raw: psycopg.Connection[Any]) -> None:
    raw.execute(_OWN)
    query = (
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_name = 'item' AND table_schema = current_schema()"
    )
    have = {row[0] for row in raw.execute(query)}
    for name, dtype in OPEN_ITEM.items():
        if name not in have:  # a column OPEN_ITEM gained: null in the snapshots saved before it (schema.conform)
            raw.execute(f"ALTER TABLE item ADD COLUMN {name} {_TYPES[dtype]}")


def put(conn: PgConnection, snapshot_id: int, items: pl.DataFrame, files: dict[str, pl.DataFrame]) -> bytes:
    """Write a snapshot's items (COPY, and their image) and report tables, inside the caller's
    transaction; returns the image (Parquet bytes, written as the instance's local copy too)."""
    frame = items.select(
        pl.lit(int(snapshot_id), pl.Int64).alias("snapshot_id"), pl.int_range(pl.len(), dtype=pl.Int64).alias("n"),
        *OPEN_ITEM,
    )  # fmt: skip
    text = io.BytesIO()
    frame.write_csv(text)
    data = text.getbuffer()
    whole = item_files.to_bytes(items.select(*OPEN_ITEM))
    with conn.raw.cursor() as cursor:
        with cursor.copy(f"COPY item ({', '.join(frame.columns)}) FROM STDIN (FORMAT csv, HEADER)") as copy:
            for start in range(0, len(data), _CHUNK):
                copy.write(data[start : start + _CHUNK])
        for name, blob in {IMAGE: whole, **{name: parquet(table) for name, table in files.items()}}.items():
            row = (int(snapshot_id), name, blob)
            cursor.execute("INSERT INTO snapshot_file (snapshot_id, name, data) VALUES (%s, %s, %s)", row)
    conn.total_changes += frame.height
    return whole


def parquet(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


def image(conn: PgConnection, snapshot_id: int) -> bytes:
    """A snapshot's items as Parquet: their stored image, else (saved before images were kept) their rows."""
    row = conn.execute(
        "SELECT data FROM snapshot_file WHERE snapshot_id = ? AND name = ?", (int(snapshot_id), IMAGE)
    ).fetchone()
    return bytes(row[0]) if row is not None else item_files.to_bytes(items(conn, snapshot_id))


def items(conn: PgConnection, snapshot_id: int) -> pl.DataFrame:
    """The rows of a snapshot's items (COPY), in their saved order (sorted here: the server only filters)."""
    columns = ", ".join(
        f"{name}::text AS {name}" if dtype == pl.Boolean() else name for name, dtype in OPEN_ITEM.items()
    )
    query = f"SELECT n, {columns} FROM item WHERE snapshot_id = {int(snapshot_id)}"
    data = bytearray()
    with conn.raw.cursor() as cursor, cursor.copy(f"COPY ({query}) TO STDOUT (FORMAT csv, HEADER)") as copy:
        for chunk in copy:
            data += chunk
    frame = pl.read_csv(bytes(data), schema={"n": pl.Int64(), **OPEN_ITEM})
    return frame.sort("n").drop("n")


def report_table(conn: PgConnection, snapshot_id: int, name: str) -> pl.DataFrame:
    row = conn.execute(
        "SELECT data FROM snapshot_file WHERE snapshot_id = ? AND name = ?", (int(snapshot_id), name)
    ).fetchone()
    if row is None:
        msg = f"snapshot {snapshot_id} has no {name}"
        raise FileNotFoundError(msg)
    return pl.read_parquet(io.BytesIO(bytes(row[0])))


def remove(conn: PgConnection, snapshot_ids: Sequence[int]) -> None:
    """Delete the rows of snapshots, inside the caller's transaction (their catalogue rows: catalogue.remove)."""
    for table in ("item", "snapshot_file"):
        conn.execute(f"DELETE FROM {table} WHERE snapshot_id = ANY(?)", ([int(i) for i in snapshot_ids],))
