"""House rule: an Italian page reads Italian. Every page, with the sample loaded, is run in Italian
and the text it shows (titles, captions, labels, options, metrics, table cells as written, chart
titles and legends) is checked for an English string of the catalogue, a raw step code, "None" and
an amount written with a decimal point."""

from __future__ import annotations

import functools
import io
import json
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from lib import i18n
from lib.ingest import Imported, import_file
from lib.policy import CHECKS, STEPS
from lib.store import Store
from tests.app.test_pages import PAGES, start
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "scadenzario_gestionale.xlsx"
# Words of the page that are the same in both languages, or the user's data: never evidence of English.
SHARED = {"Email", "PEC", "IBAN", "CSV", "DSO", "ADD", "CEI", "Sollecito", "Rating"}


@functools.cache
def _sample() -> Imported:
    return import_file(SAMPLE.read_bytes(), SAMPLE.name)


@pytest.fixture
def sample(workspace: Path) -> Store:
    saved = Store.open(workspace)
    saved.save_snapshot(_sample())
    return saved


def _fragments(english: str) -> list[str]:
    """The literal parts of a catalogue entry worth looking for: whole short entries, long pieces of
    templates (a placeholder splits a template into pieces that appear as written)."""
    pieces = [literal.strip(" .:,;()·—-") for literal, *_ in string.Formatter().parse(english)]
    has_fields = any(name for _, name, _, _ in string.Formatter().parse(english))
    return [p for p in pieces if len(p) >= (16 if has_fields else 8) and " " in p]


@functools.cache
def english_phrases() -> frozenset[str]:
    """English catalogue text that differs from its Italian, without text shared by both."""
    phrases: set[str] = set()
    for table in (i18n.UI, i18n.ENGINE, i18n.ISSUES, i18n.FIELD_NAMES):
        for italian, english in table.values():
            if italian != english:
                phrases.update(f for f in _fragments(english) if f not in italian)
    italian_text = " ".join(it for table in (i18n.UI, i18n.ENGINE) for it, _ in table.values())
    return frozenset(p for p in phrases if p not in SHARED and p not in italian_text)


# Streamlit's own words in a widget left without a placeholder of ours (the browser writes them).
STREAMLIT_PLACEHOLDER = "Choose options"
STEP_CODES = re.compile(r"\b(" + "|".join(sorted((*STEPS, *CHECKS), key=len, reverse=True)) + r")\b")
NONE = re.compile(r"\bNone\b")
# 1234.56 or 1,234.56 (an English amount); not a date 20.11.2026 nor a version or file name part
UNGROUPED = re.compile(r"(?<![\w.,])\d{4,},\d{2}(?!\d)")  # 71627,40 for 71.627,40
ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")
DOT_DECIMAL = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})*\.\d{1,2}(?![\w.])|(?<![\w.,])\d{4,}\.\d{2}(?![\w.])")


def _chart_text(spec: str) -> Iterator[str]:
    """Titles, axis titles, legend names, annotations and tick labels of a Plotly figure."""
    figure = json.loads(spec)
    for trace in figure.get("data", []):
        if isinstance(trace.get("name"), str):
            yield trace["name"]
    stack = [figure.get("layout", {})]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("text", "ticktext") or (key == "title" and isinstance(value, str)):
                    yield from (value if isinstance(value, list) else [value])
                elif isinstance(value, dict | list):
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)


def _table_text(proto: object, config: dict[str, dict[str, object]]) -> Iterator[str]:
    """A table's cells as shown: the Styler's text where a page gives one, else the values as the
    grid writes them (floats with a decimal point, dates without a format in ISO)."""
    data = pa.ipc.open_stream(io.BytesIO(proto.data)).read_all()  # type: ignore[attr-defined]
    shown = proto.styler.display_values  # type: ignore[attr-defined]
    styled = pa.ipc.open_stream(io.BytesIO(shown)).read_all() if shown else None
    for name, column in zip(data.column_names, data.columns, strict=True):
        formatted = (config.get(name) or config.get(f"_pos:{name}") or {}).get("type_config", {})
        if styled is not None and name in styled.column_names and not pa.types.is_temporal(column.type):
            yield from (str(v) for v in styled[name].to_pylist() if v not in (None, ""))
        elif pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            options = formatted.get("options") or []  # type: ignore[union-attr]
            shown_as = {o["value"]: o["label"] for o in options if isinstance(o, dict)}
            yield from (shown_as.get(v, v) for v in column.to_pylist() if v)
        elif pa.types.is_floating(column.type):
            yield from (f"{v:.2f}" for v in column.to_pylist() if v is not None and v != int(v))
        elif pa.types.is_date(column.type) and not formatted.get("format"):  # type: ignore[union-attr]
            yield from (str(v) for v in column.to_pylist() if v is not None)


