"""The VAT in what is not collected (art. 26 DPR 633/72): how much of it a credit note can give
back, and when.

- A settlement (saldo e stralcio) reduces the price by a later agreement between the parties: a
  credit note may reduce the VAT too, but only within one year of the supply (art. 26 c. 3); past
  that year the VAT in the discount stays paid. The supply's date is taken from the invoice's
  date; an invoice without one cannot be shown to be within the year.
- An unpaid claim (a loss after the agency or the courts) gives the VAT back only once the debtor
  is subject to an insolvency procedure, from the day it opened (art. 26 c. 3-bis a), or once an
  individual enforcement has failed (c. 3-bis b and c. 12): not because the debt is old.

Amounts are gross (VAT included) at one rate ([offers] vat_pct); interest and the EUR 40 are
outside the VAT base (art. 15 DPR 633/72), so only the invoices' capital carries VAT.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

import polars as pl

ONE_YEAR = "1y"  # art. 26 c. 3: a reduction agreed later can be credited within a year of the supply


@dataclass(frozen=True)
class Relief:
    """The VAT in an amount not collected: what a credit note gives back now and what it cannot."""

    recoverable_cents: int
    blocked_cents: int  # VAT no credit note gives back: for good (a settlement on invoices over a year old or
    #                    without a date) or not yet (an unpaid claim before a procedure or a failed enforcement)
    vat_cents: int  # the VAT in the whole amount: recoverable + blocked


def vat_in(gross_cents: int | Fraction, vat_pct: float) -> Fraction:
    """The VAT inside a gross amount at `vat_pct`: gross × rate / (100 + rate)."""
    rate = Fraction(str(vat_pct))
    return Fraction(gross_cents) * rate / (100 + rate)


def _half_up(value: Fraction) -> int:
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


def settlement(docs: pl.DataFrame, claim_cents: int, discount_cents: int, on: dt.date, vat_pct: float) -> Relief:
    """The VAT in a settlement's discount agreed on `on`, on an account's documents (lib/claims.py:
    `capital_cents`, `charged`, doc_type, doc_date).

    The discount falls on the claim in proportion: the share of it that is invoice capital carries
    VAT; of that, the part on invoices dated within a year before `on` can be credited.
    """
    invoices = docs.filter(pl.col("charged") & (pl.col("doc_type") == "invoice") & (pl.col("capital_cents") > 0))
    within = pl.col("doc_date").is_not_null() & (pl.col("doc_date").dt.offset_by(ONE_YEAR) >= pl.lit(on))
    sums = invoices.select(
        pl.col("capital_cents").sum().alias("all"), pl.col("capital_cents").filter(within).sum().alias("recent")
    ).row(0, named=True)
    if claim_cents <= 0 or discount_cents <= 0:
        return Relief(0, 0, 0)
    share = Fraction(int(sums["all"] or 0), claim_cents)
    recent = Fraction(int(sums["recent"] or 0), claim_cents)
    vat = _half_up(vat_in(discount_cents * min(share, Fraction(1)), vat_pct))
    recoverable = _half_up(vat_in(discount_cents * min(recent, Fraction(1)), vat_pct))
    return Relief(recoverable, vat - recoverable, vat)


def unpaid(docs: pl.DataFrame, vat_pct: float, procedure_on: dt.date | None) -> Relief:
    """The VAT in the invoices still owed: recoverable now only when an insolvency procedure has
    opened (from `procedure_on`); otherwise it waits for one, or for an enforcement that fails."""
    invoices = docs.filter(pl.col("doc_type") == "invoice", pl.col("capital_cents") > 0)
    vat = _half_up(vat_in(int(invoices["capital_cents"].sum()), vat_pct))
    return Relief(vat, 0, vat) if procedure_on is not None else Relief(0, vat, vat)
