"""The catalogue's SQL helpers that run inside a caller's transaction (lib/store.py): cells as
SQLite keeps them, an action-log table read back typed, closing and reopening disputes, the
snapshots of a ledger and date."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from typing import Any

import polars as pl

from lib.actionlog import SCHEMAS


def cell(value: object) -> object:
    """A value as SQLite keeps it: dates as ISO text, lists and dicts as JSON, the rest as is."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, default=str)
    return value


def table(conn: sqlite3.Connection, table: str) -> pl.DataFrame:
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


def close_disputes(conn: sqlite3.Connection, closures: pl.DataFrame, snapshot_id: int | None = None) -> int:
    """Write closures (actionlog.CLOSURE) to the disputes still open, with the snapshot that closed
    them if any; returns how many closed."""
    rows = closures.select(
        pl.col("closed_on").dt.to_string("%Y-%m-%d"), "closed_reason", pl.lit(snapshot_id, pl.Int64), "id"
    ).rows()
    if not rows:
        return 0
    cursor = conn.executemany(
        "UPDATE dispute SET closed_on = ?, closed_reason = ?, closed_by = ? WHERE id = ? AND closed_on IS NULL", rows
    )
    return max(cursor.rowcount, 0)


def same_date(conn: sqlite3.Connection, ledger: str, as_of: dt.date) -> list[dict[str, Any]]:
    """The ledger's snapshots as of `as_of`: id, ledger, as_of, file_name, imported_at."""
    rows = conn.execute(
        "SELECT id, ledger, as_of, file_name, imported_at FROM snapshot WHERE ledger = ? AND as_of = ? ORDER BY id",
        (ledger, as_of.isoformat()),
    ).fetchall()
    names = ("id", "ledger", "as_of", "file_name", "imported_at")
    return [{**dict(zip(names, row, strict=True)), "as_of": dt.date.fromisoformat(row[2])} for row in rows]


def remove(conn: sqlite3.Connection, ids: Sequence[int]) -> None:
    """Delete catalogue rows, inside the caller's transaction; the disputes they closed open again."""
    for snapshot_id in ids:
        conn.execute(
            "UPDATE dispute SET closed_on = NULL, closed_reason = NULL, closed_by = NULL WHERE closed_by = ?",
            (snapshot_id,),
        )
        conn.execute("DELETE FROM snapshot WHERE id = ?", (snapshot_id,))