def page_text(at: AppTest) -> list[str]:
    """Everything a user reads on the page, one string per element or label."""
    texts: list[str] = []
    stack = [at._tree]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "children", {}).values())
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "")
        if proto is None:
            continue
        if kind == "dataframe":
            arrow = proto.arrow_data if proto.arrow_data.data else proto.lazy_data.initial_chunk
            config = json.loads(proto.columns or "{}")
            texts.extend(_table_text(arrow, config))
            texts.extend(c.get("label") or "" for c in config.values() if isinstance(c, dict))
            continue
        if kind == "plotly_chart":
            texts.extend(_chart_text(proto.spec))
            continue
        if kind == "multiselect" and not proto.placeholder:
            texts.append(STREAMLIT_PLACEHOLDER)  # what the browser shows in an empty one
        for field in ("body", "label", "value", "help", "placeholder", "caption", "title"):
            value = getattr(proto, field, None)
            if isinstance(value, str):
                texts.append(value)
        for field in ("options", "default_value_labels"):
            values = getattr(proto, field, None)
            if values is not None and not isinstance(values, str | bytes):
                texts.extend(str(v) for v in values)
    return [t for t in texts if t]


def faults(texts: list[str]) -> list[str]:
    found = []
    phrases = english_phrases() | {STREAMLIT_PLACEHOLDER}
    for text in texts:
        found += [f"English: {p!r} in {text[:80]!r}" for p in phrases if p in text]
        found += [f"step code in {text[:80]!r}" for _ in STEP_CODES.finditer(text)]
        found += [f"None in {text[:80]!r}" for _ in NONE.finditer(text)]
        found += [f"dot decimal {m.group()!r} in {text[:80]!r}" for m in DOT_DECIMAL.finditer(text)]
        found += [f"ungrouped amount {m.group()!r} in {text[:80]!r}" for m in UNGROUPED.finditer(text)]
        found += [f"ISO date {m.group()!r} in {text[:80]!r}" for m in ISO_DATE.finditer(text)]
    return sorted(set(found))


def test_the_checks_catch_what_they_look_for() -> None:
    english = min(sorted(english_phrases()), key=len)
    assert faults(
        [f"xx {english} yy", "call_1", "None", "1,234.56 EUR", "€ 71627.40", "2026-11-20", "a rischio 71627,40"]
    ) == sorted(
        [
            "ungrouped amount '71627,40' in 'a rischio 71627,40'",
            "ISO date '2026-11-20' in '2026-11-20'",
            f"English: {english!r} in {f'xx {english} yy'!r}",
            "step code in 'call_1'",
            "None in 'None'",
            "dot decimal '1,234.56' in '1,234.56 EUR'",
            "dot decimal '71627.40' in '€ 71627.40'",
        ]
    )
    assert (
        faults(["1.234,56 EUR", "72,2%", "20/11/2026", "v1.67", "scadenzario_2026.11.xlsx", "crediti_2026-11-20.csv"])
        == []
    )


@pytest.mark.parametrize("page", PAGES)
def test_an_italian_page_reads_italian(sample: Store, page: str) -> None:
    at = start("it")
    at.switch_page(page).run()
    assert not at.exception
    found = faults(page_text(at))
    assert not found, "\n".join(found)


def test_the_sample_loaded_from_the_start_page_reads_italian() -> None:
    at = start("it")
    next(b for b in at.button if b.label == "Carica dati di esempio").click().run()
    assert not at.exception and at.success
    found = faults(page_text(at))
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "upload", [SAMPLE, SAMPLES.parent / "tests" / "corpus" / "bad" / "no_customer.xlsx"], ids=lambda p: p.name
)
def test_an_upload_reads_italian(upload: Path) -> None:
    at = start("it")
    at.switch_page("views/import_data.py").run()
    at.file_uploader[0].upload(upload.name, upload.read_bytes()).run()
    assert not at.exception
    found = faults(page_text(at))
    assert not found, "\n".join(found)


def test_the_settings_ladder_names_each_column_with_its_own_words() -> None:
    """A code can be a step, a channel and a template at once (call_1, agency): each column says it
    in its own words."""
    at = start("it")
    at.switch_page("views/settings.py").run()
    editor = next(d for d in at.dataframe if "template" in d.value.columns)
    config = json.loads(editor.proto.columns)
    labels = {
        column: {o["value"]: o["label"] for o in config[column]["type_config"]["options"]}
        for column in ("step", "channel", "template", "after")
    }
    assert labels["step"]["call_1"] == labels["after"]["call_1"] == "telefonata 1"
    assert labels["template"]["call_1"] == "traccia della telefonata 1"
    assert (labels["step"]["agency"], labels["channel"]["agency"]) == ("affido all'agenzia", "agenzia")
