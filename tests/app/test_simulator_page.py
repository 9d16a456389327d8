"""AppTest of the simulator page on the sample data: the comparison after the form, and the
agreements it saves, the payments entered by hand and the cancellation."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from lib.store import Store
from tests.app.tables import shown
from tests.app.test_pages import start
from tests.app.test_work_pages import COMPANY, button, page
from tests.app.test_work_pages import store as store  # the fixture: the sample saved as a snapshot
from tests.conftest import TODAY

# Offers are valued and agreed today (24 Nov 2026, pinned), not at the sample's as-of date (20 Nov).
DEADLINE = dt.date(2026, 12, 4)  # today + [offers] discount_deadline_days
KEY = "sim-C00333-EUR"  # Bruno & Figli S.n.c., the largest debtor: 71,627.40 overdue, 93,306.84 open, rating D


def simulated(lang: str = "en", **widgets: object) -> AppTest:
    at = page("simulator", lang, customer="C00333", currency="EUR")
    for name, value in widgets.items():
        kind = {bool: "checkbox", dt.date: "date_input", str: "selectbox"}.get(type(value), "number_input")
        getattr(at, kind)(key=f"{KEY}-{name}").set_value(value)
    button(at, {"en": "Simulate", "it": "Simula"}[lang]).click().run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["it", "en"])
def test_empty_workspace_points_to_the_data(lang: str) -> None:
    at = start(lang)
    at.switch_page("views/simulator.py").run()
    assert not at.exception
    assert at.title[0].value.startswith("Simulat")
    assert at.info and not at.get("form")


@pytest.mark.parametrize("lang", ["it", "en"])
def test_sample_page_shows_the_form_and_no_result_yet(store: Store, lang: str) -> None:
    at = page("simulator", lang)
    assert at.selectbox[0].value == ("C00333", "EUR")  # the largest debtor first
    assert at.number_input(key=f"{KEY}-capital").value == 71_627.40
    assert at.number_input(key=f"{KEY}-risk").value == 20.0  # rating D in config/policy.toml
    assert at.date_input(key=f"{KEY}-deadline").value == DEADLINE
    assert at.date_input(key=f"{KEY}-first").value == dt.date(2026, 12, 24)  # a month from today
    assert not at.get("plotly_chart") and not at.metric
    captions = [c.value for c in at.caption]
    assert {"No agreement saved for this account.", "Nessun accordo salvato per questo cliente."} & set(captions)


def test_submitting_the_form_shows_the_comparison(store: Store) -> None:
    at = simulated()
    assert at.success[0].value.startswith("Best: the discount for payment now, expected value €59,019.25")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Break-even discount": "24.7%",
        "Settlement by 04 Dec 2026": "€64,464.66",  # 71,627.40 less 10%
        "Instalment (6 × monthly)": "€11,937.90",
    }
    table = shown(at.dataframe[0])
    assert table["option"].tolist() == ["Discount for payment now", "Instalment plan", "Collection agency",
                                        "Legal action"]  # fmt: skip
    assert table["npv_cents"].tolist()[1] == "€70,050.83"
    schedule = shown(at.dataframe[1])
    assert schedule["n"].tolist() == ["1", "2", "3", "4", "5", "6", "Total"]
    assert schedule["capital_cents"].tolist()[-1] == "€71,627.40"  # the totals add up to the claim
    assert len(at.get("plotly_chart")) == 3
    assert {d.label for d in at.get("download_button")} == {
        "Download the comparison (xlsx)", "Download the schedule (xlsx)",
    }  # fmt: skip


def test_the_form_changes_the_offer(store: Store) -> None:
    at = simulated(count=12, down=10_000.0, **{"add-interest": True})
    metrics = {m.label: m.value for m in at.metric}
    assert "Instalment (12 × monthly)" in metrics
    schedule = shown(at.dataframe[1])
    assert schedule["n"].tolist()[0] == "down payment"
    assert schedule["date"].tolist()[0] == "24 Nov 2026"  # the down payment: at signing, today
    # 71,627.40 + 1,295.87 interest accrued to today on what is owed once the two credit notes (6,064.92)
    # are set against the oldest invoice, 39/A (art. 1193 c.c.; 1,442.76 on the gross invoices)
    assert schedule["capital_cents"].tolist()[-1] == "€72,923.27"


def test_choices_that_cannot_be_simulated_say_why(store: Store) -> None:
    at = simulated(first=TODAY)
    assert at.error[0].value == "The first instalment must fall after today, 24 Nov 2026."
    assert not at.get("plotly_chart")
    at = simulated(deadline=TODAY - dt.timedelta(days=1))  # a settlement deadline in the past
    assert at.error[0].value == "The discount's deadline cannot be in the past: today, 24 Nov 2026, at the earliest."
    assert not at.get("plotly_chart")


def test_the_italian_page_recommends_in_italian(store: Store) -> None:
    at = simulated("it")
    assert at.success[0].value.startswith("Conviene il saldo e stralcio: valore atteso 59.019,25 EUR")
    assert shown(at.dataframe[0])["expected_cents"].tolist()[0] == "59.019,25 EUR"


def test_saving_the_plan_writes_the_plan_and_its_instalments(store: Store) -> None:
    at = simulated()
    button(at, "Save the plan (6 instalments)").click().run()
    assert not at.exception
    log = store.log()
    assert log.plan.select(
        "customer_id", "currency", "kind", "agreed_on", "claim_cents", "baseline_open_cents", "grace_days"
    ).rows() == [("C00333", "EUR", "instalments", TODAY, 7_162_740, 9_330_684, 5)]
    assert log.instalment["n"].to_list() == [1, 2, 3, 4, 5, 6]
    assert log.instalment["capital_cents"].sum() == 7_162_740
    assert at.success[0].value == "Instalment plan saved: Bruno & Figli S.n.c."
    assert "Instalment plan agreed 24 Nov 2026 · honoured" in [e.label for e in at.expander]
    statuses = at.dataframe[0].value
    assert statuses["status"].tolist() == ["upcoming"] * 6


def test_saving_the_settlement_writes_one_payment_by_the_deadline(store: Store) -> None:
    at = simulated()
    button(at, "Save the settlement (€64,464.66 by 04 Dec 2026)").click().run()
    assert not at.exception
    log = store.log()
    assert log.plan.select("kind", "agreed_on", "claim_cents").rows() == [("settlement", TODAY, 7_162_740)]
    assert log.instalment.select("n", "due_date", "payment_cents").rows() == [(1, DEADLINE, 6_446_466)]


def test_a_payment_entered_by_hand_is_recorded(store: Store) -> None:
    at = simulated()
    button(at, "Save the plan (6 instalments)").click().run()
    amount = next(n for n in at.number_input if n.label == "Amount (EUR)")
    assert amount.value == 11_937.90  # the next instalment
    next(d for d in at.date_input if d.label == "Paid on").set_value(TODAY)
    next(t for t in at.text_input if t.label == "Operator").input("Anna")
    button(at, "Record the payment").click().run()
    assert not at.exception
    payments = store.log().payment
    assert payments.select("customer_id", "currency", "paid_on", "amount_cents", "operator").rows() == [
        ("C00333", "EUR", TODAY, 1_193_790, "Anna"),
    ]
    assert at.success[0].value == "Payment of €11,937.90 recorded."
    # recorded after the snapshot, it counts at once: the first instalment is paid (on time)
    statuses = next(d for d in at.dataframe if "status" in d.value.columns).value
    assert statuses["status"].tolist() == ["paid on time"] + ["upcoming"] * 5


def test_cancel_closes_the_plan(store: Store) -> None:
    at = simulated()
    button(at, "Save the plan (6 instalments)").click().run()
    plan_id = int(store.log().plan["id"][0])
    at.button(key=f"{KEY}-cancel-{plan_id}").click().run()
    assert not at.exception
    assert store.log().plan.select("closed_on", "closed_reason").rows() == [(TODAY, "cancelled")]
    assert at.success[0].value == "Agreement cancelled."
    assert not at.expander or "Instalment plan agreed" not in " ".join(e.label for e in at.expander)


def test_a_saved_plan_offers_its_agreement_letter(store: Store) -> None:
    at = simulated()
    button(at, "Save the plan (6 instalments)").click().run()
    assert "The agreement letter needs the company details (Settings)." in [c.value for c in at.caption]
    store.save_setting("company", COMPANY)
    at = page("simulator", "en", customer="C00333", currency="EUR")
    labels = [d.proto.label for d in at.get("download_button")]
    assert "Download the agreement letter (PDF)" in labels and "Download the e-mail text" in labels
