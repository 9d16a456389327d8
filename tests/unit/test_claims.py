"""lib/claims.py: what an account really owes, worked by hand: credits allocated (art. 1193 c.c.),
payments to interest first (art. 1194 c.c.), the regime by the contract's date, interest stopped by
an insolvency procedure."""

from __future__ import annotations

import datetime as dt

import polars as pl

from lib.claims import Terms, owed

D = dt.date
SCHEMA = {
    "doc_type": pl.String,
    "doc_number": pl.String,
    "doc_date": pl.Date,
    "due_date": pl.Date,
    "open_cents": pl.Int64,
    "currency": pl.String,
}


def docs(*rows: tuple[str, str, dt.date | None, dt.date, int]) -> pl.DataFrame:
    return pl.DataFrame([(*row, "EUR") for row in rows], schema=SCHEMA, orient="row")


def figures(frame: pl.DataFrame) -> list[tuple[str, int, int, int]]:
    return frame.select("doc_number", "capital_cents", "interest_cents", "compensation_cents").rows()


F1 = ("invoice", "F1", D(2024, 12, 31), D(2025, 1, 31), 1_000_000)  # EUR 10,000 due 31/01/2025
UNTIL = D(2025, 9, 30)


def test_interest_net_of_a_credit_note_art_1193_cc() -> None:
    # NC1 (4,000.00) corrects F1 from the start: F1 owes 6,000.00 from 01/02/2025 to 30/09/2025:
    #   150 days at 11.15% + 92 days at 10.15% = 600,000 × (150 × 1115 + 92 × 1015) / 3,650,000
    #   = 156,378,000,000 / 3,650,000 = 42,843.29 → 42,843 (71,405 on the gross 10,000.00)
    found = owed(docs(F1, ("credit_note", "NC1", D(2025, 3, 15), D(2025, 3, 15), -400_000)), UNTIL, UNTIL, Terms())
    assert figures(found.docs) == [("F1", 600_000, 42_843, 4_000), ("NC1", 0, 0, 0)]
    assert found.capital_cents == 600_000 and found.interest_paid_cents == 0


def test_credits_go_to_the_oldest_overdue_debt_first_art_1193_cc() -> None:
    # NC (1,500.00) settles F1 (1,000.00, due 31/01) whole, then 500.00 of F2 (5,000.00, due 28/02).
    # F1 was never owed: no interest and no EUR 40. F2 owes 4,500.00 from 01/03 to 30/06/2025:
    #   122 days at 11.15% = 450,000 × 1115 × 122 / 3,650,000 = 61,213,500,000 / 3,650,000 = 16,770.82 → 16,771
    frame = docs(
        ("invoice", "F2", D(2025, 1, 28), D(2025, 2, 28), 500_000),
        ("invoice", "F1", D(2024, 12, 31), D(2025, 1, 31), 100_000),
        ("credit_note", "NC", D(2025, 4, 10), D(2025, 4, 10), -150_000),
    )
    found = owed(frame, D(2025, 6, 30), D(2025, 6, 30), Terms())
    assert figures(found.docs) == [("F2", 450_000, 16_771, 4_000), ("F1", 0, 0, 0), ("NC", 0, 0, 0)]


def test_an_unallocated_payment_reduces_the_capital_from_the_next_day() -> None:
    # The same 4,000.00 as a payment on 15/03/2025 (lib/interest.py's worked example): 48,098, F1 owes 6,000.00.
    found = owed(docs(F1, ("payment", "P1", D(2025, 3, 15), D(2025, 3, 15), -400_000)), UNTIL, UNTIL, Terms())
    assert figures(found.docs) == [("F1", 600_000, 48_098, 4_000), ("P1", 0, 0, 0)]


