"""Tell document rows from structure: repeated headers, group and section labels, totals, footers.

Accounting exports wrap their documents in structure: a customer name on its own row (Xero),
bucket sections with `Total for ...` rows (QuickBooks), subtotal rows with a blank account
(SAP), `Totale cliente ...` / `Totale generale` (Italian gestionali), a timestamp footer.
Each row gets a `kind`; only `data` rows become open items, and the totals reconcile them.
"""

from __future__ import annotations

import polars as pl

from lib.ingest.items import cents_column
from lib.ingest.read import ROW
from lib.ingest.report import RECONCILIATION_SCHEMA

KINDS = (
    "data",
    "blank",
    "header",
    "section",
    "group",
    "subtotal",
    "total",
    "percent",
    "footer",
    "other",
)
KIND = pl.Enum(KINDS)

_TOTAL = r"(?i)^(total|totale|totali|subtotal|subtotale|sub-total|tot\.|grand total)\b"
_GRAND = (
    r"(?i)^(total|totale|totali|totale generale|totale complessivo|grand total|report total"
    r"|total aged receivables?|total accounts receivable|totale scadenzario)$"
)
_EXPLICIT_SUBTOTAL = r"(?i)^(total for |total - |totale cliente|totale per |subtotal|subtotale|sub-total)"
_PERCENT = r"(?i)^(percentage of total|percentuali|percents|percentuale|%)"
_SECTION = (
    r"(?i)^(current|attuale|not due|non scaduto|a scadere|\d+\s*-\s*\d+\b|\d+ or more|\d+ and over"
    r"|> ?\d+|over \d+|older|oltre \d+|scaduto)"
)
_TIMESTAMP = (
    r"(?i)^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunedì|martedì|mercoledì"
    r"|giovedì|venerdì|sabato|domenica)\b|\d{1,2}:\d{2}(:\d{2})?\s*(am|pm)?|stampato il|printed on"
)


