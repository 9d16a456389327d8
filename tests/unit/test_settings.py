"""lib/settings.py: ladders as rows and back, bucket edges, policy TOML (company details: test_company.py)."""

from __future__ import annotations

import tomllib

import pytest

from lib.policy import TRACKS, PolicyError, load_policy
from lib.settings import (
    LADDER_COLUMNS,
    differences,
    ladder_from_rows,
    ladder_rows,
    parse_edges,
    policy_from_toml,
    policy_toml,
    revision,
)


def test_ladder_rows_have_every_column() -> None:
    rows = ladder_rows(load_policy().tracks.standard.ladder)
    assert len(rows) == 7
    assert rows[0] == {
        "step": "courtesy", "channel": "email", "template": "courtesy", "offset": -3, "after": None, "gap": 0,
        "required": False,
    }  # fmt: skip
    assert rows[4] == {
        "step": "letter_2", "channel": "pec_or_raccomandata", "template": "formal_demand", "offset": 40,
        "after": "letter_1", "gap": 10, "required": True,
    }  # fmt: skip
    assert all(list(row) == list(LADDER_COLUMNS) for row in rows)


@pytest.mark.parametrize("track", TRACKS)
def test_ladder_rows_and_back_is_the_same_ladder(track: str) -> None:
    ladder = load_policy().track(track).ladder
    assert ladder_from_rows(ladder_rows(ladder)) == [step.to_mapping() for step in ladder]
    assert load_policy({"tracks": {track: {"ladder": ladder_from_rows(ladder_rows(ladder))}}}) == load_policy()


def test_ladder_from_rows_drops_blank_rows_and_fills_defaults() -> None:
    rows = [
        {"step": "call_1", "channel": "phone", "template": None, "offset": 7.0, "after": None, "gap": None,
         "required": False},
        dict.fromkeys(LADDER_COLUMNS),  # a row the editor added and left empty
        {"step": "", "channel": "", "template": "", "offset": None, "after": "", "gap": None, "required": False},
        {"step": "letter_2", "channel": "pec_or_raccomandata", "template": "formal_demand", "offset": "14",
         "after": "call_1", "gap": 7, "required": True},
    ]  # fmt: skip
    assert ladder_from_rows(rows) == [
        # no template → the step's name; no gap → 0; numbers become whole numbers; no `after`, no `required`
        {"step": "call_1", "channel": "phone", "template": "call_1", "offset": 7, "gap": 0},
        {"step": "letter_2", "channel": "pec_or_raccomandata", "template": "formal_demand", "offset": 14,
         "after": "call_1", "gap": 7, "required": True},
    ]  # fmt: skip


def test_a_row_without_an_offset_or_a_step_raises_policy_error() -> None:
    good = {"step": "call_1", "channel": "phone", "offset": 7}
    with pytest.raises(PolicyError, match="ladder row 2: a step and its offset"):
        ladder_from_rows([good, {"step": "letter_1", "channel": "email", "offset": None}])
    with pytest.raises(PolicyError, match="ladder row 1"):
        ladder_from_rows([{"step": None, "channel": "phone", "offset": 7}])


@pytest.mark.parametrize(
    ("text", "edges"),
    [
        ("0, 30, 60", [0, 30, 60]),
        ("0;30 60", [0, 30, 60]),
        (" 0,30,60,90,120,180,365 ", [0, 30, 60, 90, 120, 180, 365]),
        ("0,, 30,", [0, 30]),
        ("", []),
    ],
)
def test_parse_edges(text: str, edges: list[int]) -> None:
    assert parse_edges(text) == edges


@pytest.mark.parametrize("text", ["0, 30, sixty", "0, 30.5", "0 - 30"])
def test_parse_edges_refuses_what_is_not_a_whole_number(text: str) -> None:
    with pytest.raises(PolicyError, match=r"ageing\.bucket_edges: write whole numbers"):
        parse_edges(text)


