"""Turn classified data rows into canonical open items, with an issue for every cell that fails."""

from __future__ import annotations

import datetime as dt

import polars as pl

from lib.ingest.columns import payable, status_of
from lib.ingest.header import Bucket
from lib.ingest.read import ROW
from lib.ingest.values import DateOrder, parse_date
from lib.schema import OPEN_ITEM

# Document types by their first word(s), Italian and English, as exports write them.
_CREDIT = (
    r"(?i)^(nc\b|n\.c\.|nota (di )?credito|note di credito|credit( memo| note)?\b|cn\b|td04|avviso di accredito|storno)"
)
_PAYMENT = r"(?i)^(payment|pagamento|incasso|acconto|anticipo|unapplied|dz\b|zp\b|pmt|receipt|riscossione)"
_INVOICE = r"(?i)^(ft|fatt|fattura|invoice|inv\b|rv\b|fa\b|td01|td24|fattura differita|ricevuta|rb\b|riba|rata|bill)"

_CURRENCY_SIGNS = {"€": "EUR", "EURO": "EUR", "$": "USD", "US$": "USD", "£": "GBP", "FR": "CHF"}


def cents_column(column: str) -> str:
    """Name of the parsed-cents twin of a grid column (parsed once, used by items and totals)."""
    return f"{column}_cents"


def doc_type(text: pl.Expr | None, open_cents: pl.Expr) -> pl.Expr:
    """invoice / credit_note / payment / other from the type column, else from the sign."""
    by_sign = pl.when(open_cents < 0).then(pl.lit("credit_note")).otherwise(pl.lit("invoice"))
    if text is None:
        return by_sign
    return (
        pl.when(text.str.contains(_CREDIT))
        .then(pl.lit("credit_note"))
        .when(text.str.contains(_PAYMENT))
        .then(pl.lit("payment"))
        .when(text.str.contains(_INVOICE))
        .then(pl.lit("invoice"))
        .when(text.is_null())
        .then(by_sign)
        .otherwise(pl.lit("other"))
    )


def currency_code(text: pl.Expr, default: str) -> pl.Expr:
    """ISO 4217 code from a currency cell (`€`, `Euro`, `usd`); the default when blank."""
    upper = text.str.to_uppercase().str.strip_chars()
    return upper.replace(_CURRENCY_SIGNS).fill_null(default)


def customer_key(name: pl.Expr) -> pl.Expr:
    """A stable id from a name when the file has no code: upper case, single spaces."""
    return name.str.to_uppercase().str.replace_all(r"\s+", " ").str.strip_chars()


