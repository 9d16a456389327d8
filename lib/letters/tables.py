"""The tables inside a letter, already worded: the documents, their interest, the rates applied,
the summary of what is asked, an instalment plan's schedule; and any table as plain text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import SupportsInt

import polars as pl

from lib.i18n import format_date, format_money
from lib.letters.messages import percent
from lib.letters.templates import Labels


@dataclass(frozen=True)
class Table:
    """A table inside a letter, already formatted: text cells, the numeric columns right-aligned."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    footer: tuple[tuple[str, ...], ...] = ()  # total lines, in bold


def money(cents: SupportsInt, currency: str, lang: str) -> str:
    return format_money(int(cents), currency, lang)


def _doc_names(docs: pl.DataFrame, labels: Labels) -> list[str]:
    """`Fattura F1`: the document's kind in words and its number."""
    kinds = labels.section("doc_types")
    name = pl.concat_str(
        pl.col("doc_type").replace_strict(kinds, default=pl.col("doc_type"), return_dtype=pl.String),
        pl.col("doc_number").fill_null(""),
        separator=" ",
    )
    return docs.select(name.str.strip_chars().alias("name"))["name"].to_list()


def documents_table(docs: pl.DataFrame, kind: str, currency: str, lang: str, labels: Labels) -> Table:
    """The listed documents with their dates and open amounts (and days late, but in a courtesy reminder)."""
    late = kind != "courtesy"
    heads = ["document", "doc_date", "due_date", *(["days_late"] if late else []), "open"]
    rows = []
    for name, (doc_date, due, days, cents) in zip(
        _doc_names(docs, labels), docs.select("doc_date", "due_date", "days_late", "open_cents").rows(), strict=True
    ):
        days_text = [str(days) if cents > 0 and days else ""] if late else []
        rows.append(
            (name, format_date(doc_date, lang), format_date(due, lang), *days_text, money(cents, currency, lang))
        )
    total = (
        labels("totals", "documents"),
        "",
        "",
        *([""] if late else []),
        money(docs["open_cents"].sum(), currency, lang),
    )
    return Table(
        tuple(labels("columns", h) for h in heads),
        tuple(rows),
        (False, False, False, *([True] if late else []), True),
        (total,),
    )


def interest_table(docs: pl.DataFrame, currency: str, lang: str, labels: Labels) -> Table:
    """Per document: open amount, capital still owed once the credits are allocated, days late,
    interest and compensation (blank where not claimed; no compensation column when none can be due)."""
    with_compensation = bool(docs.filter(pl.col("claimed") & (pl.col("regime") == "late")).height)
    heads = ["document", "due_date", "open", "owed", "days_late", "interest", *(["compensation"] * with_compensation)]
    columns = (
        "due_date",
        "open_cents",
        "capital_cents",
        "days_late",
        "interest_cents",
        "compensation_cents",
        "claimed",
    )
    rows = []
    for name, (due, cents, owed, days, interest, comp, claimed) in zip(
        _doc_names(docs, labels), docs.select(columns).rows(), strict=True
    ):
        amounts = [money(c, currency, lang) if claimed else "" for c in (interest, comp)][: len(heads) - 5]
        owed_text = money(owed, currency, lang) if owed else ""
        days_text = str(days) if claimed else ""
        rows.append((name, format_date(due, lang), money(cents, currency, lang), owed_text, days_text, *amounts))
    names = ("open_cents", "capital_cents", "interest_cents", "compensation_cents")
    sums = [money(docs[c].sum(), currency, lang) for c in names][: len(heads) - 3]
    total = (labels("totals", "documents"), "", *sums[:2], "", *sums[2:])
    return Table(
        tuple(labels("columns", h) for h in heads),
        tuple(rows),
        (False, False, *[True] * (len(heads) - 2)),
        (total,),
    )


