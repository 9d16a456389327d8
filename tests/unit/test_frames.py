from __future__ import annotations

import hypothesis.strategies as st
import polars as pl
import pytest
from hypothesis import given
from polars.testing import assert_frame_equal

from lib.frames import attach, collect_small, first_rows, forward_fill_within, last_of_run, running_sum

ACCOUNTS = pl.DataFrame(
    {
        "customer_id": ["C3", "C1", "C2", "C1"],
        "currency": ["EUR", "USD", "EUR", "EUR"],
        "open_cents": [300, 100, 200, 150],
    }
)


def test_attach_gives_what_a_chain_of_left_joins_gives_in_the_frames_order() -> None:
    paid = pl.LazyFrame({"customer_id": ["C1", "C3"], "currency": ["EUR", "EUR"], "paid": [5, 7]})
    names = pl.LazyFrame({"customer_id": ["C2", "C1", "C9"], "name": ["Beta", "Alfa", "Nobody"]})
    flags = pl.LazyFrame(schema={"customer_id": pl.String, "flag": pl.String})  # none
    attached = attach(ACCOUNTS, [(paid, ["customer_id", "currency"]), (names, "customer_id"), (flags, "customer_id")])
    chained = (
        ACCOUNTS.join(paid.collect(), on=["customer_id", "currency"], how="left", maintain_order="left")
        .join(names.collect(), on="customer_id", how="left", maintain_order="left")
        .join(flags.collect(), on="customer_id", how="left", maintain_order="left")
    )
    assert_frame_equal(attached, chained, check_column_order=False)
    assert attached.columns[-1] == "flag"  # a fact without rows: its columns last
    assert attached["paid"].to_list() == [7, None, None, 5]
    assert attached["name"].to_list() == [None, "Alfa", "Beta", "Alfa"]


def test_a_fact_with_two_rows_for_one_key_is_an_error_not_a_duplicated_account() -> None:
    twice = pl.LazyFrame({"customer_id": ["C1", "C1"], "name": ["Alfa", "Alfa bis"]})
    with pytest.raises(pl.exceptions.ShapeError):
        attach(ACCOUNTS, [(twice, "customer_id")])


def test_attach_to_no_accounts() -> None:
    names = pl.LazyFrame({"customer_id": ["C1"], "name": ["Alfa"]})
    attached = attach(ACCOUNTS.clear(), [(names, "customer_id")])
    assert attached.columns == [*ACCOUNTS.columns, "name"]
    assert attached.is_empty()


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(-3, 9)), max_size=40))
def test_a_running_sum_per_group_is_the_windows(rows: list[tuple[int, int]]) -> None:
    frame = pl.DataFrame(sorted(rows, key=lambda row: row[0]), schema={"g": pl.Int64, "v": pl.Int64}, orient="row")
    got = frame.select(running_sum(pl.col("v"), "g"))["v"]
    assert got.to_list() == frame.select(pl.col("v").cum_sum().over("g"))["v"].to_list()


@given(st.lists(st.tuples(st.integers(0, 5), st.none() | st.integers(-3, 9)), max_size=40))
def test_a_forward_fill_per_group_is_the_windows(rows: list[tuple[int, int | None]]) -> None:
    frame = pl.DataFrame(sorted(rows, key=lambda row: row[0]), schema={"g": pl.Int64, "v": pl.Int64}, orient="row")
    got = frame.select(forward_fill_within(pl.col("v"), "g"))["v"]
    assert got.to_list() == frame.select(pl.col("v").forward_fill().over("g"))["v"].to_list()


def test_a_small_query_gives_what_the_default_engine_gives() -> None:
    query = ACCOUNTS.lazy().group_by("customer_id").agg(pl.col("open_cents").sum()).sort("customer_id")
    assert_frame_equal(collect_small(query), query.collect())


@given(st.lists(st.sampled_from(["C1", "C2", "C3", None]), max_size=40))
def test_first_rows_are_each_keys_first_in_the_frames_order_grouped_or_not(keys: list[str | None]) -> None:
    frame = pl.LazyFrame(
        {"customer_id": keys, "row": range(len(keys))}, schema={"customer_id": pl.String, "row": pl.Int64}
    )
    expected = frame.filter(pl.col("customer_id").is_first_distinct()).collect()
    assert_frame_equal(first_rows(frame, "customer_id").collect(), expected)


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2), st.integers(0, 9)), max_size=40))
def test_the_last_of_each_run_is_what_a_group_by_keeps_last(rows: list[tuple[int, int, int]]) -> None:
    frame = pl.DataFrame(rows, schema={"a": pl.Int64, "b": pl.Int64, "v": pl.Int64}, orient="row").sort("a", "b")
    expected = frame.group_by("a", "b", maintain_order=True).agg(pl.col("v").last())
    assert_frame_equal(frame.filter(last_of_run("a", "b")), expected)
    assert_frame_equal(
        frame.filter(last_of_run("a")).select("a", "v"),
        frame.group_by("a", maintain_order=True).last().select("a", "v"),
    )
