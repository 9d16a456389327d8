"""AppTest: the account page shows and edits what the law makes of a customer (business or consumer,
addresses, insolvency), and the letters and the simulator follow it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.store import Store
from tests.app.tables import letter_preview
from tests.app.test_work_pages import COMPANY, _sample, button, page

ACCOUNT = {"customer": "C00333", "currency": "EUR"}  # Bruno & Figli S.n.c., the largest debtor


@pytest.fixture
def store(workspace: Path) -> Store:
    saved = Store.open(workspace)
    saved.save_snapshot(_sample())
    return saved


def labelled(elements: object, label: str):
    return next(e for e in elements if e.label == label)  # type: ignore[attr-defined]


def save_profile(at: AppTest, **fields: object) -> AppTest:
    """Fill the account page's customer form (by label) and save it."""
    for label, value in fields.items():
        kind = {"address": at.text_area, "pec": at.text_input, "party": at.selectbox, "procedure": at.selectbox}
        widgets = {
            "address": "Postal address (for a registered letter)",
            "pec": "PEC",
            "party": "Kind of customer",
            "procedure": "Insolvency procedure",
            "opened": "Opened on",
            "deadline": "Deadline to file the claim",
        }
        elements = kind.get(label, at.date_input)
        widget = labelled(elements, widgets[label])
        widget.set_value(value) if label in ("party", "procedure", "opened", "deadline") else widget.input(value)
    button(at, "Save the customer details").click().run()
    assert not at.exception, at.exception
    return at


def test_a_business_without_addresses_is_said_so_and_gets_no_formal_demand(store: Store) -> None:
    at = page("account", **ACCOUNT)
    assert any(m.value.startswith("Business: late-payment interest of D.Lgs. 231/2002") for m in at.markdown)
    assert any(w.value.startswith("Address missing") for w in at.warning)
    assert any("Address: — · PEC: — · E-mail: —" in c.value for c in at.caption)
    store.save_setting("company", COMPANY)
    letters = page("letters", **ACCOUNT)
    assert any("address missing" in w.value for w in letters.warning)
    assert not letters.get("text")


def test_addresses_entered_on_the_account_page_are_printed_on_the_letter(store: Store) -> None:
    at = save_profile(page("account", **ACCOUNT), address="Via Dante 5\n40121 Bologna (BO)", pec="bruno@pec.example")
    assert at.success[0].value == "Details of Bruno & Figli S.n.c. saved."
    assert not any(w.value.startswith("Address missing") for w in at.warning)
    shown = "Address: Via Dante 5 40121 Bologna (BO) · PEC: bruno@pec.example"  # text: nothing here is markup
    assert any(shown in c.value for c in at.caption)
    store.save_setting("company", COMPANY)
    addressee, text = letter_preview(page("letters", **ACCOUNT))
    assert addressee.splitlines() == [
        "To",
        "Bruno & Figli S.n.c.",
        "Via Dante 5",
        "40121 Bologna (BO)",
        "VAT no. 01532960281",
        "PEC bruno@pec.example",
    ]
    assert "Sent by certified e-mail (PEC) or registered letter" in text  # both known: either way


def test_a_consumer_gets_the_legal_rate_and_no_eur_40_on_the_page_and_in_the_letter(store: Store) -> None:
    """Art. 1284 c.c. and no EUR 40 (D.Lgs. 231/2002 covers businesses only; claiming it from a
    consumer would be an unfair practice, Codice del Consumo artt. 20-22)."""
    at = save_profile(page("account", **ACCOUNT), party="consumer", pec="bruno@pec.example")
    assert any(m.value.startswith("Consumer: interest at the legal rate") for m in at.markdown)
    totals = next(m.value for m in at.markdown if m.value.startswith("Open **"))
    assert "compensation **€0.00**" in totals
    store.save_setting("company", COMPANY)
    addressee, text = letter_preview(page("letters", **ACCOUNT))
    assert "Tax code 01532960281" in addressee  # a consumer's tax id is its codice fiscale
    assert "legal rate (arts. 1224 and 1284" in text
    assert "231/2002" not in text and "€40.00" not in text and "Compensation" not in text
    assert "recovery costs" not in text  # no further costs claimed from a consumer


def test_an_insolvent_customer_leaves_the_ladder(store: Store) -> None:
    """Art. 154 CCII: interest stops when the procedure opens; the next step is filing the claim by
    the deadline entered; no reminder, no discount, no plan (artt. 150 and 166 CCII)."""
    at = save_profile(
        page("account", **ACCOUNT),
        procedure="liquidazione_giudiziale",
        opened=dt.date(2026, 10, 30),
        deadline=dt.date(2026, 12, 15),
    )
    state = at.error[0].value
    assert state.startswith("judicial liquidation (liquidazione giudiziale) opened on 30 Oct 2026")
    assert "by 15 Dec 2026" in state
    assert at.info[0].value.startswith("**Next step: file the claim in the procedure** (due 15 Dec 2026)")
    assert any("No payment seen in the 6 months before the procedure" in c.value for c in at.caption)
    store.save_setting("company", COMPANY)
    letters = page("letters", **ACCOUNT)
    assert any("insolvency procedure" in w.value for w in letters.warning) and not letters.get("text")
    simulator = page("simulator", **ACCOUNT)
    assert any(
        w.value.startswith("judicial liquidation (liquidazione giudiziale) opened on") for w in simulator.warning
    )
    assert not [b for b in simulator.button if b.label == "Simulate"]
    assert any("from the day the procedure opened" in c.value for c in simulator.caption)
