"""Undo and correct: an entry of the action log edited or voided, by an append-only record.

A correction never changes the entry: it is a row of the log's `correction` table naming the entry
(`entry_table`, `entry_id`), what was done (`edit` with the entry's editable fields as corrected,
or `void`), why, by whom and when. The log as it counts (`applied`) drops voided entries and shows
each edited one with its latest edit, so a voided step, promise or dispute stops counting in the
engine, the weekly list, the promise checks and the account's history alike; the history marks
them (`marked`). An entry's customer, currency and documents are not editable: to fix those, void
it and record it again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import polars as pl

from lib.actionlog import SCHEMAS, Log

# The tables whose entries can be corrected, and the fields an edit may change.
EDITABLE: dict[str, tuple[str, ...]] = {
    "action": ("step", "date", "channel", "outcome", "note"),
    "promise": ("made_on", "promised_date", "amount_cents", "note"),
    "dispute": ("opened_on", "reason"),
    "hold": ("made_on", "until", "reason"),
    "note": ("date", "text"),
}
KINDS = ("edit", "void")
# Why a correction is refused (`fix.need_<code>` in lib/i18n).
PROBLEMS = ("missing", "voided", "unchanged", "required", "date", "amount", "text", "until")
# The fields that must have a value, and the date each table's entry is filed under.
_REQUIRED = {"action": ("step", "date"), "promise": ("made_on", "promised_date", "amount_cents"),
             "dispute": ("opened_on",), "hold": ("made_on", "until"), "note": ("date", "text")}  # fmt: skip
_MISSING = {"amount_cents": "amount", "text": "text"}  # a required field left empty: the problem's code


class Refused(ValueError):
    """A correction that cannot be made; `code` says why (PROBLEMS)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _edits_schema(table: str) -> dict[str, pl.DataType]:
    """The editable fields of `table` as JSON keeps them (dates as ISO text)."""
    return {f: pl.String() if SCHEMAS[table][f] == pl.Date() else SCHEMAS[table][f] for f in EDITABLE[table]}


def latest_edits(corrections: pl.DataFrame, table: str) -> pl.DataFrame:
    """The latest edit of each entry of `table`: id (the entry's), its editable fields as corrected."""
    edits = (
        corrections.filter(pl.col("entry_table") == table, pl.col("kind") == "edit")
        .sort("id")
        .group_by("entry_id")
        .agg(pl.col("changes").last())
    )
    fields = pl.col("changes").str.json_decode(pl.Struct(_edits_schema(table)))
    dates = [f for f in EDITABLE[table] if SCHEMAS[table][f] == pl.Date()]
    return (
        edits.select(pl.col("entry_id").alias("id"), fields.alias("f"))
        .unnest("f")
        .with_columns(pl.col(f).str.to_date("%Y-%m-%d") for f in dates)
    )


def voided_ids(corrections: pl.DataFrame, table: str) -> pl.Series:
    return corrections.filter(pl.col("entry_table") == table, pl.col("kind") == "void")["entry_id"]


def corrected(frame: pl.DataFrame, corrections: pl.DataFrame, table: str, keep_voided: bool = False) -> pl.DataFrame:
    """One log table with its corrections: voided entries dropped (kept with `keep_voided`, and then
    `voided` and `edited` columns say which were), edited ones with their latest values."""
    voided = pl.col("id").is_in(voided_ids(corrections, table).implode())
    edits = latest_edits(corrections, table)
    out = frame.update(edits, on="id", include_nulls=True) if edits.height else frame
    if keep_voided:
        return out.with_columns(voided.alias("voided"), pl.col("id").is_in(edits["id"].implode()).alias("edited"))
    return out.filter(~voided)


def applied(log: Log) -> Log:
    """The log as it counts: voided entries gone, edited entries with their latest values."""
    if log.correction.is_empty():
        return log
    return replace(log, **{table: corrected(getattr(log, table), log.correction, table) for table in EDITABLE})


def marked(log: Log, table: str) -> pl.DataFrame:
    """A table of the log as recorded (not `applied`), corrected, each entry with `voided` and `edited`."""
    return corrected(getattr(log, table), log.correction, table, keep_voided=True)


def entry(log: Log, table: str, entry_id: int) -> dict[str, Any] | None:
    """An entry as it counts now (its latest edit), with `voided`; None when there is no such entry.
    `log` as recorded (`Store.log(corrected=False)`)."""
    found = marked(log, table).filter(pl.col("id") == entry_id)
    return found.row(0, named=True) if found.height else None


def correction(
    log: Log,
    table: str,
    entry_id: int,
    kind: str,
    changes: Mapping[str, Any] | None = None,
    reason: str | None = None,
    operator: str | None = None,
) -> tuple[dict[str, Any] | None, str | None]:
    """The correction row to append (SCHEMAS["correction"] but created_at), or None and why not
    (PROBLEMS): the entry does not exist, is already voided, an edit changes nothing or leaves the
    entry invalid (a required field empty, a promise of no amount, a hold ending before it starts,
    a note without text). An edit names the fields it changes; the others keep their values."""
    if table not in EDITABLE or kind not in KINDS:
        msg = f"cannot {kind} an entry of {table!r}"
        raise ValueError(msg)
    current = entry(log, table, entry_id)
    if current is None:
        return None, "missing"
    if current["voided"]:
        return None, "voided"
    row = {"entry_table": table, "entry_id": int(entry_id), "kind": kind, "changes": None,
           "reason": reason or None, "operator": operator or None}  # fmt: skip
    if kind == "void":
        return row, None
    unknown = set(changes or {}) - set(EDITABLE[table])
    if unknown:
        msg = f"{table}: {', '.join(sorted(unknown))} cannot be edited"
        raise ValueError(msg)
    fields = {f: current[f] for f in EDITABLE[table]} | dict(changes or {})
    if all(fields[f] == current[f] for f in fields):
        return None, "unchanged"
    problem = _invalid(table, fields)
    if problem:
        return None, problem
    return row | {"changes": json.dumps(fields, default=str, sort_keys=True)}, None


def _invalid(table: str, fields: Mapping[str, Any]) -> str | None:
    """Why an entry with these field values could not have been recorded, if it could not."""
    for name in _REQUIRED[table]:
        value = fields[name]
        if value is None or (isinstance(value, str) and not value.strip()):
            return _MISSING.get(name, "date" if SCHEMAS[table][name] == pl.Date() else "required")
    if table == "promise" and int(fields["amount_cents"]) <= 0:
        return "amount"
    if table == "hold" and not fields["until"] > fields["made_on"]:
        return "until"
    return None
