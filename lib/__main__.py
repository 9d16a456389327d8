"""Command line for headless use; every command prints one JSON object to stdout and exits 0.

    python -m lib summary FILE [--as-of YYYY-MM-DD] [--sheet NAME] [--save [--ledger NAME] [--replace]]
    python -m lib actions (FILE [--ledger NAME] | --snapshot ID) [--week 2026-W48] [--as-of YYYY-MM-DD]
                          [--capacity calls=40,letters=25] [--out list.xlsx] [--lang en|it]
    python -m lib interest --capital 10000.00 --due YYYY-MM-DD --until YYYY-MM-DD
                           [--consumer] [--contract-date YYYY-MM-DD]
    python -m lib plan --claim 10000.00 [--down 2000.00] --instalments 6 --first YYYY-MM-DD
                       [--frequency monthly|biweekly|quarterly] [--rate 0] [--method annuity|equal_capital]
    python -m lib check [--repair] | backup FILE | restore FILE    (lib/workspace_cli.py)
    python -m lib workspace copy --to URL|FOLDER [--from URL|FOLDER]
    python -m lib receipts FILE.eml [FILE.eml ...]   (a JSON list: one entry per PEC receipt)
    python -m lib users add NAME --role ROLE [--no-password] | remove NAME | list   (lib/users_cli.py)

When the input cannot be used (a wrong argument, a file that cannot be imported, an unknown
snapshot, a policy that does not hold, a damaged workspace), one line goes to stderr and the exit
status is 2, whatever the failure. Output piped into a reader that stops early ends quietly.
`check` exits 1 when it finds something wrong with the workspace.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import NoReturn

import polars as pl

from lib import db, users_cli, workspace_cli
from lib.ageing import totals_by_currency
from lib.book import file_book, read_book
from lib.exports import action_list_xlsx
from lib.ingest import ImportFailed, import_file
from lib.ingest.values import MAX_AMOUNT_CENTS
from lib.interest import late_interest
from lib.ledgers import DEFAULT_LEDGER
from lib.mail.receipts import receipts_json
from lib.plans import FREQUENCIES, METHODS, schedule, totals
from lib.policy import PolicyError, load_policy
from lib.store import SameDate, Store
from lib.users import UsersError
from lib.weekly import iso_week, week_bounds


class Unusable(Exception):
    """Input the command cannot work with; the message is the one line the user sees."""


# What a command reports in one line with exit status 2 (a database's error: either backend's).
FAILURES: tuple[type[Exception], ...] = (ImportFailed, Unusable, PolicyError, UsersError, OSError, *db.ERRORS)


class _Parser(argparse.ArgumentParser):
    """A wrong argument is one line on stderr too (argparse would print the usage first)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see --help)\n")


# Dates an argument may give: wide enough for any contract, payment or plan, narrow enough that
# date arithmetic (a day after, a year of periods) never leaves the calendar.
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


def _date(text: str) -> dt.date:
    try:
        date = dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from error
    if not EARLIEST <= date <= LATEST:
        raise argparse.ArgumentTypeError(f"{text!r} is outside {EARLIEST} to {LATEST}")
    return date


def _cents(text: str) -> int:
    try:
        amount = Decimal(text)
    except InvalidOperation as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not an amount like 10000.00") from error
    if amount.is_finite() and amount * 100 >= MAX_AMOUNT_CENTS:  # before quantize, which fails on 1e30
        raise argparse.ArgumentTypeError(f"{text!r} is over the largest amount, {MAX_AMOUNT_CENTS // 100 - 1}.99")
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive amount with at most two decimals")
    return int(amount * 100)


def _rate(text: str) -> Decimal:
    try:
        rate = Decimal(text)
    except InvalidOperation as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a yearly rate in percent like 6.5") from error
    if not 0 <= rate < 100:
        raise argparse.ArgumentTypeError(f"{text!r}: the yearly rate must be from 0 to 100 percent")
    return rate


