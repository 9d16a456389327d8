"""lib/ui/widgets.py `styled`: a table too big for pandas' Styler gets its money as the same text."""

from __future__ import annotations

import polars as pl
import pytest
from pandas.io.formats.style import Styler

from lib import i18n
from lib.ui import widgets

CENTS = [123_456, -5, 0, 100_000_000, 7]
CURRENCIES = ["EUR", "USD", "EUR", "CHF", "GBP"]


def frame(rows: int) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "name": [f"N{i}" for i in range(rows)],
            "overdue": (CENTS * rows)[:rows],
            "currency": (CURRENCIES * rows)[:rows],
        }
    )


@pytest.mark.parametrize("lang", ["it", "en"])
def test_as_text_writes_what_format_money_writes(lang: str) -> None:
    small = frame(len(CENTS))
    shown = widgets.as_text(small, ("overdue",), small["currency"], lang)
    expected = [i18n.format_money(c, cur, lang) for c, cur in zip(CENTS, CURRENCIES, strict=True)]
    assert shown["overdue"].to_list() == expected
    one = widgets.as_text(small, ("overdue",), "EUR", lang)
    assert one["overdue"].to_list() == [i18n.format_money(c, "EUR", lang) for c in CENTS]
    plain = widgets.as_text(small, ("overdue",), None, lang)
    assert plain["overdue"].to_list() == [i18n.format_number(c / 100, lang, 2) for c in CENTS]
    assert shown.drop("overdue").equals(small.drop("overdue"))


def test_styled_styles_small_tables_and_writes_big_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(widgets, "lang", lambda: "it")
    rows = widgets.STYLED_CELLS // 3  # three columns: at the limit
    assert isinstance(widgets.styled(frame(rows), ("overdue",), frame(rows)["currency"]), Styler)
    big = frame(rows + 1)
    shown = widgets.styled(big, ("overdue",), big["currency"])
    assert isinstance(shown, pl.DataFrame)
    assert shown["overdue"].to_list() == [
        i18n.format_money(c, cur, "it") for c, cur in big.select("overdue", "currency").rows()
    ]
