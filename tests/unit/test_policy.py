"""lib/policy.py and config/policy.toml: the checks on a policy, tracks, and the next step."""

from __future__ import annotations

import datetime as dt
import pickle

import hypothesis.strategies as st
import polars as pl
import pytest
from hypothesis import given

from lib.policy import (
    LEVEL,
    TRACKS,
    Policy,
    PolicyError,
    Step,
    assign_track,
    defaults,
    ladder_frame,
    load_policy,
    next_steps,
)
from tests.unit.frames import AS_OF, days_ago

POLICY = load_policy()


def test_default_policy_follows_design_md() -> None:
    ladder = ladder_frame(POLICY).filter(pl.col("track") == "standard")
    # DESIGN.md: courtesy due − 3, call 1 due + 15, letter 1 call 1 + 15, call 2 letter 1 + 3,
    # letter 2 letter 1 + 10, agency letter 2 + 10, legal review agency + 60.
    assert ladder.select("step", "offset", "gap").rows() == [
        ("courtesy", -3, 0),
        ("call_1", 15, 0),
        ("letter_1", 30, 15),
        ("call_2", 33, 3),
        ("letter_2", 40, 10),
        ("agency", 50, 10),
        ("legal_review", 110, 60),
    ]
    after = dict(zip(ladder["step"], ladder["after_level"], strict=True))
    assert after["call_2"] == after["letter_2"] == LEVEL["letter_1"]
    assert ladder.filter("required")["step"].to_list() == ["letter_2"]
    assert ladder.filter(pl.col("step") == "letter_2")["channel"].item() == "pec_or_raccomandata"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ageing": {"bucket_edges": [0, 60, 30]}}, "ageing.bucket_edges"),
        ({"rating": {"a_max": 30}}, "a_max < b_max < c_max"),
        ({"rating": {"at_risk_points": [1, 2]}}, "same length"),
        ({"weekly": {"calls": -1}}, "cannot be negative"),
        ({"offers": {"agency_fee_pct": 120}}, "offers.agency_fee_pct must be a percentage"),
        ({"offers": {"default_probability_pct": {"E": 5}}}, "one value for each rating"),
        ({"offers": {"instalments": 61}}, "offers.instalments must be from 1 to 60"),
        ({"offers": {"max_instalments": 0}}, "offers.max_instalments must be greater than zero"),
        ({"recovery": {"half_life_days": 0}}, "recovery.half_life_days must be greater than zero"),
        ({"letters": {"courtesy_days": -1}}, "letters.courtesy_days cannot be negative"),
        ({"holds": {"default_days": 0}}, "holds.default_days must be greater than zero"),
        ({"promises": {"default_days": -1}}, "promises.default_days cannot be negative"),
        ({"weekly": {"call": 1}}, r"weekly\.call: unknown key \(the keys are calls, letters, "),
        ({"weekly": {"calls": 2.5}}, r"weekly\.calls: a value has the wrong type .*a whole number expected, got 2\.5"),
        ({"letters": {"diffida": "yes"}}, r"letters\.diffida: a value has the wrong type .*true or false expected"),
        ({"tracks": {"fast": {"ratings": "D"}}}, r"tracks\.fast\.ratings: a value has the wrong .*a list expected"),
    ],
)
def test_bad_policies_name_the_key(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        load_policy(overrides)


def _with_step(track: str, index: int, **changes: object) -> dict[str, object]:
    ladder = [step.to_mapping() for step in load_policy().track(track).ladder]
    ladder[index].update(changes)
    return {"tracks": {track: {"ladder": ladder}}}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"gap": -2}, "a gap cannot be negative"),
        ({"step": "letter_9"}, "unknown step"),
        ({"channel": "fax"}, "channel must be one of"),
        ({"after": "agency"}, "not an earlier step"),
        ({"offset": 1}, "before the previous step"),
        ({"step": "courtesy"}, "must come after"),
    ],
)
def test_bad_ladder_steps_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        load_policy(_with_step("standard", 2, **changes))


