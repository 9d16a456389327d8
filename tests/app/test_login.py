"""AppTest of login and roles: a wrong password is refused, a viewer cannot record, a collector's
discount beyond the limit waits for a manager's approval, a collector's weekly page opens on
"my accounts", and the operator is the user logged in (no longer typed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from lib import audit, users
from lib.book import read_book
from lib.store import Store
from tests.app.test_pages import start
from tests.app.test_work_pages import button
from tests.app.test_work_pages import store as store  # the fixture: the sample saved as a snapshot
from tests.conftest import TODAY

PASSWORD = "correct horse battery"
TEAM = {"anna": "collector", "marco": "manager", "vera": "viewer"}
KEY = "sim-C00333-EUR"  # the simulator's form for the sample's largest debtor


@pytest.fixture
def team(workspace: Path) -> Path:
    file = users.users_file(workspace)
    for name, role in TEAM.items():
        users.add(file, name, role, PASSWORD)
    return file


def log_in(name: str, password: str = PASSWORD) -> AppTest:
    at = start("en")
    next(i for i in at.text_input if i.label == "User name").set_value(name)
    next(i for i in at.text_input if i.label == "Password").set_value(password)
    button(at, "Log in").click().run()
    assert not at.exception, at.exception
    return at


def open_page(at: AppTest, name: str, **query: str) -> AppTest:
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(f"views/{name}.py").run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def listening_everywhere() -> Iterator[None]:
    """The server bound to every interface (server.address 0.0.0.0), as on a team's server."""
    before = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    yield
    config.set_option("server.address", before)


def test_without_users_on_loopback_there_is_no_login(store: Store) -> None:
    at = start("en")
    assert at.title[0].value != "Log in"
    assert not any(i.label == "Password" for i in at.text_input)


def test_beyond_loopback_the_app_refuses_to_show_data_without_a_login(store: Store, listening_everywhere: None) -> None:
    at = start("en")
    assert at.title[0].value == "Log in"
    assert at.warning[0].value.startswith("This server can be reached from other computers")
    assert at.code[0].value == "python -m lib users add NAME --role manager"
    open_page(at, "portfolio")
    assert at.title[0].value == "Log in" and not at.metric


def test_beyond_loopback_a_user_logs_in(store: Store, team: Path, listening_everywhere: None) -> None:
    at = log_in("marco")
    assert "Logged in: **marco** (manager)" in [c.value for c in at.sidebar.caption]


def test_a_wrong_password_is_refused_and_nothing_is_shown(store: Store, team: Path) -> None:
    at = start("en")
    assert at.title[0].value == "Log in"
    assert not at.sidebar.caption  # no data before the login, not even the sidebar's
    at = log_in("anna", "wrong horse battery")
    assert [e.value for e in at.error] == ["Wrong user name or password."]
    assert at.title[0].value == "Log in"
    open_page(at, "portfolio")
    assert at.title[0].value == "Log in" and not at.metric  # a page's address does not get past it


def test_five_wrong_passwords_make_that_name_wait_even_with_the_right_one(store: Store, team: Path) -> None:
    for _ in range(users.TRIES):
        assert [e.value for e in log_in("anna", "wrong horse battery").error] == ["Wrong user name or password."]
    at = log_in("anna")  # the right password, too late: not even checked
    assert [e.value for e in at.error] == ["5 wrong passwords in a row for this user name: try again in 15 minutes."]
    assert at.title[0].value == "Log in"
    assert log_in("marco").title[0].value != "Log in"  # another name is not held up
    kept = audit.recent(store)
    assert kept["what"].to_list() == ["login", *["login_failed"] * users.TRIES]  # newest first
    assert kept.filter(what="login_failed")["subject"].to_list() == ["anna"] * users.TRIES
    assert kept.filter(what="login")["operator"].to_list() == ["marco"]


def test_the_right_password_opens_the_app_with_the_user_in_the_sidebar(store: Store, team: Path) -> None:
    at = log_in("anna")
    assert at.title[0].value != "Log in"
    assert "Logged in: **anna** (collector)" in [c.value for c in at.sidebar.caption]


def test_a_viewer_reads_but_cannot_record(store: Store, team: Path) -> None:
    at = open_page(log_in("vera"), "account", customer="C00333", currency="EUR")
    assert at.title[0].value == "Account"
    assert "Your role (viewer) may read, not record." in [c.value for c in at.caption]
    assert [g.key for g in at.main.get("button_group")] == []  # no recording form (its kinds)
    assert not {"Record the step", "Save the customer details"} & {b.label for b in at.button}
    open_page(at, "import_data")
    assert at.info[0].value == "This page is for managers; your role is viewer."
    assert not at.get("file_uploader")


def test_a_collector_records_as_themselves(store: Store, team: Path) -> None:
    at = open_page(log_in("anna"), "account", customer="C00333", currency="EUR")
    assert not any(i.label == "Operator" for i in at.text_input)  # the user, no longer typed
    assert {"Record the step", "Save the customer details"} <= {b.label for b in at.button}
    at.button_group(key="account-log-kind").set_value("note").run()
    next(a for a in at.text_area if a.label == "Note text").input("called, will pay Friday")
    button(at, "Add the note").click().run()
    assert not at.exception, at.exception
    assert store.log().note.select("customer_id", "text", "operator").rows() == [
        ("C00333", "called, will pay Friday", "anna")
    ]


