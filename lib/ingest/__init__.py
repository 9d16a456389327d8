"""Excel/CSV ageing export -> canonical open items + import report (no streamlit here).

`import_file(data, file_name)` is the one entry point: it sniffs the format, reads every visible
sheet as text, proposes the sheet that looks like an ageing report, finds its header, maps
columns by synonyms (or the user's mapping), separates documents from structure, parses money
and dates with expressions, and reconciles the report's own totals. Cell problems become issue
rows; only a file that cannot be imported at all raises `ImportFailed` with one sentence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl

from lib import i18n
from lib.ageing import totals_by_currency
from lib.ingest import header as hdr
from lib.ingest.checks import check_detail, check_summary, structure_issues, unsaved_formulas
from lib.ingest.items import cents_column, detail_items, summary_items
from lib.ingest.read import MAX_UPLOAD_MB, ROW, Sheet, read_sheets, sniff
from lib.ingest.report import ImportFailed, ImportReport
from lib.ingest.structure import classify, forward_fill_groups, mark_leading_total, report_totals
from lib.ingest.values import (
    DateOrder,
    DecimalMark,
    date_order_votes,
    decimal_mark,
    money_cents,
)
from lib.schema import FIELDS, normalise_header

__all__ = ["MAX_UPLOAD_MB", "ImportFailed", "ImportReport", "Imported", "import_file"]

_ITALIAN = {
    "scadenza",
    "importo",
    "residuo",
    "cliente",
    "ragione",
    "documento",
    "data",
    "partita",
    "valuta",
    "saldo",
    "attuale",
    "pagamento",
    "codice",
    "fattura",
    "pagato",
    "sociale",
}
_PAYABLES = {"vendor", "fornitore", "supplier", "bill", "creditor", "vendor display name"}


@dataclass(frozen=True)
class Imported:
    """The open items (canonical schema, see lib/schema.py) and what the import found."""

    items: pl.DataFrame
    report: ImportReport

    def catalogue(self) -> dict[str, Any]:
        """What the store's catalogue keeps of this import (its `snapshot` row but the id and the
        time of saving): the report's identity, counts, the open and overdue cents per currency
        at the as-of date (`lib.ageing.totals_by_currency`, as records) and the report without
        its tables (`report`, JSON-ready).

        Raises:
            ValueError: the import has no as-of date, so it cannot be a snapshot.
        """
        report = self.report
        if report.as_of is None:
            msg = "a snapshot needs an as-of date"
            raise ValueError(msg)
        return {
            "as_of": report.as_of,
            "file_name": report.file_name,
            "sha256": report.sha256,
            "sheet": report.sheet,
            "layout": report.layout,
            "items": self.items.height,
            "customers": self.items["customer_id"].n_unique(),
            "estimated_due_dates": report.estimated_due_dates,
            "totals": totals_by_currency(self.items.lazy(), report.as_of).to_dicts(),
            "report": {k: v for k, v in report.to_dict().items() if k not in ("issues", "reconciliation")},
        }


def import_file(
    data: bytes,
    file_name: str,
    *,
    as_of: dt.date | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    currency: str | None = None,
    max_bytes: int = MAX_UPLOAD_MB * 2**20,
) -> Imported:
    """Import one ageing export.

    Args:
        data: the file's bytes (pass `uploaded.getvalue()`).
        file_name: shown in messages.
        as_of: the report date; overrides the one read from the file.
        sheet: the sheet to read; default: the one that looks most like an ageing report.
        mapping: canonical field -> header label, overriding the guessed mapping (None unmaps).
        currency: ISO code for rows without a currency (default: EUR, USD for US-dated files).
        max_bytes: size limit.

    Raises:
        ImportFailed: the file cannot be imported; its message says why in one sentence.
    """
    kind = sniff(data, file_name, max_bytes)
    sheets = read_sheets(data, kind, file_name)
    chosen, header = _choose_sheet(sheets, sheet, file_name)
    fields = _apply_mapping(header, mapping or {}, file_name)
    labels = header.labels
    _refuse_other_reports(labels, file_name, chosen.name)

    grid = chosen.grid
    body = grid.slice(header.index + 1)
    title_rows = [
        [v for v in record.values() if isinstance(v, str)]
        for record in grid.slice(0, header.index).drop(ROW).to_dicts()
    ]
    italian = any(set(normalise_header(v).split()) & _ITALIAN for v in labels.values())
    order = _date_order(body, fields, title_rows, italian)
    found_as_of = hdr.find_as_of([*title_rows, list(labels.values())], order)
    report_as_of = as_of or found_as_of
    default_currency = currency or ("USD" if order == "mdy" else "EUR")

    sample = body.head(50)  # for the column preview, also when columns are missing
    layout = _layout(fields, header, sample, file_name, chosen.name)
    if layout == "summary" and not {"customer_id", "customer_name"} & fields.keys():
        fields = {**fields, **_unnamed_name_column(grid, labels, header.buckets)}
    money_columns = (
        [fields[f] for f in ("open", "amount", "paid") if f in fields]
        if layout == "detail"
        else [b.column for b in header.buckets] + [fields[f] for f in ("open", "amount") if f in fields]
    )
    doc_columns = [fields[f] for f in ("doc_number", "due_date", "doc_date") if f in fields]
    customer_columns = [fields[f] for f in ("customer_id", "customer_name", "vat_id") if f in fields]
    rows = forward_fill_groups(
        classify(body.lazy(), labels, doc_columns if layout == "detail" else [], money_columns, customer_columns)
    ).collect()
    data_rows = rows.filter(pl.col("kind") == "data")
    if data_rows.height == 0:
        raise ImportFailed(
            "no_rows",
            file=file_name,
            sheet=chosen.name,
            row=header.row,
        )
    if not customer_columns and data_rows["group_name"].null_count() == data_rows.height:
        raise _ask("missing_columns", header, fields, sample, file_name, chosen.name, missing="customer")
    default_mark: DecimalMark = "," if italian else "."
    marks = {column: decimal_mark(data_rows[column], default_mark) for column in money_columns}
    # parse every money column once, for the items and for the report's own totals
    rows = rows.with_columns(money_cents(pl.col(c), marks[c]).alias(cents_column(c)) for c in money_columns)
    rows = mark_leading_total(rows, [cents_column(c) for c in money_columns], doc_columns)
    data_rows = rows.filter(pl.col("kind") == "data")

    if layout == "detail":
        raw = detail_items(data_rows.lazy(), fields, order, default_currency, chosen.name).collect()
        items, issues = check_detail(raw, fields, labels, chosen.name)
    else:
        if report_as_of is None:
            raise _ask("no_as_of", header, fields, sample, file_name, chosen.name)
        raw = summary_items(
            data_rows.lazy(), fields, header.buckets, report_as_of, default_currency, chosen.name
        ).collect()
        items, issues = check_summary(raw, header.buckets, chosen.name)

    recon_money = (
        {f: fields[f] for f in ("open", "amount", "paid") if f in fields}
        if layout == "detail"
        else {b.column: b.column for b in header.buckets} | ({"open": fields["open"]} if "open" in fields else {})
    )
    flipped = raw.filter(pl.col("_flipped"))["source_row"] if layout == "detail" else pl.Series([], dtype=pl.Int64)
    reconciliation = report_totals(rows, recon_money, fields, labels, flipped)
    all_issues = (
        pl.concat([issues, structure_issues(rows, reconciliation, chosen.name), unsaved_formulas(chosen)])
        .sort(ROW, "column", nulls_last=True)
        .with_columns(i18n.issue_messages(pl.col("code"), pl.col("column"), pl.col("value"), "en").alias("message"))
    )
    counts = {
        "rows": int((rows["kind"] != "blank").sum()),
        "items": items.height,
        "customers": items["customer_id"].n_unique(),
        "data_rows": data_rows.height,
        "excluded_rows": int(all_issues.filter(pl.col("severity") == "error")[ROW].n_unique()),
        "unsaved_formulas": len(chosen.unsaved_formulas),
        **{
            f"{k}_rows": int((rows["kind"] == k).sum())
            for k in ("subtotal", "total", "header", "group", "section", "footer")
        },
    }
    report = ImportReport(
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        kind=kind,
        sheet=chosen.name,
        sheets=tuple(s.name for s in sheets),
        header_row=header.row,
        headers=tuple(labels.values()),
        mapping={f: labels[c] for f, c in fields.items() if c in labels},
        layout=layout,
        as_of=report_as_of,
        as_of_source="user" if as_of else ("file" if found_as_of else "none"),
        as_of_in_file=found_as_of,
        date_order=order,
        default_currency=default_currency,
        estimated_due_dates=layout == "summary",
        counts=counts,
        issues=all_issues,
        reconciliation=reconciliation,
        columns=_column_preview(data_rows, labels, fields),
    )
    return Imported(items.sort("customer_id", "due_date", "source_row"), report)


# --- steps ----------------------------------------------------------------------------------


def _column_preview(data_rows: pl.DataFrame, labels: dict[str, str], fields: dict[str, str]) -> pl.DataFrame:
    """Each labelled column, the field it feeds, and its first distinct values: what a user
    needs to judge the mapping."""
    field_of = {column: field for field, column in fields.items()}
    examples = data_rows.head(50).select(
        pl.col(c).drop_nulls().str.strip_suffix(" 00:00:00").unique(maintain_order=True).head(3).str.join(" · ")
        for c in labels
    )
    return pl.DataFrame(
        {
            "column": list(labels.values()),
            "field": [field_of.get(c) for c in labels],
            "examples": [examples[c].item() if examples.height else "" for c in labels],
        },
        schema={"column": pl.String, "field": pl.String, "examples": pl.String},
    )


def _choose_sheet(sheets: list[Sheet], name: str | None, file_name: str) -> tuple[Sheet, hdr.Header]:
    if name is not None:
        sheets_named = [s for s in sheets if s.name.strip() == name.strip()]
        if not sheets_named:
            raise ImportFailed(
                "no_sheet",
                file=file_name,
                sheet=name,
            )
        sheets = sheets_named
    if all(_is_empty(s.grid) for s in sheets):
        raise ImportFailed("empty", file=file_name)
    scored = [(s, hdr.find_header(s.grid)) for s in sheets]
    found = [(s, h) for s, h in scored if h is not None]
    if not found:
        raise _not_ageing(sheets, file_name)
    return max(found, key=lambda pair: pair[1].score)


def _is_empty(grid: pl.DataFrame) -> bool:
    cells = grid.drop(ROW)
    return (
        cells.width == 0
        or cells.height == 0
        or cells.null_count().sum_horizontal().item() == cells.width * cells.height
    )


def _not_ageing(sheets: list[Sheet], file_name: str) -> ImportFailed:
    return ImportFailed(
        "not_ageing",
        file=file_name,
        sheets=", ".join(s.name for s in sheets),
    )


def _apply_mapping(header: hdr.Header, mapping: Mapping[str, str | None], file_name: str) -> dict[str, str]:
    """The guessed field -> column map with the user's choices laid over it."""
    by_label = {label: column for column, label in header.labels.items()}
    fields = dict(header.fields)
    for field, label in mapping.items():
        if field not in FIELDS:
            raise ImportFailed("bad_mapping", file=file_name, field=field, label=label)
        if not label:
            fields.pop(field, None)
        elif label in by_label:
            fields = {f: c for f, c in fields.items() if c != by_label[label]}
            fields[field] = by_label[label]
        else:
            raise ImportFailed(
                "bad_mapping",
                file=file_name,
                field=field,
                label=label,
            )
    return fields


