"""The letters' wording: finding a template, reading it, filling its `$placeholders`, and the
table labels of `labels.toml`.

The wording lives in `templates/letters/<lang>/<kind>.txt` (first line: the subject) and the
table labels in `templates/letters/<lang>/labels.toml`; see `templates/letters/README.md`. A table
placeholder (`$documents_table`, …) is filled with a marker that `blocks` turns back into the table.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lib.letters.messages import LetterError

if TYPE_CHECKING:
    from lib.letters.tables import Table

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "letters"
_TABLE = re.compile("\x00(\\w+)\x00")  # where a table block stands in the filled template


def template_path(template_dir: Path, lang: str, kind: str, diffida: bool) -> Path:
    """The template of `kind` in `lang`; a formal demand written as a diffida has its own."""
    name = "formal_demand_diffida" if kind == "formal_demand" and diffida else kind
    return template_dir / lang / f"{name}.txt"


def read_template(path: Path, lang: str) -> string.Template:
    """The template at `path`; LetterError when it is missing, empty or has a stray `$`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise LetterError("template_missing", lang, path=path) from error
    if not text.strip():
        raise LetterError("template_empty", lang, path=path)
    template = string.Template(text.lstrip("\ufeff"))
    if not template.is_valid():
        try:
            template.substitute({name: "" for name in template.get_identifiers()})
        except ValueError as error:
            raise LetterError("syntax", lang, path=path, error=error) from error
    return template


def slot(table: str) -> str:
    """What a table placeholder is filled with, for `blocks` to find."""
    return f"\x00{table}\x00"


def fill(path: Path, template: string.Template, values: Mapping[str, str], lang: str) -> tuple[str, str]:
    """(subject, body) of the filled template; every placeholder must be one of `values`."""
    unknown = [name for name in template.get_identifiers() if name not in values]
    if unknown:
        names = ", ".join(f"${name}" for name in unknown)
        known = ", ".join(f"${name}" for name in sorted(values))
        raise LetterError("placeholder", lang, path=path, names=names, known=known)
    text = template.substitute(values).replace("\r\n", "\n")
    subject, _, body = text.partition("\n")
    return _TABLE.sub("", subject).strip(), body


def blocks(filled: str, tables: Mapping[str, Table]) -> tuple[str | Table, ...]:
    """Text paragraphs and tables in order; runs of blank lines shrink to one."""
    found: list[str | Table] = []
    for i, part in enumerate(_TABLE.split(filled)):
        if i % 2:
            found.append(tables[part])
            continue
        text = "\n".join(line.rstrip() for line in part.splitlines())
        text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
        if text.strip():
            found.append(text)
    return tuple(found)


def labels(template_dir: Path, lang: str) -> Labels:
    """The `labels.toml` of `lang`; LetterError when it cannot be read."""
    path = template_dir / lang / "labels.toml"
    try:
        with path.open("rb") as handle:
            values = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise LetterError("labels", lang, path=path, error=error) from error
    return Labels(path, lang, values)


class Labels(dict[str, Any]):
    """labels.toml with a clear error for a missing label: `labels("columns", "due_date")`."""

    def __init__(self, path: Path, lang: str, values: dict[str, Any]) -> None:
        super().__init__(values)
        self.path, self.lang = path, lang

    def section(self, name: str) -> dict[str, str]:
        table = self.get(name)
        if not isinstance(table, dict):
            raise LetterError("labels", self.lang, path=self.path, error=f"no [{name}] table")
        return {key: str(value) for key, value in table.items()}

    def __call__(self, section: str, key: str) -> str:
        try:
            return str(self[section][key])
        except (KeyError, TypeError) as error:
            raise LetterError("labels", self.lang, path=self.path, error=f"no [{section}] {key}") from error
