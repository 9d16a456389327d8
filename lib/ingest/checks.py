"""Cell checks: split parsed rows into open items and issues (sheet, Excel row, column, code)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from lib.ingest.header import Bucket
from lib.ingest.items import to_canonical
from lib.ingest.limits import implausible
from lib.ingest.read import ROW, Sheet
from lib.ingest.report import issues_frame
from lib.ingest.values import cents_text, too_large


def issue_rows(
    frame: pl.DataFrame,
    sheet: str,
    column: str | pl.Expr | None,
    severity: str,
    code: str,
    value: pl.Expr,
    row: pl.Expr | None = None,
) -> pl.DataFrame:
    """One issue per row of `frame`, in the issues schema; `row` defaults to the item's source row."""
    return frame.select(
        pl.lit(sheet).alias("sheet"),
        (pl.col("source_row") if row is None else row).cast(pl.Int64).alias(ROW),
        (column if isinstance(column, pl.Expr) else pl.lit(column, dtype=pl.String)).alias("column"),
        pl.lit(severity).alias("severity"),
        pl.lit(code).alias("code"),
        value.cast(pl.String).alias("value"),
        pl.lit(None, dtype=pl.String).alias("message"),
    )


def _money_issues(field: str, label: str | None) -> list[tuple[pl.Expr, str | None, str, str, pl.Expr]]:
    """A cell that is no amount, and one over the largest amount a document may have."""
    text, cents = pl.col(f"_{field}_text"), pl.col(f"_{field}_cents")
    failed = text.is_not_null() & cents.is_null()
    oversized = too_large(pl.when(failed).then(text), ".")  # parsed again only where it failed
    return [
        (failed & ~oversized, label, "error", "bad_amount", text),
        (oversized, label, "error", "amount_too_large", text),
    ]


