"""House rules that no single unit test sees."""

from __future__ import annotations

import ast
import dataclasses
import re
import string
import typing
from pathlib import Path

import pytest

from lib import i18n
from lib.policy_types import Policy
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
        "disableDataExport = true",
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


POLICY_TABLE = re.compile(r"^\[(\[?)([\w.]+)\]\]?$")
POLICY_KEY = re.compile(r"^(\w+) = \S")


def policy_keys(text: str) -> dict[str, list[int]]:
    """config/policy.toml's keys as dotted paths (a key of an array of tables once, without an
    index), each with the numbers of the lines that set it without an explanation.

    A key is explained by a comment on its own line or on the line directly above it; in a run of
    keys under one comment (the file's style: a_max, b_max, c_max), the comment names the keys
    after the first. A key of an array of tables ([[tracks.*.ladder]]) is explained by the legend
    that lists it (a comment line `#   key   …`).
    """
    lines = text.splitlines()
    legend = {m[1] for line in lines if (m := re.match(r"^#\s{2,}(\w+)\s", line))}
    keys: dict[str, list[int]] = {}
    table, array = "", False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if header := POLICY_TABLE.match(line):
            table, array = header[2], bool(header[1])
            continue
        key = POLICY_KEY.match(line)
        assert key, f"config/policy.toml line {number}: one `key = value` per line"
        above = number - 2  # the line above, as an index
        while above >= 0 and POLICY_KEY.match(lines[above]):
            above -= 1
        comment = []
        while above >= 0 and lines[above].startswith("#"):
            comment.append(lines[above])
            above -= 1
        explained = (
            (array and key[1] in legend)
            or " # " in line
            or (not array and lines[number - 2].startswith("#"))
            or (not array and re.search(rf"\b{key[1]}\b", "\n".join(comment)) is not None)
        )
        keys.setdefault(f"{table}.{key[1]}", []).extend([] if explained else [number])
    return keys


def policy_fields(cls: type, prefix: str = "") -> set[str]:
    """The dotted paths of every field of the policy's dataclasses (a list of steps: its Step's fields)."""
    paths: set[str] = set()
    for name, hint in typing.get_type_hints(cls).items():
        inner = typing.get_args(hint)[0] if typing.get_origin(hint) is tuple else hint
        if dataclasses.is_dataclass(inner):
            paths |= policy_fields(inner, f"{prefix}{name}.")  # type: ignore[arg-type]
        else:
            paths.add(f"{prefix}{name}")
    return paths


def test_every_policy_field_is_a_key_explained_in_the_policy_file() -> None:
    """One truth per rule: each value of the policy lives in config/policy.toml with its
    explanation, never in code, and the file holds nothing the code does not read."""
    keys = policy_keys((ROOT / "config" / "policy.toml").read_text())
    fields = policy_fields(Policy)
    assert sorted(fields - set(keys)) == [], "fields with no key in config/policy.toml"
    assert sorted(set(keys) - fields) == [], "keys of config/policy.toml no field reads"
    assert {key: lines for key, lines in keys.items() if lines} == {}, "keys with no comment explaining them"


def test_the_policy_file_rule_sees_a_key_nobody_explained() -> None:
    text = (
        "[weekly]\n# Capacity: calls and `letters`.\ncalls = 40\nletters = 25\nurgency = 2.0\n\n"
        "cap = 1\nhalf = 1 # halved\n#   step  the step\n[[tracks.fast.ladder]]\nstep = 'a'\ngap = 0\n"
    )
    unexplained = {key: lines for key, lines in policy_keys(text).items() if lines}
    assert unexplained == {"weekly.urgency": [5], "weekly.cap": [7], "tracks.fast.ladder.gap": [12]}
