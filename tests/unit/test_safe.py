"""lib/ui/safe.py: user text escaped for Markdown renders as the text itself, nothing else."""

from __future__ import annotations

import re

import polars as pl

from lib.ui.safe import plain, plain_column
from tests.hostile import HOSTILE

# CommonMark: a backslash before ASCII punctuation shows that character, and nothing more.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# What Markdown, HTML, LaTeX and Streamlit's directives and icons start with.
_ACTIVE = re.compile(r"(?<!\\)[\[\]()!#<>$:*_`&~|/]")


def rendered(markdown: str) -> str:
    return _ESCAPE.sub(r"\1", markdown)


def test_hostile_text_renders_as_itself_with_nothing_left_active() -> None:
    for text in [*HOSTILE, "Bruno & Figli S.n.c.", "a\\b", "1. list", "- item", "> quote", "**bold** _it_"]:
        escaped = plain(text)
        assert rendered(escaped) == text, text
        assert not _ACTIVE.search(escaped.replace("\\\\", "")), escaped


def test_line_breaks_become_spaces_so_no_line_starts_a_heading() -> None:
    assert rendered(plain("Rossi\n\n# Big\n    code")) == "Rossi # Big code"


def test_the_column_escapes_as_the_function_does() -> None:
    texts = [*HOSTILE, "Rossi\n# Big", None]
    frame = pl.DataFrame({"text": texts}).select(plain_column("text"))
    assert frame["text"].to_list() == [*(plain(t) for t in texts[:-1]), None]