def test_an_agency_gap_shorter_than_the_formal_demands_term_is_refused_art_1219_cc() -> None:
    """The hand-over to the agency cannot come before the days letter 2 gives to pay (the engine also
    waits for delivery and the margin: lib/policy.py `demand_runs_out`)."""
    with pytest.raises(PolicyError, match=r"tracks\.fast\.ladder\.agency\.gap: the hand-over to the agency must "
                       r"come at least 12 days after letter 2"):  # fmt: skip
        load_policy({"letters": {"demand_days": 12}})
    # a diffida of 15 days needs every ladder's agency at least 15 days after letter 2
    with pytest.raises(PolicyError, match="at least 15 days after letter 2"):
        load_policy({"letters": {"diffida": True, "demand_days": 15}})
    tracks = {**_with_step("standard", 5, gap=15)["tracks"], **_with_step("fast", 2, gap=15)["tracks"]}  # type: ignore[dict-item]
    assert load_policy({"tracks": tracks, "letters": {"diffida": True, "demand_days": 15}}).letters.demand_term == 15
    for key, value in (("term_margin_days", -1), ("delivery_days", {"pec": -1})):
        with pytest.raises(PolicyError, match="cannot be negative"):
            load_policy({"letters": {key: value}})
    with pytest.raises(PolicyError, match=r"prescription\.retail_years must be greater than zero"):
        load_policy({"prescription": {"retail_years": 0}})


def test_a_step_without_a_key_it_needs_names_the_step() -> None:
    ladder = _with_step("fast", 1)
    del ladder["tracks"]["fast"]["ladder"][1]["channel"]  # type: ignore[index]
    with pytest.raises(PolicyError, match=r"tracks\.fast\.ladder\.letter_2\.channel: .* \(missing\)"):
        load_policy(ladder)


def test_overrides_merge_key_by_key() -> None:
    policy = load_policy({"weekly": {"calls": 7}})
    assert policy.weekly.calls == 7 and policy.weekly.letters == 25
    assert defaults()["weekly"]["calls"] == 40  # the defaults are not changed
    assert load_policy().weekly.calls == 40


def test_the_policy_is_typed_and_frozen() -> None:
    assert isinstance(POLICY, Policy)
    assert POLICY.ageing.bucket_edges == (0, 30, 60, 90, 120, 180, 365)  # tuples, not lists
    assert POLICY.rating.at_risk_over == (1000.0, 10000.0, 50000.0)
    assert POLICY.offers.default_probability_pct["D"] == 20.0
    assert POLICY.track("standard") is POLICY.tracks.standard
    assert [track for track in TRACKS if POLICY.track(track).ladder] == list(TRACKS)
    assert POLICY.tracks.fast.ladder[1] == Step(
        "letter_2", "pec_or_raccomandata", "formal_demand", offset=14, gap=7, after="call_1", required=True
    )
    with pytest.raises(KeyError):
        POLICY.track("slow")
    with pytest.raises(AttributeError):
        POLICY.weekly.calls = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        POLICY.offers.default_probability_pct["A"] = 1.0  # type: ignore[index]
    # Hashable and picklable: the app caches the book the policy is part of.
    assert hash(POLICY) == hash(load_policy())
    assert pickle.loads(pickle.dumps(POLICY)) == POLICY


def test_to_mapping_is_the_file_and_loads_back() -> None:
    """The plain tables are config/policy.toml's own (a step's absent `after` and `required` stay
    absent), and loading them gives the same policy."""
    assert POLICY.to_mapping() == defaults()
    assert load_policy(POLICY.to_mapping()) == POLICY
    assert Policy.from_mapping(defaults()) == POLICY


def test_tracks_first_rule_wins() -> None:
    accounts = pl.DataFrame(
        {
            "active": [False, True, True, True, True, True],
            "rating": ["A", "D", "B", "A", "B", "C"],
            "oldest_days": [5, 5, 121, 120, None, 10],
        }
    )
    tracked = accounts.with_columns(assign_track(POLICY))
    assert tracked.select("track", "track_reason").rows() == [
        ("fast", "inactive"),
        ("fast", "fast_rating"),
        ("fast", "fast_oldest"),  # over 120 days beats the good rating
        ("white_gloves", "good_rating"),  # exactly 120 is not over 120
        ("white_gloves", "good_rating"),
        ("standard", "standard"),
    ]


