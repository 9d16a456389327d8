"""Layouts: what a user corrected on one export, kept for the next export of the same layout.

An accounting system exports the same layout every week: the same sheet, the same header row.
When the user fixes how one export is read (a column mapping, the default currency, the sheet,
the as-of date), the fix is kept for that layout and the next export is read with it.

- `fingerprint(sheet, headers, file_name)` names a layout: its sheet name and header cells as the
  importer finds them on its own, compared without case, accents, punctuation or dates (`Scaduto
  al 20/11/2026` is next week `Scaduto al 27/11/2026`; a CSV's one sheet is named after its file).
- `remember(saved, user, found, ...)` turns the user's settings for one file into `Corrections`
  for its layout (only what differs from what the importer found on its own), and
  `merge(saved, user, found)` lays saved corrections and the user's settings for this file over
  what the importer finds, as the `Settings` to read the file with.
- The as-of date changes every week, so a date is never kept: where it came from is. A date the
  file gives needs nothing; a date the user typed that the file name also shows (`..._20261120.xlsx`)
  is read from the next file's name the same way (`name:ymd`); any other typed date makes the
  next export of the layout ask for its own (`ask`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lib.ingest.report import ImportFailed, ImportReport
from lib.schema import FIELDS, normalise_header

_NUMERIC_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_MONTHS = "gen|jan|feb|mar|apr|mag|may|giu|jun|lug|jul|ago|aug|set|sep|ott|oct|nov|dic|dec"
_WORD_DATE = re.compile(rf"\b(?:\d{{1,2}} )?(?:{_MONTHS})[a-z]* (?:\d{{1,2}} )?\d{{4}}\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# dates in a file name: `scadenzario_2026-11-20`, `export20261120`, `AR 20.11.2026`
_NAME_DATES = {
    "ymd": re.compile(r"(?<!\d)(\d{4})[-_. ]?(\d{2})[-_. ]?(\d{2})(?!\d)"),
    "dmy": re.compile(r"(?<!\d)(\d{2})[-_. ]?(\d{2})[-_. ]?(\d{4})(?!\d)"),
    "mdy": re.compile(r"(?<!\d)(\d{2})[-_. ]?(\d{2})[-_. ]?(\d{4})(?!\d)"),
}
_PARTS = {"ymd": (1, 2, 3), "dmy": (3, 2, 1), "mdy": (3, 1, 2)}  # groups giving year, month, day
FILE_SHEET = "*"  # a sheet the reader named after the file (CSV, text, HTML tables)
# When the importer could not tell (the file failed to import), the form offers this currency.
OFFERED_CURRENCY = "EUR"


def header_key(label: str) -> str:
    """A header cell as layouts compare it: no case, accents, punctuation or dates.

    Example: `Scaduto al 20/11/2026` -> `scaduto al date`; `Cod. cliente` -> `cod cliente`.
    """
    text = normalise_header(_NUMERIC_DATE.sub(" date ", label))
    return _YEAR.sub("date", _WORD_DATE.sub("date", text))


def sheet_key(sheet: str, file_name: str) -> str:
    """A sheet name as layouts compare it; a sheet named after its file is `*` (`* (2)`)."""
    if sheet == file_name or sheet.startswith(f"{file_name} ("):
        return FILE_SHEET + sheet[len(file_name) :]
    return header_key(sheet)


def fingerprint(sheet: str, headers: Sequence[str], file_name: str) -> str:
    """The layout of a sheet: 16 hex digits from its sheet key and its header keys, in order."""
    keys = [sheet_key(sheet, file_name), *(header_key(h) for h in headers)]
    return hashlib.sha256("\x1f".join(keys).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Detected:
    """What the importer found on its own in one file (read without corrections)."""

    file_name: str
    sheet: str
    headers: tuple[str, ...]
    sheets: tuple[str, ...] = ()
    as_of: dt.date | None = None  # the date the file gives, if any
    currency: str | None = None  # the default currency the importer chose (None: it failed first)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sheet, self.headers, self.file_name)


def detected(result: ImportReport | ImportFailed) -> Detected | None:
    """What a plain read found: from its report, or from a failure that got as far as a header
    (a column to map, a date to give); None when the file failed before that."""
    if isinstance(result, ImportFailed):
        params = result.params
        if "sheet" not in params or "headers" not in params:
            return None
        sheet = str(params["sheet"])
        return Detected(str(params["file"]), sheet, tuple(params["headers"]), (sheet,))
    return Detected(
        result.file_name, result.sheet, result.headers, result.sheets, result.as_of_in_file, result.default_currency
    )


@dataclass(frozen=True)
class Corrections:
    """What to change when reading a layout; only what the user changed is kept."""

    saved_on: dt.date | None = None
    sheet: str | None = None  # a sheet key (see `sheet_key`)
    mapping: dict[str, str | None] = field(default_factory=dict)  # field -> header key, None: unmapped
    currency: str | None = None
    as_of: str | None = None  # None: the file's own date; `ask`; `name:ymd` (`dmy`, `mdy`)
    ledger: str | None = None  # where the last export of the layout was saved

    @property
    def reading(self) -> bool:
        """Anything that changes how the file is read (the ledger does not)."""
        return bool(self.sheet or self.mapping or self.currency or self.as_of)

    def to_json(self) -> dict[str, Any]:
        return {
            "saved_on": self.saved_on.isoformat() if self.saved_on else None,
            "sheet": self.sheet,
            "mapping": dict(self.mapping),
            "currency": self.currency,
            "as_of": self.as_of,
            "ledger": self.ledger,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Corrections:
        saved_on = data.get("saved_on")
        mapping = data.get("mapping") or {}
        return cls(
            saved_on=dt.date.fromisoformat(saved_on) if saved_on else None,
            sheet=data.get("sheet"),
            mapping={str(f): (str(k) if k else None) for f, k in mapping.items() if f in FIELDS},
            currency=data.get("currency"),
            as_of=data.get("as_of"),
            ledger=data.get("ledger"),
        )


@dataclass(frozen=True)
class Settings:
    """How to read one file: `import_file`'s sheet, as_of, currency and mapping."""

    sheet: str | None = None
    as_of: dt.date | None = None
    currency: str | None = None
    mapping: dict[str, str | None] = field(default_factory=dict)
    ask_as_of: bool = False  # the layout's date is typed by hand: this file's must be given too
    as_of_from_name: bool = False  # the date was read from the file name, as saved for the layout

    @property
    def empty(self) -> bool:
        return not (self.sheet or self.as_of or self.currency or self.mapping)


