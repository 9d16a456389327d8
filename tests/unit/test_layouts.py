"""lib/ingest/layouts.py: a layout's fingerprint, the corrections kept for it, and their merge with
what the importer finds in the next export."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.ingest import ImportFailed, import_file
from lib.ingest.layouts import (
    Corrections,
    Detected,
    Settings,
    as_of_rule,
    company_name,
    dates_in_name,
    detected,
    fingerprint,
    header_key,
    merge,
    remember,
    sheet_key,
)
from tests.conftest import ROOT, SAMPLES

GOOD = ROOT / "tests" / "corpus" / "good"
D = dt.date
TODAY = D(2026, 11, 24)
# An export whose customer column no synonym knows: it fails until the user maps it.
CSV = "Debitore principale;Scadenza;Importo\nRossi Srl;31/10/2026;1.220,00\nBianchi;30/11/2026;80,00\n"
NEXT_WEEK = "Debitore principale;Scadenza;Importo\nRossi Srl;31/10/2026;1.220,00\nVerdi;15/11/2026;500,00\n"


def _found(name: str = "crediti.csv", **values: object) -> Detected:
    defaults: dict[str, object] = {
        "sheet": name,
        "headers": ("Debitore principale", "Scadenza", "Importo"),
        "sheets": (name,),
        "as_of": None,
        "currency": "EUR",
    }
    return Detected(name, **{**defaults, **values})  # type: ignore[arg-type]


def test_header_keys_compare_without_case_punctuation_or_dates() -> None:
    assert header_key("Cod. cliente") == header_key("COD CLIENTE") == "cod cliente"
    assert header_key("Scaduto al 20/11/2026") == header_key("Scaduto al 27.11.2026") == "scaduto al date"
    assert header_key("As of September 25, 2026") == header_key("As of October 2, 2026")
    assert header_key("Saldo 2026") == header_key("Saldo 2027")
    assert header_key("1 - 30") != header_key("31 - 60")  # bucket edges are the layout, not a date


def test_a_sheet_named_after_its_file_is_the_files_one_sheet() -> None:
    assert sheet_key("export_2026-11-20.csv", "export_2026-11-20.csv") == "*"
    assert sheet_key("report.xls (2)", "report.xls") == "* (2)"
    assert sheet_key("Scadenzario", "a.xlsx") == "scadenzario"


def test_the_same_layout_has_one_fingerprint_whatever_the_file_and_date() -> None:
    """Two exports of one gestionale: different companies, dates and file names; one layout."""
    sample = import_file((SAMPLES / "scadenzario_gestionale.xlsx").read_bytes(), "scadenzario_gestionale.xlsx")
    other = import_file((GOOD / "gestionale_scadenzario.xlsx").read_bytes(), "settembre.xlsx")
    assert sample.report.as_of != other.report.as_of
    first, second = detected(sample.report), detected(other.report)
    assert first is not None and second is not None
    assert first.fingerprint == second.fingerprint
    quickbooks = import_file((SAMPLES / "ar_aging_detail_quickbooks.xlsx").read_bytes(), "qb.xlsx")
    assert detected(quickbooks.report).fingerprint != first.fingerprint  # type: ignore[union-attr]
    # a CSV's sheet is its file: next week's file name changes nothing
    assert fingerprint("a_1.csv", ["Cliente", "Scadenza al 20/11/2026"], "a_1.csv") == fingerprint(
        "a_2.csv", ["cliente", "Scadenza al 27/11/2026"], "a_2.csv"
    )
    swapped = fingerprint("Foglio1", ["Importo", "Cliente"], "x.xlsx")
    assert fingerprint("Foglio1", ["Cliente", "Importo"], "x.xlsx") != swapped  # the order is the layout


def test_a_failure_that_reached_the_header_has_a_layout_an_earlier_one_has_none() -> None:
    with pytest.raises(ImportFailed) as failed:
        import_file(CSV.encode(), "crediti.csv")
    found = detected(failed.value)
    assert found is not None and found.headers == ("Debitore principale", "Scadenza", "Importo")
    assert found.as_of is None and found.currency is None
    assert detected(ImportFailed("empty", file="vuoto.csv")) is None


def test_dates_in_a_file_name_and_where_a_typed_date_came_from() -> None:
    assert dates_in_name("scadenzario_2026-11-20.xlsx") == {"ymd": D(2026, 11, 20)}
    assert dates_in_name("AR 20.11.2026.csv") == {"dmy": D(2026, 11, 20)}  # 20 is no month
    assert dates_in_name("export_11202026.csv") == {"mdy": D(2026, 11, 20)}
    assert dates_in_name("clienti.xlsx") == {}
    found = _found("crediti_20261120.csv")
    assert as_of_rule(None, found) is None
    assert as_of_rule(D(2026, 11, 20), found) == "name:ymd"  # typed, and the name shows it
    assert as_of_rule(D(2026, 11, 19), found) == "ask"  # typed, from nowhere the importer can read
    assert as_of_rule(D(2026, 9, 30), _found("x.csv", as_of=D(2026, 9, 30))) is None  # the file's own


def test_remember_keeps_only_what_the_user_changed() -> None:
    found = _found("crediti_2026-11-20.csv")
    user = {
        "sheet": "crediti_2026-11-20.csv",  # the form sends the sheet it shows: not a correction
        "as_of": D(2026, 11, 20),
        "currency": "EUR",  # as found
        "mapping": {"customer_name": "Debitore principale", "notes": None},
    }
    kept = remember(None, user, found, TODAY, "Rossi")
    assert kept == Corrections(
        TODAY, None, {"customer_name": "debitore principale", "notes": None}, None, "name:ymd", "Rossi"
    )
    assert kept.reading
    # a later correction adds to the saved ones; an untouched file keeps them
    later = remember(kept, {"currency": "USD", "mapping": {"due_date": "Scadenza"}}, found, TODAY, "Rossi")
    assert later.mapping == {"customer_name": "debitore principale", "notes": None, "due_date": "scadenza"}
    assert (later.currency, later.as_of) == ("USD", "name:ymd")
    assert remember(kept, {}, found, TODAY, "Bianchi") == Corrections(
        TODAY, None, kept.mapping, None, "name:ymd", "Bianchi"
    )
    assert not Corrections(ledger="Rossi").reading  # the ledger alone changes no reading
    assert remember(None, {"sheet": "Altro"}, _found("a.xlsx", sheet="Foglio1"), TODAY, None).sheet == "altro"


def test_a_confirmed_date_ends_the_question_a_new_typed_one_keeps_it() -> None:
    saved = Corrections(TODAY, as_of="ask")
    found = _found("x.csv", as_of=D(2026, 11, 27))
    assert remember(saved, {"as_of": D(2026, 11, 27)}, found, TODAY, None).as_of is None
    assert remember(saved, {"as_of": D(2026, 11, 26)}, found, TODAY, None).as_of == "ask"
    assert remember(saved, {}, found, TODAY, None).as_of == "ask"


def test_merge_reads_the_next_file_with_the_saved_corrections() -> None:
    saved = Corrections(
        TODAY, None, {"customer_name": "debitore principale", "notes": None}, "CHF", "name:ymd", "Rossi"
    )
    found = _found("crediti_2026-11-27.csv", headers=("DEBITORE PRINCIPALE", "Scadenza", "Importo"))
    settings = merge(saved, {}, found)
    assert settings == Settings(
        None, D(2026, 11, 27), "CHF", {"customer_name": "DEBITORE PRINCIPALE", "notes": None}, False, True
    )
    # what the user sets for this file wins, field by field
    mine = merge(saved, {"as_of": D(2026, 11, 26), "mapping": {"customer_name": "Scadenza"}}, found)
    assert mine.as_of == D(2026, 11, 26) and not mine.as_of_from_name
    assert mine.mapping == {"customer_name": "Scadenza", "notes": None}
    # a date typed by hand is asked for again, never reused
    asked = merge(Corrections(TODAY, as_of="ask"), {}, found)
    assert asked.ask_as_of and asked.as_of is None and asked.empty
    assert merge(Corrections(TODAY, as_of="name:ymd"), {}, _found("crediti.csv")).ask_as_of  # no date in the name
    assert not merge(Corrections(TODAY, as_of="ask"), {"as_of": D(2026, 11, 27)}, found).ask_as_of
    assert merge(None, {}, found).empty and merge(saved, {}, None).empty  # nothing saved, or no layout


def test_a_saved_sheet_is_found_again_by_its_key() -> None:
    found = _found("w.xlsx", sheet="Riepilogo", sheets=("Riepilogo", "Dettaglio 2026"))
    assert merge(Corrections(TODAY, sheet="dettaglio date"), {}, found).sheet == "Dettaglio 2026"
    assert merge(Corrections(TODAY, sheet="altro"), {}, found).sheet is None
    assert merge(Corrections(TODAY, sheet="*"), {}, _found("b.csv")).sheet == "b.csv"


def test_corrections_go_to_json_and_back() -> None:
    kept = Corrections(TODAY, "foglio", {"due_date": "data doc", "notes": None}, "USD", "ask", "Rossi")
    assert Corrections.from_json(kept.to_json()) == kept
    assert Corrections.from_json({"mapping": {"not_a_field": "x"}}) == Corrections()


def test_next_weeks_export_needs_no_correction() -> None:
    """The whole round: the first export fails, the user maps its customer column and types its date;
    the next export of the layout is read with both, its date from its own name."""
    with pytest.raises(ImportFailed) as failed:
        import_file(CSV.encode(), "crediti_2026-11-20.csv")
    found = detected(failed.value)
    assert found is not None
    user = {"as_of": D(2026, 11, 20), "mapping": {"customer_name": "Debitore principale"}}
    first = import_file(CSV.encode(), found.file_name, as_of=user["as_of"], mapping=user["mapping"])  # type: ignore[arg-type]
    kept = remember(None, user, found, TODAY, "Rossi")

    with pytest.raises(ImportFailed) as again:
        import_file(NEXT_WEEK.encode(), "crediti_2026-11-27.csv")
    layout = detected(again.value)
    assert layout is not None and layout.fingerprint == found.fingerprint
    settings = merge(kept, {}, layout)
    second = import_file(
        NEXT_WEEK.encode(), layout.file_name, as_of=settings.as_of, mapping=settings.mapping, currency=settings.currency
    )
    assert (first.report.as_of, second.report.as_of) == (D(2026, 11, 20), D(2026, 11, 27))
    assert second.items["customer_name"].to_list() == ["Rossi Srl", "Verdi"]


def test_a_mapping_may_name_a_column_by_its_key() -> None:
    """Corrections saved for a sheet other than the one first found name columns by their key."""
    path = SAMPLES / "scadenzario_gestionale.xlsx"
    by_key = import_file(path.read_bytes(), path.name, mapping={"due_date": "data documento"})
    assert by_key.report.mapping["due_date"] == "Data documento"
    with pytest.raises(ImportFailed) as failed:
        import_file(path.read_bytes(), path.name, mapping={"due_date": "data di nessuno"})
    assert failed.value.code == "bad_mapping"


@pytest.mark.parametrize(
    ("title", "company"),
    [
        (["Scadenzario clienti al 20/11/2026", "ACME S.R.L."], "ACME S.R.L."),
        (["Scadenzario clienti - Acme Srl - EUR", "Filtro alla data", "20/11/2026"], "Acme Srl"),
        (["TEAMSYSTEM - Stampa partite aperte clienti", "Pag. 1", "Ditta: OFFICINE BRAMBILLA S.P.A."],
         "OFFICINE BRAMBILLA S.P.A."),
        (["Bayside Supply Co.", "A/R Aging Detail", "As of November 20, 2026"], "Bayside Supply Co."),
        (["Via Roma 1 - 20121 Milano (MI) - P.IVA 01234560158"], None),
        (["Aged Receivables Detail", "Ageing by due date", "Company Code 1000"], None),
        ([], None),
    ],
)  # fmt: skip
def test_the_company_a_report_names(title: list[str], company: str | None) -> None:
    assert company_name(title) == company


def test_the_report_keeps_its_title_block() -> None:
    path = SAMPLES / "scadenzario_gestionale.xlsx"
    report = import_file(path.read_bytes(), path.name).report
    assert report.title == ("Scadenzario clienti al 20/11/2026", "ACME S.R.L.")
    assert report.to_dict()["title"] == ["Scadenzario clienti al 20/11/2026", "ACME S.R.L."]
