"""One composition root: for the same workspace, week and filters, `python -m lib actions` lists
exactly the accounts, steps and order that the Weekly page and the Letters page list (lib/book.py
`Book.week`), with a saved policy, a reduced capacity and a step logged after the snapshot."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from lib.__main__ import main
from lib.i18n import word
from lib.store import Store
from tests.app.test_work_pages import COMPANY, page
from tests.app.test_work_pages import store as store  # the fixture: the sample saved as a snapshot
from tests.conftest import TODAY

WEEK, MONDAY = "2026-W48", dt.date(2026, 11, 23)
LETTER_STEPS = ("courtesy", "letter_1", "letter_2")


def cli(capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str]]:
    assert main(["actions", "--snapshot", "1", "--week", WEEK]) == 0
    listed = json.loads(capsys.readouterr().out)["actions"]
    assert [entry["priority"] for entry in listed] == sorted(entry["priority"] for entry in listed)
    return [(entry["customer_id"], entry["step"]) for entry in listed]


def weekly_page() -> list[tuple[str, str]]:
    at = page("weekly")
    at.date_input(key="weekly-day").set_value(MONDAY).run()
    table = at.dataframe[0].value
    customers = table["link"].str.extract(r"customer=([^&]+)", expand=False)
    return list(zip(customers, table["step"], strict=True))


def letters_page(names: dict[str, str]) -> list[tuple[str, str]]:
    at = page("letters", week=WEEK)
    assert not at.exception
    table = at.dataframe[0].value
    return [(names[name], step) for name, step in zip(table["customer_name"], table["step"], strict=True)]


def in_words(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(customer, word(f"step.{step}", "en")) for customer, step in entries]


def test_the_command_line_lists_what_the_pages_list(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    store.save_setting("policy", {"weekly": {"calls": 3, "letters": 2}})
    store.save_setting("company", COMPANY)
    before = cli(capsys)
    called = next(customer for customer, step in before if step.startswith("call"))
    store.record(
        "action", customer_id=called, step=dict(before)[called], date=TODAY, channel="phone", outcome="reached"
    )

    listed = cli(capsys)
    assert called not in dict(listed)  # the step logged today is done, for the command line too
    assert sum(step.startswith("call") for _, step in listed) == 3
    assert sum(step in LETTER_STEPS for _, step in listed) == 2
    assert weekly_page() == in_words(listed)
    names = {
        row["customer_name"]: row["customer_id"]
        for row in store.items(1).select("customer_id", "customer_name").unique().to_dicts()
    }
    assert letters_page(names) == in_words([(c, s) for c, s in listed if s in LETTER_STEPS])


def test_the_letters_page_keeps_the_weekly_pages_capacity_and_filters(store: Store) -> None:
    """Set on the weekly page, the capacity and filters are the letters page's too, in the session."""
    store.save_setting("company", COMPANY)
    at = page("weekly")
    at.date_input(key="weekly-day").set_value(MONDAY).run()
    at.number_input(key="weekly-letters").set_value(4).run()
    at.multiselect(key="weekly-filter-rating").set_value(["D"]).run()
    weekly_letters = [s for s in at.dataframe[0].value["step"] if s.startswith("letter")]
    at.switch_page("views/letters.py").run()
    assert not at.exception
    assert at.dataframe[0].value["step"].tolist() == weekly_letters and len(weekly_letters) <= 4
    assert "4 letters a week" in " ".join(c.value for c in at.caption)