def _refuse_other_reports(labels: dict[str, str], file_name: str, sheet: str) -> None:
    words = {normalise_header(v) for v in labels.values()}
    flat = " ".join(words)
    if words & _PAYABLES or any(w.startswith(("vendor", "fornitore", "bill ")) for w in words):
        raise ImportFailed(
            "payables",
            file=file_name,
            sheet=sheet,
        )
    if ("dare" in words and "avere" in words) or ("debit" in words and "credit" in words):
        raise ImportFailed(
            "ledger",
            file=file_name,
            sheet=sheet,
            columns=flat,
        )


def _unnamed_name_column(grid: pl.DataFrame, labels: dict[str, str], buckets: tuple[hdr.Bucket, ...]) -> dict[str, str]:
    """QuickBooks and NetSuite summaries leave the customer column's header cell blank: the first
    unnamed column left of the buckets holds the names."""
    left = grid.columns[: grid.columns.index(buckets[0].column)]
    unnamed = [c for c in left if c != ROW and c not in labels]
    return {"customer_name": unnamed[0]} if unnamed else {}


def _layout(fields: dict[str, str], header: hdr.Header, sample: pl.DataFrame, file_name: str, sheet: str) -> str:
    has_money = "open" in fields or "amount" in fields
    has_date = "due_date" in fields or "doc_date" in fields
    if has_date and has_money:
        return "detail"
    if header.buckets and not has_date:
        return "summary"
    # with dates it is a detail report: its bucket columns are no stand-in for the amount column
    has_amount = has_money or (bool(header.buckets) and not has_date)
    missing = [need for need, ok in (("amount", has_amount), ("due_date", has_date)) if not ok]
    raise _ask("missing_columns", header, fields, sample, file_name, sheet, missing=", ".join(missing))


