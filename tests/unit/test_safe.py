"""lib/ui/safe.py: user text escaped for Markdown renders as the text itself, nothing else."""

from __future__ import annotations

import re

import polars as pl

from lib.ui.safe import plain, plain_column
from tests.hostile import HOSTILE, rendered

# What Markdown, HTML, LaTeX and Streamlit's directives and icons need, wherever it is; an entity,
# an emphasis underscore, a list marker at the start, a www link, an icon's slash.
_ACTIVE = re.compile(r"(?<!\\)[\[\]#<>$:*`~|]|(?<!\\)&\w+;|(?<![\w\\])_|^[-+]|^\d+\.|www\.|material/")


def test_hostile_text_renders_as_itself_with_nothing_left_active() -> None:
    hostile = ["a\\b", "1. list", "- item", "> quote", "**bold** _it_", "&lt;b&gt;", "www.evil.example", "__x__"]
    for text in [*HOSTILE, *hostile]:
        escaped = plain(text)
        assert rendered(escaped) == text, text
        assert not _ACTIVE.search(escaped.replace("\\\\", "")), escaped


def test_line_breaks_become_spaces_so_no_line_starts_a_heading() -> None:
    assert rendered(plain("Rossi\n\n# Big\n    code")) == "Rossi # Big code"


def test_plain_names_stay_as_they_are() -> None:
    for text in ("Bruno & Figli S.n.c.", "scadenzario_gestionale.xlsx", "Via Roma 1, 20100 Milano", "D'Angelo (Srl)"):
        assert plain(text) == text


def test_the_column_renders_as_the_function_does() -> None:
    texts = [*HOSTILE, "Rossi\n# Big", "Bruno & Figli S.n.c.", None]
    frame = pl.DataFrame({"text": texts}).select(plain_column("text"))
    assert [rendered(t) for t in frame["text"].drop_nulls()] == [rendered(plain(t)) for t in texts[:-1]]
    assert frame["text"][-1] is None
