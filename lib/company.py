"""The company details printed on letters: which there are, which are required, and the one check
of them that both the settings page (before saving) and the letters (before writing) apply.

The IBAN and the VAT number are checked with python-stdnum, which knows every country's IBAN
length and layout and every EU country's VAT number checksum, rather than with a hand-written
mod 97.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from stdnum import iban as _iban
from stdnum.eu import vat as _eu_vat
from stdnum.it import iva as _it_iva


@dataclass(frozen=True)
class Company:
    """The sender: from the saved settings (`Company.from_mapping(store.settings()["company"])`)."""

    name: str
    vat_id: str
    address: str  # several lines allowed
    iban: str
    signature: str = ""  # who signs, e.g. "Mario Rossi, ufficio crediti"; several lines allowed
    email: str = ""
    pec: str = ""
    phone: str = ""
    place: str = ""  # the town written before the letter's date

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Company:
        """Take each field from `values[field]` or `values["company_" + field]`; the rest are ignored."""
        found = {}
        for name in FIELDS:
            value = values.get(name, values.get(f"company_{name}"))
            found[name] = "" if value is None else str(value).strip()
        return cls(**found)


FIELDS = tuple(item.name for item in fields(Company))  # in the order the settings form shows them
REQUIRED = ("name", "vat_id", "address", "iban")  # what the settings insist on; letters may need fewer


def _iban_ok(text: str) -> bool:
    """ISO 13616: the country's length and layout and the mod 97 check digits; spaces and case ignored."""
    return _iban.is_valid(text)


def _vat_ok(text: str) -> bool:
    """An EU VAT number with its country prefix (IT01234560157, DE136695976, EL…, XI…), or an
    Italian partita IVA of 11 digits without the prefix (01234560157); spaces, dots and dashes
    ignored. A codice fiscale of a person, or a VAT number from outside the EU, is not accepted."""
    return _eu_vat.is_valid(text) or _it_iva.is_valid(text)


CHECKS: dict[str, Callable[[str], bool]] = {"iban": _iban_ok, "vat_id": _vat_ok}  # the problem code is the field


def problems(details: Mapping[str, Any] | Company, required: Sequence[str] = REQUIRED) -> list[tuple[str, str]]:
    """(field, code) for each `required` detail missing ("missing") and each detail given that
    fails its check ("iban", "vat_id"), in that order; empty when the details are fine.

    `details` is the saved settings' mapping (plain or `company_` keys, as `Company.from_mapping`)
    or a Company.
    """
    company = details if isinstance(details, Company) else Company.from_mapping(details)
    found = [(name, "missing") for name in required if not getattr(company, name)]
    found += [(name, name) for name, ok in CHECKS.items() if getattr(company, name) and not ok(getattr(company, name))]
    return found


def format_iban(iban: str) -> str:
    """The IBAN in groups of four, as printed on paper: `IT60 X054 2811 …`."""
    return _iban.format(iban)
