"""The sample with its history: eight weekly snapshots of one ledger (the newest is
sample_data/scadenzario_gestionale.xlsx, the seven before it in sample_data/history/), the action
log of those weeks and a year of monthly credit sales (sample_data/history/actions.json), all made
by sample_data/make_samples.py.

`load` is pure apart from reading those files: given the workspace's log and saved credit sales
it returns the imports (oldest first) and only what is not there yet, so loading the sample twice
records nothing twice. A log row counts as there when a row of its table has the same KEYS
values; a plan, when one of the customer's was agreed the same day; a month of credit sales the
user already gave is kept. lib/ui/saving.py writes the result.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from lib.actionlog import SCHEMAS, Entry, Log
from lib.ingest import Imported, import_file

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "sample_data"
NEWEST = SAMPLE_DIR / "scadenzario_gestionale.xlsx"
HISTORY = SAMPLE_DIR / "history"
ACTIONS = HISTORY / "actions.json"
# The columns that make a log row the same entry (a plan: the same customer and day).
KEYS: dict[str, tuple[str, ...]] = {
    "action": ("customer_id", "step", "date"),
    "promise": ("customer_id", "made_on"),
    "dispute": ("customer_id", "doc_number", "opened_on"),
    "hold": ("customer_id", "made_on"),
    "note": ("customer_id", "date"),
    "payment": ("customer_id", "paid_on"),
    "plan": ("customer_id", "agreed_on"),
}


@dataclass(frozen=True)
class Plan:
    values: dict[str, Any]  # Store.save_plan's keyword arguments
    schedule: pl.DataFrame  # n, date, capital_cents, interest_cents, payment_cents


@dataclass(frozen=True)
class SampleLoad:
    imports: tuple[Imported, ...]  # the snapshots, oldest first: the newest is the last
    entries: list[Entry]  # log rows not recorded yet, for Store.record_entries
    plans: list[Plan]  # plans not recorded yet, for Store.save_plan
    credit_sales: dict[str, dict[str, int]] | None  # the setting with the sample's months; None: nothing new


def files() -> list[Path]:
    """The sample's snapshot files, oldest first (their names sort by date), the newest last."""
    return [*sorted(HISTORY.glob("scadenzario_*.xlsx")), NEWEST]


def read_file(path: Path) -> Imported:
    """A sample file imported like any upload (the UI passes a cached equivalent)."""
    return import_file(path.read_bytes(), path.name)


def load(
    log: Log,
    saved_sales: Mapping[str, Mapping[str, int]],
    read: Callable[[Path], Imported] = read_file,
    actions: Path = ACTIONS,
) -> SampleLoad:
    """The sample's snapshots and what of its log, plans and credit sales `log` and `saved_sales`
    (the `credit_sales` setting) do not have yet."""
    story = json.loads(actions.read_text(encoding="utf-8"))
    entries = [(e["table"], typed(e["table"], e["row"])) for e in story["log"]]
    plans = [
        Plan(
            typed("plan", p["plan"]),
            pl.DataFrame(p["schedule"]).with_columns(pl.col("date").str.to_date()),
        )
        for p in story["plans"]
    ]
    return SampleLoad(
        imports=tuple(read(path) for path in files()),
        entries=missing(entries, log),
        plans=_missing_plans(plans, log),
        credit_sales=merged_sales(saved_sales, story["credit_sales"]),
    )


def typed(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON row with its dates as dates (the columns SCHEMAS types as dates)."""
    return {
        key: dt.date.fromisoformat(value) if SCHEMAS[table][key] == pl.Date and value is not None else value
        for key, value in row.items()
    }


def _keys(table: str, rows: Sequence[Mapping[str, Any]]) -> pl.DataFrame:
    schema = {key: SCHEMAS[table][key] for key in KEYS[table]}
    return pl.DataFrame([{key: row.get(key) for key in schema} for row in rows], schema=schema, orient="row")


def missing(entries: Sequence[Entry], log: Log) -> list[Entry]:
    """The entries no row of `log` already holds (same KEYS values in the same table), in order;
    an entry given twice is kept once."""
    found: set[int] = set()
    for table in dict.fromkeys(t for t, _ in entries):
        index = [i for i, (t, _) in enumerate(entries) if t == table]
        wanted = _keys(table, [entries[i][1] for i in index]).with_columns(pl.Series("i", index, pl.Int64))
        fresh = wanted.unique(KEYS[table], keep="first", maintain_order=True).join(
            getattr(log, table).select(KEYS[table]), on=list(KEYS[table]), how="anti", nulls_equal=True
        )
        found.update(fresh["i"].to_list())
    return [entry for i, entry in enumerate(entries) if i in found]


def _missing_plans(plans: Sequence[Plan], log: Log) -> list[Plan]:
    kept = {id(values) for _, values in missing([("plan", p.values) for p in plans], log)}
    return [p for p in plans if id(p.values) in kept]


def merged_sales(
    saved: Mapping[str, Mapping[str, int]], sample: Mapping[str, Mapping[str, int]]
) -> dict[str, dict[str, int]] | None:
    """The credit sales setting with the sample's months added where the user gave none (theirs
    stay); None when every month is there already."""
    merged = {cur: dict(months) for cur, months in saved.items()}
    added = False
    for cur, months in sample.items():
        mine = merged.setdefault(cur, {})
        for month, cents in months.items():
            if month not in mine:
                mine[month] = int(cents)
                added = True
    return merged if added else None
