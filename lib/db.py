"""The seam between the store's SQL and its two backends: SQLite (the embedded workspace, sqlite3 as
it is) and PostgreSQL (`PgConnection`, which takes the same SQL).

The store, the catalogue helpers (lib/catalogue.py), the outbox and the receipts write one SQL
for both: `?` placeholders, ISO text for dates, `ON CONFLICT … DO UPDATE` upserts (SQLite took
PostgreSQL's syntax) and `cursor.lastrowid` after an INSERT. `PgConnection` turns that into
psycopg's: `?` becomes `%s` (so the shared SQL never has a `?` inside a literal), an INSERT into a
table with an `id` returns it (`RETURNING id`), a write transaction (`with conn:`, `BEGIN
IMMEDIATE`: SQLite's writer lock) starts by locking the revision row (`FOR UPDATE`: writers queue
as they do on SQLite, and never deadlock), and `total_changes` counts the rows changed, as
sqlite3's does. The migrations' DDL is translated by `pg_script`.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from types import TracebackType
from typing import Any

import psycopg
from psycopg.rows import dict_row

DATABASE_URL = "SOLLECITO_DATABASE_URL"
# What a store operation can raise from its database, whichever the backend.
ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, psycopg.Error)
_NO_ID = frozenset({"setting", "layout", "revision", "schema_version", "item", "snapshot_file"})


def is_url(location: object) -> bool:
    """A PostgreSQL URL (postgresql://… or postgres://…) rather than a workspace folder."""
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def database_url() -> str | None:
    """The database the environment names ($SOLLECITO_DATABASE_URL), or None: the embedded workspace."""
    url = os.environ.get(DATABASE_URL, "").strip()
    return url or None


def shown(url: str) -> str:
    """A URL as the user may see it: without its password."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def busy(error: BaseException) -> bool:
    """The database was busy with another writer (try again), not refusing the write."""
    if isinstance(error, sqlite3.OperationalError):
        return "locked" in str(error).lower()
    return isinstance(error, psycopg.errors.LockNotAvailable | psycopg.errors.SerializationFailure)


class PgCursor:
    """A psycopg cursor with sqlite3's `lastrowid`."""

    def __init__(self, cursor: psycopg.Cursor[Any], lastrowid: int | None = None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def description(self) -> Any:
        return self._cursor.description

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cursor)


class PgConnection:
    """A psycopg connection that takes the store's SQLite SQL (see the module's notes). As a context
    manager it is sqlite3's: the transaction committed at the end, rolled back on an error."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw
        self.total_changes = 0
        self.row_factory: object = None  # anything but None: rows by name (sqlite3.Row's use)

    def execute(self, sql: str, parameters: Sequence[object] = ()) -> PgCursor:
        if sql.strip().upper() == "BEGIN IMMEDIATE":
            sql = _WRITER_LOCK
        query, table = _pg(sql)
        returning = table is not None and table not in _NO_ID and "RETURNING" not in query.upper()
        cursor = self._cursor()
        cursor.execute(query + " RETURNING id" if returning else query, tuple(parameters))
        lastrowid = None
        if returning:
            row = cursor.fetchone()
            lastrowid = None if row is None else int(row["id"] if isinstance(row, dict) else row[0])
        self._count(query, cursor.rowcount)
        return PgCursor(cursor, lastrowid)

    def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> PgCursor:
        query, _ = _pg(sql)
        cursor = self._cursor()
        cursor.executemany(query, [tuple(row) for row in rows])
        self._count(query, cursor.rowcount)
        return PgCursor(cursor)

    def commit(self) -> None:
        self.raw.commit()

    def rollback(self) -> None:
        self.raw.rollback()

    def __enter__(self) -> PgConnection:
        """A write transaction: it queues for the writer's lock first, as every write does (one that
        took row locks before waiting for the revision row could deadlock with one that waits first)."""
        self.raw.execute(_WRITER_LOCK)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if kind is None:
            self.raw.commit()
        else:
            self.raw.rollback()

    def _cursor(self) -> psycopg.Cursor[Any]:
        return self.raw.cursor(row_factory=dict_row) if self.row_factory is not None else self.raw.cursor()

    def _count(self, query: str, rowcount: int) -> None:
        if query.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE") and rowcount > 0:
            self.total_changes += rowcount


_WRITER_LOCK = "SELECT n FROM revision WHERE id = 1 FOR UPDATE"

# Either backend's connection, as the shared SQL helpers take it.
Connection = sqlite3.Connection | PgConnection

_INSERT = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.IGNORECASE)


def _pg(sql: str) -> tuple[str, str | None]:
    """The statement in psycopg's placeholders, and the table it inserts into (None: not an INSERT)."""
    match = _INSERT.match(sql)
    return sql.replace("%", "%%").replace("?", "%s"), match.group(1).lower() if match else None


# SQLite DDL → PostgreSQL, in order: ids made by the database, 64-bit integers, bytes.
_DDL = (
    (re.compile(r"\bINTEGER PRIMARY KEY AUTOINCREMENT\b"), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER PRIMARY KEY(?=\s*,)"), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"abs\(random\(\) % (\d+)\)"), r"floor(random() * \1)::bigint"),
)


def pg_script(script: str) -> str:
    """A migration written for SQLite as PostgreSQL runs it (the same tables, columns and indexes)."""
    for pattern, replacement in _DDL:
        script = pattern.sub(replacement, script)
    return script
