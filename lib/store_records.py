"""The rows both backends keep with the same SQL (lib/db.py): the action log and its corrections,
plans, settings, layouts, the revision, and a write transaction for a module with its own tables.
`Records` is a part of `Store` (lib/store.py; lib/store_pg.py), which gives it `_connect`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from typing import Any

import polars as pl

from lib import catalogue as sql
from lib import clock, corrections
from lib.actionlog import SCHEMAS, Log
from lib.db import Connection


class Records:
    """The store's rows that are the same SQL on both backends."""

    def _connect(self, write: bool = True) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    # The action log --------------------------------------------------------------------------

    def record(self, table: str, **values: object) -> int:
        """Append one row to a log table (columns as in actionlog.SCHEMAS); returns its id."""
        return self.record_entries([(table, values)])[0]

    def record_entries(self, entries: Sequence[tuple[str, Mapping[str, object]]]) -> list[int]:
        """Append rows to log tables (actionlog.entries: (table, row) pairs) in one transaction:
        all of them or, if one cannot be written, none. Returns their ids."""
        with self._connect() as conn, conn:
            ids = sql.insert_entries(conn, entries, _stamp())
            if ids:
                _bump(conn)
            return ids

    def close_disputes(self, ids: list[int], on: dt.date, reason: str) -> None:
        """Close open disputes: `resolved` by the user, or `document_gone` from the snapshots."""
        closures = pl.DataFrame({"id": [int(i) for i in ids]}, schema={"id": pl.Int64()}).select(
            "id", pl.lit(on).alias("closed_on"), pl.lit(reason).alias("closed_reason")
        )
        with self._connect() as conn, conn:
            if sql.close_disputes(conn, closures):
                _bump(conn)

    def log(self, *, corrected: bool = True) -> Log:
        """The whole action log, each table in insertion order: as it counts (lib.corrections.applied:
        voided entries gone, edits in place), or as recorded (`corrected=False`)."""
        with self._connect(write=False) as conn:
            log = Log(**{table: sql.table(conn, table) for table in SCHEMAS})
        return corrections.applied(log) if corrected else log

    def correct(
        self,
        table: str,
        entry_id: int,
        kind: str,
        changes: Mapping[str, object] | None = None,
        reason: str | None = None,
        operator: str | None = None,
    ) -> int:
        """Edit or void an entry of the log by appending a correction (lib.corrections.correction says
        whether it may be; `Refused` why not); returns the correction's id."""
        with self.transaction() as conn:  # the entry's state read and the correction written as one
            log = replace(Log.empty(), **{name: sql.table(conn, name) for name in {table, "correction"} & set(SCHEMAS)})
            return sql.append_correction(conn, log, table, entry_id, kind, changes, reason, operator)

    def save_plan(self, schedule: pl.DataFrame, **values: object) -> int:
        """Store an agreed plan and its schedule in one transaction; returns the plan's id.

        `values` are actionlog.SCHEMAS["plan"] columns (customer_id, currency, kind, agreed_on,
        claim_cents, baseline_open_cents, grace_days required; closed_* are for `close_plan`).
        `schedule` has lib/plans.py SCHEDULE's n, date, capital_cents, interest_cents and
        payment_cents (`plans.schedule`, or `agreements.settlement_schedule` for a settlement).
        """
        sql.check_plan(values, schedule)
        with self._connect() as conn, conn:
            plan_id = sql.insert_plan(conn, schedule, values, _stamp())
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
        with self._connect(write=False) as conn:
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

    # Layouts: the corrections kept per layout (lib/ingest/layouts.py, by fingerprint) ---------

    def layout(self, fingerprint: str) -> dict[str, Any] | None:
        """The corrections saved for a layout (`layouts.Corrections.to_json`), or None."""
        with self._connect(write=False) as conn:
            row = conn.execute("SELECT corrections FROM layout WHERE fingerprint = ?", (fingerprint,)).fetchone()
        return json.loads(row[0]) if row else None

    def save_layout(self, fingerprint: str, corrections: Mapping[str, Any] | None) -> None:
        """Keep the corrections for a layout; None forgets them."""
        with self._connect() as conn, conn:
            if corrections is None:
                cursor = conn.execute("DELETE FROM layout WHERE fingerprint = ?", (fingerprint,))
            else:
                cursor = conn.execute(
                    "INSERT INTO layout (fingerprint, corrections, updated_at) VALUES (?, ?, ?) ON CONFLICT"
                    " (fingerprint) DO UPDATE SET corrections = excluded.corrections, updated_at = excluded.updated_at",
                    (fingerprint, json.dumps(dict(corrections), default=str), _stamp()),
                )
            if cursor.rowcount:
                _bump(conn)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction (BEGIN IMMEDIATE) for a module with its own tables (lib/mail/outbox.py):
        committed at the end, rolled back on an error; the revision bumped if a row changed."""
        with self._connect() as conn, conn:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            if conn.total_changes:
                _bump(conn)

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """The rows of one read (lib/team.py, lib/approvals.py, lib/mail: modules with tables of their own)."""
        with self._connect(write=False) as conn:
            return conn.execute(sql, tuple(params)).fetchall()

    def revision(self) -> int:
        """A number that changes with every write (a snapshot, a log row, a closure, a setting) and
        only then: the pages' cache key. Reads leave it as it is."""
        with self._connect(write=False) as conn:
            return int(conn.execute("SELECT n FROM revision").fetchone()[0])


def _bump(conn: Connection) -> None:
    """Count one more write, inside the writer's transaction (its rollback undoes this too)."""
    conn.execute("UPDATE revision SET n = n + 1 WHERE id = 1")


def _stamp() -> str:
    """When a row is written, in UTC to the second (the clock's: pinned with the date in tests)."""
    return clock.now().isoformat(timespec="seconds")
