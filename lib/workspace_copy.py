"""Move a whole workspace between the backends: `python -m lib workspace copy --to postgresql://…`
(an embedded workspace into a database), `--from postgresql://… --to FOLDER` (and back).

Every table is copied row by row with its ids (the snapshots' catalogue too, and each snapshot's
items and report tables through the target's own way of keeping them), in one transaction on the
target, which must be empty. The copy is then verified: the rows of every table and the sums of
its `*_cents` columns, and each snapshot's items and open and original amounts, are counted on
both sides; `copy` returns both counts and whether they match.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

import polars as pl

from lib.db import Connection
from lib.store import Store

# Tables each backend keeps for itself (the revision is the target's own: it is bumped).
OWN = frozenset({"revision", "sqlite_sequence", "schema_version", "item", "snapshot_file"})
REPORT_TABLES = ("issues", "reconciliation")


class NotEmpty(Exception):
    """The target workspace already holds rows: a copy never mixes two workspaces."""


def copy(source: Store, target: Store) -> dict[str, Any]:
    """Copy `source` into the empty `target`; the counts of both and whether they match."""
    if source.location == target.location:
        msg = "the source and the target are the same workspace"
        raise NotEmpty(msg)
    with source.transaction() as conn:  # one consistent reading of the source (writers wait)
        tables = {name: _rows(conn, name) for name in tables_of(conn)}
    with target.transaction() as conn:
        found = {name for name in tables_of(conn) if _count(conn, name)}
        if found:
            msg = f"the target workspace is not empty ({', '.join(sorted(found))})"
            raise NotEmpty(msg)
        for name in sorted(tables, key=lambda n: (n != "snapshot", n != "plan", n)):  # parents first
            columns, rows = tables[name]
            if rows:
                marks = ", ".join("?" * len(columns))
                conn.executemany(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})", rows)
        for snapshot_id in source.snapshots()["id"].to_list():
            files = {name: source.report_table(snapshot_id, name) for name in REPORT_TABLES}
            target.put_files(conn, snapshot_id, source.items(snapshot_id), files)
        target.after_copy(conn)
    before, after = counts(source), counts(target)
    return {"from": source.where, "to": target.where, "ok": before == after, "source": before, "target": after}


def tables_of(conn: Connection) -> list[str]:
    """The workspace's tables, but each backend's own (OWN)."""
    if isinstance(conn, sqlite3.Connection):
        query = "SELECT name FROM sqlite_master WHERE type = 'table'"
    else:
        query = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    return sorted(str(row[0]) for row in conn.execute(query).fetchall() if row[0] not in OWN)


def _rows(conn: Connection, table: str) -> tuple[list[str], list[tuple[object, ...]]]:
    cursor = conn.execute(f"SELECT * FROM {table} ORDER BY 1")
    columns = [str(d[0]) for d in cursor.description]
    return columns, [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in cursor.fetchall()]


def _count(conn: Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def counts(store: Store) -> dict[str, Any]:
    """Rows and `*_cents` sums of every table; items, open and original amounts of every snapshot."""
    with store.transaction() as conn:
        tables = {}
        for name in tables_of(conn):
            columns = [str(d[0]) for d in conn.execute(f"SELECT * FROM {name} LIMIT 0").description]
            sums = [c for c in columns if c.endswith("_cents")]
            select = ", ".join(["count(*)", *(f"coalesce(sum({c}), 0)" for c in sums)])
            row = conn.execute(f"SELECT {select} FROM {name}").fetchone()
            tables[name] = {"rows": int(row[0]), **{c: int(v) for c, v in zip(sums, row[1:], strict=True)}}
    snapshots = {
        str(snapshot_id): _totals(store.items(snapshot_id)) for snapshot_id in store.snapshots()["id"].to_list()
    }
    return {"tables": tables, "snapshots": snapshots}


def _totals(items: pl.DataFrame) -> Mapping[str, int]:
    sums = items.select(pl.len().alias("items"), pl.col("open_cents").sum(), pl.col("amount_cents").sum())
    return {key: int(value or 0) for key, value in sums.row(0, named=True).items()}
