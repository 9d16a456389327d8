"""The one place that reads the system clock: `today()` and `now()`. Everything else asks here.

`SOLLECITO_TODAY=YYYY-MM-DD` pins the date (demos, reproductions, support, and every test), so
that what the app shows never depends on the day it happens to run.

Which date each figure uses:

- **The snapshot's as-of date** (what the books showed): ageing, buckets, overdue amounts,
  ratings, tracks, KPIs, and the documents a letter claims (those overdue at the as-of date:
  one that fell due after it may already be paid).
- **Today** (`today()`, never before the as-of date): steps, promises, plans and payments logged
  after the snapshot count as done; late interest and the EUR 40 "to date" on the account page
  and in the simulator; the date of a letter and of an agreement, its deadlines and first
  instalment (a deadline in the past is refused); the week the weekly list opens on.
- **The log's own dates**: when each action, promise or payment happened, as the user typed it.

When the newest snapshot is older than `[letters] stale_after_days`, the weekly, letters and
simulator pages say so before anything is sent (`lib.book.Book.stale_days`).
"""

from __future__ import annotations

import datetime as dt
import os

PIN = "SOLLECITO_TODAY"


def today() -> dt.date:
    """The date the app works on: the pinned one if `SOLLECITO_TODAY` is set, else the system's."""
    pinned = os.environ.get(PIN, "").strip()
    if not pinned:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(pinned)
    except ValueError:
        msg = f"{PIN}={pinned!r} is not a date: write it as YYYY-MM-DD, e.g. {PIN}=2026-11-24"
        raise ValueError(msg) from None


def now() -> dt.datetime:
    """The current time in UTC, on the pinned date if one is set (the time of day stays real, so
    that stamps of one day keep their order)."""
    current = dt.datetime.now(dt.UTC)
    return dt.datetime.combine(today(), current.timetz()) if os.environ.get(PIN, "").strip() else current