def _next(
    oldest: int | None, done: list[tuple[str, dt.date]] = (), track: str = "standard", next_due: int | None = None
) -> dict[str, object]:
    accounts = pl.LazyFrame(
        {
            "customer_id": ["A"],
            "currency": ["EUR"],
            "track": [track],
            "oldest_due": [days_ago(oldest) if oldest is not None else None],
            "next_due": [days_ago(next_due) if next_due is not None else None],
        },
        schema_overrides={"oldest_due": pl.Date, "next_due": pl.Date},
    )
    log = pl.LazyFrame(
        {"customer_id": ["A"] * len(done), "step": [s for s, _ in done], "date": [d for _, d in done]},
        schema={"customer_id": pl.String, "step": pl.String, "date": pl.Date},
    )
    return next_steps(accounts, log, POLICY, AS_OF).collect().row(0, named=True)


def test_young_debt_waits_for_call_1() -> None:
    # 10 days overdue: the courtesy reminder is moot, call 1 is due at oldest + 15 = 5 days ahead.
    row = _next(10)
    assert (row["step"], row["due_date"], row["last_step"]) == ("call_1", days_ago(-5), None)


def test_call_1_reached_is_late() -> None:
    row = _next(20)  # oldest + 15 = 5 days ago
    assert (row["step"], row["due_date"], row["held_at_required"]) == ("call_1", days_ago(5), False)


def test_no_history_starts_at_the_highest_step_reached() -> None:
    row = _next(35)  # call 2 (offset 33) reached, letter 2 (40) not: due oldest + 33 = 2 days ago
    assert (row["step"], row["due_date"]) == ("call_2", days_ago(2))


def test_old_debt_never_skips_the_formal_demand() -> None:
    # 200 days overdue would reach legal review (110), but letter 2 is required first: oldest + 40.
    row = _next(200)
    assert (row["step"], row["due_date"], row["held_at_required"]) == ("letter_2", days_ago(160), True)


def test_courtesy_reminder_before_the_first_due_date() -> None:
    row = _next(None, next_due=-2)  # due in 2 days: remind 3 days before, i.e. yesterday
    assert (row["step"], row["due_date"], row["anchor"]) == ("courtesy", days_ago(1), days_ago(-2))


def test_gap_from_the_after_step_decides() -> None:
    # Oldest due 40 days ago (D). Call 1 done D + 16, letter 1 done D + 31 = 9 days ago.
    # Call 2: later of D + 33 = 7 days ago and letter 1 + 3 = 6 days ago → 6 days ago.
    row = _next(40, [("call_1", days_ago(24)), ("letter_1", days_ago(9))])
    assert (row["step"], row["due_date"], row["after_step"], row["after_date"]) == (
        "call_2",
        days_ago(6),
        "letter_1",
        days_ago(9),
    )
    # After call 2 (done 5 days ago), letter 2 counts from letter 1: later of D + 40 = today
    # and 9 days ago + 10 = tomorrow.
    row = _next(40, [("call_1", days_ago(24)), ("letter_1", days_ago(9)), ("call_2", days_ago(5))])
    assert (row["step"], row["due_date"], row["last_step"]) == ("letter_2", days_ago(-1), "call_2")


def test_one_step_at_a_time_after_history() -> None:
    # 300 days overdue, call 1 done yesterday: the next is letter 1, 15 days after call 1.
    row = _next(300, [("call_1", days_ago(1))])
    assert (row["step"], row["due_date"]) == ("letter_1", days_ago(-14))


def test_offset_decides_when_it_is_later() -> None:
    # Oldest due 20 days ago, call 1 done 4 days ago: letter 1 at the later of D + 30 (10 days
    # ahead) and call 1 + 15 (11 days ahead) → the gap; with call 1 done 8 days ago, the offset.
    assert _next(20, [("call_1", days_ago(4))])["due_date"] == days_ago(-11)
    row = _next(20, [("call_1", days_ago(8))])
    assert (row["due_date"], row["after_step"]) == (days_ago(-10), None)


