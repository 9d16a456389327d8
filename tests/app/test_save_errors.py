"""AppTest: a database or data error while saving an import is one clear message, not a traceback."""

from __future__ import annotations

import sqlite3

import polars as pl
import pytest

from lib.store import Store
from tests.app.test_pages import start


@pytest.mark.parametrize(
    "error",
    [sqlite3.OperationalError("database is locked"), pl.exceptions.ComputeError("could not write\nthe parquet")],
    ids=lambda e: type(e).__name__,
)
def test_an_error_while_saving_the_sample_is_one_message(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    def failing(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(Store, "save_snapshot", failing)
    at = start()
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [f"Saving failed ({' '.join(str(error).split())}): nothing was changed."]
    assert not at.success