def detail_items(
    rows: pl.LazyFrame,
    fields: dict[str, str],
    order: DateOrder,
    currency: str,
    sheet: str,
    status: str | None = None,
    direction: str | None = None,
) -> pl.LazyFrame:
    """Data rows of a detail report -> canonical columns plus raw text kept for issues.

    The customer comes from its columns, else from the group row above (`group_id`,
    `group_name`, `group_vat`, see structure.forward_fill_groups). `status` names a column of
    payment states: with no residual and no paid amount to go by, a row marked paid is closed.
    `direction` names a column telling receipts from payments: payments are left out.
    """

    def col(field: str) -> pl.Expr:
        return pl.col(fields[field]) if field in fields else pl.lit(None, dtype=pl.String)

    def cents(field: str) -> pl.Expr:
        return pl.col(cents_column(fields[field])) if field in fields else pl.lit(None, dtype=pl.Int64)

    def group(part: str) -> pl.Expr:
        present = part in rows.collect_schema().names()
        return pl.col(part) if present else pl.lit(None, dtype=pl.String)

    amount, open_, paid = cents("amount"), cents("open"), cents("paid")
    state = status_of(pl.col(status)) if status else pl.lit(None, dtype=pl.String)
    residual_known = "open" in fields or "paid" in fields
    open_cents = pl.coalesce(open_, amount - paid.fill_null(0), amount)
    if not residual_known:
        open_cents = pl.when(state == "paid").then(pl.lit(0, dtype=pl.Int64)).otherwise(open_cents)
    name = pl.coalesce(col("customer_name"), group("group_name"), col("customer_id"), group("group_id"))
    typed = doc_type(pl.col(fields["doc_type"]) if "doc_type" in fields else None, open_cents)
    # A credit note is money owed to the customer: negative, whatever sign the export used.
    sign = pl.when((typed == "credit_note") & (open_cents > 0)).then(-1).otherwise(1)
    due_text = col("due_date")
    return rows.select(
        pl.coalesce(col("customer_id"), col("vat_id"), group("group_id"), group("group_vat"), customer_key(name)).alias(
            "customer_id"
        ),
        name.alias("customer_name"),
        pl.coalesce(col("vat_id"), group("group_vat")).alias("vat_id"),
        typed.alias("doc_type"),
        col("doc_number").alias("doc_number"),
        parse_date(col("doc_date"), order).alias("doc_date"),
        parse_date(due_text, order).alias("due_date"),
        pl.lit(False).alias("due_estimated"),
        (pl.coalesce(amount, open_cents) * sign).alias("amount_cents"),
        (open_cents * sign).alias("open_cents"),
        currency_code(col("currency"), currency).alias("currency"),
        col("payment_method").alias("payment_method"),
        col("salesperson").alias("salesperson"),
        col("email").alias("email"),
        col("pec").alias("pec"),
        col("address").alias("address"),
        col("phone").alias("phone"),
        col("notes").alias("notes"),
        pl.lit(sheet).alias("source_sheet"),
        pl.col(ROW).alias("source_row"),
        # raw text, for issues; dropped before the items leave the importer
        due_text.alias("_due_text"),
        col("doc_date").alias("_doc_text"),
        *(pl.col(fields[f]).alias(f"_{f}_text") for f in ("amount", "open", "paid") if f in fields),
        *(cents(f).alias(f"_{f}_cents") for f in ("amount", "open", "paid") if f in fields),
        (sign == -1).alias("_flipped"),
        state.alias("_state"),
        (pl.col(status) if status else pl.lit(None, dtype=pl.String)).alias("_state_text"),
        pl.lit(residual_known).alias("_residual_known"),
        (payable(pl.col(direction)) if direction else pl.lit(False)).alias("_payable"),
        (pl.col(direction) if direction else pl.lit(None, dtype=pl.String)).alias("_direction_text"),
    )


def summary_items(
    rows: pl.LazyFrame,
    fields: dict[str, str],
    buckets: tuple[Bucket, ...],
    as_of: dt.date,
    currency: str,
    sheet: str,
) -> pl.LazyFrame:
    """One estimated item per customer and non-zero bucket cell of a bucket-only report.

    The due date is estimated at the middle of the bucket (`as_of` - midpoint days), at the
    lower edge for an open-ended bucket, and on `as_of` itself for "not yet due"; every such
    item carries `due_estimated = True`.
    """
    name = pl.coalesce(
        pl.col(fields["customer_name"]) if "customer_name" in fields else None,
        pl.col(fields["customer_id"]) if "customer_id" in fields else None,
        pl.col("group_name"),
    )
    customer_id = pl.col(fields["customer_id"]) if "customer_id" in fields else customer_key(name)
    per_bucket = []
    for bucket in buckets:
        days = 0 if bucket.current else (bucket.low if bucket.high is None else (bucket.low + bucket.high) // 2)
        cents = pl.col(cents_column(bucket.column))
        per_bucket.append(
            rows.select(
                customer_id.alias("customer_id"),
                name.alias("customer_name"),
                (pl.col(fields["vat_id"]) if "vat_id" in fields else pl.lit(None, dtype=pl.String)).alias("vat_id"),
                doc_type(None, cents).alias("doc_type"),
                pl.lit(bucket.label).alias("doc_number"),
                pl.lit(None, dtype=pl.Date).alias("doc_date"),
                pl.lit(as_of - dt.timedelta(days=days)).alias("due_date"),
                pl.lit(True).alias("due_estimated"),
                cents.alias("amount_cents"),
                cents.alias("open_cents"),
                pl.lit(currency).alias("currency"),
                pl.lit(sheet).alias("source_sheet"),
                pl.col(ROW).alias("source_row"),
                pl.col(bucket.column).alias("_open_text"),
                cents.alias("_open_cents"),
            )
        )
    return pl.concat(per_bucket).filter(pl.col("_open_text").is_not_null())


def to_canonical(items: pl.LazyFrame) -> pl.LazyFrame:
    """Only the canonical columns, in order and with their dtypes."""
    present = items.collect_schema().names()
    return items.select(
        (pl.col(name) if name in present else pl.lit(None)).cast(dtype).alias(name) for name, dtype in OPEN_ITEM.items()
    )
