"""Every file of the good corpus imports to the cent: the truth in good/expected.toml comes from
the open items each file was made of (tests/corpus/make_good_corpus.py)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from lib.ageing import totals_by_currency
from lib.ingest import Imported, import_file

GOOD = Path(__file__).parent / "corpus" / "good"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads((GOOD / "expected.toml").read_text())["files"]
# reading fixtures of tests/unit/test_read.py (make_legacy_xls.py), not layouts with a truth
READING_FIXTURES = {"scadenzario_legacy.xls", "scadenzario_legacy_large.xls"}


def test_corpus_is_complete() -> None:
    on_disk = {p.name for p in GOOD.iterdir() if p.name != "expected.toml"}
    assert on_disk - READING_FIXTURES == set(EXPECTED)
    assert len(EXPECTED) >= 25


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def imported(request: pytest.FixtureRequest) -> tuple[str, Imported]:
    name = request.param
    truth = EXPECTED[name]
    as_of = None if truth["as_of_in_file"] else truth["as_of"]
    return name, import_file((GOOD / name).read_bytes(), name, as_of=as_of)


def test_as_of_layout_and_sheet(imported: tuple[str, Imported]) -> None:
    name, result = imported
    truth = EXPECTED[name]
    report = result.report
    assert report.as_of == truth["as_of"]
    assert report.as_of_source == ("file" if truth["as_of_in_file"] else "user")
    assert report.layout == truth["layout"]
    if "sheet" in truth:
        assert report.sheet == truth["sheet"]


def test_items_and_customers(imported: tuple[str, Imported]) -> None:
    name, result = imported
    truth = EXPECTED[name]
    assert (result.items.height, result.items["customer_id"].n_unique()) == (truth["items"], truth["customers"])


def test_open_and_overdue_per_currency_to_the_cent(imported: tuple[str, Imported]) -> None:
    name, result = imported
    truth = EXPECTED[name]
    as_of = result.report.as_of
    assert isinstance(as_of, dt.date)
    totals = totals_by_currency(result.items.lazy(), as_of)
    assert dict(zip(totals["currency"], totals["open_cents"], strict=True)) == truth["open_cents"]
    assert dict(zip(totals["currency"], totals["overdue_cents"], strict=True)) == truth["overdue_cents"]


def test_document_numbers(imported: tuple[str, Imported]) -> None:
    name, result = imported
    found = sorted(set(result.items["doc_number"].drop_nulls()))
    assert found == EXPECTED[name]["doc_numbers"]


def test_no_errors_and_every_total_reconciles(imported: tuple[str, Imported]) -> None:
    name, result = imported
    report = result.report
    errors = report.issues.filter(pl.col("severity") == "error")
    assert errors.select("row", "column", "code", "value").rows() == []
    mismatched = report.reconciliation.filter(pl.col("difference_cents") != 0)
    assert mismatched.select("row", "label", "column", "report_cents", "rows_cents").rows() == []
    assert report.reconciliation["row"].n_unique() >= EXPECTED[name]["totals_checked"]
    assert report.issues.filter(pl.col("code").is_in(["total_mismatch", "ignored_row"])).height == 0
