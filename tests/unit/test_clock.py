"""lib/clock.py: the one reader of the system clock, pinned by SOLLECITO_TODAY."""

from __future__ import annotations

import datetime as dt

import pytest

from lib import clock
from tests.conftest import TODAY


class _Frozen(dt.date):
    """A system clock that says 1 June 2027, so the unpinned path is tested without reading it."""

    @classmethod
    def today(cls) -> _Frozen:
        return cls(2027, 6, 1)


def test_the_suite_runs_on_its_pinned_day() -> None:
    assert clock.today() == TODAY
    assert clock.now().date() == TODAY and clock.now().tzinfo == dt.UTC


def test_a_pinned_date_is_read_at_each_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.PIN, "2027-06-01")
    assert clock.today() == dt.date(2027, 6, 1)
    stamp = clock.now()
    assert stamp.date() == dt.date(2027, 6, 1) and stamp.tzinfo == dt.UTC


def test_without_a_pin_the_system_date_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(clock.PIN)
    monkeypatch.setattr(clock.dt, "date", _Frozen)
    assert clock.today() == dt.datetime(2027, 6, 1).date()


def test_a_pin_that_is_not_a_date_says_how_to_write_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.PIN, "24/11/2026")
    with pytest.raises(ValueError, match="SOLLECITO_TODAY='24/11/2026' is not a date: write it as YYYY-MM-DD"):
        clock.today()
