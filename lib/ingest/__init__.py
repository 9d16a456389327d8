"""Excel/CSV ageing export -> canonical open items + import report (no streamlit here).

`import_file(data, file_name)` is the one entry point: it sniffs the format (xlsx, xls, ods, csv
or text lists, HTML tables saved as .xls), reads every visible sheet as text, proposes the sheet
that looks most like a document-level ageing report, finds its header, maps columns by synonyms
(or the user's mapping) and then checks that mapping against the values (columns.py: a Sì/No
`Pagato` is a payment state, a `Conto` of bank accounts is not the customer, a packed
`Fattura n. 12 del 15/03/2026` is split), separates documents from structure (structure.py:
page furniture of printed reports, group rows, continuation rows, totals), parses money and
dates with expressions, and reconciles the report's own totals (totals.py). Cell problems and
column choices become issue rows; a file that cannot be imported at all, or whose every row is
left out, raises `ImportFailed` with one sentence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl

from lib import clock, i18n
from lib.ageing import totals_by_currency
from lib.ingest import header as hdr
from lib.ingest.checks import check_detail, check_summary, structure_issues, unsaved_formulas
from lib.ingest.columns import Choice, choose
from lib.ingest.items import cents_column, detail_items, summary_items
from lib.ingest.layouts import apply_mapping
from lib.ingest.limits import check_total
from lib.ingest.read import MAX_UPLOAD_MB, ROW, Sheet, read_sheets, sniff
from lib.ingest.report import ImportFailed, ImportReport, issues_frame
from lib.ingest.structure import (
    Layout,
    classify,
    continuation,
    fill_down,
    forward_fill_groups,
    furniture,
    mark_leading_total,
)
from lib.ingest.totals import report_totals
from lib.ingest.values import (
    DateOrder,
    DecimalMark,
    date_order_votes,
    decimal_mark,
    money_cents,
    parse_date,
)
from lib.schema import normalise_header

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
# written on a customer's first row only, in continuation layouts
_CUSTOMER_FIELDS = ("customer_id", "customer_name", "vat_id", "email", "pec", "address", "phone", "salesperson")
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
    fields = apply_mapping(header.labels, header.fields, mapping or {}, file_name)
    labels = header.labels
    _refuse_other_reports(labels, file_name, chosen.name)

    grid = chosen.grid
    body = grid.slice(header.index + 1)
    above = grid.slice(0, header.index + 1).drop(ROW).to_dicts()
    title_rows = [[v for v in record.values() if isinstance(v, str)] for record in above[:-1]]
    picked = choose(body, labels, fields, {f for f, label in (mapping or {}).items() if label and f in fields})
    fields, names = picked.fields, picked.names
    if picked.derived:
        body = body.with_columns(picked.derived)
    italian = any(set(normalise_header(v).split()) & _ITALIAN for v in labels.values())
    order = _date_order(body, fields, title_rows, italian)
    titled_as_of = hdr.find_as_of([*title_rows, list(labels.values())], order)
    column_as_of = None if titled_as_of else _as_of_column(body, picked.as_of_column, order)
    found_as_of = titled_as_of or column_as_of
    if column_as_of and picked.as_of_column:  # say where the date came from
        picked.choices.append(Choice(picked.as_of_column, "info", "as_of_column", column_as_of.isoformat()))
    report_as_of = as_of or found_as_of
    default_currency = currency or ("USD" if order == "mdy" else "EUR")

    sample = body.head(50)  # for the column preview, also when columns are missing
    layout = _layout(fields, header, sample, file_name, chosen.name, names)
    if layout == "summary" and not {"customer_id", "customer_name"} & fields.keys():
        fields = {**fields, **_unnamed_name_column(grid, labels, header.buckets)}
    money_columns = (
        [fields[f] for f in ("open", "amount", "paid") if f in fields]
        if layout == "detail"
        else [b.column for b in header.buckets] + [fields[f] for f in ("open", "amount") if f in fields]
    )
    doc_columns = (
        [fields[f] for f in ("doc_number", "due_date", "doc_date") if f in fields] if layout == "detail" else []
    )
    customer_columns = [fields[f] for f in ("customer_id", "customer_name", "vat_id") if f in fields]
    table = Layout(
        labels=labels,
        doc_columns=doc_columns,
        date_columns=[fields[f] for f in ("due_date", "doc_date") if f in fields] if layout == "detail" else [],
        money_columns=money_columns,
        customer_columns=customer_columns,
        left=_left_columns(labels, customer_columns),
        furniture=furniture(v for record in above for v in record.values() if isinstance(v, str)),
    )
    rows = forward_fill_groups(classify(body, table))
    # code and name on each customer's first row only
    rows = fill_down(rows, continuation(rows, [fields[f] for f in _CUSTOMER_FIELDS if f in fields]))
    data_rows = rows.filter(pl.col("kind") == "data")
    if data_rows.height == 0:
        raise ImportFailed(
            "no_rows",
            file=file_name,
            sheet=chosen.name,
            row=header.row,
        )
    grouped = data_rows.select(pl.coalesce("group_name", "group_id")).to_series()
    if not customer_columns and grouped.null_count() == data_rows.height:
        raise _ask("missing_columns", header, fields, sample, file_name, chosen.name, missing="customer")
    default_mark: DecimalMark = "," if italian else "."
    marks = {column: decimal_mark(data_rows[column], default_mark) for column in money_columns}
    # parse every money column once, for the items and for the report's own totals
    rows = rows.with_columns(money_cents(pl.col(c), marks[c]).alias(cents_column(c)) for c in money_columns)
    check_total(rows.filter(pl.col("kind") != "blank").select(cents_column(c) for c in money_columns), file_name)
    rows = mark_leading_total(rows, [cents_column(c) for c in money_columns], doc_columns)
    data_rows = rows.filter(pl.col("kind") == "data")

    if layout == "detail":
        raw = detail_items(
            data_rows.lazy(), fields, order, default_currency, chosen.name, picked.status, picked.direction
        ).collect()
        items, issues = check_detail(
            raw,
            fields,
            names,
            chosen.name,
            report_as_of or clock.today(),
            names.get(picked.status) if picked.status else None,
            names.get(picked.direction) if picked.direction else None,
        )
    else:
        if report_as_of is None:
            raise _ask("no_as_of", header, fields, sample, file_name, chosen.name)
        raw = summary_items(
            data_rows.lazy(), fields, header.buckets, report_as_of, default_currency, chosen.name
        ).collect()
        items, issues = check_summary(raw, header.buckets, chosen.name)
    if items.height == 0:
        raise _nothing_to_import(issues, data_rows.height, file_name, chosen.name, header, fields, sample)

    recon_money: dict[str, str] = (
        {f: fields[f] for f in ("open", "amount", "paid") if f in fields}
        if layout == "detail"
        else {b.column: b.column for b in header.buckets} | ({"open": fields["open"]} if "open" in fields else {})
    )
    flipped = raw.filter(pl.col("_flipped"))["source_row"] if layout == "detail" else pl.Series([], dtype=pl.Int64)
    reconciliation = report_totals(rows, recon_money, fields, names, flipped, default_currency)
    choices = [c for c in picked.choices if layout == "detail" or c.code != "no_doc_numbers"]
    all_issues = (
        pl.concat(
            [
                issues,
                structure_issues(rows, reconciliation, chosen.name),
                unsaved_formulas(chosen),
                _choice_issues(choices, names, chosen.name, header.row),
            ]
        )
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
            for k in ("subtotal", "total", "header", "group", "section", "footer", "page")
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
        mapping=_mapping(fields, labels),
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
        title=tuple(cell for cells in title_rows for cell in cells if cell.strip()),
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
    # a detail report (a row per document, with dates) beats a summary sheet put in front of it
    return max(found, key=lambda pair: pair[1].score + _detail_bonus(pair[1]))


def _detail_bonus(header: hdr.Header) -> int:
    """Dates and amounts make a row per document (more so with document numbers): such a sheet
    beats a summary put in front of it."""
    fields = header.fields
    dated = bool({"due_date", "doc_date"} & fields.keys() and {"open", "amount"} & fields.keys())
    return 3 * dated + ("doc_number" in fields)


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


def _layout(
    fields: dict[str, str],
    header: hdr.Header,
    sample: pl.DataFrame,
    file_name: str,
    sheet: str,
    names: dict[str, str],
) -> str:
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


def _mapping(fields: dict[str, str], labels: dict[str, str]) -> dict[str, str]:
    """Field -> header label; a field read from part of a packed cell names that cell's column."""
    shown = {}
    for field, column in fields.items():
        source = column if column in labels else column.rsplit("_", 1)[0]
        if source in labels:
            shown[field] = labels[source]
    return shown


