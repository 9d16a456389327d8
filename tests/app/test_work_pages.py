"""AppTest of the collection pages on the sample data: what they show and what their forms store."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import clock
from lib.ingest import Imported, import_file
from lib.store import Store
from tests.app.tables import letter_preview
from tests.app.test_pages import start
from tests.conftest import SAMPLES, TODAY

SAMPLE = SAMPLES / "scadenzario_gestionale.xlsx"


@functools.cache
def _sample() -> Imported:
    return import_file(SAMPLE.read_bytes(), SAMPLE.name)


@pytest.fixture
def store(workspace: Path) -> Store:
    saved = Store.open(workspace)
    saved.save_snapshot(_sample())
    return saved


def page(name: str, lang: str = "en", *, tab: str | None = None, **query: str) -> AppTest:
    """The page `name` (views/NAME.py) opened on its tab `tab` (the label of its `NAME-tab` tabs,
    which draw only the open one), with these query parameters."""
    at = start(lang)
    for key, value in query.items():
        at.query_params[key] = value
    if tab is not None:
        at.session_state[f"{name}-tab"] = tab
    at.switch_page(f"views/{name}.py").run()
    assert not at.exception, at.exception
    return at


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def picker(at: AppTest, label: str):
    return next(s for s in at.selectbox if s.label == label)


def test_portfolio_kpis_match_the_source_file(store: Store) -> None:
    at = page("portfolio")
    metrics = {m.label: m.value for m in at.metric}
    # the same totals the import summary reconciles against the file (see test_pages)
    assert metrics["Open"] == "€615,619.15"
    assert metrics["Overdue"] == "€444,288.56"
    assert metrics["Overdue share"] == "72.2%"
    assert metrics["Accounts overdue"] == "103"
    assert metrics["Collected"] == "—"  # one snapshot: nothing to compare with
    assert [c.key for c in at.get("plotly_chart")] == ["chart-ageing"]  # only the open tab is drawn
    for tab, key in (("Top debtors", "pareto-EUR"), ("Risk map", "risk-EUR")):
        at.session_state["portfolio-tab"] = tab
        at.run()
        assert not at.exception and key in [c.key for c in at.get("plotly_chart")]


def test_portfolio_in_italian_formats_money_the_italian_way(store: Store) -> None:
    at = page("portfolio", "it")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Aperto"] == "615.619,15 EUR"


def test_portfolio_filters_apply_to_the_figures(store: Store) -> None:
    at = page("portfolio")
    at.multiselect(key="portfolio-filter-rating").set_value(["A"]).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Open"] != "€615,619.15"
    book_accounts = at.multiselect(key="portfolio-filter-rating").value
    assert book_accounts == ["A"]


def test_credit_sales_form_stores_the_months_and_shows_dso(store: Store) -> None:
    at = page("portfolio")
    months = {f"{TODAY.year}-{m:02d}-01" for m in range(1, 13)}
    store.save_setting("credit_sales", {"EUR": {m: 20_000_000 for m in sorted(months)}})
    at = page("portfolio")
    labels = [m.label for m in at.metric]
    assert "DSO (days)" in labels and "Best possible DSO" in labels


def test_weekly_list_shows_the_sample_week(store: Store) -> None:
    at = page("weekly")
    at.date_input(key="weekly-day").set_value(dt.date(2026, 11, 23)).run()
    metrics = {m.label: m.value for m in at.metric}
    # python -m lib actions on the sample --week 2026-W48: 43 listed (25 letter 2, 12 call 2, 6 call 1), 66 not fitting
    assert metrics == {"Actions listed": "43", "Calls": "18", "Letters": "25", "Over capacity": "66"}
    listed = at.dataframe[0].value
    assert listed["priority"].tolist()[:3] == [1, 2, 3]
    assert "Download the list (xlsx)" in [d.label for d in at.get("download_button")]


def test_weekly_capacity_moves_letters_out(store: Store) -> None:
    at = page("weekly")
    at.date_input(key="weekly-day").set_value(dt.date(2026, 11, 23)).run()
    at.number_input(key="weekly-letters").set_value(10).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Letters"] == "10" and metrics["Over capacity"] == "81"


def test_weekly_form_records_a_call_and_the_list_updates(store: Store) -> None:
    at = page("weekly")
    at.date_input(key="weekly-day").set_value(dt.date(2026, 11, 23)).run()
    listed = at.dataframe[0].value
    first_call = int(listed.index[listed["step"].str.startswith("call")][0])
    customer = listed["link"][first_call].split("customer=")[1].split("&")[0]
    picker(at, "Account").set_value((customer, "EUR")).run()
    button(at, "Record the step").click().run()
    assert not at.exception
    actions = store.log().action
    assert actions.select("customer_id", "outcome").rows() == [(customer, "reached")]
    assert actions["step"][0].startswith("call")
    assert at.success[0].value.startswith("Step recorded for")
    assert customer not in at.dataframe[0].value["link"].str.cat()  # done: off this week's list


@pytest.mark.parametrize(
    ("kind", "fill", "table", "check"),
    [
        ("promise", {}, "promise", lambda f: f["amount_cents"][0] > 0),
        ("hold", {}, "hold", lambda f: f["until"][0] > f["made_on"][0]),
        ("note", {"text_area": "Called the accountant"}, "note", lambda f: f["text"][0] == "Called the accountant"),
    ],
)
def test_account_form_records_each_kind(store: Store, kind: str, fill: dict, table: str, check) -> None:
    at = page("account", customer="C00333", currency="EUR")
    at.button_group(key="account-log-kind").set_value(kind).run()
    if "text_area" in fill:
        at.text_area[0].input(fill["text_area"])
    label = {"promise": "Record the promise", "hold": "Put on hold", "note": "Add the note"}[kind]
    button(at, label).click().run()
    assert not at.exception
    rows = getattr(store.log(), table)
    assert rows.height == 1 and rows["customer_id"][0] == "C00333" and check(rows)


def test_the_account_form_records_on_the_account_it_shows(store: Store) -> None:
    """A form is bound to its account's key: a submit pending while the account changes under it is
    dropped (never written on the new account); each entry lands on the account its form named."""
    at = page("account", customer="C00333", currency="EUR")
    at.button_group(key="account-log-kind").set_value("note").run()
    assert "Recording on **Bruno & Figli S.n.c.** (C00333 · EUR)" in [m.value for m in at.markdown]
    at.text_area[0].input("First note")
    button(at, "Add the note").click().run()
    assert at.success[0].value == "Note added for Bruno & Figli S.n.c.."
    other = picker(at, "Account").options[1]  # the second largest debtor
    # Bruno's form is filled and submitted in the same run that switches the page to another account
    at.text_area[0].input("Meant for Bruno")
    picker(at, "Account").select_index(1)
    button(at, "Add the note").click().run()
    assert not at.exception
    assert store.log().note.select("customer_id", "text").rows() == [("C00333", "First note")]
    name = at.header[0].value
    assert other.startswith(name)
    at.text_area[0].input("Third note")
    button(at, "Add the note").click().run()
    notes = store.log().note.select("customer_id", "text").rows()
    assert notes[0] == ("C00333", "First note") and notes[1][1] == "Third note" and len(notes) == 2
    assert notes[1][0] != "C00333" and at.success[0].value == f"Note added for {name}."


def test_account_dispute_needs_documents_then_marks_them(store: Store) -> None:
    at = page("account", customer="C00333", currency="EUR")
    at.button_group(key="account-log-kind").set_value("dispute").run()
    button(at, "Open the dispute").click().run()
    assert at.error[0].value == "Choose at least one document to dispute."
    assert store.log().dispute.is_empty()
    at.multiselect[0].set_value(["39/A"])
    button(at, "Open the dispute").click().run()
    assert store.log().dispute["doc_number"].to_list() == ["39/A"]
    docs = at.dataframe[0].value
    assert docs.loc[docs["doc_number"] == "39/A", "disputed"].item()


def test_account_page_explains_rating_and_next_step(store: Store) -> None:
    at = page("account", customer="C00333", currency="EUR")
    assert at.header[0].value == "Bruno & Figli S.n.c."
    text = " ".join(m.value for m in at.markdown)
    assert "→ D" in text  # the rating's explanation ends with the grade
    assert at.info[0].value.startswith("**Next step: letter 2 (formal demand)**")
    docs = at.dataframe[0].value
    assert set(docs["doc_number"]) >= {"39/A", "47/A"}
    assert (docs["interest"] != "").all()


def test_account_page_without_an_address_picks_the_largest_debtor(store: Store) -> None:
    at = page("account")
    assert at.selectbox[0].value == ("C00333", "EUR")
    assert at.header[0].value == "Bruno & Figli S.n.c."


def test_settings_company_details_are_checked_then_saved(store: Store) -> None:
    at = page("settings")
    inputs = {t.label: t for t in at.text_input}
    inputs["Company name"].input("Rossi Forniture S.r.l.")
    inputs["IBAN"].input("IT60X0542811101000000123457")  # last digit changed: check digits fail
    button(at, "Save company details").click().run()
    errors = [e.value for e in at.error]
    assert "Missing: VAT number." in errors and "Missing: Address." in errors
    assert any("IBAN" in e for e in errors)
    assert "company" not in store.settings()
    inputs = {t.label: t for t in at.text_input}
    inputs["VAT number"].input("IT01234560157")
    inputs["Address"].input("Via Roma 1, 20100 Milano")
    inputs["IBAN"].input("IT60X0542811101000000123456")
    button(at, "Save company details").click().run()
    assert store.settings()["company"]["iban"] == "IT60X0542811101000000123456"


def test_settings_policy_saves_a_valid_change_and_refuses_edges_that_do_not_rise(store: Store) -> None:
    at = page("settings")
    next(n for n in at.number_input if n.label == "Calls per week").set_value(30)
    button(at, "Save the policy").click().run()
    assert store.settings()["policy"]["weekly"]["calls"] == 30
    at = page("weekly")
    assert at.number_input(key="weekly-calls").value == 30
    at = page("settings")
    edges = next(t for t in at.text_input if t.label == "Bucket edges (days)")
    edges.input("0, 60, 30")
    button(at, "Save the policy").click().run()
    assert "Not saved: ageing.bucket_edges" in at.error[0].value
    assert store.settings()["policy"]["ageing"]["bucket_edges"] == [0, 30, 60, 90, 120, 180, 365]


def test_settings_reset_goes_back_to_the_defaults(store: Store) -> None:
    store.save_setting("policy", {"weekly": {"calls": 5}})
    at = page("settings")
    button(at, "Reset to defaults").click().run()
    assert "policy" not in store.settings()


def test_settings_language_is_saved_for_new_sessions(store: Store) -> None:
    at = page("settings")
    at.button_group(key="settings-language").set_value("en").run()
    assert store.settings()["language"] == "en"
    fresh = AppTest.from_file(str(Path(__file__).parents[2] / "app.py"), default_timeout=60).run()
    assert fresh.session_state["language"] == "en"


COMPANY = {
    "name": "Rossi Forniture S.r.l.",
    "vat_id": "IT01234560157",
    "address": "Via Roma 1, 20100 Milano",
    "iban": "IT60X0542811101000000123456",
    "signature": "Ufficio crediti",
}


def with_pec(store: Store, *customers: str) -> None:
    """Give customers (default: every customer of the sample) a PEC address on their profile: a
    formal demand needs somewhere to go (the sample's export has no PEC, e-mail or address)."""
    ids = customers or store.items(int(store.snapshots()["id"][0]))["customer_id"].unique().sort().to_list()
    profile = {"set_on": TODAY, "operator": "test"}
    store.record_entries([("profile", {"customer_id": c, "pec": f"{c.lower()}@pec.example", **profile}) for c in ids])


def test_letters_ask_for_the_company_details_first(store: Store) -> None:
    at = page("letters")
    assert any("Letters need the company details" in w.value for w in at.warning)
    assert not [b for b in at.button if b.label.startswith("Prepare")]


def test_letters_of_the_week_are_prepared_then_confirmed(store: Store) -> None:
    store.save_setting("company", COMPANY)
    with_pec(store)
    at = page("letters")
    at.date_input(key="letters-day").set_value(dt.date(2026, 11, 23)).run()
    button(at, "Prepare the 25 letters").click().run()
    assert not at.exception and not at.error
    assert "Download the 25 letters (zip: PDF and text)" in [d.label for d in at.get("download_button")]
    button(at, "Confirm: 25 letters sent").click().run()
    actions = store.log().action
    assert actions.height == 25
    assert set(actions["step"]) == {"letter_2"} and set(actions["channel"]) == {"pec"}
    assert set(actions["outcome"]) == {"sent"} and set(actions["currency"]) == {"EUR"}


def test_formal_demands_without_an_address_are_listed_as_such(store: Store) -> None:
    """The sample's export has no PEC or postal address: the week's formal demands are listed as
    "address missing", not produced blank; a customer given a PEC gets its letter."""
    store.save_setting("company", COMPANY)
    with_pec(store, "C00333")
    at = page("letters")
    at.date_input(key="letters-day").set_value(dt.date(2026, 11, 23)).run()
    button(at, "Prepare the 25 letters").click().run()
    assert not at.exception and not at.error
    missing = [w.value for w in at.warning if "address missing" in w.value]
    assert len(missing) == 24 and not any("Bruno" in w for w in missing)
    assert "Download the 1 letters (zip: PDF and text)" in [d.label for d in at.get("download_button")]


def test_one_letter_is_shown_and_its_sending_logged(store: Store) -> None:
    store.save_setting("company", COMPANY)
    with_pec(store, "C00333")
    at = page("letters", "it", customer="C00333", currency="EUR")
    _, text = letter_preview(at)
    assert "Bruno & Figli S.n.c." in text and "IT60 X054 2811 1010 0000 0123 456" in text
    assert "71.627,40 EUR" in text  # the overdue amount, written the Italian way
    next(b for b in at.button if b.label == "Conferma l'invio").click().run()
    actions = store.log().action
    assert actions.select("customer_id", "step", "outcome").rows() == [("C00333", "letter_2", "sent")]
    assert actions["channel"][0] in ("pec", "raccomandata")


def test_a_letter_from_a_week_old_snapshot_claims_what_the_books_showed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten days after the snapshot the letter is dated today and the interest runs to today, but it
    claims only what was overdue on 20 Nov; the page says the snapshot is stale before sending."""
    monkeypatch.setenv(clock.PIN, "2026-11-30")
    store.save_setting("company", COMPANY)
    with_pec(store, "C00333")
    at = page("letters", "en", customer="C00333", currency="EUR")
    _, text = letter_preview(at)
    assert "30 Nov 2026" in text and "€71,627.40" in text  # the same capital as on 24 Nov
    assert at.warning[0].value.startswith("The latest snapshot is from 20 Nov 2026, 10 days ago")


@pytest.mark.parametrize(("name", "lang"), [("weekly", "en"), ("letters", "it"), ("simulator", "en")])
def test_pages_that_send_or_offer_say_when_the_snapshot_is_stale(
    store: Store, monkeypatch: pytest.MonkeyPatch, name: str, lang: str
) -> None:
    assert not [w for w in page(name, lang).warning if "snapshot" in w.value or "fotografia" in w.value]
    monkeypatch.setenv(clock.PIN, "2026-12-02")  # 12 days after the sample's 20 Nov; stale after 7
    at = page(name, lang)
    expected = {
        "en": "The latest snapshot is from 20 Nov 2026, 12 days ago: customers may have paid since. Import a fresh",
        "it": "L'ultima fotografia è del 20/11/2026, 12 giorni fa: nel frattempo i clienti possono aver pagato.",
    }[lang]
    assert at.warning[0].value.startswith(expected)
    assert at.get("page_link")[0].proto.page == "import_data"  # where a fresh report goes


def test_settings_errors_speak_italian(store: Store) -> None:
    at = page("settings", "it")
    next(t for t in at.text_input if t.label == "Confini delle fasce (giorni)").input("0, 60, 30")
    next(b for b in at.button if b.label == "Salva le regole").click().run()
    assert at.error[0].value == (
        "Non salvata: ageing.bucket_edges: le fasce devono partire da 0 e crescere (ora: 0, 60, 30)"
    )


@pytest.mark.parametrize("name", ["portfolio", "weekly", "account", "letters"])
def test_pages_without_a_snapshot_say_so_and_link_to_the_data(name: str) -> None:
    at = page(name, "it")
    assert at.info[0].value.startswith("Nessuna fotografia salvata")
    labels = [link.proto.label for link in at.get("page_link")]
    assert labels == ["Dati di esempio (pagina Inizio)", "Importa uno scadenzario"]


def test_settings_policy_goes_out_and_comes_back_as_toml(store: Store) -> None:
    at = page("settings")
    assert "Download the policy as a file" in [d.proto.label for d in at.get("download_button")]
    at.file_uploader[0].upload("mine.toml", b"[weekly]\ncalls = 12\n").run()
    assert any(s.value == "mine.toml holds." for s in at.success)
    button(at, "Use this policy").click().run()
    assert store.settings()["policy"]["weekly"]["calls"] == 12
    at.file_uploader[0].upload("bad.toml", b"[weekly]\ncalls = -1\n").run()
    assert at.error[0].value == "Not saved: weekly: capacities cannot be negative"


def test_the_weekly_page_hands_its_week_to_the_letters_page(store: Store) -> None:
    at = page("weekly")
    at.date_input(key="weekly-day").set_value(dt.date(2026, 11, 25)).run()
    link = next(p for p in at.get("page_link") if p.proto.label == "Prepare this week's letters (zip)")
    assert (link.proto.page, link.proto.query_string) == ("letters", "week=2026-W48")
    at = page("letters", week="2026-W48")
    assert at.date_input(key="letters-day").value == dt.date(2026, 11, 23)
