"""Nothing typed is lost: a save the store refuses (the database locked by another writer) says
so and keeps the input; a settings form saved over a change made elsewhere says so, with both."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lib.store import Store
from tests.app.test_work_pages import _sample, page


@pytest.fixture
def store(workspace: Path) -> Store:
    saved = Store.open(workspace)
    saved.save_snapshot(_sample())
    return saved


def locked(*args: object, **kwargs: object) -> None:
    raise sqlite3.OperationalError("database is locked")


def note_form(lang: str = "en"):
    at = page("account", lang)
    at.button_group(key="account-log-kind").set_value("note").run()
    return at


def test_a_note_typed_while_the_database_is_locked_is_kept(store: Store) -> None:
    at = note_form()
    label, save = "Note text", "Add the note"
    next(a for a in at.text_area if a.label == label).input("called back, will pay on Friday")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Store, "record_entries", locked)
        next(b for b in at.button if b.label == save).click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Not saved: the workspace is busy (database is locked). What you typed is kept: try again."
    ]
    assert next(a for a in at.text_area if a.label == label).value == "called back, will pay on Friday"

    # the lock is gone: the same click saves, and the form starts empty again
    next(b for b in at.button if b.label == save).click().run()
    assert not at.exception and not at.error
    assert store.log().note["text"].to_list() == ["called back, will pay on Friday"]
    assert next(a for a in at.text_area if a.label == label).value == ""


def test_the_message_is_italian_too(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    at = note_form("it")
    next(a for a in at.text_area if a.label == "Testo della nota").input("richiamare")
    monkeypatch.setattr(Store, "record_entries", locked)
    next(b for b in at.button if b.label == "Aggiungi la nota").click().run()
    assert not at.exception
    assert "Non salvato" in at.error[0].value
    assert next(a for a in at.text_area if a.label == "Testo della nota").value == "richiamare"


def test_a_profile_saved_while_the_database_is_locked_is_kept(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page("account")
    address = "Postal address (for a registered letter)"
    next(a for a in at.text_area if a.label == address).input("Via Nuova 2, Milano")
    monkeypatch.setattr(Store, "record_entries", locked)
    next(b for b in at.button if b.label == "Save the customer details").click().run()
    assert not at.exception
    assert "Not saved" in at.error[0].value
    assert next(a for a in at.text_area if a.label == address).value == "Via Nuova 2, Milano"


def number(at, label: str):
    return next(n for n in at.number_input if n.label == label)


def test_a_policy_saved_over_a_change_made_in_another_tab_says_so_and_keeps_both(workspace: Path) -> None:
    mine, theirs = page("settings"), page("settings")  # two tabs, each drawing the form
    number(theirs, "Calls per week").set_value(99)
    next(b for b in theirs.button if b.label == "Save the policy").click().run()
    assert "Policy saved: the pages use it now." in [s.value for s in theirs.success]

    number(mine, "Letters per week").set_value(7)
    next(b for b in mine.button if b.label == "Save the policy").click().run()
    assert not mine.exception
    assert not [s for s in mine.success if "Policy saved" in s.value]
    assert "changed since this form was drawn" in mine.warning[0].value
    yours, saved = (c.value for c in mine.code)  # both versions, as TOML
    assert "letters = 7" in yours and "calls = 99" not in yours
    assert "calls = 99" in saved and "letters = 7" not in saved
    stored = Store.open(workspace).settings()["policy"]["weekly"]
    assert stored["calls"] == 99 and stored["letters"] != 7  # the other tab's save stands
    assert number(mine, "Letters per week").value == 7  # what I typed is kept

    next(b for b in mine.button if b.label == "Save mine over it").click().run()
    assert "Policy saved: the pages use it now." in [s.value for s in mine.success]
    assert Store.open(workspace).settings()["policy"]["weekly"]["letters"] == 7


def test_taking_the_saved_policy_redraws_the_form_from_it(workspace: Path) -> None:
    mine, theirs = page("settings", "it"), page("settings", "it")
    number(theirs, "Telefonate a settimana").set_value(99)
    next(b for b in theirs.button if b.label == "Salva le regole").click().run()
    next(b for b in mine.button if b.label == "Salva le regole").click().run()
    assert "modificate e salvate altrove" in mine.warning[0].value
    next(b for b in mine.button if b.label == "Usa quelle salvate").click().run()
    assert not mine.warning and number(mine, "Telefonate a settimana").value == 99
