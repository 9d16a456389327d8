"""House rules that no single unit test sees."""

from __future__ import annotations

import ast
import re
import string

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


def test_only_ui_imports_streamlit() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "lib").rglob("*.py")
        if p.name != "ui.py" and "streamlit" in imports(p)
    ]
    assert offenders == []


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
    for path in [ROOT / "app.py", *(ROOT / "views").glob("*.py"), ROOT / "lib" / "ui.py"]:
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