def classify(
    rows: pl.LazyFrame,
    header_labels: dict[str, str],
    doc_columns: list[str],
    money_columns: list[str],
    customer_columns: list[str],
) -> pl.LazyFrame:
    """Add `kind` (an Enum of KINDS) and `label` (the text that decided it) to each grid row."""
    cells = [c for c in rows.collect_schema().names() if c.startswith("c")]
    filled = pl.sum_horizontal(pl.col(cells).is_not_null())
    leftmost = pl.coalesce(pl.col(cells))
    total_label = pl.coalesce([pl.when(pl.col(c).str.contains(_TOTAL)).then(pl.col(c)) for c in cells])
    percent_label = pl.coalesce([pl.when(pl.col(c).str.contains(_PERCENT)).then(pl.col(c)) for c in cells])
    matches_header = pl.sum_horizontal(
        [pl.col(c).str.to_lowercase() == label.lower() for c, label in header_labels.items()]
    ).fill_null(0)
    needed = max(2, (len(header_labels) + 1) // 2)
    # A structure label can sit in a document column (Xero detail: `Total <contact>` in column A,
    # which holds the invoice date); it is not a document value.
    doc_empty = pl.all_horizontal(
        [pl.col(c).is_null() | pl.col(c).str.contains(_TOTAL) | pl.col(c).str.contains(_PERCENT) for c in doc_columns]
        or [pl.lit(True)]
    )
    has_money = pl.any_horizontal(
        [pl.col(c).str.contains(r"\d").fill_null(False) for c in money_columns] or [pl.lit(False)]
    )
    no_customer = pl.all_horizontal([pl.col(c).is_null() for c in customer_columns] or [pl.lit(False)])
    if not doc_columns:
        # Nothing tells documents from structure here (summary reports), and customers called
        # "Total..." exist: a total must say so (`Total for`, `Totale cliente`, a grand total)
        # or name the group above it (QuickBooks Desktop: `Rossi` ... `Total Rossi`).
        group_above = pl.when((filled == 1) & ~has_money).then(leftmost).forward_fill()
        names_group = total_label.str.replace(r"(?i)^(total|totale)\s+", "") == group_above
        total_label = pl.when(
            total_label.str.contains(_EXPLICIT_SUBTOTAL) | total_label.str.contains(_GRAND) | names_group
        ).then(total_label)
    kind = (
        pl.when(filled == 0)
        .then(pl.lit("blank"))
        .when(matches_header >= needed)
        .then(pl.lit("header"))
        .when(percent_label.is_not_null() & doc_empty)
        .then(pl.lit("percent"))
        .when(total_label.is_not_null() & doc_empty)
        .then(pl.when(total_label.str.contains(_GRAND)).then(pl.lit("total")).otherwise(pl.lit("subtotal")))
        .when((filled == 1) & leftmost.str.contains(_TIMESTAMP))
        .then(pl.lit("footer"))
        .when((filled == 1) & ~has_money & leftmost.str.contains(_SECTION))
        .then(pl.lit("section"))
        .when((filled == 1) & ~has_money)
        .then(pl.lit("group"))
        .when(no_customer & doc_empty & has_money)
        .then(pl.lit("subtotal"))
        .when(has_money | ~doc_empty)
        .then(pl.lit("data"))
        .otherwise(pl.lit("other"))
    )
    label = pl.coalesce(percent_label, total_label, leftmost)
    classified = rows.with_columns(kind.cast(KIND).alias("kind"), label.alias("label"))
    # After a grand total, until the next repeated header (another block), rows are footer.
    after_total = (
        (pl.col("kind") == "total").cast(pl.Int32).cum_sum().over(_segment())
        - (pl.col("kind") == "total").cast(pl.Int32)
    ) > 0
    return classified.with_columns(
        pl.when(after_total & pl.col("kind").is_in(["data", "group", "section", "other"]))
        .then(pl.lit("footer", dtype=KIND))
        .otherwise(pl.col("kind"))
        .alias("kind")
    )


def mark_leading_total(rows: pl.DataFrame, cents: list[str], doc_columns: list[str]) -> pl.DataFrame:
    """A first data row that is the sum of all the others is the report's own total, unlabelled
    (Odoo's `Aged Receivable` line, some NetSuite summaries): make it a subtotal, so it is not a
    customer and still reconciles against the rows below it."""
    data = rows.filter(pl.col("kind") == "data")
    if data.height < 3 or not cents:
        return rows
    first, rest = data.head(1), data.slice(1)
    if any(first[c].item() is not None for c in doc_columns):
        return rows
    values = {c: first[c].item() for c in cents if first[c].item() is not None}
    if not values or not any(values.values()):
        return rows
    if any(rest[c].sum() != value for c, value in values.items()):
        return rows
    return rows.with_columns(
        pl.when(pl.col(ROW) == first[ROW].item()).then(pl.lit("subtotal", dtype=KIND)).otherwise("kind").alias("kind")
    )


def _segment() -> pl.Expr:
    """Blocks of a sheet separated by repeated header rows (OCA: one block per account)."""
    return (pl.col("kind") == "header").cast(pl.Int32).cum_sum()


def forward_fill_groups(rows: pl.LazyFrame) -> pl.LazyFrame:
    """`group_name`: the customer named on its own row above a block of documents (Xero)."""
    return rows.with_columns(
        pl.when(pl.col("kind") == "group")
        .then(pl.col("label"))
        .when(pl.col("kind").is_in(["header", "total"]))
        .then(pl.lit(""))
        .otherwise(None)
        .forward_fill()
        .replace("", None)
        .alias("group_name")
    )


def reconcile(rows: pl.DataFrame, money: dict[str, str], currency: str | None) -> pl.DataFrame:
    """Compare every total row with the data rows it sums, column by column.

    `rows` has `row`, `kind`, `label`, the money columns in cents (named by `money` keys) and,
    when the file has one, a currency column. A subtotal sums the data rows since the previous
    structure row (customer, section, subtotal); a grand total, or a subtotal with no rows of its
    own (SAP per-currency totals), sums all data rows since the previous grand total, in its
    currency when it names one.
    """
    kind = pl.col("kind")
    closing = kind.is_in(["subtotal", "total"])
    opening = kind.is_in(["section", "group"])  # a repeated header (page break) opens nothing
    frame = rows.sort(ROW).with_columns(
        (closing.shift(1, fill_value=False) | opening).cum_sum().alias("_block"),
        (kind == "total").shift(1, fill_value=False).cum_sum().alias("_grand"),
        (pl.lit(None, dtype=pl.String) if currency is None else pl.col(currency)).alias("_currency"),
    )
    data = frame.filter(kind == "data")
    by_block = data.group_by("_block").agg(pl.len().alias("_n"), *(pl.col(m).sum().alias(f"_b_{m}") for m in money))
    by_grand = data.group_by("_grand").agg(pl.col(m).sum().alias(f"_all_{m}") for m in money)
    by_currency = data.group_by("_grand", "_currency").agg(pl.col(m).sum().alias(f"_cur_{m}") for m in money)
    totals = (
        frame.filter(closing)
        .join(by_block, on="_block", how="left")
        .join(by_grand, on="_grand", how="left")
        .join(by_currency, on=["_grand", "_currency"], how="left", nulls_equal=False)
    )
    grand_like = (kind == "total") | pl.col("_n").is_null()
    checks = [
        totals.filter(pl.col(key).is_not_null()).select(
            pl.col(ROW),
            pl.col("label"),
            pl.lit(header).alias("column"),
            pl.col(key).alias("report_cents"),
            pl.when(grand_like)
            .then(pl.coalesce(f"_cur_{key}", f"_all_{key}"))
            .otherwise(pl.col(f"_b_{key}"))
            .fill_null(0)
            .cast(pl.Int64)
            .alias("rows_cents"),
        )
        for key, header in money.items()
    ]
    if not checks:
        return pl.DataFrame()
    return (
        pl.concat(checks)
        .with_columns((pl.col("report_cents") - pl.col("rows_cents")).alias("difference_cents"))
        .sort(ROW, "column")
    )


def report_totals(
    rows: pl.DataFrame,
    money: dict[str, str],
    fields: dict[str, str],
    labels: dict[str, str],
    flipped: pl.Series,
) -> pl.DataFrame:
    """Report totals against the rows they sum, with the rows signed as the items are (a credit
    note typed with a positive amount counts negative, as in the report's own totals)."""
    sign = pl.when(pl.col(ROW).is_in(flipped.implode())).then(-1).otherwise(1)
    structural = rows.filter(pl.col("kind").is_in(["data", "subtotal", "total", "section", "group", "header"]))
    currency = fields.get("currency")
    frame = structural.select(
        ROW,
        "kind",
        "label",
        *([pl.col(currency).str.to_uppercase().alias("_cur")] if currency else []),
        *((pl.col(cents_column(column)) * sign).alias(key) for key, column in money.items()),
    )
    result = reconcile(frame, {k: labels[c] for k, c in money.items()}, "_cur" if currency else None)
    return result if result.width else pl.DataFrame(schema=RECONCILIATION_SCHEMA)
