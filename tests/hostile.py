"""A snapshot whose every text a user or a file supplies is hostile: Markdown, HTML, LaTeX,
Streamlit's colour and icon directives, spreadsheet formulas. The pages must show it as text."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re

import polars as pl

from lib.ingest import Imported, import_file
from tests.conftest import SAMPLES

HOSTILE = (
    "![](http://evil.example/x)",
    "# Big",
    "[link](http://evil.example)",
    ":red[red]",
    "$x^2$",
    "<b>bold</b>",
    '=HYPERLINK("http://evil.example")',
    ":material/home:",
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-1+1",
)
# CommonMark: a backslash before ASCII punctuation shows that character, and nothing more.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def rendered(markdown: str) -> str:
    """The text an escaped Markdown string shows (its backslash escapes undone)."""
    return _ESCAPE.sub(r"\1", markdown)


# Markup to Markdown, HTML, LaTeX or Streamlit (the rest is a spreadsheet's formula, for downloads).
MARKUP = HOSTILE[:6] + HOSTILE[7:8]
FILE_NAME = "![](http://evil.example/file).xlsx"


def hostile_of(column: str) -> pl.Expr:
    """Each row's hostile text (by its customer, so a customer's rows agree) and the original."""
    which = pl.col("customer_id").hash(seed=len(column)) % len(HOSTILE)
    return pl.concat_str(
        pl.lit(pl.Series(HOSTILE)).gather(which), pl.lit(" "), pl.col(column).fill_null(pl.col("customer_id"))
    ).alias(column)


@functools.cache
def hostile_sample() -> Imported:
    """The sample, with hostile customer names, contacts, addresses, notes, document numbers and
    salespeople, and a hostile file name."""
    sample = import_file((SAMPLES / "scadenzario_gestionale.xlsx").read_bytes(), "scadenzario_gestionale.xlsx")
    items = sample.items.with_columns(
        hostile_of(c)
        for c in ("customer_name", "phone", "email", "pec", "notes", "salesperson", "doc_number", "address")
    )
    sha = hashlib.sha256(b"hostile " + sample.report.sha256.encode()).hexdigest()  # not the sample's
    report = dataclasses.replace(sample.report, file_name=FILE_NAME, sha256=sha)
    return Imported(items=items, report=report)
