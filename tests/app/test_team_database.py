"""The app on a PostgreSQL database (SOLLECITO_DATABASE_URL): the pages read it, and what another
app instance writes to the same database shows on the next rerun (the revision is the database's)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from lib import db
from lib.book import read_book
from lib.store import Store
from lib.store_pg import PgStore
from lib.weekly import iso_week
from tests import pg_server
from tests.app.test_pages import start
from tests.app.test_work_pages import _sample, page
from tests.conftest import TODAY

MONDAY = dt.date(2026, 11, 23)


@pytest.fixture
def team(postgresql: pg_server.Server, monkeypatch: pytest.MonkeyPatch) -> str:
    url = postgresql.database()
    monkeypatch.setenv(db.DATABASE_URL, url)
    Store.open(url).save_snapshot(_sample())
    return url


def _listed(at: object) -> dict[str, str]:
    table = at.dataframe[0].value  # type: ignore[attr-defined]
    customers = table["link"].str.extract(r"customer=([^&]+)", expand=False)
    return dict(zip(customers, table["step"], strict=True))


def test_a_step_recorded_by_another_instance_leaves_the_weekly_list_on_the_next_rerun(team: str) -> None:
    at = page("weekly")
    at.date_input(key="weekly-day").set_value(MONDAY).run()
    assert not at.exception
    before = _listed(at)
    assert before
    assert any("postgresql://" in caption.value for caption in at.sidebar.caption)  # where the workspace is
    other = PgStore(team)  # another app process on the same database
    book = read_book(other, TODAY)
    assert book is not None
    week = book.week(iso_week(MONDAY))[0]
    called = week.filter(pl.col("step").str.starts_with("call")).row(0, named=True)
    customer = called["customer_id"]
    assert customer in before
    other.record("action", customer_id=customer, step=called["step"], date=TODAY, channel="phone",
                 outcome="reached", currency=called["currency"], operator="bruno")  # fmt: skip
    at.run()
    assert not at.exception
    after = _listed(at)
    assert customer not in after and set(after) < set(before)  # the step done elsewhere is done here too


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_database_that_does_not_answer_is_one_sentence_on_every_page(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(db.DATABASE_URL, f"postgresql://anna:secret@127.0.0.1:{pg_server._free_port()}/team")
    at = start(lang)
    for view in ("views/weekly.py", "views/import_data.py"):
        at.switch_page(view).run()
        assert not at.exception
        [error] = at.error
        assert ("non risponde" if lang == "it" else "does not answer") in error.value
        assert "secret" not in error.value and not at.title  # no page drawn without its workspace
