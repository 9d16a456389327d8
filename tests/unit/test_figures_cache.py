"""lib/ui/figures.py: a figure is built once per book, language, name and inputs, and again when any changes."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
import streamlit as st

from lib.ui import figures


def test_built_once_per_book_language_and_inputs(monkeypatch: pytest.MonkeyPatch) -> None:
    st.cache_resource.clear()
    book, lang = ["home", 1, "2026-11-24", "L"], ["it"]
    monkeypatch.setattr(figures, "book_key", lambda: tuple(book))
    monkeypatch.setattr(figures, "lang", lambda: lang[0])
    built: list[str] = []

    def draw(what: str) -> go.Figure:
        def build() -> go.Figure:
            built.append(what)
            return go.Figure(layout={"title": {"text": what}})

        return figures.for_book()("chart", build, {"rating": ["A"]}, what)

    first = draw("EUR")
    assert draw("EUR") is first and built == ["EUR"]  # the same figure, not built again
    draw("USD")  # another input
    lang[0] = "en"
    draw("EUR")  # another language
    book[1] = 2
    draw("EUR")  # the workspace changed (its revision)
    assert built == ["EUR", "USD", "EUR", "EUR"]
    assert figures.for_book()("chart", go.Figure, {"rating": ["B"]}, "EUR") is not first  # other filters
