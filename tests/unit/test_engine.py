"""lib/engine.py: the next step with disputes, promises and holds laid over the ladder, and its trace."""

from __future__ import annotations

import dataclasses
import datetime as dt

import polars as pl
import pytest

from lib import actionlog
from lib.actionlog import Log
from lib.engine import RESULT, evaluate
from lib.explain import in_words
from lib.policy import load_policy
from tests.conftest import SAMPLES
from tests.unit.frames import AS_OF, days_ago, items

POLICY = load_policy()
NOV = {day: dt.date(2026, 11, day) for day in range(1, 31)}


_log = Log.of


def _one(frame_: pl.DataFrame, log: Log | None = None, history: pl.LazyFrame | None = None, lang: str = "en") -> dict:
    result = in_words(evaluate(frame_, AS_OF, POLICY, log, history), POLICY, lang)
    assert result.height == 1
    return result.row(0, named=True)


def test_trace_explains_the_date_the_track_and_the_age() -> None:
    # One invoice of 2,000.00 due 45 days ago (6 Oct), dated recently: active; rating 10 (45 days)
    # + 15 (100% overdue) + 5 (2,000.00 at risk) = 30 → C → standard track.
    # Letter 1 sent 6 Nov, call 2 made 9 Nov: letter 2 counts from letter 1, at the later of
    # 6 Oct + 40 = 15 Nov and 6 Nov + 10 = 16 Nov.
    invoice = items(open_cents=[200_000], due_date=[days_ago(45)], doc_date=[days_ago(75)])
    log = _log(action=[
        {"customer_id": "C1", "step": "call_1", "date": NOV[1] - dt.timedelta(days=11)},
        {"customer_id": "C1", "step": "letter_1", "date": NOV[6]},
        {"customer_id": "C1", "step": "call_2", "date": NOV[9]},
    ])  # fmt: skip
    row = _one(invoice, log)
    assert (row["step"], row["due_date"], row["rating"], row["track"], row["late_days"]) == (
        "letter_2", NOV[16], "C", "standard", 4,
    )  # fmt: skip
    assert row["trace"] == (
        "letter 2 (formal demand) due 16 Nov 2026: letter 1 (reminder) done 06 Nov 2026 + 10 days; "
        "oldest document 45 days overdue; standard track because active, rating C"
    )
    italian = _one(invoice, log, lang="it")["trace"]
    assert italian == (
        "lettera 2 (diffida) entro il 16/11/2026: lettera 1 (sollecito) fatta il 06/11/2026 + 10 giorni; "
        "documento più vecchio scaduto da 45 giorni; percorso standard perché attivo, rating C"
    )


def test_every_overdue_document_disputed_means_resolve_the_dispute() -> None:
    invoice = items(open_cents=[50_000], due_date=[days_ago(30)])
    row = _one(invoice, _log(dispute=[{"customer_id": "C1", "doc_number": "F1", "opened_on": NOV[10]}]))
    # Resolve within the policy's 14 review days: 10 + 14 = 24 November.
    assert (row["step"], row["due_date"], row["pursued_cents"], row["disputed_cents"]) == (
        "resolve_dispute", NOV[24], 0, 50_000,
    )  # fmt: skip
    assert "every overdue document is disputed (since 10 Nov 2026) + 14 days" in row["trace"]


def test_a_disputed_document_is_left_out_of_the_chase() -> None:
    # F1 (90 days, disputed) and F2 (20 days): the ladder ages on F2 alone: call 1 at F2 + 15.
    invoices = items(open_cents=[80_000, 30_000], due_date=[days_ago(90), days_ago(20)])
    row = _one(invoices, _log(dispute=[{"customer_id": "C1", "doc_number": "F1", "opened_on": NOV[2]}]))
    assert (row["step"], row["due_date"], row["oldest_days"], row["pursued_cents"]) == (
        "call_1", days_ago(5), 20, 30_000,
    )  # fmt: skip
    assert "disputed documents left out" in row["trace"]


