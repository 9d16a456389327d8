"""AppTest of the account page's history: an entry edited or voided from the page, marked in the
history with who did it and when, and no longer counting when voided."""

from __future__ import annotations

from lib.store import Store
from tests.app.test_work_pages import button, page, store  # noqa: F401 (the fixture)
from tests.conftest import TODAY

CUSTOMER = "C00333"


def _record(saved: Store) -> tuple[int, int]:
    step = saved.record("action", customer_id=CUSTOMER, step="call_1", date=TODAY, channel="phone",
                        outcome="reached", currency="EUR", operator="Anna")  # fmt: skip
    note = saved.record("note", customer_id=CUSTOMER, date=TODAY, text="called the accountant", operator="Anna")
    return step, note


def _history(at) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """The Log tab's rows: date, what was recorded, details, state."""
    table = at.table[0].value
    return [dict(zip(("date", "kind", "details", "state"), row, strict=True)) for row in table.itertuples(index=False)]


def test_an_entry_voided_from_the_page_is_marked_and_stops_counting(store: Store) -> None:  # noqa: F811
    step, _ = _record(store)
    at = page("account", tab="Log", customer=CUSTOMER, currency="EUR")
    at.session_state["operator"] = "Bruno"
    at.selectbox(key="fix-entry").set_value(("action", step)).run()
    reason = next(w for w in at.text_input if w.label == "Why (kept in the log)")
    reason.set_value("wrong customer")
    button(at, "Void this entry").click().run()
    assert not at.exception
    assert at.success[0].value == "Entry voided: it no longer counts."
    assert store.log().action.is_empty()
    correction = store.log().correction.row(0, named=True)
    assert (correction["kind"], correction["reason"], correction["operator"]) == ("void", "wrong customer", "Bruno")
    states = {row["kind"]: row["state"] for row in _history(at)}
    assert states == {"Step done": "voided by Bruno on 24 Nov 2026", "Note": ""}


def test_an_entry_edited_from_the_page_shows_its_new_values(store: Store) -> None:  # noqa: F811
    step, _ = _record(store)
    at = page("account", tab="Log", customer=CUSTOMER, currency="EUR")
    at.selectbox(key="fix-entry").set_value(("action", step)).run()
    outcome = next(s for s in at.selectbox if s.label == "Outcome")
    outcome.set_value("no_answer")
    next(w for w in at.text_input if w.label == "Operator").set_value("Carla")
    button(at, "Save the correction").click().run()
    assert not at.exception
    assert store.log().action["outcome"].to_list() == ["no_answer"]
    assert store.log(corrected=False).action["outcome"].to_list() == ["reached"]  # the entry stays as recorded
    step_row = next(row for row in _history(at) if row["kind"] == "Step done")
    assert "no answer" in step_row["details"] and step_row["state"] == "corrected by Carla on 24 Nov 2026"


def test_an_edit_that_changes_nothing_is_refused(store: Store) -> None:  # noqa: F811
    _, note = _record(store)
    at = page("account", "it", tab="Registro", customer=CUSTOMER, currency="EUR")
    at.selectbox(key="fix-entry").set_value(("note", note)).run()
    button(at, "Salva la correzione").click().run()
    assert at.error[0].value == "Nessun campo è cambiato."
    assert store.log().correction.is_empty()
