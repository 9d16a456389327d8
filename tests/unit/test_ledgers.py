"""lib/ledgers.py: ledger names, and the ledger an import is suggested for."""

from __future__ import annotations

import pytest

from lib.ledgers import DEFAULT_LEDGER, file_stem, ledger_key, resolve, suggest

TITLE = ["Scadenzario clienti al 20/11/2026", "ACME S.R.L."]


def test_names_compare_by_letters_and_digits() -> None:
    assert ledger_key("ACME S.R.L.") == ledger_key("Acme Srl") == "acmesrl"
    assert ledger_key("Rossi & Figli") != ledger_key("Rossi")


def test_a_typed_name_means_an_existing_ledger_the_default_or_a_new_one() -> None:
    existing = ["ACME S.R.L.", DEFAULT_LEDGER]
    assert resolve("acme srl", existing) == "ACME S.R.L."
    assert resolve("  Bianchi   SpA ", existing) == "Bianchi SpA"  # new, tidied
    assert resolve("Principale", existing, aliases=["Principale", "Main"]) == DEFAULT_LEDGER
    assert resolve("   ", existing) == DEFAULT_LEDGER
    assert len(resolve("x" * 200, [])) == 80


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("scadenzario_2026-11-20.xlsx", "scadenzario"),
        ("AR aging 20.11.2026.csv", "AR aging"),
        ("export_11202026.csv", "export"),
        ("scadenzario_gestionale.xlsx", "scadenzario gestionale"),
        ("2026-11-20.xlsx", "2026-11-20"),  # nothing but a date: the stem as it is
    ],
)
def test_a_files_stem_without_its_date(name: str, stem: str) -> None:
    assert file_stem(name) == stem


def test_the_suggested_ledger() -> None:
    # the ledger the layout's last export went to comes first
    assert suggest(TITLE, "a.xlsx", ["ACME S.R.L.", "Rossi"], remembered="rossi") == "Rossi"
    # else the company the report names, an existing ledger if one has its letters
    assert suggest(TITLE, "a.xlsx", []) == "ACME S.R.L."
    assert suggest(["Acme Srl"], "a.xlsx", ["ACME S.R.L.", "Rossi"]) == "ACME S.R.L."
    # else the file's name
    assert suggest([], "crediti_2026-11-20.csv", ["Rossi"]) == "crediti"
    # a workspace from before ledgers keeps its one pile, unless a ledger has the name already
    assert suggest(TITLE, "a.xlsx", [DEFAULT_LEDGER]) == DEFAULT_LEDGER
    assert suggest(TITLE, "a.xlsx", [DEFAULT_LEDGER, "Acme srl"]) == "Acme srl"
