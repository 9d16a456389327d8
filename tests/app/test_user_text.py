"""House rule: user data is text. A workspace whose customer names, contacts, notes, document
numbers, ledger, file and company are hostile (Markdown, HTML, LaTeX, Streamlit's colour and icon
directives, formulas) goes through every page: no element that renders Markdown shows one of them
unescaped, and their escaped form (which renders as the literal text) is on the pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from lib.ledgers import DEFAULT_LEDGER
from lib.store import Store
from lib.ui.safe import plain
from tests.app.test_pages import start
from tests.app.test_work_pages import _sample, page
from tests.conftest import TODAY
from tests.hostile import FILE_NAME, HOSTILE, MARKUP, hostile_sample, rendered

LEDGER = "# Big :red[ledger] $x$"
NOTE = "![](http://evil.example/note) <b>bold</b> [link](http://evil.example)"
COMPANY = {"name": "Rossi :red[S.r.l.] <b>bold</b>", "vat_id": "IT01234560157", "address": "Via Roma 1, Milano",
           "iban": "IT60X0542811101000000123456", "signature": "# Big\n$x^2$"}  # fmt: skip
# Where Streamlit renders Markdown: bodies (markdown, caption, headings, alerts, toasts, metrics),
# labels and help of widgets, tabs and expanders, options of pills and segmented controls.
MARKDOWN_FIELDS = {"body", "label", "help", "content"}
# Elements that show their text as it is (st.text, st.code, tables' cells, charts' data).
PLAIN = {"text", "code", "dataframe", "arrow_data_frame", "json", "plotly_chart"}


def strings(message: object) -> Iterator[str]:
    for field, value in message.ListFields():  # type: ignore[attr-defined]
        if field.message_type is not None:
            for item in [value] if hasattr(value, "ListFields") else value:  # one message, or repeated
                yield from strings(item)
        elif field.name in MARKDOWN_FIELDS and isinstance(value, str):
            yield value


def markdown_texts(node: object) -> Iterator[str]:
    """Every text the page renders as Markdown, sidebar included; st.table's cells too."""
    kind = getattr(node, "type", "")
    proto = getattr(node, "proto", None)
    if proto is not None and kind not in PLAIN:
        yield from strings(proto)
    if kind == "table":
        frame = node.value  # type: ignore[attr-defined]
        yield from map(str, frame.columns)
        yield from (str(v) for column in frame.columns for v in frame[column])
    for child in getattr(node, "children", {}).values():
        yield from markdown_texts(child)


def raw(hostile: str, text: str) -> bool:
    """`hostile` is in `text` as it is, not escaped (`\\# Big` holds `# Big`, escaped: it renders as text)."""
    at = text.find(hostile)
    while at >= 0:
        if text[at - 1 : at] != "\\":
            return True
        at = text.find(hostile, at + 1)
    return False


def unescaped(at: AppTest, *extra: str) -> list[tuple[str, str]]:
    texts = list(markdown_texts(at._tree))
    hostile = (*MARKUP, NOTE, LEDGER, FILE_NAME, COMPANY["name"], *extra)
    return [(h, text) for text in texts for h in hostile if raw(h, text)]


def shown(at: AppTest) -> str:
    return "\n".join(markdown_texts(at._tree))


@pytest.fixture
def hostile(workspace: Path) -> dict[str, str]:
    """The sample in the default ledger, the hostile sample in a hostile ledger (the latest, so the
    pages show it), a hostile note, step, promise, dispute and hold on its largest account."""
    store = Store.open(workspace)
    store.save_snapshot(_sample(), DEFAULT_LEDGER)
    imported = hostile_sample()
    store.save_snapshot(imported, LEDGER)
    store.save_setting("company", COMPANY)
    items = imported.items
    top = items.group_by("customer_id", "currency").agg(pl.col("open_cents").sum()).sort("open_cents").row(-1)
    customer, currency = top[0], top[1]
    doc = items.filter(pl.col("customer_id") == customer)["doc_number"][0]
    day = TODAY - dt.timedelta(days=3)
    store.record_entries([
        ("note", {"customer_id": customer, "date": day, "text": NOTE, "operator": HOSTILE[3]}),
        ("action", {"customer_id": customer, "step": "call_1", "date": day, "channel": "phone", "operator": NOTE,
                    "outcome": "no_answer", "note": NOTE, "currency": currency}),
        ("promise", {"customer_id": customer, "currency": currency, "made_on": day, "promised_date": TODAY,
                     "amount_cents": 100, "baseline_open_cents": 1000, "operator": NOTE, "note": NOTE}),
        ("dispute", {"customer_id": customer, "doc_number": doc, "opened_on": day, "reason": NOTE, "operator": NOTE}),
        ("hold", {"customer_id": customer, "made_on": day, "until": TODAY - dt.timedelta(days=1), "reason": NOTE,
                  "operator": NOTE}),
    ])  # fmt: skip
    return {"customer": customer, "currency": currency}


@pytest.mark.parametrize("view", ["start", "import_data", "portfolio", "weekly", "letters", "settings"])
def test_every_page_shows_user_data_as_text(hostile: dict[str, str], view: str) -> None:
    tabs = ("Ageing", "Trend", "Top debtors", "Risk map", "Roll rates", "By salesperson and payment")
    for tab in tabs if view == "portfolio" else (None,):  # each tab draws only when open
        assert unescaped(page(view, tab=tab)) == []


def test_the_sidebar_shows_the_ledger_and_file_as_text(hostile: dict[str, str]) -> None:
    at = start()
    assert unescaped(at) == []
    assert plain(LEDGER) in shown(at) and plain(FILE_NAME) in shown(at)


@pytest.mark.parametrize("view", ["account", "simulator", "letters"])
def test_the_account_pages_show_its_names_contacts_notes_as_text(hostile: dict[str, str], view: str) -> None:
    if view == "account":
        for tab in ("Documents", "Timeline"):
            assert unescaped(page(view, tab=tab, **hostile)) == []
    at = page(view, tab="Log" if view == "account" else None, **hostile)
    if view == "letters":
        next(t for t in at.tabs if t.label == "For one account")  # the one-letter tab is drawn too
    assert unescaped(at) == []
    text = shown(at)
    if view != "letters":
        assert plain(LEDGER) in text  # the pages said which ledger, escaped
    if view == "account":
        assert NOTE in rendered(text) and NOTE not in text  # the log table, escaped
        assert any(plain(h) in text for h in HOSTILE)  # the name and contacts, escaped


def test_a_note_saved_on_a_hostile_account_is_confirmed_as_text(hostile: dict[str, str]) -> None:
    at = page("account", **hostile)
    at.button_group(key="account-log-kind").set_value("note").run()
    next(a for a in at.text_area if a.label == "Note text").input(NOTE)
    next(b for b in at.button if b.label == "Add the note").click().run()
    assert not at.exception
    assert at.success and unescaped(at) == []


def test_an_upload_with_a_hostile_name_and_headers_is_shown_as_text(hostile: dict[str, str]) -> None:
    name = "# Big :red[x] $x$ <b>b</b>.csv"
    csv = "Cliente;Numero;Scadenza;Importo\n![](http://evil.example/x);:red[1];31/10/2026;1.220,00\n"
    at = page("import_data")
    at.file_uploader[0].upload(name, csv.encode()).run()
    assert not at.exception
    assert unescaped(at, name) == []
    assert plain(name) in shown(at)
