"""House rules that no single unit test sees."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from lib import i18n
from tests.conftest import ROOT


def imports(path: object) -> set[str]:
    tree = ast.parse(path.read_text())  # type: ignore[attr-defined]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_lib_ui_imports_streamlit() -> None:
    ui = ROOT / "lib" / "ui"
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "lib").rglob("*.py")
        if ui not in p.parents and "streamlit" in imports(p)
    ]
    assert offenders == []


def test_modules_stay_small() -> None:
    """A newcomer reads a module in one sitting: UI modules under about 400 lines, lib's under about 500."""
    sizes = {p: len(p.read_text().splitlines()) for p in (ROOT / "lib").rglob("*.py")}
    ui = ROOT / "lib" / "ui"
    large = {str(p.relative_to(ROOT)): n for p, n in sizes.items() if n > (420 if ui in p.parents else 520)}
    assert large == {}


def test_no_row_wise_polars_in_lib() -> None:
    pattern = re.compile(r"map_elements|map_rows|iter_rows|\.apply\(")
    offenders = [str(p) for p in (ROOT / "lib").rglob("*.py") if pattern.search(p.read_text())]
    assert offenders == []


def test_every_page_is_registered_in_app() -> None:
    app = (ROOT / "app.py").read_text()
    for page in (ROOT / "views").glob("*.py"):
        assert f'"views/{page.name}"' in app, page.name


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


TABLES = [i18n.UI, i18n.FIELD_NAMES, i18n.ISSUES, i18n.FAILURES, i18n.ENGINE]


@pytest.mark.parametrize("table", TABLES, ids=lambda t: str(len(t)))
def test_translations_complete_with_same_placeholders(table: dict[str, tuple[str, str]]) -> None:
    for key, (italian, english) in table.items():
        assert italian.strip() and english.strip(), key
        assert placeholders(italian) == placeholders(english), key


def test_every_ui_key_used_exists() -> None:
    used: set[str] = set()
    for path in [ROOT / "app.py", *(ROOT / "views").glob("*.py"), *(ROOT / "lib" / "ui").glob("*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_0-9]+)["']""", path.read_text()))
    assert used, "no t() calls found"
    assert used - set(i18n.UI) == set()


def test_every_failure_code_raised_is_translated() -> None:
    raised: set[str] = set()
    for path in (ROOT / "lib").rglob("*.py"):
        raised |= set(re.findall(r"""ImportFailed\(\s*["'](\w+)["']""", path.read_text()))
    assert raised and raised - set(i18n.FAILURES) == set()


def test_every_issue_code_is_translated() -> None:
    found: set[str] = set()
    for path in (ROOT / "lib" / "ingest").rglob("*.py"):
        found |= set(re.findall(r"""["'](?:error|warning|info)["'],\s*["'](\w+)["']""", path.read_text()))
        found |= set(re.findall(r"""pl\.lit\(["'](\w+)["']\)\.alias\("code"\)""", path.read_text()))
    found -= {"error", "warning", "info"}  # the severity tuple itself
    assert found and found - set(i18n.ISSUES) == set()


def test_streamlit_config_is_a_product_not_a_demo() -> None:
    config = (ROOT / ".streamlit" / "config.toml").read_text()
    for setting in (
        'toolbarMode = "viewer"',
        'showErrorDetails = "none"',
        "gatherUsageStats = false",
        "headless = true",
        "maxUploadSize = 50",
    ):
        assert setting in config


CLOCK_READS = {"date": {"today"}, "datetime": {"today", "now", "utcnow"}, "time": {"time", "time_ns", "localtime"}}
SQL_CLOCK = re.compile(r"CURRENT_(DATE|TIME|TIMESTAMP)|\b(date|time|datetime)\(\s*'now'", re.IGNORECASE)


def clock_reads(path: object) -> list[str]:
    """Where a module reads the system date or time: `date.today()`, `datetime.now()`, `time.time()`,
    SQL's CURRENT_TIMESTAMP / 'now', or a date_input without a value (Streamlit's default is today)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):  # type: ignore[attr-defined]
        if isinstance(node, ast.Attribute):
            owner = node.value.attr if isinstance(node.value, ast.Attribute) else getattr(node.value, "id", "")
            if node.attr in CLOCK_READS.get(owner, ()):
                found.append(f"{owner}.{node.attr} on line {node.lineno}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_CLOCK.search(node.value):
            found.append(f"SQL clock on line {node.lineno}")
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "date_input" and node.args:
            # st.date_input(label, ...), not AppTest's at.date_input(key=...)
            values = [k.value for k in node.keywords if k.arg == "value"]
            if not values or (isinstance(values[0], ast.Constant) and values[0].value in ("today", "now")):
                found.append(f"date_input defaulting to today on line {node.lineno}")
    return found


def test_only_the_clock_reads_the_system_date() -> None:
    """The suite passed on the day it was written and failed a week later: "today" comes from
    lib/clock.py alone (pinned by SOLLECITO_TODAY), in the app, the CLI, the benchmarks and the tests."""
    allowed = {ROOT / "lib" / "clock.py", Path(__file__)}  # the clock, and this rule's own examples
    folders = ("lib", "views", "bench", "sample_data", "tests")
    sources = [ROOT / "app.py", *(p for folder in folders for p in (ROOT / folder).rglob("*.py"))]
    sources = [p for p in sources if p not in allowed]
    offenders = {str(p.relative_to(ROOT)): reads for p in sources if (reads := clock_reads(p))}
    assert offenders == {}


def test_the_clock_rule_sees_each_way_of_reading_the_date(tmp_path: object) -> None:
    sample = tmp_path / "sample.py"  # type: ignore[operator]
    sample.write_text(
        "import datetime as dt, time\nfrom datetime import date\n"
        "a = dt.date.today()\nb = date.today()\nc = dt.datetime.now()\nd = time.time()\n"
        'e = "SELECT CURRENT_TIMESTAMP"\nf = "INSERT INTO t VALUES (datetime(\'now\'))"\n'
        "st.date_input('Day')\nst.date_input('Day', value='today')\nst.date_input('Day', value=day)\n"
    )
    assert len(clock_reads(sample)) == 8
