"""Find the header row, map its labels to canonical fields, read bucket labels and the as-of date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import polars as pl

from lib import clock
from lib.ingest.limits import implausible
from lib.ingest.read import ROW
from lib.ingest.values import DateOrder, parse_date_text
from lib.schema import SYNONYM_INDEX, SYNONYMS, normalise_header

HEADER_SEARCH_ROWS = 30  # the header sits in the first ~30 non-empty rows


@dataclass(frozen=True)
class Bucket:
    """An ageing bucket column: days overdue from `low` to `high` (None = open-ended).

    `low` is 0 for "not yet due" (current).
    """

    column: str
    label: str
    low: int
    high: int | None

    @property
    def current(self) -> bool:
        return self.low == 0 and self.high == 0


@dataclass(frozen=True)
class Header:
    index: int  # position of the header row in the grid
    row: int  # its Excel row number
    labels: dict[str, str]  # grid column -> header label (non-empty only)
    fields: dict[str, str]  # canonical field -> grid column
    buckets: tuple[Bucket, ...]
    score: float


def field_for(label: str) -> tuple[str, int] | None:
    """Canonical field a header label names, with the synonym's rank (lower = more specific)."""
    key = normalise_header(label)
    field = SYNONYM_INDEX.get(key)
    if field is None:
        return None
    words = [normalise_header(w) for w in SYNONYMS[field]]
    return field, words.index(key)


def map_labels(labels: dict[str, str]) -> dict[str, str]:
    """Guess field -> grid column; when two labels claim a field the more specific one wins."""
    best: dict[str, tuple[int, str]] = {}
    for column, label in labels.items():
        found = field_for(label)
        if found and (found[0] not in best or found[1] < best[found[0]][0]):
            best[found[0]] = (found[1], column)
    return {field: column for field, (_, column) in best.items()}


# --- bucket labels --------------------------------------------------------------------------

_CURRENT = re.compile(
    r"^(current|attuale|corrente|at date|not due|not yet due|non scadut[oi]|a scadere|future|"
    r"in scadenza|da scadere)\b"
)
_OLDER = re.compile(r"^(older|più vecchio|piu vecchio|oltre|over|more|remaining)$")
_RANGE = re.compile(r"(\d+)\s*(?:-|–|to|a)\s*(\d+)")
_UPTO = re.compile(r"(?:≤|<=|<|fino a|entro|età|eta|age|up to)\s*(\d+)")
_OVER = re.compile(r"(?:>|over|oltre|più di|piu di|older than)\s*(\d+)|(\d+)\s*(?:\+|and over|or more|e oltre)")
_MONTHS = re.compile(r"^(<\s*)?(\d+)\s*(months?|mesi|mese)$")


def bucket_ranges(labels: dict[str, str]) -> tuple[Bucket, ...]:
    """Bucket columns among the labels, in column order, with their day ranges.

    Understands `Current`, `1 - 30`, `31 - 60 days past due`, `91 and over`, `> 90`,
    `Età ≤ 30 g.`, `Più vecchio`, Xero's `< 1 Month` / `1 Month` / `Older`.
    A single matching label is not enough: it takes two bucket columns to make a bucket report.
    """
    found: list[Bucket] = []
    previous_high = 0
    for column, label in labels.items():
        text = label.lower().strip()
        low: int | None
        high: int | None
        if _CURRENT.search(text):
            low, high = 0, 0
        elif months := _MONTHS.match(text):
            n = int(months.group(2))
            low, high = (1, 30) if months.group(1) else (n * 30 + 1, (n + 1) * 30)
        elif span := _RANGE.search(text):
            low, high = max(1, int(span.group(1))), int(span.group(2))
        elif upto := _UPTO.search(text):
            low, high = previous_high + 1, int(upto.group(1))
        elif over := _OVER.search(text):
            low, high = int(over.group(1) or over.group(2)) + (1 if over.group(1) else 0), None
        elif _OLDER.match(text):
            low, high = previous_high + 1, None
        else:
            continue
        previous_high = high if high is not None else previous_high
        found.append(Bucket(column, label, low, high))
    return tuple(found) if len(found) >= 2 else ()


# --- header row -----------------------------------------------------------------------------


