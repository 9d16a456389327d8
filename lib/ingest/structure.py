"""Tell document rows from structure: repeated headers and page furniture, group and section
labels, totals, footers.

Accounting exports wrap their documents in structure: a customer name on its own row (Xero), or
its code and name in two cells (printed gestionali), bucket sections with `Total for ...` rows
(QuickBooks), subtotal rows with a blank account or a `*` (SAP), `Totale cliente ...` / a bare
`Totale` per customer / `Totale generale` (Italian gestionali), and, in reports printed to Excel,
the page header (company, `Pagina 2 di 4`, print date) and the column header again on every
page. Each row gets a `kind`; only `data` rows become open items, and the totals reconcile them
(lib/ingest/totals.py).

Speed: most rows of a big export are plainly documents (an amount and a date). They are told
apart with two cheap tests and skip the per-cell label checks, which run on the rest only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from lib.ingest.read import ROW

KINDS = (
    "data",
    "blank",
    "header",
    "page",
    "section",
    "group",
    "subtotal",
    "total",
    "percent",
    "footer",
    "other",
)
KIND = pl.Enum(KINDS)
CLOSING = ("subtotal", "total")

_STARS = r"^\*{1,3}(\s|$)"  # SAP list output: `*` subtotal, `**` company-code total, `***` overall
_TOTAL = (
    r"(?i)^(totals?|totale|totali|subtotal|subtotale|sub-total|tot\.|grand total|\*{1,3}(\s|$)"
    r"|partner\s*-\s*saldo progressivo|partner cumul|account cumul|saldo progressivo)"
)
_GRAND = (
    r"(?i)^(total|totale|totali|totale generale|totale complessivo|grand total|report total|totale report"
    r"|total aged receivables?|total accounts receivable|totale scadenzario|totale clienti|totale crediti"
    r"|total receivables|\*\*+.*)$"
)
_EXPLICIT_SUBTOTAL = (
    r"(?i)^(total for |total - |totale cliente|totale per |subtotal|subtotale|sub-total|partner\s*-\s*saldo progressivo"
    r"|partner cumul)"
)
_PERCENT = r"(?i)^(percentage of total|percentuali|percents|percentuale|%)"
_SECTION = (
    r"(?i)^((current|attuale|corrente|not due|not yet due|non scaduto|a scadere|scaduto|scadute|older|future"
    r"|più vecchio)(\s*\(\d+\))?$"
    r"|\d+\s*-\s*\d+\b|\d+ or more|\d+ and over|> ?\d+|over \d+|oltre \d+"
    r"|(company code|cocd|buchungskreis|società|societa|ditta|azienda)\s*:?\s*\d{1,6}\b"
    r"|(agente|salesperson|sales rep|zona|area|valuta|currency)\s*:)"
)
_WEEKDAY = (
    r"(?i)^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunedì|martedì|mercoledì"
    r"|giovedì|venerdì|sabato|domenica)\b"
)  # QuickBooks' footer: `Thursday, September 25, 2026 11:05 AM GMT-07:00`
_TIMESTAMP = _WEEKDAY + r"|\d{1,2}:\d{2}(:\d{2})?\s*(am|pm)?|stampato il|printed on"
# Page furniture of a printed report: page numbers, print dates and times, carried-forward amounts.
_PAGE = (
    r"(?i)^(pag\.?|pagina|page|seite|p\.)\s*\d+(\s*(di|of|/|von)\s*\d+)?$"
    r"|\b(pag\.?|pagina|page)\s*\d+(\s*(di|of|/)\s*\d+)?\s*$"
    r"|^(data (di )?stampa|stampato|printed|print date|date printed|run date|report run|elaborato il)\b"
    r"|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\s+(ore\s+|alle\s+|at\s+)?\d{1,2}[:.]\d{2}"
)
_CARRIED = r"(?i)^(riporto|a riportare|totale pagina|totale a riportare|carried forward|brought forward|c/f|b/f)\b"
_LABEL = "|".join((_TOTAL, _PERCENT, _CARRIED)).replace("|(?i)", "|")  # a structure label, not a value
_RULE = r"^[-=_+|.:\s]{3,}$"  # dashed rules of a printed list (SAP)
_DATE_LIKE = r"^\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}"
_GROUP_COUNT = r"\(\d+\)$"  # Odoo grouped list: `Rossi Srl (3)` with the group's sums
# A customer's code before its name on a group row: `000095 - Rossi`, `C00012 Rossi`, `330301.19  AQUATEC`
_CODE = r"[A-Za-z]{0,4}\d[\w./]*"
_CODE_START = r"[A-Za-z]{0,4}\d"
_PREFIX_WORD = (
    r"(?i)^(codice cliente|cod\.? cliente|cliente|clienti|customer|cust\.?|soggetto|contact|partner|debitore"
    r"|intestatario|anagrafica|account|conto|codice|cod\.)\s*(n\.|nr\.?|no\.?|n°|cod\.?|codice)?"
)
_PREFIX = _PREFIX_WORD + r"\s*:\s*"  # `Cliente: 000095 - Rossi`, `Cliente:` in a cell of its own
_PREFIX_CODE = _PREFIX_WORD + rf"\s+({_CODE_START})"  # `Cliente 000095 Rossi`, not `Customer A`
CURRENCIES = (
    "EUR", "USD", "GBP", "CHF", "JPY", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
    "RON", "BGN", "HRK", "CNY", "HKD", "SGD", "INR", "AED", "SAR", "ZAR", "BRL", "MXN", "TRY", "RUB",
)  # fmt: skip
# `Totale EUR`, `Total in USD`, `Totale (CHF)`, Business Central's `Total (LCY)` (the local currency)
_CURRENCY_TAIL = r"(?i)\s*[-:]?\s*\(?\s*(in\s+)?(" + "|".join(CURRENCIES) + r"|€|\$|£|LCY)\s*\)?\s*$"


@dataclass(frozen=True)
class Layout:
    """What classification needs to know about the table's columns."""

    labels: dict[str, str]  # grid column -> header label
    doc_columns: list[str]  # document number and dates (empty for a summary report)
    date_columns: list[str]  # due and document dates
    money_columns: list[str]
    customer_columns: list[str]
    left: list[str]  # where a group label may start: the first columns of the table
    furniture: frozenset[str]  # masked texts of the title rows and the header (page header repeats)


