"""Store.transaction: the one write transaction modules with their own tables use (lib/mail)."""

from __future__ import annotations

import pytest

from lib.store import Store

pytestmark = pytest.mark.usefixtures("backend")


def test_commits_and_bumps_the_revision_only_when_a_row_changed() -> None:
    store = Store.open()
    before = store.revision()
    with store.transaction() as conn:
        conn.execute("SELECT count(*) FROM outbox").fetchone()
    assert store.revision() == before  # a read changes nothing
    with store.transaction() as conn:
        conn.execute("INSERT INTO setting (key, value, updated_at) VALUES ('k', '1', 'now')")
    assert store.revision() != before and store.settings() == {"k": 1}


def test_an_error_rolls_everything_back() -> None:
    store = Store.open()
    before = store.revision()
    with pytest.raises(RuntimeError), store.transaction() as conn:
        conn.execute("INSERT INTO setting (key, value, updated_at) VALUES ('k', '1', 'now')")
        raise RuntimeError("half-way")
    assert store.settings() == {} and store.revision() == before