def dates_in_name(file_name: str) -> dict[str, dt.date]:
    """The dates a file name shows, by the pattern that reads them (`ymd`, `dmy`, `mdy`)."""
    stem = Path(file_name).stem
    found: dict[str, dt.date] = {}
    for pattern, regex in _NAME_DATES.items():
        year, month, day = _PARTS[pattern]
        for match in regex.finditer(stem):
            try:
                found.setdefault(pattern, dt.date(int(match[year]), int(match[month]), int(match[day])))
            except ValueError:
                continue
    return found


def as_of_rule(given: dt.date | None, found: Detected) -> str | None:
    """Where the as-of date the user gave comes from, for the next export of the layout: None
    (nothing given, or the file's own date), `name:<pattern>` (the file name shows it) or `ask`."""
    if given is None or given == found.as_of:
        return None
    patterns = [p for p, day in dates_in_name(found.file_name).items() if day == given]
    return f"name:{patterns[0]}" if patterns else "ask"


def remember(
    saved: Corrections | None, user: Mapping[str, Any], found: Detected, on: dt.date, ledger: str | None
) -> Corrections:
    """The corrections to keep for a layout: the saved ones updated with what the user set for this
    file (`user`: the Import page's sheet, as_of, currency and mapping of field -> label), keeping
    only what differs from what the importer found on its own (`found`)."""
    saved = saved or Corrections()
    mapping = dict(saved.mapping)
    for name, label in (user.get("mapping") or {}).items():
        if name in FIELDS:
            mapping[name] = header_key(label) if label else None
    sheet = saved.sheet
    if user.get("sheet") and user["sheet"] != found.sheet:
        sheet = sheet_key(user["sheet"], found.file_name)
    currency = saved.currency
    if user.get("currency") and user["currency"] != (found.currency or OFFERED_CURRENCY):
        currency = user["currency"]
    as_of = as_of_rule(user["as_of"], found) if user.get("as_of") else saved.as_of
    return Corrections(on, sheet, mapping, currency, as_of, ledger)