def test_an_open_promise_pauses_escalation_until_its_deadline() -> None:
    invoice = items(open_cents=[50_000], due_date=[days_ago(60)])
    promise = {"customer_id": "C1", "currency": "EUR", "made_on": NOV[18], "promised_date": NOV[25],
               "amount_cents": 50_000, "baseline_open_cents": 50_000}  # fmt: skip
    row = _one(invoice, _log(promise=[promise]))
    assert (row["step"], row["due_date"], row["channel"]) == ("check_promise", NOV[28], "phone")
    assert "promise to pay by 25 Nov 2026 + 3 days' grace" in row["trace"]


def test_a_broken_promise_makes_the_next_step_due_at_once() -> None:
    # 10 days overdue: call 1 would be due in 5 days. The promise for the 10th (deadline the
    # 13th) is found broken by today's snapshot: call 1 is due today, and ranks more urgent.
    invoice = items(open_cents=[50_000], due_date=[days_ago(10)])
    promise = {"customer_id": "C1", "currency": "EUR", "made_on": NOV[6], "promised_date": NOV[10],
               "amount_cents": 50_000, "baseline_open_cents": 50_000}  # fmt: skip
    history = pl.concat([actionlog.observation(invoice.lazy(), NOV[day]) for day in (6, 13)])
    row = _one(invoice, _log(promise=[promise]), history)
    assert (row["step"], row["due_date"], row["broken_promise"]) == ("call_1", AS_OF, True)
    assert row["trace"].startswith("call 1 due 20 Nov 2026: promise for 10 Nov 2026 broken: next step at once")
    # Once a step is logged after the break, the ladder runs normally again.
    call = {"customer_id": "C1", "step": "call_1", "date": AS_OF}
    row = _one(invoice, _log(promise=[promise], action=[call]), history)
    assert (row["step"], row["broken_promise"]) == ("letter_1", False)


def test_a_hold_pushes_the_step_to_its_end() -> None:
    invoice = items(open_cents=[50_000], due_date=[days_ago(20)])
    hold = {"customer_id": "C1", "made_on": NOV[18], "until": dt.date(2026, 12, 5), "reason": "restructuring"}
    row = _one(invoice, _log(hold=[hold]))
    assert (row["step"], row["due_date"]) == ("call_1", dt.date(2026, 12, 5))
    assert "on hold until 05 Dec 2026" in row["trace"]


def test_nothing_to_chase() -> None:
    credit = items(
        open_cents=[-10_000, 4_000], due_date=[days_ago(40), days_ago(10)], doc_type=["credit_note", "invoice"]
    )
    row = _one(credit)
    assert (row["step"], row["due_date"], row["trace"], row["credit_balance"]) == (None, None, None, True)


def test_a_good_customer_gets_a_courtesy_reminder_before_the_due_date() -> None:
    row = _one(items(open_cents=[10_000], due_date=[days_ago(-10)]))
    # Nothing overdue: rating A, active → white gloves; remind 3 days before the due date.
    assert (row["step"], row["due_date"], row["track"]) == ("courtesy", days_ago(-7), "white_gloves")
    assert "nothing overdue yet" in row["trace"]


def test_payment_history_from_earlier_snapshots_counts_in_the_rating() -> None:
    # F1 (due 1 Oct) listed on 6 Nov, gone on 13 Nov: paid 43 days late → 5 points.
    old = items(open_cents=[30_000, 10_000], doc_number=["F1", "F2"], due_date=[dt.date(2026, 10, 1), days_ago(-10)])
    now = old.filter(pl.col("doc_number") == "F2")
    history = pl.concat([actionlog.observation(old.lazy(), NOV[6]), actionlog.observation(now.lazy(), NOV[13])])
    row = _one(now, history=history)
    assert (row["pts_history"], row["avg_days_late"]) == (10, 43.0)  # 43 > 30 → 10 points


