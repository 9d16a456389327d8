"""Formal demands by raccomandata A/R, for the accounts without a PEC address (or whose PEC did
not take the letter: lib.mail.tracking): which of the week's letters go by post, and the action
rows that log each as sent once the user has the raccomandata's number and date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from lib.actionlog import Entry
from lib.ageing import ACCOUNT
from lib.letters import Letter

BY_POST = ("formal_demand",)  # the letters that go by raccomandata when there is no PEC address
PROBLEMS = ("date",)  # lib.i18n: post.need_<problem>


@dataclass(frozen=True)
class Posted:
    """One raccomandata as the user records it."""

    customer_id: str
    currency: str
    number: str
    on: dt.date | None


def by_post(letters: Sequence[Letter], contacts: pl.DataFrame) -> list[Letter]:
    """The letters of BY_POST kinds to accounts with no PEC address (`contacts`: customer_id,
    currency, pec; a blank PEC, as a bounced one is, counts as none), in their order."""
    no_pec = contacts.filter(pl.col("pec").fill_null("").str.strip_chars() == "").select(ACCOUNT).rows()
    wanted = set(no_pec)
    return [x for x in letters if x.kind in BY_POST and (x.customer_id, x.currency) in wanted]


def entries(
    posted: Sequence[Posted], note: str, today: dt.date, operator: str | None
) -> tuple[list[Entry], list[tuple[str, str]]]:
    """The action rows (letter 2 by raccomandata, sent on the day it was posted, the number in the
    note: `note` with `{number}`) of the raccomandate with a number; (customer_id, problem) for one
    with a number but no date or a date to come. Rows without a number are not posted yet: skipped."""
    rows: list[Entry] = []
    problems: list[tuple[str, str]] = []
    for one in posted:
        number = one.number.strip()
        if not number:
            continue
        if one.on is None or one.on > today:
            problems.append((one.customer_id, "date"))
            continue
        rows.append(
            ("action", {"customer_id": one.customer_id, "currency": one.currency, "step": "letter_2",
                        "date": one.on, "channel": "raccomandata", "outcome": "sent", "operator": operator,
                        "note": note.replace("{number}", number)})
        )  # fmt: skip
    return rows, problems
