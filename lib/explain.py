"""Words for the engine's codes, made at the edge: the rule trace of each next step, the rating's
explanation, why an entry did not fit the week, and the simulator's recommendation.

The engine (lib/engine.py), the rating (lib/rating.py), the weekly list (lib/weekly.py) and the
offers (lib/plans.py) return codes and numbers only, so that switching the language recomputes
nothing: these functions turn the columns they left into sentences, for the rows a page or the
command line actually shows.
"""

from __future__ import annotations

import polars as pl

from lib.customers import PROCEDURES
from lib.i18n import date_format, format_money, format_percent, money, names, t, word
from lib.plans import Recommendation
from lib.policy import CHECKS, STEPS, TRACKS, Policy


def in_words(accounts: pl.DataFrame, policy: Policy, lang: str) -> pl.DataFrame:
    """The engine's rows (lib.engine.evaluate) with `trace` and `rating_why` in `lang`."""
    return accounts.with_columns(trace(policy, lang).alias("trace"), rating_why(lang).alias("rating_why"))


def capacity_reason(lang: str) -> pl.Expr:
    """Why an entry of the weekly list did not fit: over its `capacity` (calls or letters) of `limit`."""
    limit = pl.col("limit")
    calls, letters = (_phrase(f"capacity.{kind}", lang, limit=limit) for kind in ("calls", "letters"))
    return pl.when(pl.col("capacity") == "calls").then(calls).otherwise(letters)


def _date(column: str, lang: str) -> pl.Expr:
    return pl.col(column).dt.strftime(date_format(lang))


def _phrase(key: str, lang: str, **parts: pl.Expr | str) -> pl.Expr:
    """An ENGINE phrase with its `{placeholders}` filled by expressions, vectorised."""
    template = word(key, lang, **{name: "\x00" + name + "\x00" for name in parts})
    pieces: list[pl.Expr] = []
    for i, chunk in enumerate(template.split("\x00")):
        if i % 2 == 0:
            pieces.append(pl.lit(chunk))
        else:
            value = parts[chunk]
            pieces.append(pl.lit(value) if isinstance(value, str) else value.cast(pl.String))
    return pl.concat_str(pieces)


def trace(policy: Policy, lang: str) -> pl.Expr:
    """ "letter 2 due 14/11/2026: letter 1 done 04/11/2026 + 10 days; oldest document 45 days
    overdue; standard track because active, rating B" in `lang`."""
    steps = (*STEPS, *CHECKS)
    s = pl.col("situation")
    step_name = names("step", "step", steps, lang)
    head = _phrase("trace.due", lang, step=step_name, date=_date("due_date", lang))
    grace = str(policy.promises.grace_days)
    offset_sign = pl.when(pl.col("offset") < 0).then(pl.lit("−")).otherwise(pl.lit("+"))
    ladder_reason = (
        pl.when(pl.col("after_step").is_not_null())
        .then(
            _phrase(
                "trace.after",
                lang,
                step=names("after_step", "step", STEPS, lang),
                date=_date("after_date", lang),
                days=pl.col("gap"),
            )
        )
        .when(pl.col("held_at_required"))
        .then(pl.lit(word("trace.required", lang)))
        .otherwise(
            _phrase(
                "trace.offset",
                lang,
                date=_date("anchor", lang),
                sign=offset_sign,
                days=pl.col("offset").abs(),
            )
        )
    )
    instalment = {
        "date": _date("instalment_due", lang),
        "days": pl.col("plan_grace_days"),
        "agreed": _date("plan_agreed_on", lang),
        "amount": money(pl.col("instalment_cents"), pl.col("currency"), lang),
    }
    defaulted = {
        "agreed": _date("plan_agreed_on", lang),
        "date": _date("plan_defaulted_on", lang),
        "amount": money(pl.col("plan_residual_cents"), pl.col("currency"), lang),
    }
    procedure = {
        "procedure": names("procedure", "procedure", PROCEDURES, lang),
        "date": _date("procedure_on", lang),
    }
    reason = (
        pl.when((s == "insolvency") & pl.col("claim_deadline").is_null())
        .then(_phrase("trace.insolvency_no_deadline", lang, **procedure))
        .when(s == "insolvency")
        .then(_phrase("trace.insolvency", lang, **procedure))
        .when(s == "dispute_all")
        .then(
            _phrase(
                "trace.dispute_all",
                lang,
                date=_date("dispute_since", lang),
                days=str(policy.disputes.review_days),
            )
        )
        .when((s == "plan_honoured") & (pl.col("plan_kind") == "settlement"))
        .then(_phrase("trace.settlement_open", lang, **instalment))
        .when((s == "plan_honoured") & (pl.col("instalment_n") == 0))
        .then(_phrase("trace.down_payment", lang, **instalment))
        .when(s == "plan_honoured")
        .then(
            _phrase(
                "trace.instalment_open",
                lang,
                n=pl.col("instalment_n"),
                count=pl.col("plan_instalments"),
                **instalment,
            )
        )
        .when((s == "plan_defaulted") & (pl.col("plan_kind") == "settlement"))
        .then(_phrase("trace.settlement_defaulted", lang, **defaulted))
        .when(s == "plan_defaulted")
        .then(_phrase("trace.plan_defaulted", lang, **defaulted))
        .when(s == "promise_open")
        .then(_phrase("trace.promise_open", lang, date=_date("promised_date", lang), days=grace))
        .when(s == "promise_broken")
        .then(_phrase("trace.promise_broken", lang, date=_date("promised_date", lang)))
        .otherwise(ladder_reason)
    )
    age_part = (
        pl.when(pl.col("oldest_days") > 0)
        .then(_phrase("trace.oldest", lang, days=pl.col("oldest_days")))
        .otherwise(pl.lit(word("trace.not_due", lang)))
    )
    why = pl.col("track_reason")
    why_text = (
        pl.when(why == "inactive")
        .then(pl.lit(word("why.inactive", lang)))
        .when(why == "fast_oldest")
        .then(pl.lit(word("why.fast_oldest", lang, days=policy.tracks.fast.oldest_days_over)))
        .when(why == "fast_rating")
        .then(_phrase("why.fast_rating", lang, rating=pl.col("rating")))
        .otherwise(_phrase("why.active_rating", lang, rating=pl.col("rating")))
    )
    track_part = _phrase("trace.track", lang, track=names("track", "track", TRACKS, lang), why=why_text)
    extras = [
        pl.when(pl.col("hold_until") >= pl.col("due_date")).then(
            _phrase("trace.hold", lang, date=_date("hold_until", lang))
        ),
        pl.when(pl.col("disputed_cents") != 0).then(pl.lit(word("trace.disputed_out", lang))),
    ]
    body = pl.concat_str([age_part, *extras, track_part], separator="; ", ignore_nulls=True)
    return pl.when(pl.col("step").is_not_null()).then(pl.concat_str(head, pl.lit(": "), reason, pl.lit("; "), body))