def masked(text: pl.Expr) -> pl.Expr:
    """A cell compared with digits blanked out: `Pagina 2 di 4` reads as `pagina # di #`."""
    return text.str.to_lowercase().str.replace_all(r"\d+", "#").str.replace_all(r"\s+", " ")


def furniture(title_cells: Iterable[str]) -> frozenset[str]:
    """The masked texts of the cells above and in the header: repeated on every printed page."""
    cells = [c for c in title_cells if c]
    if not cells:
        return frozenset()
    return frozenset(pl.select(masked(pl.lit(pl.Series(cells, dtype=pl.String)))).to_series().to_list())


def classify(rows: pl.DataFrame, layout: Layout) -> pl.DataFrame:
    """Add `kind` (an Enum of KINDS), `label` (the text that decided it) and the parts of group
    labels (`group_id`, `group_name`, `group_vat`) to each grid row."""
    cells = [c for c in rows.columns if c.startswith("c")]
    has_money = pl.any_horizontal(
        [pl.col(c).str.contains(r"\d").fill_null(False) for c in layout.money_columns] or [pl.lit(False)]
    )
    plain = pl.any_horizontal(
        [pl.col(c).str.contains(r"^\d").fill_null(False) for c in layout.date_columns] or [pl.lit(False)]
    )
    # an amount and a date: a document, whatever else the row holds (most rows of a big file)
    simple = has_money & plain if layout.date_columns and layout.doc_columns else pl.lit(False)
    flags = rows.select(ROW, simple.alias("_simple"))
    rest = _classify_rest(rows.lazy().filter(~flags["_simple"]), cells, layout, has_money).collect()
    last_document = pl.concat(
        [flags.filter(pl.col("_simple"))[ROW], rest.filter(pl.col("kind") == "data")[ROW], pl.Series([0])]
    ).max()
    rest = _close(rest, int(last_document))  # type: ignore[arg-type]
    # the structure rows' findings go onto the grid as new columns: the cells are not copied
    found = ("kind", "label", "group_id", "group_name", "group_vat")
    classified = rows.with_columns(
        pl.col(ROW)
        .replace_strict(rest[ROW], rest[column], default=pl.lit("data", dtype=KIND) if column == "kind" else None)
        .alias(column)
        for column in found
    )
    return _settle(classified) if (rest["kind"] == "footer").any() else classified


