"""lib/customers.py: business or consumer (inferred, then confirmed), addresses, the profile the
account page saves, and the payments at risk of clawback."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from lib.actionlog import Log
from lib.customers import (
    address_missing,
    clawback_risk,
    first_known,
    probably_consumer,
    profile_entry,
    profile_of,
    profiles,
)
from tests.unit.frames import items

D = dt.date


@pytest.mark.parametrize(
    ("tax_id", "consumer"),
    [
        ("RSSMRA80A01H501U", True),  # a person's codice fiscale
        ("rss mra 80a01 h501u", True),  # as typed
        ("RSSMRA8LA01H50MU", True),  # omocodia: digits replaced by letters
        ("01234560157", False),  # a company's, or a partita IVA
        ("IT01234560157", False),
        (None, False),
    ],
)
def test_a_personal_tax_code_without_a_vat_number_is_probably_a_consumer(tax_id: str | None, consumer: bool) -> None:
    frame = pl.DataFrame({"vat_id": [tax_id]}, schema={"vat_id": pl.String})
    assert frame.select(probably_consumer(pl.col("vat_id")))["vat_id"].to_list() == [consumer]


BOOKS = pl.concat(
    [
        items(customer_id=["P1"], vat_id=["RSSMRA80A01H501U"], open_cents=[10_000], due_date=[D(2026, 10, 1)]),
        items(
            customer_id=["B1"],
            vat_id=["IT01234560157"],
            pec=["b1@pec.example"],
            open_cents=[10_000],
            due_date=[D(2026, 10, 1)],
        ),
    ]
)


def test_the_user_confirms_or_corrects_what_the_file_suggests() -> None:
    found = {row["customer_id"]: row for row in profiles(BOOKS.lazy(), Log.empty()).collect().to_dicts()}
    assert (found["P1"]["party"], found["P1"]["party_basis"], found["P1"]["consumer"]) == ("consumer", "inferred", True)
    assert (found["B1"]["party"], found["B1"]["party_basis"], found["B1"]["pec"]) == (
        "business",
        "default",
        "b1@pec.example",
    )
    # A sole trader files its codice fiscale: the user says business; B1's PEC and address entered by hand.
    log = Log.of(
        profile=[
            {"customer_id": "P1", "set_on": D(2026, 11, 2), "party": "business"},
            {
                "customer_id": "B1",
                "set_on": D(2026, 11, 2),
                "address": "Via Po 1\n10100 Torino",
                "pec": "new@pec.example",
            },
            {"customer_id": "B1", "set_on": D(2026, 11, 3), "address": "Via Po 3\n10100 Torino"},  # the latest wins
        ]
    )
    p1, b1 = profile_of(BOOKS, log, "P1"), profile_of(BOOKS, log, "B1")
    assert (p1["party"], p1["party_basis"], p1["consumer"]) == ("business", "user", False)
    assert (b1["address"], b1["pec"], b1["term"]) == ("Via Po 3\n10100 Torino", "b1@pec.example", "ordinary")


def test_what_the_profile_form_may_save() -> None:
    base = {"set_on": D(2026, 11, 24), "address": "  ", "pec": " b1@pec.example "}
    rows, problem = profile_entry("B1", base)
    assert problem is None and rows == [
        (
            "profile",
            {
                "customer_id": "B1", "set_on": D(2026, 11, 24), "party": None, "address": None,
                "pec": "b1@pec.example", "email": None, "contract_date": None, "term": None, "procedure": None,
                "procedure_on": None, "claim_deadline": None, "operator": None,
            },
        )
    ]  # fmt: skip
    opened = {"procedure": "concordato_preventivo", "procedure_on": D(2026, 10, 1)}
    assert profile_entry("B1", {**base, **opened, "claim_deadline": D(2026, 12, 1)})[1] is None
    for wrong, code in [
        ({"party": "company"}, "party"),
        ({"term": "weekly"}, "term"),
        ({"procedure": "fallimento", "procedure_on": D(2026, 10, 1)}, "procedure"),
        ({"procedure": "concordato_preventivo"}, "procedure_on"),  # a procedure needs its date
        ({"procedure_on": D(2026, 10, 1)}, "procedure_on"),  # and a date its procedure
        ({**opened, "claim_deadline": D(2026, 9, 1)}, "deadline"),  # filed after it opened
    ]:
        assert profile_entry("B1", {**base, **wrong}) == ([], code), wrong


@pytest.mark.parametrize(
    ("known", "channel", "missing"),
    [
        ({}, "pec_or_raccomandata", True),
        ({"email": "x@example.com"}, "pec_or_raccomandata", True),  # an e-mail is no formal demand's address
        ({"pec": "x@pec.example"}, "pec_or_raccomandata", False),
        ({"address": "Via Po 1"}, "pec_or_raccomandata", False),
        ({"address": "  "}, "pec_or_raccomandata", True),
        ({"email": "x@example.com"}, "email_or_pec", False),
        ({"address": "Via Po 1"}, "email_or_pec", True),
        ({}, "phone", False),
    ],
)
def test_a_letter_needs_an_address_for_its_channel(known: dict[str, str], channel: str, missing: bool) -> None:
    assert address_missing(known, channel) is missing


def test_payments_in_the_months_before_the_procedure_risk_clawback_art_166_ccii() -> None:
    paid = pl.DataFrame(
        {
            "customer_id": ["B1", "B1", "B1", "X9"],
            "currency": ["EUR", "EUR", "USD", "EUR"],
            "doc_number": ["F1", "F2", "U1", "Z1"],
            "open_cents": [30_000, 20_000, 10_000, 5_000],
            "paid_on": [D(2026, 3, 20), D(2026, 5, 8), D(2026, 6, 1), D(2026, 6, 1)],
        }
    )
    entered = Log.of(
        payment=[
            {"customer_id": "B1", "currency": "EUR", "paid_on": D(2026, 9, 30), "amount_cents": 15_000},
            {"customer_id": "B1", "currency": "EUR", "paid_on": D(2026, 11, 2), "amount_cents": 1_000},  # after
        ]
    ).payment
    # Procedure opened 1 November 2026: six months back is 1 May 2026. F1 (20 March) is older; U1 is
    # another account's; X9's another customer's.
    risk = clawback_risk(paid, entered, "B1", "EUR", D(2026, 11, 1), 6)
    assert risk.rows() == [(D(2026, 5, 8), "snapshot", "F2", 20_000), (D(2026, 9, 30), "entered", None, 15_000)]


def test_the_files_contacts_are_each_customers_first_known_in_the_files_order() -> None:
    rows = pl.LazyFrame(
        {
            "customer_id": ["C2", "C1", "C2", "C1", "C2", "C3"],
            "pec": [None, "first@pec.it", "later@pec.it", "other@pec.it", "last@pec.it", None],
            "email": ["c2@mail.it", None, None, None, "c2bis@mail.it", None],
        }
    )
    known = first_known(rows, ("pec", "email", "address")).collect()
    assert known.sort("customer_id").rows() == [
        ("C1", "first@pec.it", None, None),
        ("C2", "later@pec.it", "c2@mail.it", None),  # the first row had no PEC: the next one's
        ("C3", None, None, None),
    ]
    # the same as the first value that is not null over every row of a customer
    every = rows.group_by("customer_id").agg(pl.col("pec", "email").drop_nulls().first()).collect()
    assert known.drop("address").sort("customer_id").equals(every.sort("customer_id"))