def test_a_collectors_discount_beyond_the_limit_waits_and_a_manager_approves_it(store: Store, team: Path) -> None:
    at = open_page(log_in("anna"), "simulator", customer="C00333", currency="EUR")
    at.number_input(key=f"{KEY}-discount").set_value(20.0)  # the collector's limit: 10% ([team])
    button(at, "Simulate").click().run()
    assert not at.exception, at.exception
    settle = next(b for b in at.button if b.label.startswith("Save the settlement"))
    settle.click().run()
    assert not at.exception, at.exception
    assert store.log().plan.is_empty()  # not agreed: waiting
    assert any("waits for a manager's approval" in s.value for s in at.success)

    at = open_page(log_in("marco"), "weekly")
    assert any(e.label == "Waiting for approval (1)" for e in at.expander)
    approve = next(b for b in at.button if b.label == "Approve")
    assert approve.key.startswith("approve-")  # by the request's id, not its position
    approve.click().run()
    assert not at.exception, at.exception
    assert store.log().plan.select("customer_id", "kind", "operator").rows() == [("C00333", "settlement", "anna")]
    assert any(e.label == "Waiting for approval (0)" for e in at.expander)


def test_a_collectors_weekly_page_opens_on_my_accounts(store: Store, team: Path) -> None:
    store.save_setting("policy", {"team": {"default_collector": "anna", "calls": {"anna": 7}}})
    at = open_page(log_in("anna"), "weekly")
    assert at.button_group(key="weekly-scope").value == "mine"
    everyone = read_book(store, TODAY).accounts.height  # the default collector has them all
    assert f"Accounts assigned to anna: {everyone}." in [c.value for c in at.caption]
    assert at.number_input(key="weekly-calls").value == 7  # her own capacity

    at = open_page(log_in("marco"), "weekly")
    assert at.button_group(key="weekly-scope").value == "team"
    assert any(e.label == "The team's load" for e in at.expander)


def test_a_collector_with_no_accounts_sees_an_empty_list_and_the_team_on_request(store: Store, team: Path) -> None:
    at = open_page(log_in("anna"), "weekly")  # no [team] rule: nobody is assigned anything
    assert "Accounts assigned to anna: 0." in [c.value for c in at.caption]
    assert "No action due in week 2026-W48." in [i.value for i in at.info]
    at.button_group(key="weekly-scope").set_value("team").run()
    assert not at.exception, at.exception
    assert "No action due in week 2026-W48." not in [i.value for i in at.info]
    assert not any(e.label.startswith("Waiting for approval") for e in at.expander)  # a manager's only


def test_a_manager_assigns_a_customer_by_hand_and_it_joins_the_collectors_accounts(store: Store, team: Path) -> None:
    at = open_page(log_in("marco"), "account", customer="C00333", currency="EUR")
    assert "Not assigned to anyone." in [c.value for c in at.caption]
    next(s for s in at.selectbox if s.label == "Assign the customer to").set_value("anna")
    button(at, "Assign").click().run()
    assert not at.exception, at.exception
    assert "Worked by **anna** (assigned by hand)." in [c.value for c in at.caption]
    assert store.query("SELECT customer_id, collector, operator FROM assignment") == [("C00333", "anna", "marco")]

    at = open_page(log_in("anna"), "weekly")
    assert "Accounts assigned to anna: 1." in [c.value for c in at.caption]
    at = open_page(log_in("anna"), "account", customer="C00333", currency="EUR")
    assert not any(s.label == "Assign the customer to" for s in at.selectbox)  # a manager's


def test_a_setting_changed_is_kept_with_its_author(store: Store, team: Path) -> None:
    at = open_page(log_in("marco"), "settings")
    at.button_group(key="settings-language").set_value("en").run()
    assert not at.exception, at.exception
    assert audit.recent(store).select("operator", "what", "subject").rows() == [
        ("marco", "setting", "language"),
        ("marco", "login", "marco"),
    ]
    assert any(e.label == "Who changed what" for e in at.expander)
    shown = next(d.value for d in at.dataframe if "what" in d.value.columns)
    assert shown["what"].tolist() == ["Setting changed", "Login"]  # in words
    at = open_page(log_in("anna"), "settings")
    assert at.info[0].value == "This page is for managers; your role is collector."


def test_an_import_is_kept_with_its_author_and_a_collector_cannot_import(team: Path) -> None:
    at = log_in("anna")
    assert at.button(key="save-sample").disabled  # the sample is an import: a manager's
    at = log_in("marco")
    at.button(key="save-sample").click().run()
    assert not at.exception, at.exception
    assert audit.recent(Store.open()).select("operator", "what", "subject").rows() == [
        ("marco", "import", "sample"),
        ("marco", "login", "marco"),
        ("anna", "login", "anna"),
    ]
