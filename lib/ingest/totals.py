"""Reconcile a report's own totals with the documents they sum, column by column, to the cent.

Which documents a total sums depends on the layout, and labels alone do not say it: a bare
`Totale` closes one customer in one file and the whole report in another; SAP writes one
grand total per currency; a parent customer's `Total - Parent` includes its sub-customers; a
`Totale EUR` sums the EUR rows only. So each total is checked against the spans it could
mean, in the order its label suggests, and the first span that matches to the cent is taken;
when none matches, the first is the one reported as a mismatch (a warning, never a failure).

The spans, as differences of running sums (one pass, no loop over rows):

- `block`: the documents since the structure row before the last document (a customer's rows);
- `named`: since the group row the label names (`Total - Parent Co`, `Totale cliente C00012`);
- `grand`: since the last grand total before the last document (a report, or one of its blocks);
- `all`: every document from the top;
- `after`: every document below it (a report's total printed first, Odoo);
- `forward`: the documents under a group row that carries its group's sums (Odoo grouped list).

A total that names a currency, in a cell or in its label, sums the rows of that currency only.
"""

from __future__ import annotations

import polars as pl

from lib.ingest.items import cents_column, currency_code
from lib.ingest.read import ROW
from lib.ingest.report import RECONCILIATION_SCHEMA
from lib.ingest.structure import label_currency

_MAX_CURRENCIES = 12
_NAMED = (
    r"(?i)^(total for|total -|total:|totale cliente|totale per|totale|total|subtotal|subtotale|sub-total|tot\.)"
    r"\s*[:\-]?\s*"
)
_ORDERS = {
    "total": ("grand", "block", "all", "after"),
    "named": ("named", "block", "grand", "all", "after"),
    "subtotal": ("block", "grand", "all", "after"),
    "group": ("forward",),
}
SPANS = ("block", "named", "grand", "all", "after", "forward")


def report_totals(
    rows: pl.DataFrame,
    money: dict[str, str],
    fields: dict[str, str],
    labels: dict[str, str],
    flipped: pl.Series,
    default_currency: str,
) -> pl.DataFrame:
    """Report totals against the rows they sum, with the rows signed as the items are (a credit
    note typed with a positive amount counts negative, as in the report's own totals)."""
    sign = pl.when(pl.col(ROW).is_in(flipped.implode())).then(-1).otherwise(1)
    structural = rows.filter(pl.col("kind").is_in(["data", "subtotal", "total", "section", "group"]))
    currency = fields.get("currency")
    cell = pl.col(currency) if currency else pl.lit(None, dtype=pl.String)
    is_data = pl.col("kind") == "data"
    frame = structural.select(
        ROW,
        "kind",
        "label",
        *(
            pl.col(c) if c in structural.columns else pl.lit(None, dtype=pl.String).alias(c)
            for c in ("group_id", "group_name")
        ),
        pl.when(is_data)
        .then(currency_code(cell, default_currency) if currency else pl.lit(None, dtype=pl.String))
        .otherwise(
            pl.coalesce(pl.when(cell.is_not_null()).then(currency_code(cell, "")), label_currency(pl.col("label")))
        )
        .alias("_cur"),
        *(
            (pl.col(cents_column(column)) * pl.when(is_data).then(sign).otherwise(1)).alias(key)
            for key, column in money.items()
        ),
    )
    result = reconcile(frame, {k: labels[c] for k, c in money.items()})
    return result if result.width else pl.DataFrame(schema=RECONCILIATION_SCHEMA)


def reconcile(frame: pl.DataFrame, headers: dict[str, str]) -> pl.DataFrame:
    """Every total (and every group row carrying sums) against its span, per money column.

    `frame` has `row`, `kind`, `label`, `group_id`, `group_name`, `_cur` and the money columns in
    cents, named by the keys of `headers` (key -> header label shown in the result).
    """
    keys = list(headers)
    kind = pl.col("kind")
    checked = kind.is_in(["subtotal", "total"]) | ((kind == "group") & pl.any_horizontal(pl.col(keys).is_not_null()))
    if not keys or frame.filter(checked).height == 0:
        return pl.DataFrame()
    frame = _collapse(frame.sort(ROW), keys)
    currencies = frame.filter(kind == "data")["_cur"].drop_nulls().unique().sort().to_list()
    if not currencies or len(currencies) > _MAX_CURRENCIES:  # no currencies to tell apart
        currencies = []
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("_cur"))
    series = {(key, cur): f"_s_{key}_{i}" for key in keys for i, cur in enumerate([None, *currencies])}
    frame = frame.with_columns(
        pl.when((kind == "data") & (pl.lit(True) if cur is None else pl.col("_cur") == cur))
        .then(pl.col(key))
        .otherwise(0)
        .fill_null(0)
        .cum_sum()
        .alias(name)
        for (key, cur), name in series.items()
    )
    names = list(series.values())
    first_document = pl.when(kind == "data").then(pl.col(ROW)).min()
    frame = frame.with_columns(*_spans(names, pl.col(ROW) < first_document)).with_columns(_named(frame, names))
    # each span's value for the currency of the row (all currencies when it names none)
    by_currency = {
        (span, key): _per_currency({cur: pl.col(f"_{span}{series[(key, cur)]}") for cur in [None, *currencies]})
        for span in SPANS
        for key in keys
    }
    frame = frame.with_columns(expr.alias(f"_v_{span}_{key}") for (span, key), expr in by_currency.items())
    ok = {
        span: pl.all_horizontal(
            pl.col(key).is_null()
            | (pl.col(f"_v_{span}_{key}").is_not_null() & (pl.col(key) == pl.col(f"_v_{span}_{key}")))
            for key in keys
        )
        for span in SPANS
    }
    order = (
        pl.when(kind == "group")
        .then(_first(ok, _ORDERS["group"]))
        .when(kind == "total")
        .then(_first(ok, _ORDERS["total"]))
        .when(pl.col(f"_named{names[0]}").is_not_null())
        .then(_first(ok, _ORDERS["named"]))
        .otherwise(_first(ok, _ORDERS["subtotal"]))
    )
    frame = frame.filter(checked).with_columns(order.alias("_span"))
    checks = [
        frame.filter(pl.col(key).is_not_null()).select(
            pl.col(ROW),
            pl.col("label"),
            pl.lit(header).alias("column"),
            pl.col(key).alias("report_cents"),
            _pick(key).fill_null(0).cast(pl.Int64).alias("rows_cents"),
        )
        for key, header in headers.items()
    ]
    return (
        pl.concat(checks)
        .with_columns((pl.col("report_cents") - pl.col("rows_cents")).alias("difference_cents"))
        .sort(ROW, "column")
    )