def merge(saved: Corrections | None, user: Mapping[str, Any], found: Detected | None) -> Settings:
    """The settings to read a file with: what the user set for this file, else the corrections
    saved for its layout resolved against this file (its labels, sheets, name), else nothing
    (the importer decides)."""
    saved = saved if saved is not None and found is not None else Corrections()
    mapping: dict[str, str | None] = {
        name: label_for(key, found.headers) if key and found else None for name, key in saved.mapping.items()
    }
    mapping.update(user.get("mapping") or {})
    sheet = user.get("sheet") or (_sheet(saved.sheet, found) if saved.sheet and found else None)
    as_of = user.get("as_of")
    from_name = ask = False
    if as_of is None and saved.as_of and found is not None:
        if saved.as_of.startswith("name:"):
            as_of = dates_in_name(found.file_name).get(saved.as_of.removeprefix("name:"))
            from_name = as_of is not None
        ask = as_of is None
    return Settings(sheet, as_of, user.get("currency") or saved.currency, mapping, ask, from_name)


def label_for(key: str, headers: Sequence[str]) -> str:
    """This file's header cell with the key (the key itself when none has it: the importer then
    matches it against the sheet it reads, see `apply_mapping`)."""
    return next((h for h in headers if header_key(h) == key), key)


def _sheet(key: str, found: Detected) -> str | None:
    if key.startswith(FILE_SHEET):
        return found.file_name + key[len(FILE_SHEET) :]
    return next((s for s in found.sheets if header_key(s) == key), None)


def apply_mapping(
    labels: Mapping[str, str], guessed: Mapping[str, str], mapping: Mapping[str, str | None], file_name: str
) -> dict[str, str]:
    """The guessed field -> column map with the user's choices laid over it. A choice names a
    header label, or its `header_key` (corrections saved for a layout last week)."""
    by_label = {label: column for column, label in labels.items()}
    by_key = {header_key(label): column for column, label in labels.items()}
    fields = dict(guessed)
    for name, label in mapping.items():
        if name not in FIELDS:
            raise ImportFailed("bad_mapping", file=file_name, field=name, label=label)
        if not label:
            fields.pop(name, None)
            continue
        column = by_label.get(label) or by_key.get(label)
        if column is None:
            raise ImportFailed("bad_mapping", file=file_name, field=name, label=label)
        fields = {f: c for f, c in fields.items() if c != column}
        fields[name] = column
    return fields


# --- the company a report is about ----------------------------------------------------------

_LEGAL_FORM = re.compile(
    r"(?i)(?<![\w.])(s\.?\s?r\.?\s?l|s\.?\s?p\.?\s?a|s\.?\s?n\.?\s?c|s\.?\s?a\.?\s?s|s\.c\.(?:a\.)?r\.l|s\.a"
    r"|inc|ltd|llc|l\.l\.c|co|corp|gmbh|plc|b\.v|sarl|s\.a\.r\.l|limited)\.?(?![\w])"
)
_COMPANY_LABEL = re.compile(r"(?i)^\s*(?:ditta|azienda|societ[aà]|company|impresa)\s*:\s*(.+?)\s*$")


def company_name(title: Sequence[str]) -> str | None:
    """The company a report is about, from the cells above its header: `Ditta: ACME S.P.A.`, or
    the first part of a cell with a legal form (`Scadenzario clienti - Acme Srl - EUR`)."""
    for cell in title:
        if labelled := _COMPANY_LABEL.match(cell):
            return labelled.group(1)
        for part in re.split(r"\s+[-–|]\s+", cell.strip()):
            named = re.search(r"[^\W\d_]", _LEGAL_FORM.sub("", part))  # more than the legal form
            if _LEGAL_FORM.search(part) and named and len(part) <= 80 and not re.search(r"\d", part):
                return part.strip()
    return None