def _ask(
    code: str, header: hdr.Header, fields: dict[str, str], sample: pl.DataFrame, file_name: str, sheet: str, **more: Any
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
        mapping=_mapping(fields, labels),
        preview=_column_preview(sample, labels, fields),
        **more,
    )


def _nothing_to_import(
    issues: pl.DataFrame,
    documents: int,
    file_name: str,
    sheet: str,
    header: hdr.Header,
    fields: dict[str, str],
    sample: pl.DataFrame,
) -> ImportFailed:
    """Every document row was left out (errors) or closed: one sentence, not an empty import."""
    errors = issues.filter(pl.col("severity") == "error")
    if errors.height == 0:
        return _ask("nothing_open", header, fields, sample, file_name, sheet, rows=documents)
    return _ask(
        "no_items",
        header,
        fields,
        sample,
        file_name,
        sheet,
        rows=documents,
        errors=errors[ROW].n_unique(),
        first=int(errors[ROW].min()),  # type: ignore[arg-type]
    )


def _choice_issues(choices: list[Choice], names: dict[str, str], sheet: str, row: int) -> pl.DataFrame:
    """The column choices made by value (lib/ingest/columns.py) as issues on the header row."""
    return issues_frame(
        [
            {
                "sheet": sheet,
                "row": row,
                "column": names.get(c.column),
                "severity": c.severity,
                "code": c.code,
                "value": c.value,
            }
            for c in choices
        ]
    )


def _left_columns(labels: dict[str, str], customer_columns: list[str]) -> list[str]:
    """Grid columns where a group label may start: up to the third labelled column (and the
    customer columns): a text line further right is a wrapped description, not a customer."""
    positions = sorted(int(c[1:]) for c in labels)
    limit = positions[min(2, len(positions) - 1)] if positions else 0
    return sorted({*(f"c{i}" for i in range(limit + 1)), *customer_columns}, key=lambda c: int(c[1:]))


def _as_of_column(body: pl.DataFrame, column: str | None, order: DateOrder) -> dt.date | None:
    """The report date written on every row (Business Central's `Reporting Date`)."""
    if column is None:
        return None
    dates = body.select(parse_date(pl.col(column), order)).to_series().drop_nulls().unique()
    return dates.item() if dates.len() == 1 else None


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