def test_the_sample_gets_a_step_and_a_trace_for_every_account_to_chase() -> None:
    from lib.ingest import import_file

    path = SAMPLES / "scadenzario_gestionale.xlsx"
    imported = import_file(path.read_bytes(), path.name)
    result = in_words(evaluate(imported.items, imported.report.as_of, POLICY), POLICY, "en")
    assert set(RESULT) <= set(result.columns)
    assert result.height == imported.items.select("customer_id", "currency").n_unique() == 119
    chased = result.filter(pl.col("step").is_not_null())
    assert chased["trace"].null_count() == 0 and chased["due_date"].null_count() == 0
    assert (
        result.filter(pl.col("step").is_null())["pursued_cents"].max() <= 0
        or result.filter(pl.col("step").is_null())["credit_balance"].all()
    )
    # Totals are the file's: the rollup loses no cent.
    assert result["open_cents"].sum() == 61_561_915 and result["overdue_cents"].sum() == 44_428_856


def test_activity_from_document_dates_and_unknown_without_them() -> None:
    old = items(open_cents=[10_000], due_date=[days_ago(5)], doc_date=[days_ago(400)])
    row = _one(old)  # the last document is over 12 months old: inactive, fast track
    assert (row["active"], row["pts_inactive"], row["track"], row["track_reason"]) == (False, 10, "fast", "inactive")
    undated = items(open_cents=[10_000], due_date=[days_ago(5)], doc_date=[None])
    row = _one(undated)  # a summary report: activity unknown, not held against the customer
    assert (row["active"], row["pts_inactive"], row["track"]) == (True, 0, "white_gloves")


# --- the formal demand's term, insolvency, the customer's profile (issue 12) ----------------------

# 2,000.00 due 70 days ago (11 Sep): standard track (rating 20 + 15 + 5 = 40, C); the agency's
# offset, 11 Sep + 50 = 31 Oct, has long passed: what decides is letter 2, sent 6 Nov.
OLD = items(open_cents=[200_000], due_date=[days_ago(70)], doc_date=[days_ago(100)])
BEFORE = [
    {"customer_id": "C1", "step": "call_1", "date": dt.date(2026, 9, 26), "channel": "phone"},
    {"customer_id": "C1", "step": "letter_1", "date": dt.date(2026, 10, 12), "channel": "email"},
    {"customer_id": "C1", "step": "call_2", "date": dt.date(2026, 10, 15), "channel": "phone"},
]


def test_the_agency_comes_after_the_demands_term_has_run_from_receipt_art_1219_cc() -> None:
    """The agency step falls after the term the letter gives, counted from receipt: letter 2's date
    + delivery ([letters] delivery_days: raccomandata 5, PEC 0) + the term (10) + the margin (2)."""
    by_post = _log(
        action=[*BEFORE, {"customer_id": "C1", "step": "letter_2", "date": NOV[6], "channel": "raccomandata"}]
    )
    row = _one(OLD, by_post)
    # 6 Nov + 5 + 10 + 2 = 23 Nov (the ladder's gap alone gave 6 Nov + 10 = 16 Nov, the letter's last day)
    assert (row["step"], row["due_date"]) == ("agency", NOV[23])
    assert row["trace"].startswith(
        "hand-over to the agency due 23 Nov 2026: letter 2 (formal demand) done 06 Nov 2026 + 17 days"
    )
    by_pec = _log(action=[*BEFORE, {"customer_id": "C1", "step": "letter_2", "date": NOV[6], "channel": "pec"}])
    assert _one(OLD, by_pec)["due_date"] == NOV[18]  # 6 Nov + 0 + 10 + 2
    unknown = _log(action=[*BEFORE, {"customer_id": "C1", "step": "letter_2", "date": NOV[6]}])
    assert _one(OLD, unknown)["due_date"] == NOV[23]  # no channel logged: the longest delivery