def _ask(
    code: str, header: hdr.Header, fields: dict[str, str], sample: pl.DataFrame, file_name: str, sheet: str, **more: str
) -> ImportFailed:
    """A failure the user can fix on the Import page (a column to map, a date to give): it carries
    what the settings form needs along with the sentence."""
    labels = header.labels
    return ImportFailed(
        code,
        file=file_name,
        sheet=sheet,
        row=header.row,
        headers=list(labels.values()),
        mapping={f: labels[c] for f, c in fields.items()},
        preview=_column_preview(sample, labels, fields),
        **more,
    )


def _date_order(body: pl.DataFrame, fields: dict[str, str], titles: list[list[str]], italian: bool) -> DateOrder:
    """Day-first unless the file is evidently US: a date column that only reads month-first,
    or (with no evidence either way) an English file titled `As of September 25, 2026`."""
    columns = [fields[f] for f in ("due_date", "doc_date") if f in fields]
    if columns:
        votes = body.select(
            *(v.alias(f"{c}_{i}") for c in columns for i, v in enumerate(date_order_votes(pl.col(c))))
        ).row(0)
        day_first, month_first = sum(votes[0::2]), sum(votes[1::2])
        if day_first or month_first:
            return "mdy" if month_first > day_first else "dmy"
    us_title = any(re.search(r"(?i)\bas of [a-z]+ \d{1,2}, \d{4}", cell) for cells in titles for cell in cells)
    return "mdy" if us_title and not italian else "dmy"