def _classify_rest(rows: pl.LazyFrame, cells: list[str], layout: Layout, has_money: pl.Expr) -> pl.LazyFrame:
    filled = pl.sum_horizontal(pl.col(cells).is_not_null())
    leftmost = pl.coalesce(pl.col(cells))
    total_label = pl.coalesce([pl.when(pl.col(c).str.contains(_TOTAL)).then(pl.col(c)) for c in cells])
    percent_label = pl.coalesce([pl.when(pl.col(c).str.contains(_PERCENT)).then(pl.col(c)) for c in cells])
    matches_header = pl.sum_horizontal(
        [pl.col(c).str.to_lowercase() == label.lower() for c, label in layout.labels.items()]
    ).fill_null(0)
    needed = max(2, (len(layout.labels) + 1) // 2)
    # A structure label can sit in a document column (Xero detail: `Total <contact>` in column A,
    # which holds the invoice date); it is not a document value.
    doc_empty = pl.all_horizontal(
        [pl.col(c).is_null() | pl.col(c).str.contains(_LABEL) for c in layout.doc_columns] or [pl.lit(True)]
    )
    date_like = pl.any_horizontal(
        [pl.col(c).str.contains(_DATE_LIKE).fill_null(False) for c in layout.date_columns] or [pl.lit(False)]
    )
    no_customer = pl.all_horizontal([pl.col(c).is_null() for c in layout.customer_columns] or [pl.lit(False)])
    page_cell = [
        pl.col(c).is_null() | masked(pl.col(c)).is_in(list(layout.furniture)) | pl.col(c).str.contains(_PAGE)
        for c in cells
    ]
    page = (pl.all_horizontal(page_cell) & (filled > 0)) | (
        pl.any_horizontal([pl.col(c).str.contains(_CARRIED).fill_null(False) for c in cells]) & doc_empty
    )
    rule = ~has_money & pl.all_horizontal([pl.col(c).is_null() | pl.col(c).str.contains(_RULE) for c in cells])
    in_left = pl.any_horizontal([pl.col(c).is_not_null() for c in layout.left] or [pl.lit(True)])
    left_text = pl.coalesce([pl.col(c) for c in layout.left] or [leftmost])
    counted = has_money & ~date_like & (filled <= 3) & in_left & left_text.str.contains(_GROUP_COUNT).fill_null(False)
    if not layout.doc_columns:
        # Nothing tells documents from structure here (summary reports), and customers called
        # "Total..." exist: a total must say so (`Total for`, `Totale cliente`, a grand total)
        # or name the group above it (QuickBooks Desktop: `Rossi` ... `Total Rossi`).
        group_above = pl.when((filled == 1) & ~has_money).then(leftmost).forward_fill()
        names_group = total_label.str.replace(r"(?i)^(total|totale)\s+", "") == group_above
        total_label = pl.when(total_label.str.contains(_EXPLICIT_SUBTOTAL) | _grand(total_label) | names_group).then(
            total_label
        )
    kind = (
        pl.when((filled == 0) | rule)
        .then(pl.lit("blank"))
        .when(matches_header >= needed)
        .then(pl.lit("header"))
        .when((filled == 1) & leftmost.str.contains(_WEEKDAY))
        .then(pl.lit("footer"))
        .when(page)
        .then(pl.lit("page"))
        .when(percent_label.is_not_null() & doc_empty)
        .then(pl.lit("percent"))
        .when(counted & ~_grand(left_text.str.replace(_GROUP_COUNT, "").str.strip_chars()))
        .then(pl.lit("group"))  # Odoo: `Rossi (3)` with the group's sums (a `Totale Casa (2)` is a customer too)
        .when(total_label.is_not_null() & doc_empty)
        .then(pl.when(_grand(total_label)).then(pl.lit("total")).otherwise(pl.lit("subtotal")))
        .when(((filled == 1) | doc_empty) & leftmost.str.contains(_TIMESTAMP))
        .then(pl.lit("footer"))
        .when((filled == 1) & ~has_money & leftmost.str.contains(_SECTION))
        .then(pl.lit("section"))
        .when(~has_money & ~date_like & (filled <= 3) & in_left)
        .then(pl.lit("group"))
        .when(no_customer & doc_empty & has_money)
        .then(pl.lit("subtotal"))
        .when(has_money | ~doc_empty)
        .then(pl.lit("data"))
        .otherwise(pl.lit("other"))
    )
    label = pl.coalesce(percent_label, total_label, leftmost)
    return (
        rows.with_columns(kind.cast(KIND).alias("kind"), label.alias("label"), counted.alias("_counted"))
        .with_columns(
            group_parts(
                pl.when(pl.col("kind") == "group").then(pl.concat_list(cells).list.drop_nulls()), pl.col("_counted")
            )
        )
        .drop("_counted")
    )


def _grand(label: pl.Expr) -> pl.Expr:
    """A grand-total label, also when it names its currency (`Totale EUR`, `Total in USD`)."""
    return label.str.replace(_CURRENCY_TAIL, "").str.strip_chars(" -:").str.contains(_GRAND)


def label_currency(label: pl.Expr) -> pl.Expr:
    """The currency a total's label names (`Totale EUR`, `Total USD`, `Totale €`), else null."""
    code = label.str.extract(_CURRENCY_TAIL, 2).str.to_uppercase()
    return pl.when(code != "LCY").then(code.replace({"€": "EUR", "$": "USD", "£": "GBP"}))


def group_parts(parts: pl.Expr, counted: pl.Expr) -> list[pl.Expr]:
    """`group_id`, `group_name`, `group_vat` from the cells of a group row.

    `Cliente: 000095 - Rossi S.r.l.`, `000095` | `Rossi S.r.l.` (two cells), `C00012 Rossi`,
    `Rossi S.r.l. (000095)`, or just the name; `counted` rows are Odoo's `Rossi S.r.l. (3)`,
    where the number in brackets counts the documents.
    """
    text = (
        parts.list.join("\x1f")
        .str.replace(_PREFIX, "")
        .str.replace(_PREFIX_CODE, "$3")
        .str.replace(r"(?i)[\s(\-]*(segue|continua|continued|cont\.)\)?$", "")  # the group again after a page break
        .str.strip_chars("\x1f :-")
    )
    text = pl.when(counted).then(text.str.split("\x1f").list.first().str.replace(_GROUP_COUNT, "")).otherwise(text)
    first = text.str.split("\x1f").list.first()
    second = text.str.split("\x1f").list.get(1, null_on_oob=True)
    two_cells = first.str.contains(rf"^{_CODE}$") & second.is_not_null()
    dashed = first.str.extract_groups(rf"^({_CODE})\s+[-–:]\s+(.+)$")
    spaced = first.str.extract_groups(r"^([A-Za-z]{0,4}\d{3,}[\w./]*)\s+(.+)$")
    bracketed = first.str.extract_groups(rf"^(.+?)\s*\(({_CODE})\)$")
    code = (
        pl.when(two_cells)
        .then(first)
        .otherwise(pl.coalesce(dashed.struct.field("1"), spaced.struct.field("1"), bracketed.struct.field("2")))
    )
    name = (
        pl.when(two_cells)
        .then(second)
        .otherwise(pl.coalesce(dashed.struct.field("2"), spaced.struct.field("2"), bracketed.struct.field("1"), first))
    )
    vat = text.str.extract(r"(?i)(?:p\.?\s*iva|partita iva|vat|c\.?f\.?)\s*[:.]?\s*([A-Z]{0,2}\d{8,16})", 1)
    return [
        code.str.strip_chars().alias("group_id"),
        name.str.strip_chars(" -:").alias("group_name"),
        vat.alias("group_vat"),
    ]


def _settle(rows: pl.DataFrame) -> pl.DataFrame:
    """After a footer (a timestamp line) the rest of the block is footer too: QuickBooks prints
    nothing after it; a printed page starts again with its header."""
    kind = pl.col("kind")
    block = (kind == "header").cast(pl.Int32).cum_sum()
    after_footer = ((kind == "footer").cast(pl.Int32).cum_sum().over(block) - (kind == "footer").cast(pl.Int32)) > 0
    footed = pl.when(after_footer & ~kind.is_in(["blank", "header", "page"])).then(pl.lit("footer", dtype=KIND))
    rows = rows.with_columns(footed.otherwise(kind).alias("kind"))
    last_document = rows.filter(kind == "data")[ROW].max()
    return _close(rows, int(last_document or 0))  # type: ignore[arg-type]


def _close(rows: pl.DataFrame, last_document: int) -> pl.DataFrame:
    """A grand-total label with documents after it closes one customer, not the report
    (continuation layouts close each customer with `Totale`); so does a bare `Totale` with
    another total after it (the last customer's, before `Totale generale`). SAP's `**` lines
    stay totals (one per company code)."""
    kind = pl.col("kind")
    last_total = rows.filter(kind == "total")[ROW].max()
    if last_total is None:
        return rows
    star = pl.col("label").str.contains(_STARS).fill_null(False)
    bare = pl.col("label").str.contains(r"(?i)^\s*(totals?|totale|totali)\s*:?\s*$").fill_null(False)
    before = (pl.col(ROW) < last_document) | (bare & (pl.col(ROW) < last_total))
    return rows.with_columns(
        pl.when((kind == "total") & before & ~star).then(pl.lit("subtotal", dtype=KIND)).otherwise(kind).alias("kind")
    )


def forward_fill_groups(rows: pl.DataFrame) -> pl.DataFrame:
    """`group_id`, `group_name`, `group_vat` carried from a group row onto the documents below it,
    through page breaks, until a total closes the group."""
    kind = pl.col("kind")
    return rows.with_columns(
        pl.when(kind == "group")
        .then(pl.col(c).fill_null(""))
        .when(kind.is_in(CLOSING))
        .then(pl.lit(""))
        .otherwise(None)
        .forward_fill()
        .replace("", None)
        .alias(c)
        for c in ("group_id", "group_name", "group_vat")
    )


def continuation(rows: pl.DataFrame, columns: list[str]) -> list[str]:
    """The customer columns to fill downwards: those written on a customer's first row only.

    Telling sign, column by column: blanks among the documents, and the written values seldom
    repeat the one above (in a file that writes the customer on every row, blanks are just
    missing).
    """
    data = rows.filter(pl.col("kind") == "data")
    if not columns or data.height < 2:
        return []
    stats = data.select(
        pl.struct(
            pl.col(c).null_count().alias("blank"),
            pl.col(c).drop_nulls().len().alias("written"),
            (pl.col(c).drop_nulls() == pl.col(c).drop_nulls().shift(1)).sum().alias("repeats"),
        ).alias(c)
        for c in columns
    ).row(0, named=True)
    return [c for c in columns if stats[c]["blank"] and stats[c]["repeats"] <= 0.25 * stats[c]["written"]]


def fill_down(rows: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """Fill the continuation rows' blank cells from the document row above them."""
    is_data = pl.col("kind") == "data"
    return rows.with_columns(
        pl.when(is_data & pl.col(c).is_null())
        .then(pl.when(is_data).then(pl.col(c)).forward_fill())
        .otherwise(pl.col(c))
        for c in columns
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
