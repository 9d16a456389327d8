"""The action log's tables as SQLite keeps them (lib/migrations.py makes them): a table read back
with its SCHEMAS types, a value written as a cell, and a correction appended (lib/corrections.py)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping

import polars as pl

from lib import clock, corrections
from lib.actionlog import SCHEMAS, Log


def cell(value: object) -> object:
    """A value as SQLite keeps it: dates as ISO text, lists and dicts as JSON, the rest as is."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, default=str)
    return value


def read_table(conn: sqlite3.Connection, table: str) -> pl.DataFrame:
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


def append_correction(
    conn: sqlite3.Connection,
    log: Log,
    table: str,
    entry_id: int,
    kind: str,
    changes: Mapping[str, object] | None,
    reason: str | None,
    operator: str | None,
) -> int:
    """Append the correction `corrections.correction` makes of an entry of `log` (the entry's table
    and the corrections, as recorded), inside the caller's transaction; its id. Raises
    `corrections.Refused` when the correction may not be made."""
    row, problem = corrections.correction(log, table, entry_id, kind, changes, reason, operator)
    if row is None:
        raise corrections.Refused(str(problem))
    row["created_at"] = clock.now().isoformat(timespec="seconds")
    cursor = conn.execute(
        f"INSERT INTO correction ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values())
    )
    return int(cursor.lastrowid or 0)
