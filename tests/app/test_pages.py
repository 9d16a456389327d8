"""AppTest of every page, run through app.py as a user reaches it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.ingest import ImportFailed
from lib.store import Store
from lib.ui import import_page
from tests.conftest import ROOT, SAMPLES

APP = str(ROOT / "app.py")
PAGES = sorted(f"views/{p.name}" for p in (ROOT / "views").glob("*.py"))
BAD = ROOT / "tests" / "corpus" / "bad"


def start(lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["language"] = lang
    return at.run()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_page_runs_in_both_languages(page: str, lang: str) -> None:
    at = start(lang)
    at.switch_page(page).run()
    assert not at.exception
    assert at.title


def test_start_page_says_what_the_tool_does() -> None:
    at = start()
    assert at.title[0].value == "Sollecito"
    assert "ageing report" in at.markdown[0].value
    assert [b.label for b in at.button] == ["Load sample data"]


def test_language_switch_translates_the_page() -> None:
    at = start("it")
    assert at.button[0].label == "Carica dati di esempio"
    at.button_group(key="language_switch").set_value("en").run()
    assert at.button[0].label == "Load sample data"


def test_load_sample_data_saves_a_snapshot_and_shows_the_summary(workspace: Path) -> None:
    at = start()
    at.button[0].click().run()
    assert not at.exception
    # the sample's seven earlier weeks are saved first (#1-#7), so the newest is #8
    assert "the newest is snapshot #8 (661 items, 119 customers)" in at.success[0].value
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Open items": "661", "Customers": "119", "Open EUR": "€615,619.15", "Overdue EUR": "€444,288.56"}
    warnings = [w.value for w in at.warning]
    assert "File totals that do not match their rows: 1 of 363. Check the issues." in warnings  # deliberate
    weeks = json.loads((SAMPLES / "history" / "ground_truth.json").read_text())["snapshots"]
    assert Store.open(workspace).snapshots()["items"].to_list() == [w["items"] for w in reversed(weeks)]
    at.button[0].click().run()
    assert "already loaded (snapshot #8)" in at.success[0].value
    # AppTest drops sidebar elements on reruns under st.navigation: read the sidebar on a fresh session
    fresh = start()
    assert "scadenzario_gestionale.xlsx as of 20 Nov 2026: 661 items" in fresh.sidebar.markdown[0].value
    history = fresh.dataframe[0].value
    assert history[["id", "file_name", "items", "customers", "open"]].to_dict("records")[0] == {
        "id": 8,
        "file_name": "scadenzario_gestionale.xlsx",
        "items": 661,
        "customers": 119,
        "open": "€615,619.15",
    }
    assert history["file_name"].to_list()[1:] == [Path(w["file"]).name for w in reversed(weeks[:-1])]


def upload(name: str, data: bytes, lang: str = "en") -> AppTest:
    at = start(lang)
    at.switch_page("views/import_data.py").run()
    at.file_uploader[0].upload(name, data).run()
    assert not at.exception
    return at


def test_import_page_reads_an_upload_and_saves_it(workspace: Path) -> None:
    at = upload("ar.xlsx", (SAMPLES / "ar_aging_detail_quickbooks.xlsx").read_bytes())
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Open items"] == "329" and metrics["Open USD"] == "$304,264.83"
    assert any("All 12 totals" in s.value for s in at.success)
    assert at.dataframe, "issues, reconciliation and preview tables are shown"
    assert [b.label for b in at.button if b.label == "Save snapshot"]
    next(b for b in at.button if b.label == "Save snapshot").click().run()
    assert any(s.value == "Snapshot #1 saved." for s in at.success)
    assert Store.open(workspace).snapshots()["file_name"].to_list() == ["ar.xlsx"]


def test_summary_report_says_due_dates_are_estimated() -> None:
    at = upload("odoo.xlsx", (SAMPLES / "riepilogo_scadenze_odoo.xlsx").read_bytes())
    assert any("estimated" in w.value for w in at.warning)


def test_bad_file_gets_one_sentence_and_nothing_is_saved(workspace: Path) -> None:
    at = upload("truncated.xlsx", (BAD / "truncated.xlsx").read_bytes(), lang="it")
    assert [e.value for e in at.error] == [
        "truncated.xlsx è danneggiato e non si può leggere: esportalo di nuovo dal gestionale."
    ]
    assert not [b for b in at.button if b.label == "Salva fotografia"]
    assert Store.open(workspace).snapshots().height == 0


def test_missing_columns_offer_the_mapping_editor() -> None:
    at = upload("no_customer.xlsx", (BAD / "no_customer.xlsx").read_bytes())
    assert "has no column for: customer" in at.error[0].value
    name_box = next(s for s in at.selectbox if s.label == "Customer name")
    assert name_box.options[0] == "(none)" and "Giorni scaduto" in name_box.options
    preview = next(d.value for d in at.dataframe if "examples" in d.value.columns)
    assert preview.iloc[-1].to_dict() == {"column": "Giorni scaduto", "field": "(none)", "examples": "304 · 273 · 268"}


def test_mapping_editor_rescues_an_unknown_customer_header(workspace: Path) -> None:
    csv = "Debitore principale;Scadenza;Importo\nRossi Srl;31/10/2026;1.220,00\nBianchi;30/11/2026;80,00\n"
    at = upload("odd.csv", csv.encode())
    assert "has no column for: customer" in at.error[0].value
    next(s for s in at.selectbox if s.label == "Customer name").set_value("Debitore principale")
    next(d for d in at.date_input if d.label == "As-of date").set_value(dt.date(2026, 11, 20))
    next(b for b in at.button if b.label == "Read again with these settings").click().run()
    assert not at.exception and not at.error
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Open items": "2", "Customers": "2", "Open EUR": "€1,300.00", "Overdue EUR": "€1,220.00"}
    next(b for b in at.button if b.label == "Save snapshot").click().run()
    assert Store.open(workspace).snapshots()["items"].to_list() == [2]


def test_mapping_override_rereads_the_file() -> None:
    at = upload("gest.xlsx", (SAMPLES / "scadenzario_gestionale.xlsx").read_bytes())
    due = next(s for s in at.selectbox if s.label == "Due date")
    assert due.value == "Data scadenza"
    due.set_value("Data documento")
    next(b for b in at.button if b.label == "Read again with these settings").click().run()
    assert not at.exception
    assert next(s for s in at.selectbox if s.label == "Due date").value == "Data documento"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Open EUR"] == "€615,619.15"
    assert metrics["Overdue EUR"] != "€444,288.56"  # due dates now come from the document dates


def test_mapping_overrides_accumulate_and_the_preview_shows_examples() -> None:
    at = upload("gest.xlsx", (SAMPLES / "scadenzario_gestionale.xlsx").read_bytes())
    preview = next(d.value for d in at.dataframe if "examples" in d.value.columns)
    assert preview.iloc[0].to_dict() == {
        "column": "Cod. cliente",
        "field": "Customer code",
        "examples": "C00002 · C00046 · C00052",
    }
    next(s for s in at.selectbox if s.label == "Due date").set_value("Data documento")
    next(b for b in at.button if b.label == "Read again with these settings").click().run()
    next(s for s in at.selectbox if s.label == "Payment method").set_value("(none)")
    next(b for b in at.button if b.label == "Read again with these settings").click().run()
    assert not at.exception
    chosen = {s.label: s.value for s in at.selectbox}
    assert chosen["Due date"] == "Data documento"  # the first override survives the second
    assert chosen["Payment method"] == "(none)"


def test_a_bug_in_the_importer_still_gets_one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError

    monkeypatch.setattr("lib.ui.import_page.import_file", broken)
    at = upload("any.csv", b"Cliente;Scadenza;Importo\nRossi;31/10/2026;1,00\n")
    assert [e.value for e in at.error] == [
        "any.csv could not be imported because of an unexpected error (ZeroDivisionError). Nothing was saved."
    ]


def test_summary_without_a_date_asks_for_it(workspace: Path) -> None:
    csv = "Partner;Saldo;Attuale;Età ≤ 30 g.;Più vecchio\nRossi Srl;150,00;50,00;100,00;\nBianchi;20,00;;;20,00\n"
    at = upload("riepilogo.csv", csv.encode())
    assert "no as-of date" in at.error[0].value
    assert [i.value for i in at.info] == ["Enter the as-of date below and read the file again."]
    next(d for d in at.date_input if d.label == "As-of date").set_value(dt.date(2026, 9, 30))
    next(b for b in at.button if b.label == "Read again with these settings").click().run()
    assert not at.exception and not at.error
    assert any("estimated" in w.value for w in at.warning)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Open items": "3", "Customers": "2", "Open EUR": "€170.00", "Overdue EUR": "€120.00"}


def test_a_failed_import_is_cached_like_a_successful_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fixing a mapping reruns the page many times: a file that failed is not read again each time."""
    calls: list[str] = []

    def empty(data: bytes, file_name: str, **settings: object) -> None:
        calls.append(file_name)
        raise ImportFailed("empty", file=file_name)

    monkeypatch.setattr("lib.ui.import_page.import_file", empty)
    import_page.load_import.clear()
    results = [import_page.load_import(b"nothing", "vuoto.csv", None, None, (), None) for _ in range(3)]
    assert calls == ["vuoto.csv"]
    assert all(isinstance(r, ImportFailed) and r.code == "empty" for r in results)
    assert str(results[-1]) == "vuoto.csv has no data."  # the failure comes back whole from the cache