def _count(text: str) -> int:
    """A number of instalments, up to the default policy's [offers] max_instalments (`plan` needs
    no workspace)."""
    most = load_policy().offers.max_instalments
    if not text.isdigit() or not 1 <= int(text) <= most:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of instalments from 1 to {most}")
    return int(text)


def plan(args: argparse.Namespace) -> dict[str, object]:
    """An instalment plan's schedule and totals."""
    if args.down >= args.claim:
        raise Unusable("the down payment must be less than the claim")
    frame = schedule(
        args.claim,
        args.instalments,
        args.first,
        frequency=args.frequency,
        down_cents=args.down,
        rate_pct=args.rate,
        method=args.method,
    )
    return {"schedule": _jsonable(frame.drop("residual_cents")), "totals": totals(frame)}


def _week(text: str) -> str:
    try:
        week_bounds(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
    return text


def _capacity(text: str) -> dict[str, int]:
    limits: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        if name not in ("calls", "letters") or not value.isdigit():
            raise argparse.ArgumentTypeError(f"{part!r}: write calls=N,letters=N")
        limits[name] = int(value)
    return limits


def _read(path: Path, as_of: dt.date | None, sheet: str | None = None):
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFailed("unreadable", file=path.name, error=error.strerror or str(error)) from error
    imported = import_file(data, path.name, as_of=as_of, sheet=sheet)
    if imported.report.as_of is None:
        raise ImportFailed("no_as_of_cli", file=path.name)
    return imported


def actions(args: argparse.Namespace) -> dict[str, object]:
    """The weekly action list of a file (not stored) or of a stored snapshot, from the same
    composition root as the pages (lib/book.py): the workspace's policy and capacity, and the
    steps, promises and plans logged up to today."""
    store = Store.open()
    try:
        book = (
            file_book(store, _read(args.file, args.as_of), ledger=args.ledger)
            if args.file is not None
            else read_book(store, snapshot_id=args.snapshot, as_of=args.as_of)
        )
    except KeyError:
        book = None
    if book is None:
        raise Unusable(f"there is no snapshot {args.snapshot} in {store.home}")
    if book.policy_error is not None:  # as on the pages: the defaults, and a warning
        print(f"warning: the saved policy does not hold ({book.policy_error}); the defaults are used", file=sys.stderr)
    week = args.week or iso_week(book.as_of)
    listed, left = book.week(week, args.capacity, lang=args.lang)
    if args.out:
        args.out.write_bytes(action_list_xlsx(listed, left, args.lang))
    return {"week": week, "as_of": book.as_of.isoformat(), "actions": _jsonable(listed), "not_fitting": _jsonable(left)}


def _jsonable(frame: pl.DataFrame) -> list[dict[str, object]]:
    dates = [name for name, dtype in frame.schema.items() if dtype == pl.Date]
    return frame.with_columns(pl.col(dates).dt.to_string("%Y-%m-%d")).to_dicts()


def summary(
    path: Path,
    as_of: dt.date | None,
    sheet: str | None,
    save: bool,
    ledger: str = DEFAULT_LEDGER,
    replace: bool = False,
) -> dict[str, object]:
    """The summary object of one file; ImportFailed when it cannot be imported."""
    imported = _read(path, as_of, sheet)
    report = imported.report
    assert report.as_of is not None
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
        try:
            saved = Store.open().save_snapshot(imported, ledger, replace=replace)
        except SameDate as clash:
            raise Unusable(f"{clash}: add --replace to replace it") from clash
        result["snapshot_id"] = saved.snapshot_id
        result["already_saved"] = saved.duplicate
        result["ledger"] = saved.ledger
        result["replaced"] = list(saved.replaced)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m lib", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    cmd = commands.add_parser("summary", help="import an ageing report and print its totals as JSON")
    cmd.add_argument("file", type=Path)
    cmd.add_argument("--as-of", type=_date, help="report date, overriding the one in the file")
    cmd.add_argument("--sheet", help="sheet to read (default: the one that looks like an ageing report)")
    cmd.add_argument("--save", action="store_true", help="store the snapshot in the workspace")
    cmd.add_argument("--ledger", default=DEFAULT_LEDGER, help="the ledger (company) to store it in")
    cmd.add_argument("--replace", action="store_true", help="replace the ledger's snapshot of the same date")
    cmd = commands.add_parser("actions", help="the weekly action list as JSON (and optionally xlsx)")
    source = cmd.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", type=Path, help="an ageing report, read without storing it")
    source.add_argument("--snapshot", type=int, help="a stored snapshot's id")
    cmd.add_argument("--ledger", default=DEFAULT_LEDGER, help="the ledger a FILE is compared with")
    cmd.add_argument("--week", type=_week, help="ISO week like 2026-W48 (default: the as-of date's week)")
    cmd.add_argument("--as-of", type=_date, help="report date (default: the file's or the snapshot's)")
    cmd.add_argument("--capacity", type=_capacity, help="weekly capacity, e.g. calls=40,letters=25")
    cmd.add_argument("--out", type=Path, help="also write the list as a formatted xlsx")
    cmd.add_argument("--lang", choices=("en", "it"), default="en", help="language of the rule traces")
    cmd = commands.add_parser("interest", help="late-payment interest (D.Lgs. 231/2002) on one debt as JSON")
    cmd.add_argument("--capital", type=_cents, required=True, help="amount, e.g. 10000.00")
    cmd.add_argument("--due", type=_date, required=True)
    cmd.add_argument("--until", type=_date, required=True, help="last day of interest, included")
    cmd.add_argument("--consumer", action="store_true", help="a consumer debt: legal rate, no EUR 40")
    cmd.add_argument("--contract-date", type=_date, help="contracts before 2013 take 7 points instead of 8")
    cmd = commands.add_parser("plan", help="an instalment plan's schedule as JSON")
    cmd.add_argument("--claim", type=_cents, required=True, help="the amount owed, e.g. 10000.00")
    cmd.add_argument("--down", type=_cents, default=0, help="down payment, e.g. 2000.00 (instalment 0)")
    cmd.add_argument("--instalments", type=_count, required=True)
    cmd.add_argument("--frequency", choices=tuple(FREQUENCIES), default="monthly")
    cmd.add_argument("--first", type=_date, required=True, help="due date of the first instalment")
    cmd.add_argument("--rate", type=_rate, default=Decimal(0), help="yearly nominal rate in percent (rate/12 monthly)")
    cmd.add_argument("--method", choices=METHODS, default="annuity")
    workspace_cli.add_commands(commands)
    users_cli.add_commands(commands)
    cmd = commands.add_parser("receipts", help="PEC receipts (.eml) as a JSON list: kind, time, Message-ID")
    cmd.add_argument("files", nargs="+", type=Path, metavar="FILE.eml")
    args = parser.parse_args(argv)
    result: dict[str, object] | list[dict[str, str | None]]  # receipts: a list
    try:
        if args.command == "summary":
            result = summary(args.file, args.as_of, args.sheet, args.save, args.ledger, args.replace)
        elif args.command == "actions":
            result = actions(args)
        elif args.command == "plan":
            result = plan(args)
        elif args.command in workspace_cli.COMMANDS:
            result = workspace_cli.run(args)
        elif args.command in users_cli.COMMANDS:
            result = users_cli.run(args)
        elif args.command == "receipts":
            result = receipts_json(args.files)
        else:  # interest
            result = late_interest(
                args.capital, args.due, args.until, consumer=args.consumer, contract_date=args.contract_date
            ).to_dict()
    except FAILURES as error:
        return _failed(str(error))
    except pl.exceptions.PolarsError as error:
        return _failed(f"the data could not be processed ({type(error).__name__}: {error})")
    except Exception as error:  # the contract holds for our own bugs too: one line, exit 2
        return _failed(f"unexpected {type(error).__name__}: {error}")
    try:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        print(flush=True)
    except BrokenPipeError:  # `| head` stopped reading: end quietly (as the Python docs advise)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return workspace_cli.status(result)


def _failed(message: str) -> int:
    """One line on stderr (a polars or sqlite message may span several) and exit status 2."""
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
