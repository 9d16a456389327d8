"""What an import tells the user: fatal failures, issues as data, and the import report."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

import polars as pl

from lib import i18n

# Issue severities: `error` (the row was left out of the items), `warning`, `info`.
ISSUE_SCHEMA: dict[str, pl.DataType] = {
    "sheet": pl.String(),
    "row": pl.Int64(),
    "column": pl.String(),
    "severity": pl.String(),
    "code": pl.String(),
    "value": pl.String(),
    "message": pl.String(),
}

RECONCILIATION_SCHEMA: dict[str, pl.DataType] = {
    "row": pl.Int64(),
    "label": pl.String(),
    "column": pl.String(),
    "report_cents": pl.Int64(),
    "rows_cents": pl.Int64(),
    "difference_cents": pl.Int64(),
}


class ImportFailed(Exception):
    """The file cannot be imported at all. `str()` is one sentence a user can act on.

    `code` is stable and its sentence lives in lib/i18n.py (FAILURES); `params` fill it and
    carry what the UI needs to help (e.g. the headers for the mapping editor).
    """

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(i18n.failure(code, "en", params))
        self.code = code
        self.params = params

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled by code and params (the app caches failures as it caches imports)."""
        return _failed, (self.code, self.params)


def _failed(code: str, params: dict[str, Any]) -> ImportFailed:
    return ImportFailed(code, **params)


@dataclass(frozen=True)
class ImportReport:
    """Everything the import learnt about the file, shown on the Import page and stored."""

    file_name: str
    sha256: str
    kind: str
    sheet: str
    sheets: tuple[str, ...]
    header_row: int
    headers: tuple[str, ...]
    mapping: dict[str, str]
    layout: str  # "detail" (a row per document) or "summary" (bucket columns per customer)
    as_of: dt.date | None
    as_of_source: str  # "file", "user" or "none"
    as_of_in_file: dt.date | None
    date_order: str  # "dmy" or "mdy"
    default_currency: str
    estimated_due_dates: bool
    counts: dict[str, int]
    issues: pl.DataFrame = field(repr=False)
    reconciliation: pl.DataFrame = field(repr=False)
    columns: pl.DataFrame = field(repr=False)  # column, field it feeds, example values
    title: tuple[str, ...] = ()  # the text cells above the header (report title, company, date)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (dates as ISO strings, frames as lists of records)."""
        data = asdict(self)
        for key in ("as_of", "as_of_in_file"):
            data[key] = data[key].isoformat() if data[key] else None
        data["issues"] = self.issues.to_dicts()
        data["reconciliation"] = self.reconciliation.to_dicts()
        data["columns"] = self.columns.to_dicts()
        data["sheets"] = list(self.sheets)
        data["headers"] = list(self.headers)
        data["title"] = list(self.title)
        return data


def issues_frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """An issues frame from a list of dicts (missing keys become null)."""
    return pl.DataFrame(rows, schema=ISSUE_SCHEMA) if rows else pl.DataFrame(schema=ISSUE_SCHEMA)
