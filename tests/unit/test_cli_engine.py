"""`python -m lib actions`, `interest` and `plan`: the JSON contracts and the exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lib.__main__ import main
from lib.store import Store
from tests.conftest import SAMPLES

ENTRY_KEYS = {"customer_id", "customer_name", "step", "channel", "due_date", "overdue_cents", "currency", "rating",
              "track", "priority", "trace"}  # fmt: skip
STEPS = {"courtesy", "call_1", "letter_1", "call_2", "letter_2", "agency", "legal_review", "check_promise",
         "check_instalment", "resolve_dispute"}  # fmt: skip
GESTIONALE = str(SAMPLES / "scadenzario_gestionale.xlsx")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else {}), err


def test_actions_on_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "list.xlsx"
    code, result, err = run(
        capsys, "actions", GESTIONALE, "--week", "2026-W48", "--capacity", "calls=3,letters=2", "--out", str(out)
    )
    assert code == 0 and err == ""
    assert list(result) == ["week", "as_of", "actions", "not_fitting"]
    assert (result["week"], result["as_of"]) == ("2026-W48", "2026-11-20")
    entries = result["actions"] + result["not_fitting"]
    assert entries and all(set(entry) >= ENTRY_KEYS for entry in entries)
    assert {entry["step"] for entry in entries} <= STEPS
    assert all(entry["rating"] in "ABCD" and entry["due_date"] <= "2026-11-29" for entry in entries)
    listed = result["actions"]
    assert [e["priority"] for e in listed] == sorted(e["priority"] for e in listed)
    assert sum(e["channel"] == "phone" for e in listed) <= 3
    assert sum(e["channel"] in ("email", "email_or_pec", "pec_or_raccomandata") for e in listed) <= 2
    assert all(e["reason"].startswith("over the weekly capacity") for e in result["not_fitting"])
    assert all(isinstance(e["overdue_cents"], int) for e in entries)
    # The file was read, not stored; the xlsx holds the list and what did not fit.
    assert Store.open().snapshots().is_empty()
    sheet = load_workbook(io.BytesIO(out.read_bytes()))["Actions"]
    assert sheet.max_row == len(entries) + 1 and sheet.freeze_panes == "A2"


def test_actions_on_a_stored_snapshot_in_italian(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "summary", GESTIONALE, "--save")
    snapshot_id = Store.open().latest()["id"]
    code, result, _ = run(capsys, "actions", "--snapshot", str(snapshot_id), "--lang", "it")
    assert code == 0 and result["week"] == "2026-W47"  # the as-of date's week by default
    assert any(" entro il " in entry["trace"] for entry in result["actions"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["actions", "--snapshot", "99"], "there is no snapshot 99"),
        (["actions", "nowhere.xlsx"], "nowhere.xlsx"),
    ],
)
def test_actions_refuses_with_one_line(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2 and message in err and err.count("\n") == 1


@pytest.mark.parametrize("args", [["--week", "2026-48"], ["--capacity", "calls=many"]])
def test_actions_bad_options_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["actions", GESTIONALE, *args])
    assert exit_.value.code == 2


def test_interest_worked_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, result, _ = run(capsys, "interest", "--capital", "10000.00", "--due", "2025-01-31", "--until", "2025-09-30")
    assert code == 0
    assert result == {
        "interest_cents": 71405,
        "compensation_cents": 4000,
        "regime": "late",
        "periods": [
            {"from": "2025-02-01", "to": "2025-06-30", "days": 150, "rate_pct": 11.15, "interest_cents": 45822},
            {"from": "2025-07-01", "to": "2025-09-30", "days": 92, "rate_pct": 10.15, "interest_cents": 25583},
        ],
        "warnings": [],
    }


def test_interest_consumer_and_old_contract(capsys: pytest.CaptureFixture[str]) -> None:
    _, consumer, _ = run(capsys, "interest", "--capital", "10000.00", "--due", "2025-01-31", "--until", "2025-09-30",
                         "--consumer")  # fmt: skip
    # 242 days at the 2025 legal rate of 2.00%: 10,000 × 0.02 × 242 / 365 = 132.60.
    assert (consumer["interest_cents"], consumer["compensation_cents"]) == (13260, 0)
    _, old, _ = run(capsys, "interest", "--capital", "10000.00", "--due", "2025-01-31", "--until", "2025-09-30",
                    "--contract-date", "2012-05-01")  # fmt: skip
    assert [p["rate_pct"] for p in old["periods"]] == [10.15, 9.15]  # +7 points instead of +8


def test_interest_of_a_2012_contract_art_5_dlgs_231_2002_and_dlgs_192_2012(capsys: pytest.CaptureFixture[str]) -> None:
    # Contract 10/09/2012: reference + 7 points in every semester and no EUR 40 (D.Lgs. 192/2012 art. 3).
    # EUR 10,000 due 31/10/2012, to 31/03/2013:
    #   01/11–31/12/2012: 61 days at 1.00% + 7 = 8.00%: 1,000,000 × 800 × 61 / 3,650,000 = 13,369.86
    #   01/01–31/03/2013: 90 days at 0.75% + 7 = 7.75%: 1,000,000 × 775 × 90 / 3,650,000 = 19,109.59
    #   sum 118,550,000,000 / 3,650,000 = 32,479.45 → 32,479 (floors 13,369 + 19,109 = 32,478, one cent to .86)
    code, result, _ = run(capsys, "interest", "--capital", "10000.00", "--due", "2012-10-31", "--until", "2013-03-31",
                          "--contract-date", "2012-09-10")  # fmt: skip
    assert code == 0
    assert (result["interest_cents"], result["compensation_cents"], result["regime"]) == (32479, 0, "late_old")
    assert [(p["rate_pct"], p["days"], p["interest_cents"]) for p in result["periods"]] == [
        (8.0, 61, 13370),
        (7.75, 90, 19109),
    ]


def test_interest_of_a_2001_contract_is_the_legal_rate_art_11_dlgs_231_2002(capsys: pytest.CaptureFixture[str]) -> None:
    # Contract 15/03/2001, before 8 August 2002: outside D.Lgs. 231/2002, legal interest (art. 1284 c.c.)
    # and no EUR 40. EUR 10,000 due 30/06/2001, to 30/06/2002:
    #   01/07–31/12/2001: 184 days at 3.50% (DM 11/12/2000): 1,000,000 × 350 × 184 / 3,650,000 = 17,643.84
    #   01/01–30/06/2002: 181 days at 3.00% (DM 11/12/2001): 1,000,000 × 300 × 181 / 3,650,000 = 14,876.71
    #   sum 118,700,000,000 / 3,650,000 = 32,520.55 → 32,521
    code, result, _ = run(capsys, "interest", "--capital", "10000.00", "--due", "2001-06-30", "--until", "2002-06-30",
                          "--contract-date", "2001-03-15")  # fmt: skip
    assert code == 0
    assert (result["interest_cents"], result["compensation_cents"], result["regime"]) == (32521, 0, "legal")
    assert [(p["rate_pct"], p["days"]) for p in result["periods"]] == [(3.5, 184), (3.0, 181)]


@pytest.mark.parametrize("capital", ["ten", "-5", "10.001"])
def test_interest_bad_capital_exits_2(capital: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["interest", "--capital", capital, "--due", "2025-01-31", "--until", "2025-09-30"])
    assert exit_.value.code == 2


def test_plan_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, result, _ = run(capsys, "plan", "--claim", "10000.00", "--down", "2000.00", "--instalments", "6",
                          "--first", "2026-12-31", "--rate", "6")  # fmt: skip
    assert code == 0 and list(result) == ["schedule", "totals"]
    assert [row["n"] for row in result["schedule"]] == [0, 1, 2, 3, 4, 5, 6]
    assert all(
        list(row) == ["n", "date", "capital_cents", "interest_cents", "payment_cents"] for row in result["schedule"]
    )
    assert result["schedule"][1] == {"n": 1, "date": "2026-12-31", "capital_cents": 131676, "interest_cents": 4000,
                                     "payment_cents": 135676}  # fmt: skip
    assert result["totals"] == {"capital_cents": 1_000_000, "interest_cents": 14_059, "payment_cents": 1_014_059}
    _, quarterly, _ = run(capsys, "plan", "--claim", "100", "--instalments", "3", "--first", "2026-12-31",
                          "--frequency", "quarterly", "--method", "equal_capital")  # fmt: skip
    assert [row["payment_cents"] for row in quarterly["schedule"]] == [3333, 3333, 3334]
    assert [row["date"] for row in quarterly["schedule"]] == ["2026-12-31", "2027-03-31", "2027-06-30"]


def test_plan_refuses_a_down_payment_covering_the_claim(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "plan", "--claim", "100", "--down", "100", "--instalments", "2", "--first", "2026-12-31")
    assert code == 2 and "down payment" in err


@pytest.mark.parametrize("args", [["--instalments", "0"], ["--rate", "abc"], ["--frequency", "weekly"]])
def test_plan_bad_options_exit_2(args: list[str]) -> None:
    base = {"--claim": "100", "--instalments": "2", "--first": "2026-12-31"}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    with pytest.raises(SystemExit) as exit_:
        main(["plan", *(item for pair in base.items() for item in pair)])
    assert exit_.value.code == 2


def test_plan_takes_at_most_the_policy_s_max_instalments(capsys: pytest.CaptureFixture[str]) -> None:
    # config/policy.toml [offers] max_instalments = 60, read without a workspace.
    code, result, _ = run(capsys, "plan", "--claim", "6000", "--instalments", "60", "--first", "2026-12-31")
    assert code == 0 and len(result["schedule"]) == 60
    with pytest.raises(SystemExit) as exit_:
        main(["plan", "--claim", "6000", "--instalments", "61", "--first", "2026-12-31"])
    assert exit_.value.code == 2
    assert "from 1 to 60" in capsys.readouterr().err