def test_a_payment_settles_the_interest_before_the_capital_art_1194_cc() -> None:
    # Interest accrued to 15/03/2025: 43 days at 11.15% on 10,000.00 = 13,135.62 → 13,136, paid first;
    # the capital gets 4,000.00 − 131.36 = 3,868.64, and 6,131.36 stays owed. Interest on F1 to 30/09:
    #   01/02–15/03:  43 days on 1,000,000 at 11.15% = 13,135.62
    #   16/03–30/06: 107 days on   613,136 at 11.15% = 613,136 × 1115 × 107 / 3,650,000 = 20,041.15
    #   01/07–30/09:  92 days on   613,136 at 10.15% = 613,136 × 1015 × 92 / 3,650,000  = 15,686.20
    #   total 48,862.97 → 48,863, of which 13,136 already paid: 35,727 still owed
    payment = ("payment", "P1", D(2025, 3, 15), D(2025, 3, 15), -400_000)
    found = owed(docs(F1, payment), UNTIL, UNTIL, Terms(interest_first=True))
    assert figures(found.docs) == [("F1", 613_136, 35_727, 4_000), ("P1", 0, 0, 0)]
    assert found.interest_paid_cents == 13_136
    # a credit note is not a payment: it corrects the capital, art. 1194 does not apply
    note = ("credit_note", "NC1", D(2025, 3, 15), D(2025, 3, 15), -400_000)
    assert figures(owed(docs(F1, note), UNTIL, UNTIL, Terms(interest_first=True)).docs)[0] == (
        "F1",
        600_000,
        42_843,
        4_000,
    )


def test_interest_stops_when_an_insolvency_procedure_opens_art_154_ccii() -> None:
    # Procedure opened 30/04/2025: 01/02–30/04 = 28 + 31 + 30 = 89 days at 11.15%
    #   = 1,000,000 × 1115 × 89 / 3,650,000 = 27,187.67 → 27,188, however late the letter
    found = owed(docs(F1), UNTIL, UNTIL, Terms(procedure_on=D(2025, 4, 30)))
    assert figures(found.docs) == [("F1", 1_000_000, 27_188, 4_000)]


def test_the_contract_date_picks_the_regime_and_the_document_date_stands_in() -> None:
    # Contract 01/05/2012 (D.Lgs. 192/2012 art. 3): reference + 7 and no EUR 40 on a 2025 invoice:
    #   1,000,000 × (150 × 1015 + 92 × 915) / 3,650,000 = 236,430,000,000 / 3,650,000 = 64,775.34 → 64,775
    found = owed(docs(F1), UNTIL, UNTIL, Terms(contract_date=D(2012, 5, 1)))
    assert figures(found.docs) == [("F1", 1_000_000, 64_775, 0)]
    assert found.docs.select("regime", "basis").row(0) == ("late_old", "contract")
    # without it, the document's date (31/12/2024): the decree as it stands, 71,405 and the EUR 40
    by_document = owed(docs(F1), UNTIL, UNTIL, Terms())
    assert by_document.docs.select("regime", "basis", "interest_cents").row(0) == ("late", "document", 71_405)
    # an invoice dated 2012 without a contract date is an old contract too; without any date, the due date
    old = owed(docs(("invoice", "O1", D(2012, 10, 1), D(2025, 1, 31), 1_000_000)), UNTIL, UNTIL, Terms())
    assert old.docs.select("regime", "interest_cents", "compensation_cents").row(0) == ("late_old", 64_775, 0)
    undated = owed(docs(("invoice", "U1", None, D(2025, 1, 31), 1_000_000)), UNTIL, UNTIL, Terms())
    assert undated.docs["basis"].to_list() == ["due"]


def test_a_consumer_owes_the_legal_rate_and_no_eur_40_art_1284_cc() -> None:
    # EUR 2,000 due 31/10/2025, to 31/03/2026: 61 days at 2.00% + 90 days at 1.60% = 1,458 (lib/interest.py)
    frame = docs(("invoice", "C1", D(2025, 10, 1), D(2025, 10, 31), 200_000))
    found = owed(frame, D(2026, 3, 31), D(2026, 3, 31), Terms(consumer=True))
    assert figures(found.docs) == [("C1", 200_000, 1_458, 0)]
    assert found.docs["regime"].to_list() == ["legal"]


def test_only_what_was_overdue_at_the_books_date_earns_interest() -> None:
    frame = docs(F1, ("invoice", "F9", D(2025, 8, 31), D(2025, 10, 31), 50_000))
    found = owed(frame, D(2025, 9, 30), D(2025, 11, 30), Terms())
    assert found.docs.select("doc_number", "charged", "interest_cents").rows()[1] == ("F9", False, 0)