def check_detail(
    raw: pl.DataFrame,
    fields: dict[str, str],
    labels: dict[str, str],
    sheet: str,
    as_of: dt.date,
    status_label: str | None = None,
    direction_label: str | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Split parsed rows into items and issues; fill a missing due date from the document date.
    Dates far from `as_of` (limits.implausible) are issues: a due date leaves its row out, a
    document date is not used."""
    label = {f: labels[c] for f, c in fields.items()}
    bad_money = [
        (f, (pl.col(f"_{f}_text").is_not_null() & pl.col(f"_{f}_cents").is_null()))
        for f in ("amount", "open", "paid")
        if f in fields
    ]
    raw = raw.with_columns(
        _odd_due=implausible(pl.col("due_date"), as_of).fill_null(False),
        _odd_doc=implausible(pl.col("doc_date"), as_of).fill_null(False),
        _doc_bad=pl.col("_doc_text").is_not_null() & pl.col("doc_date").is_null(),
    ).with_columns(doc_date=pl.when("_odd_doc").then(None).otherwise("doc_date"))
    due_bad = pl.col("_due_text").is_not_null() & pl.col("due_date").is_null()
    doc_bad = pl.col("_doc_bad")
    no_due = pl.col("_due_text").is_null()
    marked_paid = (pl.col("_state") == "paid") & ~pl.col("_residual_known")
    checks: list[tuple[pl.Expr, str | None, str, str, pl.Expr]] = [
        *(check for f, _ in bad_money for check in _money_issues(f, label[f])),
        (due_bad, label.get("due_date"), "error", "bad_date", pl.col("_due_text")),
        (doc_bad, label.get("doc_date"), "warning", "bad_date", pl.col("_doc_text")),
        (pl.col("_odd_due"), label.get("due_date"), "error", "implausible_date", pl.col("_due_text")),
        (pl.col("_odd_doc"), label.get("doc_date"), "warning", "implausible_date", pl.col("_doc_text")),
        (
            no_due & pl.col("doc_date").is_not_null(),
            label.get("due_date"),
            "info",
            "due_from_doc_date",
            pl.col("doc_date"),
        ),
        (
            no_due & pl.col("doc_date").is_null() & ~doc_bad,
            label.get("due_date"),
            "error",
            "missing_due_date",
            pl.lit(None),
        ),
        (pl.col("customer_name").is_null(), label.get("customer_name"), "error", "missing_customer", pl.lit(None)),
        (
            pl.col("open_cents").is_null() & ~pl.any_horizontal([f for _, f in bad_money] or [pl.lit(False)]),
            label.get("open") or label.get("amount"),
            "error",
            "missing_amount",
            pl.lit(None),
        ),
        (
            (pl.col("open_cents") == 0) & ~marked_paid & ~pl.col("_payable"),
            label.get("open") or label.get("amount"),
            "info",
            "zero_open",
            pl.lit("0"),
        ),
        (marked_paid & ~pl.col("_payable"), status_label, "info", "paid_row", pl.col("_state_text")),
        (
            (pl.col("_state") == "partial") & ~pl.col("_residual_known"),
            status_label,
            "warning",
            "partly_paid_no_residual",
            pl.col("_state_text"),
        ),
        (pl.col("_payable"), direction_label, "info", "payable_row", pl.col("_direction_text")),
        (
            pl.col("_flipped"),
            label.get("open") or label.get("amount"),
            "info",
            "credit_note_sign",
            pl.col("open_cents"),
        ),
    ]
    issues = pl.concat(
        [
            issue_rows(raw.filter(cond.fill_null(False)), sheet, col, sev, code, val)
            for cond, col, sev, code, val in checks
        ]
    )
    excluded = issues.filter(pl.col("severity") == "error")[ROW]
    items = raw.with_columns(pl.coalesce("due_date", "doc_date").alias("due_date")).filter(
        ~pl.col("source_row").is_in(excluded.implode()), pl.col("open_cents") != 0, ~pl.col("_payable")
    )
    key = ["customer_id", "doc_number", "due_date", "open_cents"]
    duplicates = items.filter(pl.col("doc_number").is_not_null() & pl.struct(key).is_duplicated())
    issues = pl.concat(
        [issues, issue_rows(duplicates, sheet, label.get("doc_number"), "warning", "duplicate", pl.col("doc_number"))]
    )
    return to_canonical(items.lazy()).collect(), issues


def check_summary(raw: pl.DataFrame, buckets: tuple[Bucket, ...], sheet: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    bad = raw.filter(pl.col("_open_text").is_not_null() & pl.col("_open_cents").is_null())
    # the issue names the bucket column; like any error row, the whole row is left out
    code = (
        pl.when(too_large(pl.col("_open_text"), ".")).then(pl.lit("amount_too_large")).otherwise(pl.lit("bad_amount"))
    )
    issues = issue_rows(bad, sheet, None, "error", "bad_amount", pl.col("_open_text")).with_columns(
        column=bad["doc_number"], code=bad.select(code).to_series()
    )
    issues = pl.concat(
        [
            issues,
            issue_rows(
                raw.filter(pl.col("customer_name").is_null() & (pl.col("open_cents") != 0)),
                sheet,
                None,
                "error",
                "missing_customer",
                pl.lit(None),
            ),
        ]
    )
    items = raw.filter(
        pl.col("open_cents").is_not_null() & (pl.col("open_cents") != 0) & pl.col("customer_name").is_not_null(),
        ~pl.col("source_row").is_in(bad["source_row"].implode()),
    )
    estimated = issue_rows(
        items.unique("source_row").sort("source_row"),
        sheet,
        None,
        "info",
        "estimated_due_date",
        pl.col("customer_name"),
    )
    return to_canonical(items.lazy()).collect(), pl.concat([issues, estimated])


def structure_issues(rows: pl.DataFrame, reconciliation: pl.DataFrame, sheet: str) -> pl.DataFrame:
    """Totals that disagree with their rows (warnings) and rows that are neither data nor structure."""
    difference = pl.format("{}: {} ≠ {}", "label", cents_text(pl.col("report_cents")), cents_text(pl.col("rows_cents")))
    mismatches = issue_rows(
        reconciliation.filter(pl.col("difference_cents") != 0),
        sheet,
        pl.col("column"),
        "warning",
        "total_mismatch",
        difference,
        row=pl.col(ROW),
    )
    ignored = issue_rows(
        rows.filter(pl.col("kind") == "other"), sheet, None, "info", "ignored_row", pl.col("label"), row=pl.col(ROW)
    )
    return pl.concat([issues_frame([]), mismatches, ignored])


def unsaved_formulas(sheet: Sheet) -> pl.DataFrame:
    """A warning per cell whose formula has no saved value (read as empty), by its Excel address."""
    cells = pl.DataFrame({"cell": list(sheet.unsaved_formulas)}, schema={"cell": pl.String})
    address = pl.col("cell").str.extract_groups(r"^([A-Z]+)(\d+)$")
    return issue_rows(
        cells,
        sheet.name,
        address.struct.field("1"),
        "warning",
        "formula_without_value",
        pl.col("cell"),
        row=address.struct.field("2"),
    )
