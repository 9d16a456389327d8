"""Who changed a setting or imported a file, for a team that logs in: one row each in the `audit`
table (`note`), read back newest first (`recent`). The action log's rows carry their operator
themselves; this is for what has no row of its own to carry it, and for logins (a wrong password
is kept too: lib/users.py `locked_until` counts them, for every app instance on the database)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import polars as pl

from lib import clock

if TYPE_CHECKING:
    from lib.store import Store

WHAT = ("setting", "import", "snapshot_deleted", "assignment", "login", "login_failed")
AUDIT = pl.Schema({"created_at": pl.String(), "operator": pl.String(), "what": pl.String(), "subject": pl.String()})


def note(store: Store, what: str, subject: str | None, operator: str | None) -> None:
    """Remember that `operator` did `what` (one of WHAT) to `subject` (a setting's key, a file's name)."""
    if what not in WHAT:
        msg = f"audit: unknown {what!r} (one of {', '.join(WHAT)})"
        raise ValueError(msg)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO audit (what, subject, operator, created_at) VALUES (?, ?, ?, ?)",
            (what, subject, operator, clock.now().isoformat(timespec="seconds")),
        )


def logins(store: Store, name: str, limit: int = 20) -> list[tuple[str, dt.datetime]]:
    """The latest `limit` logins and failed logins under `name`, newest first: (what, when)."""
    rows = store.query(
        "SELECT what, created_at FROM audit WHERE subject = ? AND what IN ('login', 'login_failed') "
        "ORDER BY id DESC LIMIT ?",
        (name, limit),
    )
    return [(str(what), dt.datetime.fromisoformat(str(at))) for what, at in rows]


def recent(store: Store, limit: int = 50) -> pl.DataFrame:
    """The latest `limit` rows (AUDIT), newest first."""
    rows = store.query("SELECT created_at, operator, what, subject FROM audit ORDER BY id DESC LIMIT ?", (limit,))
    return pl.DataFrame(rows, schema=AUDIT, orient="row")