def find_header(grid: pl.DataFrame) -> Header | None:
    """The row among the first non-empty ones that best reads as column labels.

    A header may take two rows (Tally: `Pending` over `Amount`): a row of short words right
    below a candidate is joined to it when that reads better.
    """
    cells = [c for c in grid.columns if c != ROW]
    head = grid.head(HEADER_SEARCH_ROWS * 3).filter(pl.any_horizontal(pl.col(cells).is_not_null()))
    records = head.head(HEADER_SEARCH_ROWS + 1).to_dicts()
    if not records:  # an empty sheet (one in front of the report, say)
        return None
    best: Header | None = None
    for top, below in zip(records, [*records[1:], None], strict=True):
        rows = [[top], [top, below]] if below is not None and _fragments(below, top, cells) else [[top]]
        for parts in rows:
            labels = {
                c: " ".join(str(part[c]) for part in parts if part[c] is not None)
                for c in cells
                if any(part[c] is not None for part in parts)
            }
            candidate = _score(labels)
            if best is None or candidate[2] > best.score:
                position = int(grid[ROW].search_sorted(parts[-1][ROW]))
                best = Header(position, top[ROW], labels, *candidate)
    return best if best is not None and best.score >= 2 else None


def _score(labels: dict[str, str]) -> tuple[dict[str, str], tuple[Bucket, ...], float]:
    fields = map_labels(labels)
    buckets = bucket_ranges(labels)
    totals = [c for c, label in labels.items() if normalise_header(label) in ("total", "totale")]
    if buckets and totals and not {"open", "amount"} & fields.keys():
        # next to bucket columns, `Total` is what is still owed (Xero detail: its only amount)
        fields = {**fields, "open": totals[-1]}
    return fields, buckets, len(fields) + 0.5 * len(buckets)


def _fragments(below: dict[str, Any], top: dict[str, Any], cells: list[str]) -> bool:
    """The row right below holds only a few short words: the second line of a two-row header."""
    if below[ROW] != top[ROW] + 1:
        return False
    values = [below[c] for c in cells if below[c] is not None]
    filled = sum(top[c] is not None for c in cells)
    return 0 < len(values) <= filled and all(
        isinstance(v, str) and len(v) <= 20 and not any(ch.isdigit() for ch in v) for v in values
    )


# --- as-of date -----------------------------------------------------------------------------

_DATE = (
    r"(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}"
    r"|[A-Za-z]{3,}\.? \d{1,2},? \d{4}|\d{1,2}[ \-][A-Za-zà-ù]{3,}\.?[ \-]\d{2,4})"
)
_AS_OF = re.compile(
    r"(?:\bal|\balla data(?: del)?|\bas of|\bas at|\bat date|\bat|\baggiornat[oa] al|\bdata di riferimento"
    r"|\bdata riferimento|\bscaduto al|\bdate at filter|\bfiltro alla data|\bkey date|\bstichtag|\bdata chiave"
    r"|\breport date|\bag(?:e)?ing date|\bstatement date|\bsituazione al|\bopen items at)\s*:?\s*" + _DATE,
    re.IGNORECASE,
)
_AS_OF_LABEL = re.compile(
    r"^(filtro alla data|data di riferimento|data riferimento|date at filter|as of|as at|alla data|key date"
    r"|stichtag|report date|aging date|ageing date)\s*:?$",
    re.IGNORECASE,
)
# A print date is not the report date: `Data stampa 21/11/2026`, `Stampato il ...`, `Printed at ...`
_PRINTED = re.compile(
    r"(?i)stampa|stampato|printed|print date|run date|generated|elaborat[oa] il|esportat[oa] il|creat[oa] il"
)
# `Scadenze dal 01/01/2026 al 31/12/2026`: the end of a range of due dates, not the report date
_RANGE_END = re.compile(r"(?i)\bdal\s+\S+\s+al\s")


def find_as_of(rows: list[list[str]], order: DateOrder) -> dt.date | None:
    """The report date from title rows and header labels.

    `Scadenzario clienti al 20/11/2026`, `As of September 25, 2026`, `As at 31 March 2026`,
    `Giorni scaduto al 30/09/2026`, or a `Filtro alla data` label with the date in a later cell.
    Print dates (`Data stampa`, `Printed on`) are not report dates; the end of a range
    (`dal 01/01/2026 al 31/12/2026`) is taken only when nothing else names the date.
    """
    fallback = None
    for cells in rows:
        for position, cell in enumerate(cells):
            if _PRINTED.search(cell):
                continue
            if match := _AS_OF.search(cell):
                found = _either_order(match.group(1), order)
                if found and _RANGE_END.search(cell):
                    fallback = fallback or found
                elif found:
                    return found
            if _AS_OF_LABEL.match(cell.strip()):
                for later in cells[position + 1 :]:
                    found = _either_order(later, order)
                    if found:
                        return found
    return fallback


def _either_order(text: str, order: DateOrder) -> dt.date | None:
    """`09/25/2026` can only be US, `25/09/2026` only European: try the file's order first. A
    date no report can be of (limits.implausible from today: `al 31/12/9999`) is no as-of date."""
    other: DateOrder = "mdy" if order == "dmy" else "dmy"
    found = parse_date_text(text, order) or parse_date_text(text, other)
    if found is None or pl.select(implausible(pl.lit(found), clock.today())).item():
        return None
    return found
