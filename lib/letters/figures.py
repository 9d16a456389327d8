"""What a letter claims: the documents it lists, and for a formal demand the late interest of
each to the letter's date and the EUR 40 (lib/interest.py, the one place of both rules).

A letter covers one account (customer × currency): every overdue document not disputed, with
credit notes and unallocated payments (negative open amounts) netted in the capital.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from lib import interest
from lib.letters.messages import Money, Warning


def documents(
    items: pl.DataFrame | pl.LazyFrame, kind: str, on: dt.date, as_of: dt.date, courtesy_days: int
) -> pl.DataFrame:
    """The documents a letter dated `on` lists from the books at `as_of`: not disputed; credits
    always (netted), debts by due date.

    A courtesy reminder lists what falls due by `on` + `courtesy_days` (the policy's [letters]);
    every other letter what was overdue at `as_of` (one that fell due after it may be paid
    already: the books do not say).
    Adds `days_late` (at `on`) and `claimed` (a positive amount overdue at `as_of`).
    """
    lazy = items.lazy()
    names = lazy.collect_schema().names()
    disputed = pl.col("disputed").fill_null(False) if "disputed" in names else pl.lit(False)
    last_due = on + dt.timedelta(days=courtesy_days) if kind == "courtesy" else as_of - dt.timedelta(days=1)
    debt = (pl.col("open_cents") > 0) & (pl.col("due_date") <= last_due)
    days_late = (pl.lit(on) - pl.col("due_date")).dt.total_days().clip(lower_bound=0)
    return (
        lazy.filter(~disputed & (debt | (pl.col("open_cents") < 0)))
        .with_columns(
            days_late.cast(pl.Int64).alias("days_late"),
            ((pl.col("open_cents") > 0) & (pl.col("due_date") < as_of)).alias("claimed"),
        )
        .sort("customer_id", "currency", "due_date", "doc_number", nulls_last=True)
        .collect()
    )


def late_interest(docs: pl.DataFrame, on: dt.date, currency: str) -> tuple[pl.DataFrame, pl.DataFrame, list[Warning]]:
    """Per claimed document, interest to `on` (interest.late_interest) and the EUR 40
    (interest.compensation: only on invoices, only in EUR).

    Returns the documents with `interest_cents` and `compensation_cents`, the rates applied
    (from, to, rate_pct) and the warnings, as codes of messages.WARNINGS with their parameters.
    """
    cents: list[int] = []
    periods: list[tuple[dt.date, dt.date, float]] = []
    notes: set[interest.Note] = set()
    for open_cents, due, claimed in docs.select("open_cents", "due_date", "claimed").rows():
        if not claimed:
            cents.append(0)
            continue
        result = interest.late_interest(open_cents, due, on)
        cents.append(result.interest_cents)
        periods += [(p.start, p.end, p.rate_pct) for p in result.periods]
        notes.update(result.notes)
    warnings: list[Warning] = [
        (note.code, {"start": note.start, "end": note.end, "rate_pct": note.rate_pct})
        for note in sorted(notes, key=lambda note: (note.start, note.code))
    ]
    if currency != interest.COMPENSATION_CURRENCY and docs["claimed"].any():
        amount = Money(interest.COMPENSATION_CENTS, interest.COMPENSATION_CURRENCY)
        warnings.append(("no_compensation", {"currency": currency, "amount": amount}))
    if "due_estimated" in docs.columns and docs["due_estimated"].fill_null(False).any():
        warnings.append(("estimated_due", {}))
    semester = [pl.col("from").dt.year().alias("_year"), (pl.col("from").dt.month() <= 6).alias("_first_half")]
    rates = (
        pl.DataFrame(periods, schema={"from": pl.Date, "to": pl.Date, "rate_pct": pl.Float64}, orient="row")
        .group_by(semester)
        .agg(pl.col("from").min(), pl.col("to").max(), pl.col("rate_pct").first())
        .sort("from")
        .select("from", "to", "rate_pct")
    )
    with_interest = docs.with_columns(
        pl.Series("interest_cents", cents, dtype=pl.Int64),
        interest.compensation(pl.col("claimed"), currency=pl.lit(currency)),
    )
    return with_interest, rates, warnings
