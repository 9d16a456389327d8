"""Plotly figures built once per book, language and filters, then reused by every rerun and session.

Building a figure costs plotly's validation of every property set: at 100k documents the portfolio's
risk map took 0.13 s to build and 0.02 s to serialise, its ageing chart 0.40 s against 0.005 s
(bench/README.md). st.cache_resource hands back the figure itself, without the pickled copy
st.cache_data would make (unpickling rebuilds and validates it again); st.plotly_chart only reads it
(it serialises a copy), and nothing else may change a figure once built.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import plotly.graph_objects as go
import streamlit as st

from lib.ui.core import book_key, lang


@st.cache_resource(show_spinner=False, max_entries=256)
def _built(key: tuple[Hashable, ...], _build: Callable[[], go.Figure]) -> go.Figure:
    del key  # the cache key: `_build` (not hashed) draws what it names
    return _build()


def for_book() -> Callable[..., go.Figure]:
    """`figure(name, build, *inputs)` for this run's book: `build()`, or the figure it built before for
    the same book (lib/ui/core.py `book_key`: the workspace's revision, today and the ledger, read
    once here), language, `name` and `inputs` (what else the figure depends on: the filters, a
    currency). The caller names every input: the key is all it is cached on."""
    book = (book_key(), lang())

    def figure(name: str, build: Callable[[], go.Figure], *inputs: object) -> go.Figure:
        return _built((name, book, repr(inputs)), build)

    return figure
