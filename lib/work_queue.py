"""The week's list worked one account at a time: the queue's order, the account it stands on, the
outcomes offered for a step and what each writes to the log.

The queue is the weekly list (lib.weekly.action_list, through lib.book.Book.week), in priority
order, less the accounts worked in this session, with the skipped ones moved to the end in the
order they were skipped. Its position is an account's key (customer, currency), never an index:
when the list re-ranks under it (a promise moves an account off the list), the same account stays
shown, and anything recorded lands on the account the user saw.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import polars as pl

from lib import actionlog
from lib.policy import CAPACITY_OF_CHANNEL

Key = tuple[str, str]  # (customer_id, currency)

# The one-click outcomes: a call not answered, a promise (amount and date), a dispute on
# documents, a plan asked for (then the simulator opens on the account), a letter sent.
OUTCOMES = ("no_answer", "promised", "disputed", "plan", "sent")


def order(keys: Sequence[Key], worked: Collection[Key], skipped: Sequence[Key]) -> list[Key]:
    """The accounts still to work: `keys` (the week's list, in priority order) without those
    `worked`, the `skipped` ones last, in the order they were skipped."""
    waiting = [k for k in keys if k not in worked]
    later = [k for k in dict.fromkeys(skipped) if k in waiting]
    return [k for k in waiting if k not in later] + later


def current(queue: Sequence[Key], at: Key | None) -> Key | None:
    """The account shown: the one the queue stood on while it is still waiting, else the head."""
    if at in queue:
        return at
    return queue[0] if queue else None


def worked_keys(log: actionlog.Log, day: dt.date, keys: Sequence[Key]) -> set[Key]:
    """The accounts among `keys` that something was recorded on for `day` (a step, a promise, a
    dispute): worked already, whichever session or page recorded it. A step without a currency and
    a dispute (on documents, not an account) count for each of the customer's accounts."""
    if not keys:
        return set()
    wanted = pl.DataFrame(list(keys), schema=["customer_id", "currency"], orient="row")
    touched = pl.concat(
        [
            log.action.filter(pl.col("date") == day).select("customer_id", "currency"),
            log.promise.filter(pl.col("made_on") == day).select("customer_id", "currency"),
            log.dispute.filter(pl.col("opened_on") == day).select(
                "customer_id", pl.lit(None, pl.String).alias("currency")
            ),
        ]
    ).rename({"currency": "touched"})
    hit = wanted.join(touched, on="customer_id").filter(
        pl.col("touched").is_null() | (pl.col("touched") == pl.col("currency"))
    )
    return set(hit.select("customer_id", "currency").rows())


def outcomes_for(channel: str | None) -> tuple[str, ...]:
    """The outcomes offered for a step that goes by the policy's `channel`: a call can go unanswered
    or end in a plan asked for, a letter is sent; anyone can promise or dispute."""
    kind = CAPACITY_OF_CHANNEL.get(channel or "")
    if kind == "calls":
        return ("no_answer", "promised", "disputed", "plan")
    if kind == "letters":
        return ("sent", "promised", "disputed")
    return ("promised", "disputed")


def outcome_entries(
    outcome: str, account: Mapping[str, Any], values: Mapping[str, Any], on: dt.date, operator: str | None
) -> tuple[list[actionlog.Entry], str | None]:
    """What an outcome on `account` (an engine row: customer_id, currency, step, channel, pec,
    open_cents) writes, as (table, row) pairs, or none and why (actionlog.ENTRY_PROBLEMS, `amount`).

    `promised` takes `amount_cents` and `promised_date`, `disputed` takes `doc_numbers` and a
    `reason`; the others take nothing. A call unanswered or ending in a plan asked for is the step
    done by phone; a letter sent goes by the first way its channel allows (actionlog.sent_letters).
    """
    customer, currency = str(account["customer_id"]), str(account["currency"])
    who = {"operator": operator or None}
    if outcome == "promised":
        if int(values.get("amount_cents") or 0) <= 0:
            return [], "amount"
        promise = {"currency": currency, "made_on": on, "promised_date": values["promised_date"],
                   "amount_cents": int(values["amount_cents"]), "baseline_open_cents": int(account["open_cents"] or 0),
                   "note": values.get("note") or None}  # fmt: skip
        return actionlog.entries("promise", customer, promise | who)
    if outcome == "disputed":
        dispute = {"doc_numbers": list(values.get("doc_numbers") or []), "opened_on": on,
                   "reason": values.get("reason") or None}  # fmt: skip
        return actionlog.entries("dispute", customer, dispute | who)
    if outcome in ("no_answer", "plan"):
        done = "no_answer" if outcome == "no_answer" else "asked_plan"
        step = {"step": account["step"], "date": on, "channel": "phone", "outcome": done, "note": None,
                "currency": currency}  # fmt: skip
        return actionlog.entries("step", customer, step | who)
    if outcome == "sent":
        listed = pl.DataFrame([{k: account.get(k) for k in ("customer_id", "step", "channel", "currency", "pec")}])
        row = actionlog.sent_letters(listed.cast(pl.String), on).row(0, named=True)
        return [("action", row | who)], None
    msg = f"unknown outcome {outcome!r}"
    raise ValueError(msg)


def open_promises(promises: pl.DataFrame, key: Key, as_of: dt.date, grace_days: int) -> pl.DataFrame:
    """The account's promises not yet checked against a snapshot: due (with the grace days) on or
    after `as_of`, soonest first (the log as it counts: voided ones are gone)."""
    customer, currency = key
    return promises.filter(
        pl.col("customer_id") == customer,
        pl.col("currency") == currency,
        (pl.col("promised_date") + pl.duration(days=grace_days)) >= as_of,
    ).sort("promised_date")


def open_plans(plans: pl.DataFrame, key: Key) -> pl.DataFrame:
    """The account's agreed plans not closed (completed, defaulted or cancelled), newest first."""
    customer, currency = key
    return plans.filter(
        pl.col("customer_id") == customer, pl.col("currency") == currency, pl.col("closed_on").is_null()
    ).sort("agreed_on", descending=True)
