"""What a letter claims: the documents it lists, and for a formal demand what they owe at the
letter's date (lib/claims.py: credits allocated, the late interest and the EUR 40 under the
customer's regime), with the rates applied and what to check first.

A letter covers one account (customer × currency): every overdue document not disputed, with
credit notes and unallocated payments (negative open amounts) allocated to them.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from lib import claims, interest
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


def claim(
    docs: pl.DataFrame, on: dt.date, as_of: dt.date, currency: str, terms: claims.Terms
) -> tuple[claims.Owed, pl.DataFrame, list[Warning]]:
    """What the listed documents owe at `on` (lib/claims.py: credits allocated, each debt's
    interest and EUR 40 under the customer's regime), the rates applied (from, to, rate_pct,
    regime: one row per regime and semester) and the warnings, as codes of messages.WARNINGS with
    their parameters."""
    owed = claims.owed(docs, as_of, on, terms)
    warnings: list[Warning] = [
        (note.code, {"start": note.start, "end": note.end, "rate_pct": note.rate_pct}) for note in owed.notes
    ]
    claimed = owed.docs.filter(pl.col("charged"))
    if currency != interest.COMPENSATION_CURRENCY and claimed.height and not terms.consumer:
        amount = Money(interest.COMPENSATION_CENTS, interest.COMPENSATION_CURRENCY)
        warnings.append(("no_compensation", {"currency": currency, "amount": amount}))
    if "due_estimated" in docs.columns and docs["due_estimated"].fill_null(False).any():
        warnings.append(("estimated_due", {}))
    if owed.interest_paid_cents:
        warnings.append(("interest_first", {"amount": Money(owed.interest_paid_cents, currency)}))
    semester = [  # late-payment rates change each semester, the legal rate each calendar year
        pl.col("regime"),
        pl.col("from").dt.year().alias("_year"),
        ((pl.col("from").dt.month() <= 6) & (pl.col("regime") != "legal")).alias("_first_half"),
    ]
    schema = {"from": pl.Date, "to": pl.Date, "rate_pct": pl.Float64, "regime": pl.String}
    rates = (
        pl.DataFrame(owed.periods, schema=schema, orient="row")
        .group_by(semester)
        .agg(pl.col("from").min(), pl.col("to").max(), pl.col("rate_pct").first())
        .sort("from", "regime")
        .select("from", "to", "rate_pct", "regime")
    )
    return owed, rates, warnings


def paid_late(
    paid: pl.DataFrame | None, customer_id: str, currency: str, on: dt.date, terms: claims.Terms
) -> claims.Owed | None:
    """The account's invoices the snapshots saw paid late (`actionlog.paid_documents`), with the
    interest and EUR 40 they earned while unpaid: counted to the last snapshot that still listed
    them (`last_seen`), the latest day they are known to have been unpaid. None when there is none."""
    if paid is None or paid.is_empty():
        return None
    mine = paid.filter(
        pl.col("customer_id") == customer_id,
        pl.col("currency") == currency,
        pl.col("open_cents") > 0,
        pl.col("last_seen") > pl.col("due_date"),
    )
    if mine.is_empty():
        return None
    docs = mine.select(
        pl.lit("invoice").alias("doc_type"), "doc_number", pl.lit(None, pl.Date).alias("doc_date"), "due_date",
        "open_cents", "currency", "last_seen",
    )  # fmt: skip
    parts = [
        claims.owed(one, last + dt.timedelta(days=1), min(last, on), terms)
        for (last,), one in docs.partition_by("last_seen", as_dict=True, maintain_order=True).items()
    ]
    return claims.Owed(
        pl.concat([part.docs for part in parts]).sort("due_date", "doc_number"),
        tuple(period for part in parts for period in part.periods),
        tuple(note for part in parts for note in part.notes),
    )
