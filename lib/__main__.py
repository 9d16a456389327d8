"""Command line: `python -m lib summary FILE [--as-of YYYY-MM-DD] [--sheet NAME] [--save]`.

Prints one JSON object to stdout and exits 0; for a file that cannot be imported, prints one
line to stderr and exits 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from lib.ageing import totals_by_currency
from lib.ingest import ImportFailed, import_file
from lib.store import Store


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from error


def summary(path: Path, as_of: dt.date | None, sheet: str | None, save: bool) -> dict[str, object]:
    """The summary object of one file; ImportFailed when it cannot be imported."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFailed("unreadable", file=path.name, error=error.strerror or str(error)) from error
    imported = import_file(data, path.name, as_of=as_of, sheet=sheet)
    report = imported.report
    if report.as_of is None:
        raise ImportFailed("no_as_of_cli", file=path.name)
    totals = totals_by_currency(imported.items.lazy(), report.as_of)
    result: dict[str, object] = {
        "as_of": report.as_of.isoformat(),
        "items": imported.items.height,
        "customers": imported.items["customer_id"].n_unique(),
        "open_cents": dict(zip(totals["currency"], totals["open_cents"], strict=True)),
        "overdue_cents": dict(zip(totals["currency"], totals["overdue_cents"], strict=True)),
        "estimated_due_dates": report.estimated_due_dates,
        "issues": report.issues.select("sheet", "row", "column", "code", "message").to_dicts(),
        "reconciliation": report.reconciliation.to_dicts(),
    }
    if save:
        saved = Store.open().save_snapshot(imported)
        result["snapshot_id"] = saved.snapshot_id
        result["already_saved"] = saved.duplicate
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    cmd = commands.add_parser("summary", help="import an ageing report and print its totals as JSON")
    cmd.add_argument("file", type=Path)
    cmd.add_argument("--as-of", type=_date, help="report date, overriding the one in the file")
    cmd.add_argument("--sheet", help="sheet to read (default: the one that looks like an ageing report)")
    cmd.add_argument("--save", action="store_true", help="store the snapshot in the workspace")
    args = parser.parse_args(argv)
    try:
        result = summary(args.file, args.as_of, args.sheet, args.save)
    except ImportFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
