"""A credit team on one PostgreSQL database: two app instances, four people logged in on four
browser pages (two on each instance) record a step at the same moment, and every action is in the
database's log afterwards, on the account each page showed, with who recorded it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

import polars as pl
import pytest
from playwright.sync_api import Browser, Page, expect

from lib import db, users
from lib.book import read_book
from lib.store import Store
from lib.weekly import iso_week
from tests import pg_server
from tests.app.test_work_pages import _sample
from tests.conftest import TODAY
from tests.e2e.conftest import Server, running, settle
from tests.e2e.test_login import PASSWORD, log_in

pytestmark = pytest.mark.e2e

PEOPLE = ("anna", "bruno", "carla", "dario")


class Team(NamedTuple):
    url: str  # the database
    servers: tuple[Server, Server]  # two app instances on it
    accounts: list[tuple[str, str, str]]  # (customer_id, currency, name): one for each person


@pytest.fixture(scope="module")
def team(postgresql: pg_server.Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Team]:
    folder = tmp_path_factory.mktemp("team")
    url = postgresql.database()
    store = Store.open(url)
    store.save_snapshot(_sample())
    book = read_book(store, TODAY)
    assert book is not None
    accounts = book.week(iso_week(dt.date(2026, 11, 23)))[0].head(len(PEOPLE))  # four with a step due
    users_file = folder / "users.toml"
    for name in PEOPLE:
        users.add(users_file, name, "collector", PASSWORD)
    env = {db.DATABASE_URL: url, "SOLLECITO_USERS": str(users_file)}
    with running(folder / "a", env) as first, running(folder / "b", env) as second:
        yield Team(url, (first, second), list(accounts.select("customer_id", "currency", "customer_name").rows()))


def test_four_people_on_two_instances_record_at_once_and_the_log_keeps_each_with_its_operator(
    browser: Browser, team: Team
) -> None:
    pages: list[Page] = []
    for n, (person, (customer, currency, name)) in enumerate(zip(PEOPLE, team.accounts, strict=True)):
        page = browser.new_context().new_page()  # a session of its own: its own login
        server = team.servers[n % 2]
        log_in(page, f"{server.url}/account?customer={customer}&currency={currency}", person, PASSWORD)
        expect(page.get_by_text(f"Accesso: {person} (incaricato del recupero)")).to_be_visible()
        expect(page.get_by_role("heading", name=name)).to_be_visible()  # the account the page shows
        expect(page.get_by_role("button", name="Registra il passo")).to_be_visible()
        pages.append(page)

    for page in pages:  # the four clicks leave together: the writes meet in the database
        page.get_by_role("button", name="Registra il passo").click(no_wait_after=True)
    for page, (_, _, name) in zip(pages, team.accounts, strict=True):
        settle(page)
        expect(page.get_by_text(f"Passo registrato per {name}.")).to_be_visible()

    actions = Store.open(team.url).log().action
    recorded = actions.filter(pl.col("operator").is_in(PEOPLE)).select("customer_id", "currency", "operator")
    expected = [(c, currency, person) for person, (c, currency, _) in zip(PEOPLE, team.accounts, strict=True)]
    assert sorted(recorded.rows()) == sorted(expected)
