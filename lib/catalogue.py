"""The catalogue's SQL helpers that run inside a caller's transaction (lib/store.py): cells as
SQLite keeps them, an action-log table read back typed, closing and reopening disputes, the
snapshots of a ledger and date, a correction of the action log appended."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from lib import clock, corrections
from lib.actionlog import SCHEMAS, Log
from lib.db import Connection


def cell(value: object) -> object:
    """A value as the catalogue keeps it: dates as ISO text, lists and dicts as JSON, booleans as 0
    or 1 (SQLite's own; PostgreSQL's columns are integers), the rest as is."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, default=str)
    return value


def table(conn: Connection, table: str) -> pl.DataFrame:
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


def close_disputes(conn: Connection, closures: pl.DataFrame, snapshot_id: int | None = None) -> int:
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


def same_date(conn: Connection, ledger: str, as_of: dt.date) -> list[dict[str, Any]]:
    """The ledger's snapshots as of `as_of`: id, ledger, as_of, file_name, imported_at."""
    rows = conn.execute(
        "SELECT id, ledger, as_of, file_name, imported_at FROM snapshot WHERE ledger = ? AND as_of = ? ORDER BY id",
        (ledger, as_of.isoformat()),
    ).fetchall()
    names = ("id", "ledger", "as_of", "file_name", "imported_at")
    return [{**dict(zip(names, row, strict=True)), "as_of": dt.date.fromisoformat(row[2])} for row in rows]


def remove(conn: Connection, ids: Sequence[int]) -> None:
    """Delete catalogue rows, inside the caller's transaction; the disputes they closed open again."""
    for snapshot_id in ids:
        conn.execute(
            "UPDATE dispute SET closed_on = NULL, closed_reason = NULL, closed_by = NULL WHERE closed_by = ?",
            (snapshot_id,),
        )
        conn.execute("DELETE FROM snapshot WHERE id = ?", (snapshot_id,))


def append_correction(
    conn: Connection,
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


def insert_entries(conn: Connection, entries: Sequence[tuple[str, Mapping[str, object]]], stamp: str) -> list[int]:
    """Append rows to log tables ((table, row) pairs, columns as in actionlog.SCHEMAS) inside the
    caller's transaction; their ids. A correction is refused here: Store.correct makes those."""
    rows = []
    for table, values in entries:
        if table == "correction":
            msg = "corrections are made with Store.correct"
            raise ValueError(msg)
        unknown = set(values) - set(SCHEMAS[table])
        if unknown:
            msg = f"{table} has no column {', '.join(sorted(unknown))}"
            raise ValueError(msg)
        rows.append((table, {**{key: cell(value) for key, value in values.items()}, "created_at": stamp}))
    return [
        int(
            conn.execute(
                f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values())
            ).lastrowid
            or 0
        )
        for table, row in rows
    ]


def check_plan(values: Mapping[str, object], schedule: pl.DataFrame) -> None:
    """A plan's columns (actionlog.SCHEMAS["plan"]) and schedule as Store.save_plan takes them, or ValueError."""
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


def insert_plan(conn: Connection, schedule: pl.DataFrame, values: Mapping[str, object], stamp: str) -> int:
    """Write a plan (checked by `check_plan`) and its instalments inside the caller's transaction; its id."""
    cells = {key: cell(value) for key, value in values.items()}
    plan_id = int(
        conn.execute(
            f"INSERT INTO plan ({', '.join(cells)}, created_at) VALUES ({', '.join('?' * len(cells))}, ?)",
            (*cells.values(), stamp),
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
        "INSERT INTO instalment (plan_id, n, due_date, capital_cents, interest_cents, payment_cents, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return plan_id