def paid_late_table(docs: pl.DataFrame, currency: str, lang: str, labels: Labels) -> Table:
    """Invoices paid late (lib/letters/figures.py `paid_late`): the amount, the last day it was
    seen unpaid, the interest to then and the compensation."""
    heads = ("document", "due_date", "unpaid_until", "open", "interest", "compensation")
    rows = []
    for name, (due, seen, cents, interest, comp) in zip(
        _doc_names(docs, labels),
        docs.select("due_date", "last_seen", "open_cents", "interest_cents", "compensation_cents").rows(),
        strict=True,
    ):
        dates = (format_date(due, lang), format_date(seen, lang))
        rows.append((name, *dates, *(money(c, currency, lang) for c in (cents, interest, comp))))
    sums = [money(docs[c].sum(), currency, lang) for c in ("open_cents", "interest_cents", "compensation_cents")]
    return Table(
        tuple(labels("columns", h) for h in heads),
        tuple(rows),
        (False, False, False, True, True, True),
        ((labels("totals", "documents"), "", "", *sums),),
    )


def summary_table(totals: Mapping[str, int], currency: str, lang: str, labels: Labels) -> Table:
    """Capital, interest, compensation (when there is any: none for a consumer) and what invoices
    paid late earned (when claimed), and their total."""
    keys = ("capital", "interest", *(k for k in ("compensation", "paid_late") if totals.get(f"{k}_cents")))
    rows = tuple((labels("totals", k), money(totals[f"{k}_cents"], currency, lang)) for k in keys)
    total = (labels("totals", "total"), money(totals["total_cents"], currency, lang))
    return Table((), rows, (False, True), (total,))


def rates_table(rates: pl.DataFrame, lang: str, labels: Labels) -> Table:
    """The yearly rates applied (from, to, rate_pct), with the law behind each (regime) when there
    is more than one."""
    several = rates["regime"].n_unique() > 1
    regimes = labels.section("regimes")
    rows = tuple(
        (format_date(a, lang), format_date(b, lang), percent(r, lang), *([regimes[kind]] if several else []))
        for a, b, r, kind in rates.select("from", "to", "rate_pct", "regime").rows()
    )
    heads = tuple(labels("columns", h) for h in ("from", "to", "rate", *(["regime"] if several else [])))
    return Table(heads, rows, (False, False, True, *([False] if several else [])))


def schedule_table(plan: pl.DataFrame, currency: str, lang: str, labels: Labels) -> Table:
    """An instalment plan (lib.plans.schedule): the down payment, then each instalment; the
    interest column only when the plan bears interest."""
    with_interest = bool(plan["interest_cents"].sum())
    heads = ["instalment", "due_date", "capital", *(["plan_interest"] if with_interest else []), "payment"]
    rows = []
    for n, day, capital, interest, payment in plan.select(
        "n", "date", "capital_cents", "interest_cents", "payment_cents"
    ).rows():
        amounts = [capital, *([interest] if with_interest else []), payment]
        label = labels("totals", "down_payment") if n == 0 else str(n)
        rows.append((label, format_date(day, lang), *(money(c, currency, lang) for c in amounts)))
    sums = [plan[c].sum() for c in ("capital_cents", *(["interest_cents"] if with_interest else []), "payment_cents")]
    total = (labels("totals", "documents"), "", *(money(c, currency, lang) for c in sums))
    return Table(
        tuple(labels("columns", h) for h in heads),
        tuple(rows),
        (False, False, *[True] * len(sums)),
        (total,),
    )


def table_text(table: Table) -> str:
    """The table as aligned plain text: numbers to the right, a rule under the headers and above the total."""
    lines = [*([table.headers] if table.headers else []), *table.rows, *table.footer]
    widths = [max(len(line[i]) for line in lines) for i in range(len(table.numeric))]

    def line(cells: Sequence[str]) -> str:
        parts = (c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, table.numeric, strict=True))
        return "  ".join(parts).rstrip()

    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    out = [*([line(table.headers), rule] if table.headers else []), *map(line, table.rows)]
    if table.footer:
        out += [rule, *map(line, table.footer)]
    return "\n".join(out)
