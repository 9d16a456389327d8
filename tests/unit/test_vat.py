"""lib/vat.py: the VAT a credit note gives back (art. 26 DPR 633/72), worked by hand."""

from __future__ import annotations

import datetime as dt

import polars as pl

from lib import vat

D = dt.date
ON = D(2026, 11, 24)
DOCS = pl.DataFrame(
    {
        "doc_type": ["invoice", "invoice", "invoice", "credit_note"],
        "doc_date": [D(2026, 3, 1), D(2025, 6, 30), None, D(2026, 4, 1)],
        "capital_cents": [610_000, 610_000, 0, 0],  # lib/claims.py: what each still owes
        "charged": [True, True, True, True],
    }
)


def test_a_settlement_gives_back_the_vat_of_invoices_less_than_a_year_old_art_26_c3_dpr_633_72() -> None:
    # Claim 12,200.00 gross at 22%; a 10% discount is 1,220.00, VAT inside 1,220 × 22 / 122 = 220.00.
    # Half of it falls on the invoice of 01/03/2026 (within a year of 24/11/2026): 110.00 comes back
    # with a credit note; the other half is on an invoice of 30/06/2025, over a year old: it stays paid.
    relief = vat.settlement(DOCS, 1_220_000, 122_000, ON, 22.0)
    assert relief == vat.Relief(recoverable_cents=11_000, blocked_cents=11_000, vat_cents=22_000)
    # Interest in the claim is outside the VAT base (art. 15): a 13,420.00 claim with 1,220.00 of
    # interest, 10% off = 1,342.00, of which 12,200 / 13,420 is on invoices: VAT 1,342 × 12,200/13,420
    # × 22/122 = 220.00 again, 110.00 of it recoverable.
    assert vat.settlement(DOCS, 1_342_000, 134_200, ON, 22.0) == vat.Relief(11_000, 11_000, 22_000)
    assert vat.settlement(DOCS, 1_220_000, 0, ON, 22.0) == vat.Relief(0, 0, 0)


def test_a_loss_gives_the_vat_back_only_once_a_procedure_opens_art_26_c3bis_dpr_633_72() -> None:
    # 12,200.00 of invoices: 2,200.00 of VAT, blocked until a procedure opens (or an enforcement fails)
    assert vat.unpaid(DOCS, 22.0, None) == vat.Relief(0, 220_000, 220_000)
    assert vat.unpaid(DOCS, 22.0, D(2026, 10, 1)) == vat.Relief(220_000, 0, 220_000)