def test_steps_of_an_older_debt_are_ignored() -> None:
    # A letter 2 sent before this debt's due date − 3 belongs to an earlier episode.
    row = _next(20, [("letter_2", days_ago(60))])
    assert (row["step"], row["last_step"]) == ("call_1", None)


def test_track_change_keeps_the_history() -> None:
    # Fast ladder: call 1 (7), letter 2 (14, 7 after call 1), agency (24), legal review (84).
    # Letter 1 done on the standard track 3 days ago, call 1 20 days ago: next is letter 2,
    # later of D + 14 = 36 days ago and call 1 + 7 = 13 days ago → 13 days ago.
    row = _next(50, [("call_1", days_ago(20)), ("letter_1", days_ago(3))], track="fast")
    assert (row["step"], row["due_date"], row["after_step"]) == ("letter_2", days_ago(13), "call_1")


def test_ladder_done_means_no_step() -> None:
    row = _next(400, [("legal_review", days_ago(2))])
    assert (row["step"], row["last_step"]) == (None, "legal_review")


def test_the_channel_of_a_step_is_its_tracks_and_e_mail_when_the_ladder_leaves_it_out() -> None:
    from lib.policy import ladder_channel

    policy = load_policy()
    assert ladder_channel(policy, "standard", "letter_2") == "pec_or_raccomandata"
    assert ladder_channel(policy, "standard", "letter_1") == "email_or_pec"
    left_out = next(
        s for s in ("courtesy", "call_2", "letter_1") if s not in [x.step for x in policy.tracks.fast.ladder]
    )
    assert ladder_channel(policy, "fast", left_out) == "email"


def _reference_step(track: str, anchor: dt.date, overdue: bool, last: str | None) -> tuple[str | None, bool]:
    """The rule as DESIGN.md words it, one account at a time: the steps above the last one done,
    less a reminder before the due date once overdue; without history the highest whose date has
    come, but not beyond a required one (held there), else the first still to come."""
    ladder = POLICY.track(track).ladder
    if anchor + dt.timedelta(days=ladder[0].offset) > days_ago(1):  # done before the episode began
        last = None
    done = LEVEL[last] if last else -1
    to_come = [s for s in ladder if LEVEL[s.step] > done and not (s.offset < 0 and overdue)]
    if not to_come:
        return None, False
    reached = [s for s in to_come if anchor + dt.timedelta(days=s.offset) <= AS_OF]
    if last is not None or not reached:
        return to_come[0].step, False
    required = [s for s in to_come if s.required]
    start = min(reached[-1], *required[:1], key=lambda s: LEVEL[s.step])
    return start.step, LEVEL[reached[-1].step] > LEVEL[start.step]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(TRACKS),
            st.integers(-60, 500),  # days since the anchor: overdue when positive
            st.sampled_from([None, *LEVEL]),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_the_next_step_of_many_accounts_is_the_rule_applied_to_each(
    accounts: list[tuple[str, int, str | None]],
) -> None:
    anchors = [days_ago(age) for _, age, _ in accounts]
    frame = pl.LazyFrame(
        {
            "customer_id": [f"C{i}" for i in range(len(accounts))],
            "currency": ["EUR"] * len(accounts),
            "track": [track for track, _, _ in accounts],
            "oldest_due": [a if age > 0 else None for a, (_, age, _) in zip(anchors, accounts, strict=True)],
            "next_due": [None if age > 0 else a for a, (_, age, _) in zip(anchors, accounts, strict=True)],
        },
        schema_overrides={"oldest_due": pl.Date, "next_due": pl.Date},
    )
    done = [(f"C{i}", last) for i, (_, _, last) in enumerate(accounts) if last is not None]
    log = pl.LazyFrame(  # done yesterday
        {"customer_id": [c for c, _ in done], "step": [s for _, s in done], "date": [days_ago(1)] * len(done)},
        schema={"customer_id": pl.String, "step": pl.String, "date": pl.Date},
    )
    found = next_steps(frame, log, POLICY, AS_OF).collect()
    for (track, age, last), anchor, row in zip(accounts, anchors, found.iter_rows(named=True), strict=True):
        assert (row["step"], row["held_at_required"] or False) == _reference_step(track, anchor, age > 0, last)