def _number(expr: pl.Expr, decimals: int = 0) -> pl.Expr:
    return expr.round(decimals).cast(pl.Int64 if decimals == 0 else pl.Float64).cast(pl.String)


def rating_why(lang: str) -> pl.Expr:
    """ "factor value: points · … = total → grade", in `lang`."""
    days = word("word.days", lang)
    at_risk = pl.col("pursued_cents").clip(lower_bound=0)
    risk_text = money(at_risk, pl.col("currency"), lang)
    trend = pl.col("trend_days")
    values = {
        "oldest": pl.when(pl.col("oldest_days").is_null())
        .then(pl.lit(word("word.none", lang)))
        .otherwise(_number(pl.col("oldest_days")) + f" {days}"),
        "share": pl.coalesce(_number(pl.col("overdue_share_pct")) + "%", pl.lit("—")),
        "risk": risk_text,
        "history": pl.coalesce(_number(pl.col("avg_days_late")) + f" {days}", pl.lit("—")),
        "trend": pl.when(trend.is_null())
        .then(pl.lit("—"))
        .when(pl.col("pts_trend") > 0)
        .then(pl.lit(word("word.worse", lang)))
        .when(pl.col("pts_trend") < 0)
        .then(pl.lit(word("word.better", lang)))
        .otherwise(pl.lit(word("word.steady", lang))),
        "promises": pl.col("broken_promises").cast(pl.String),
        "dispute": pl.when(pl.col("has_dispute"))
        .then(pl.lit(word("word.yes", lang)))
        .otherwise(pl.lit(word("word.no", lang))),
        "flag": pl.when(pl.col("negative_flag"))
        .then(pl.lit(word("word.yes", lang)))
        .otherwise(pl.lit(word("word.no", lang))),
        "inactive": pl.when(pl.col("active"))
        .then(pl.lit(word("word.no", lang)))
        .otherwise(pl.lit(word("word.yes", lang))),
    }
    parts = [
        pl.concat_str(
            pl.lit(word(f"factor.{name}", lang) + " "), value, pl.lit(": "), pl.col(f"pts_{name}").cast(pl.String)
        )
        for name, value in values.items()
    ]
    return pl.concat_str(
        pl.concat_str(parts, separator=" · "), pl.lit(" = "), pl.col("score").cast(pl.String), pl.lit(" → "), "rating"
    )


def recommendation(advice: Recommendation, currency: str, lang: str) -> str:
    """The option worth most, by how much, and the break-even discount, in words (lib.plans.recommend)."""
    sentences = [
        word(
            "offer.best",
            lang,
            option=word(f"offer.{advice.best}", lang),
            value=format_money(round(advice.best_cents), currency, lang),
            gap=format_money(round(advice.best_cents - advice.second_cents), currency, lang),
            second=word(f"offer.{advice.second}", lang),
        )
    ]
    if advice.break_even is None:
        sentences.append(word("offer.no_break_even", lang))
    else:
        percent = format_percent(advice.break_even * 100, lang)
        sentences.append(word("offer.break_even", lang, pct=percent))
    return " ".join(sentences)


def schedule_labels(lang: str) -> pl.Expr:
    """A schedule row's `n` in words (lib.simulator.schedule_rows): the down payment, 1, 2, …, Total."""
    return (
        pl.when(pl.col("n").is_null())
        .then(pl.lit(t("sim.total", lang)))
        .when(pl.col("n") == 0)
        .then(pl.lit(t("sim.down_payment", lang)))
        .otherwise(pl.col("n").cast(pl.String))
        .alias("n")
    )