def test_policy_toml_round_trip_is_the_loaded_policy() -> None:
    policy = load_policy()
    text = policy_toml(policy)
    assert "[weekly]" in text and "calls = 40" in text
    assert policy_from_toml(text.encode(), "policy.toml") == policy
    # A byte-order mark (as Windows editors write) is accepted.
    assert policy_from_toml(b"\xef\xbb\xbf" + text.encode(), "policy.toml") == policy


def test_policy_toml_leaves_out_a_step_s_absent_after_and_required() -> None:
    courtesy = tomllib.loads(policy_toml(load_policy()))["tracks"]["standard"]["ladder"][0]  # TOML has no null
    assert courtesy == {"step": "courtesy", "channel": "email", "template": "courtesy", "offset": -3, "gap": 0}


def test_missing_keys_take_the_defaults() -> None:
    policy = policy_from_toml(b"[weekly]\ncalls = 12\n", "mine.toml")
    assert policy.weekly.calls == 12 and policy.weekly.letters == load_policy().weekly.letters
    assert policy.tracks == load_policy().tracks


def test_a_toml_syntax_error_names_the_file_and_the_line() -> None:
    with pytest.raises(PolicyError) as caught:
        policy_from_toml(b"[weekly]\ncalls = 12\nletters = \n", "mine.toml")
    message = str(caught.value)
    assert message.startswith("mine.toml is not a readable policy file: ")
    assert "line 3" in message


def test_a_file_that_is_not_text_is_named() -> None:
    with pytest.raises(PolicyError, match=r"photo\.toml is not a text file"):
        policy_from_toml(b"\xff\xd8\xff\xe0 JFIF", "photo.toml")


def test_a_negative_gap_raises_policy_error() -> None:
    data = b"""
[[tracks.fast.ladder]]
step = "call_1"
channel = "phone"
template = "call_1"
offset = 7
gap = -2
"""
    with pytest.raises(PolicyError, match="a gap cannot be negative") as caught:
        policy_from_toml(data, "mine.toml")
    assert "tracks.fast.ladder.call_1" in str(caught.value)


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b'[weekly]\ncalls = "many"\n', "weekly.calls"),
        (b"[plans]\ngrace_days = [5]\n", "plans.grace_days"),
        (b'[rating]\na_max = "ten"\n', "rating.a_max"),
    ],
)
def test_a_value_of_the_wrong_type_raises_policy_error_not_type_error(data: bytes, key: str) -> None:
    # The message names the key (the file is named by the page that loaded it).
    with pytest.raises(PolicyError, match=rf"^{key}: a value has the wrong type") as caught:
        policy_from_toml(data, "mine.toml")
    assert caught.value.code == "shape" and caught.value.params["key"] == key
    assert isinstance(caught.value.__cause__, TypeError)


def test_an_unknown_key_is_named_not_ignored() -> None:
    with pytest.raises(PolicyError, match=r"weekly\.call: unknown key") as caught:
        policy_from_toml(b"[weekly]\ncall = 12\n", "mine.toml")
    assert caught.value.code == "unknown_key"


def test_revision_tells_saved_values_apart_whatever_the_key_order() -> None:
    assert revision({"a": 1, "b": [1, 2]}) == revision({"b": [1, 2], "a": 1})
    assert revision({"a": 1}) != revision({"a": 2}) != revision(None)


def test_differences_list_only_the_keys_that_differ_in_each_version() -> None:
    mine = load_policy({"weekly": {"letters": 7}})
    saved = load_policy({"weekly": {"calls": 99}, "tracks": {"fast": {"ratings": ["C", "D"]}}})
    yours, theirs = differences(mine, saved)
    assert yours.splitlines() == ['tracks.fast.ratings = ["D"]', "weekly.calls = 40", "weekly.letters = 7"]
    assert theirs.splitlines() == ['tracks.fast.ratings = ["C", "D"]', "weekly.calls = 99", "weekly.letters = 25"]
    assert differences(mine, mine) == ("", "")
