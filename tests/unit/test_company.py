"""lib/company.py: the company details for letters, and the one check the settings page and the
letters share (IBAN and VAT number through python-stdnum)."""

from __future__ import annotations

import pytest

from lib import letters
from lib.company import FIELDS, REQUIRED, Company, format_iban, problems
from lib.letters import LetterError
from lib.policy import load_policy
from tests.unit.frames import AS_OF, days_ago, items

IBAN = "IT60X0542811101000000123456"  # the textbook Italian IBAN: mod 97 of the rearranged digits is 1
VAT = "IT01234560157"  # a partita IVA with a valid check digit, province 015 (Milano)
DETAILS = {"name": "Rossi S.r.l.", "vat_id": VAT, "address": "Via Roma 1, Milano", "iban": IBAN}
# 14 characters with correct mod-97 check digits: no country has IBANs this short (Norway's, the
# shortest, have 15). The old settings check accepted it and every letter then refused it.
SHORT_IBAN = "IT18X054281110"


@pytest.mark.parametrize(
    "iban",
    [
        IBAN,
        "it60 x054 2811 1010 0000 0123 456",
        " IT60X0542811101000000123456\t",
        "GB29NWBK60161331926819",
        "DE89370400440532013000",
        "NO9386011117947",  # 15 characters, the shortest country
    ],
)
def test_a_valid_iban_in_any_spacing_or_case(iban: str) -> None:
    assert problems({**DETAILS, "iban": iban}) == []


@pytest.mark.parametrize(
    "iban",
    [
        "IT60X0542811101000000123457",  # last digit changed
        "IT61X0542811101000000123456",  # check digits changed
        "IT60X0542811101000000124356",  # two digits swapped
        "IT60Y0542811101000000123456",  # CIN letter changed
        "GB60X0542811101000000123456",  # another country's code
        "ITXX0542811101000000123456",  # check digits are not digits
        "IT60X054",  # too short
        "IT60X05428111010000001234-6",  # a character outside A-Z 0-9
        SHORT_IBAN,  # right check digits, wrong length for Italy (and for any country)
        "IT60X05428111010000001234560",  # one character too many for Italy
    ],
)
def test_an_altered_iban_is_refused(iban: str) -> None:
    assert problems({**DETAILS, "iban": iban}) == [("iban", "iban")]


@pytest.mark.parametrize(
    "vat",
    [
        VAT,
        "01234560157",  # a partita IVA without the prefix
        "it 012 345 60157",  # spaces and case do not matter
        "DE136695976",  # Germany
        "FR 40 303 265 045",  # France
        "EL094259216",  # Greece writes EL, not GR
    ],
)
def test_an_italian_or_eu_vat_number_is_accepted(vat: str) -> None:
    assert problems({**DETAILS, "vat_id": vat}) == []


@pytest.mark.parametrize(
    "vat",
    [
        "IT01234560158",  # check digit changed
        "01234567890",  # the usual placeholder: the check digit does not hold
        "0123456015",  # ten digits
        "DE136695977",  # Germany, check digit changed
        "136695976",  # a German number without its prefix: only Italian ones go without
        "RSSMRA80A01F205X",  # a codice fiscale of a person is not a VAT number
        "CHE-116.281.710 MWST",  # Switzerland is not in the EU
    ],
)
def test_a_malformed_vat_number_is_refused(vat: str) -> None:
    assert problems({**DETAILS, "vat_id": vat}) == [("vat_id", "vat_id")]


def test_missing_details_come_first_then_each_check() -> None:
    assert problems({}) == [(field, "missing") for field in REQUIRED]
    # blank text and None are missing too; a detail given that fails its check is named by its field
    assert problems({**DETAILS, "name": "   ", "iban": "IT61X0542811101000000123456", "vat_id": "IT1"}) == [
        ("name", "missing"),
        ("iban", "iban"),
        ("vat_id", "vat_id"),
    ]
    assert problems({**DETAILS, "address": None}) == [("address", "missing")]
    # the settings' keys with the `company_` prefix, or a Company, are read alike
    assert problems({f"company_{k}": v for k, v in DETAILS.items()}) == []
    assert problems(Company("Rossi", "", "", IBAN), required=("name", "iban")) == []
    assert problems(Company("Rossi", "", "", IBAN)) == [("vat_id", "missing"), ("address", "missing")]


def test_fields_and_the_company() -> None:
    assert FIELDS == ("name", "vat_id", "address", "iban", "signature", "email", "pec", "phone", "place")
    assert set(REQUIRED) <= set(FIELDS)
    made = Company.from_mapping({"company_name": " Rossi ", "iban": IBAN, "vat_id": None, "other": 1})
    assert (made.name, made.iban, made.vat_id, made.pec) == ("Rossi", IBAN, "", "")


def test_print_format_of_the_iban() -> None:
    assert format_iban("it60x0542811101000000123456") == "IT60 X054 2811 1010 0000 0123 456"
    assert format_iban(" IT60X054 28111010 00000123456 ") == "IT60 X054 2811 1010 0000 0123 456"


# --- the settings and the letters agree ----------------------------------------------------------

POLICY = load_policy()
CUSTOMER = {"customer_id": "C1", "customer_name": "Bianchi S.p.A.", "pec": "bianchi@pec.example"}
ITEMS = items(open_cents=[100_000], due_date=[days_ago(40)])


def demand(details: dict[str, str]) -> letters.Letter:
    return letters.compose("formal_demand", CUSTOMER, ITEMS, Company.from_mapping(details), AS_OF, "en", POLICY)


@pytest.mark.parametrize(
    ("iban", "accepted"),
    [
        (IBAN, True),
        ("NO9386011117947", True),
        (SHORT_IBAN, False),
        ("IT61X0542811101000000123456", False),
        ("IT60X05428111010000001234560", False),
    ],
)
def test_an_iban_the_settings_accept_the_letters_accept(iban: str, accepted: bool) -> None:
    details = {**DETAILS, "iban": iban}
    assert (problems(details) == []) is accepted
    if accepted:
        assert iban.upper()[:4] in demand(details).body.replace(" ", "")
        return
    with pytest.raises(LetterError) as raised:
        demand(details)
    assert raised.value.code == "iban" and iban in str(raised.value)


@pytest.mark.parametrize(("vat", "accepted"), [(VAT, True), ("DE136695976", True), ("IT01234567890", False)])
def test_a_vat_number_the_settings_accept_the_letters_accept(vat: str, accepted: bool) -> None:
    details = {**DETAILS, "vat_id": vat}
    assert (problems(details) == []) is accepted
    if accepted:
        assert any(vat in line for line in demand(details).letterhead)
        return
    with pytest.raises(LetterError) as raised:
        demand(details)
    assert raised.value.code == "vat_id" and vat in str(raised.value)
    # a reminder does not need the VAT number, but one given must hold
    with pytest.raises(LetterError, match=vat):
        letters.compose("reminder", CUSTOMER, ITEMS, Company.from_mapping(details), AS_OF, "it", POLICY)


def test_missing_details_stop_a_letter_as_they_stop_the_settings() -> None:
    details = {**DETAILS, "address": "", "name": ""}
    assert problems(details) == [("name", "missing"), ("address", "missing")]
    with pytest.raises(LetterError) as raised:
        demand(details)
    assert raised.value.code == "company" and raised.value.params == {"fields": "name, address"}
