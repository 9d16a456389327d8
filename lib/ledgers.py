"""Ledgers: the company or business unit a snapshot belongs to, named by the user.

Each snapshot belongs to one ledger; the pages show one ledger at a time and compare a snapshot
only with the ones before it in the same ledger, so unrelated files never mix. A ledger exists
while it has snapshots. Snapshots saved before ledgers existed, and those saved from the command
line without `--ledger`, are in `DEFAULT_LEDGER` (shown as "Main" / "Principale").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from lib.ingest.layouts import company_name, dates_in_name

DEFAULT_LEDGER = "default"
MAX_NAME = 80


def ledger_key(name: str) -> str:
    """Names compare by their letters and digits only: `ACME S.R.L.` is `Acme Srl`."""
    return re.sub(r"[\W_]", "", name.casefold())


def resolve(name: str, existing: Sequence[str], aliases: Sequence[str] = ()) -> str:
    """The ledger a typed name means: an existing ledger with the same letters, the default ledger
    for one of its `aliases` (its name in either language), else the name itself, tidied."""
    tidy = " ".join(name.split())[:MAX_NAME]
    key = ledger_key(tidy)
    if not key or key in {ledger_key(a) for a in (DEFAULT_LEDGER, *aliases)}:
        return DEFAULT_LEDGER
    return next((ledger for ledger in existing if ledger_key(ledger) == key), tidy)


def file_stem(file_name: str) -> str:
    """A file's name without extension, dates and separators: `scadenzario_2026-11-20.xlsx` ->
    `scadenzario`."""
    stem = Path(file_name).stem
    for day in dates_in_name(file_name).values():
        for text in (f"{day:%Y}[-_. ]?{day:%m}[-_. ]?{day:%d}", f"{day:%d}[-_. ]?{day:%m}[-_. ]?{day:%Y}"):
            stem = re.sub(text, " ", stem)
        stem = re.sub(f"{day:%m}[-_. ]?{day:%d}[-_. ]?{day:%Y}", " ", stem)
    words = re.sub(r"[_\s.\-]+", " ", stem).strip()
    return words or Path(file_name).stem


def suggest(title: Sequence[str], file_name: str, existing: Sequence[str], remembered: str | None = None) -> str:
    """The ledger an import goes to unless the user says otherwise: the one the layout's last
    export went to; else the company the report names (or the file's name) when a ledger has it;
    else the only ledger of a workspace from before ledgers (the default); else a new ledger named
    after the company or the file."""
    if remembered:
        return resolve(remembered, existing)
    named = resolve(company_name(title) or file_stem(file_name), existing)
    if named in existing or list(existing) != [DEFAULT_LEDGER]:
        return named
    return DEFAULT_LEDGER