@pytest.mark.parametrize("first", ["pec", "raccomandata"])
def test_a_demand_sent_by_pec_and_by_post_on_one_day_runs_from_the_first_receipt(first: str) -> None:
    """The same formal demand sent both ways on one day was received with the PEC: its term runs
    from then, whichever of the two was logged first (the choice was the log's order, at random)."""
    ways = ["pec", "raccomandata"] if first == "pec" else ["raccomandata", "pec"]
    both = [{"customer_id": "C1", "step": "letter_2", "date": NOV[6], "channel": way} for way in ways]
    assert _one(OLD, _log(action=[*BEFORE, *both]))["due_date"] == NOV[18]  # 6 Nov + 0 + 10 + 2


def test_a_diffida_moves_the_agency_with_its_longer_term_art_1454_cc() -> None:
    # diffida: at least 15 days (policy check: demand_days ≥ diffida_min_days); by PEC 6 Nov + 0 + 15 + 2 = 23 Nov
    letters = dataclasses.replace(POLICY.letters, diffida=True, demand_days=15)
    policy = dataclasses.replace(POLICY, letters=letters)
    log = _log(action=[*BEFORE, {"customer_id": "C1", "step": "letter_2", "date": NOV[6], "channel": "pec"}])
    row = evaluate(OLD, AS_OF, policy, log).row(0, named=True)
    assert (row["step"], row["due_date"]) == ("agency", NOV[23])


def _insolvent(**profile: object) -> Log:
    return _log(profile=[{"customer_id": "C1", "set_on": NOV[2], "procedure": "liquidazione_giudiziale",
                          "procedure_on": dt.date(2026, 10, 30), **profile}])  # fmt: skip


def test_an_insolvent_customer_leaves_the_ladder_to_file_the_claim_art_201_ccii() -> None:
    row = _one(OLD, _insolvent(claim_deadline=dt.date(2026, 12, 15)))
    assert (row["step"], row["due_date"], row["channel"], row["template"]) == (
        "file_claim", dt.date(2026, 12, 15), "pec", None,
    )  # fmt: skip
    assert row["trace"].startswith(
        "file the claim in the procedure due 15 Dec 2026: judicial liquidation (liquidazione giudiziale) opened "
        "on 30 Oct 2026: no reminders"
    )
    # no deadline entered yet: due at once, and the trace asks for it
    waiting = _one(OLD, _insolvent())
    assert (waiting["step"], waiting["due_date"]) == ("file_claim", dt.date(2026, 10, 30))
    assert "enter on the account page the deadline" in waiting["trace"]
    # the claim filed (logged on or after the opening): nothing more to do
    filed = _insolvent(claim_deadline=dt.date(2026, 12, 15))
    filed = dataclasses.replace(filed, action=_log(action=[{"customer_id": "C1", "step": "file_claim", "date": NOV[10],
                                                             "channel": "pec"}]).action)  # fmt: skip
    assert _one(OLD, filed)["step"] is None


def test_the_profile_reaches_the_engines_row() -> None:
    # a personal codice fiscale and no VAT number: probably a consumer; a periodic supply: 5 years
    consumer = OLD.with_columns(pl.lit("RSSMRA80A01H501U").alias("vat_id"))
    row = _one(consumer, _log(profile=[{"customer_id": "C1", "set_on": NOV[2], "term": "periodic",
                                        "address": "Via Po 1, Torino"}]))  # fmt: skip
    assert (row["consumer"], row["party_basis"], row["address"]) == (True, "inferred", "Via Po 1, Torino")
    assert row["prescribes_on"] == days_ago(70).replace(year=2031)  # art. 2948 n. 4 c.c.: 5 years


def test_the_files_details_are_each_customers_first_known() -> None:
    # a gestionale repeats the name and phone on every row, but a row may leave one empty
    two = items(
        open_cents=[10_000, 20_000], due_date=[days_ago(40), days_ago(20)],
        customer_name=["Rossi S.r.l.", "Rossi S.r.l. (old name)"], phone=[None, "+39 02 1234567"],
    )  # fmt: skip
    row = _one(two)
    assert (row["customer_name"], row["phone"]) == ("Rossi S.r.l.", "+39 02 1234567")