def _collapse(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Each run of documents between two structure rows as one row per currency: the spans only
    need the sums, and a big file has few structure rows."""
    run = (pl.col("kind") != "data").cum_sum().alias("_run")
    frame = frame.with_columns(run)
    documents = (
        frame.filter(pl.col("kind") == "data")
        .group_by("_run", "_cur")
        .agg(pl.col(ROW).min(), pl.first("kind"), *(pl.col(k).sum() for k in keys))
    )
    others = frame.filter(pl.col("kind") != "data")
    return pl.concat([others, documents], how="diagonal_relaxed").sort(ROW).drop("_run")


def _spans(names: list[str], leading: pl.Expr) -> list[pl.Expr]:
    """For each running sum: the value of every span at every row (null where it has none).
    `leading` marks the rows above every document: only they may total the rows below."""
    kind = pl.col("kind")
    is_data = kind == "data"
    spans = []
    for name in names:
        s = pl.col(name)
        structure_before = pl.when(~is_data).then(s).forward_fill().shift(1).fill_null(0)
        block_start = pl.when(is_data).then(structure_before).forward_fill().fill_null(0)
        grand_start = pl.when(is_data).then(pl.when(kind == "total").then(s).forward_fill()).forward_fill().fill_null(0)
        next_structure = pl.when(~is_data).then(s).shift(-1).backward_fill().fill_null(s.last())
        spans += [
            (s - block_start).alias(f"_block{name}"),
            (s - grand_start).alias(f"_grand{name}"),
            s.alias(f"_all{name}"),
            pl.when(leading).then(s.last() - s).alias(f"_after{name}"),
            (next_structure - s).alias(f"_forward{name}"),
        ]
    return spans


def _key(text: pl.Expr) -> pl.Expr:
    return text.str.to_uppercase().str.replace_all(r"\s+", " ").str.strip_chars(" -:.")


def _named(frame: pl.DataFrame, names: list[str]) -> list[pl.Expr]:
    """Sums since the group row a total names (`Total - Parent Co` includes its sub-customers)."""
    groups = frame.filter(pl.col("kind") == "group")
    if groups.height == 0:
        return [pl.lit(None, dtype=pl.Int64).alias(f"_named{name}") for name in names]
    keyed = (
        groups.select(
            ROW,
            *names,
            pl.concat_list(_key(pl.col("label")), _key(pl.col("group_name")), _key(pl.col("group_id"))).alias(
                "_target"
            ),
        )
        .explode("_target")
        .drop_nulls("_target")
        .unique(["_target", ROW])
        .sort(ROW)
    )
    totals = frame.select(ROW, _key(pl.col("label").str.replace(_NAMED, "")).alias("_target")).sort(ROW)
    joined = totals.join_asof(
        keyed.rename({name: f"{name}_g" for name in names}),
        on=ROW,
        by="_target",
        strategy="backward",
        check_sortedness=False,
    )
    return [
        (pl.col(name) - pl.Series(joined[f"{name}_g"])).alias(f"_named{name}")
        if joined.height == frame.height
        else pl.lit(None, dtype=pl.Int64).alias(f"_named{name}")
        for name in names
    ]


def _per_currency(values: dict[str | None, pl.Expr]) -> pl.Expr:
    """The span in the row's currency; all currencies when it names none, nothing when it names
    one no document has."""
    expr = pl.when(pl.col("_cur").is_null()).then(values[None]).otherwise(pl.lit(0, dtype=pl.Int64))
    for cur, value in values.items():
        if cur is not None:
            expr = pl.when(pl.col("_cur") == cur).then(value).otherwise(expr)
    return expr


def _first(ok: dict[str, pl.Expr], spans: tuple[str, ...]) -> pl.Expr:
    """The first span that matches, else the first (reported as a mismatch)."""
    expr: pl.Expr = pl.lit(spans[0])
    for span in reversed(spans):
        expr = pl.when(ok[span]).then(pl.lit(span)).otherwise(expr)
    return expr


def _pick(key: str) -> pl.Expr:
    expr: pl.Expr = pl.lit(None, dtype=pl.Int64)
    for span in SPANS:
        expr = pl.when(pl.col("_span") == span).then(pl.col(f"_v_{span}_{key}")).otherwise(expr)
    return expr
