"""The committed sample files import to their generator's ground truth, to the cent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lib.__main__ import summary
from sample_data import make_samples
from tests.conftest import SAMPLES

TRUTH = json.loads((SAMPLES / "ground_truth.json").read_text())


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_summary_matches_ground_truth(name: str) -> None:
    truth = TRUTH[name]
    result = summary(SAMPLES / name, None, None, save=False)
    assert result["as_of"] == truth["as_of"]
    assert result["items"] == truth["items"]
    assert result["customers"] == truth["customers"]
    assert result["open_cents"] == truth["open_cents"]
    assert result["overdue_cents"] == truth["overdue_cents"]
    assert result["estimated_due_dates"] is truth["estimated_due_dates"]


def test_wrong_subtotal_in_gestionale_is_a_warning_not_a_failure() -> None:
    truth = TRUTH["scadenzario_gestionale.xlsx"]
    result = summary(SAMPLES / "scadenzario_gestionale.xlsx", None, None, save=False)
    mismatches = [r for r in result["reconciliation"] if r["difference_cents"] != 0]
    assert [r["label"] for r in mismatches] == [f"Totale cliente {c}" for c in truth["reconciliation_mismatch"]]
    assert mismatches[0]["difference_cents"] == 1000  # the generator's deliberate 10,00
    warned = [i for i in result["issues"] if i["code"] == "total_mismatch"]
    assert [i["row"] for i in warned] == [mismatches[0]["row"]]


def test_samples_are_reproducible(tmp_path: Path) -> None:
    """The committed files are exactly what the committed script makes."""
    make_samples.main(["make_samples.py", str(tmp_path)])
    for name in TRUTH:
        assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), name
