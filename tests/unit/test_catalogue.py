"""lib/catalogue.py: the store's SQL helpers, on a migrated in-memory database."""

from __future__ import annotations

import datetime as dt
import sqlite3

import polars as pl

from lib import catalogue
from lib.migrations import migrate

ROW = ("default", "2026-11-20", "a.xlsx", "aa", "2026-11-24T08:00:00+00:00", "S", "detail", 1, 1, 0, "[]", "{}")


def _db() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    migrate(conn)
    conn.execute(
        "INSERT INTO snapshot (ledger, as_of, file_name, sha256, imported_at, sheet, layout, items, customers,"
        " estimated_due_dates, totals, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ROW,
    )
    return conn


def test_cells_as_sqlite_keeps_them() -> None:
    assert catalogue.cell(dt.date(2026, 11, 24)) == "2026-11-24"
    assert catalogue.cell({"a": [1]}) == '{"a": [1]}'
    assert catalogue.cell(7) == 7


def test_same_date_then_remove_reopens_the_disputes_it_closed() -> None:
    conn = _db()
    same = catalogue.same_date(conn, "default", dt.date(2026, 11, 20))
    assert [(s["id"], s["as_of"]) for s in same] == [(1, dt.date(2026, 11, 20))]
    assert catalogue.same_date(conn, "other", dt.date(2026, 11, 20)) == []
    conn.execute(
        "INSERT INTO dispute (customer_id, doc_number, opened_on, created_at) VALUES ('C1', 'F1', '2026-11-01', 'x')"
    )
    closures = pl.DataFrame(
        {"id": [1], "closed_on": [dt.date(2026, 11, 20)], "closed_reason": ["document_gone"]},
    )
    assert catalogue.close_disputes(conn, closures, 1) == 1
    assert catalogue.table(conn, "dispute")["closed_reason"].to_list() == ["document_gone"]
    catalogue.remove(conn, [1])
    assert catalogue.table(conn, "dispute")["closed_on"].to_list() == [None]
    assert conn.execute("SELECT count(*) FROM snapshot").fetchone()[0] == 0
