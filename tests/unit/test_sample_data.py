"""The committed sample files import to their generator's ground truth, to the cent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lib.__main__ import summary
from lib.diff import collected, diff_documents
from lib.ingest import import_file
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


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample files as the committed scripts make them now (once for the module: it takes seconds)."""
    folder = tmp_path_factory.mktemp("samples")
    make_samples.main(["make_samples.py", str(folder)])
    return folder


def test_samples_are_reproducible(made: Path) -> None:
    """The committed files are exactly what the committed script makes."""
    for name in TRUTH:
        assert (made / name).read_bytes() == (SAMPLES / name).read_bytes(), name


HISTORY = json.loads((SAMPLES / "history" / "ground_truth.json").read_text())
WEEKS = HISTORY["snapshots"]


@pytest.mark.parametrize("week", WEEKS, ids=[w["as_of"] for w in WEEKS])
def test_each_week_of_the_history_matches_its_truth(week: dict) -> None:
    """Each snapshot of the sample's history, newest included, imports to the generator's figures."""
    result = summary(SAMPLES / week["file"], None, None, save=False)
    assert result["as_of"] == week["as_of"]
    assert (result["items"], result["customers"]) == (week["items"], week["customers"])
    assert result["open_cents"] == week["open_cents"]
    assert result["overdue_cents"] == week["overdue_cents"]
    assert all(r["difference_cents"] == 0 for r in result["reconciliation"]) or week["file"] == make_samples.GESTIONALE


def test_the_newest_week_is_the_sample_file() -> None:
    newest = WEEKS[-1]
    truth = TRUTH[make_samples.GESTIONALE]
    assert newest["file"] == make_samples.GESTIONALE
    assert {k: newest[k] for k in ("as_of", "items", "customers", "open_cents", "overdue_cents")} == {
        k: truth[k] for k in ("as_of", "items", "customers", "open_cents", "overdue_cents")
    }


def test_each_week_collects_what_the_generator_paid() -> None:
    """lib.diff's collected between consecutive weeks is the invoices paid in between, to the cent."""
    imported = [import_file((SAMPLES / w["file"]).read_bytes(), Path(w["file"]).name) for w in WEEKS]
    for before, after, week in zip(imported, imported[1:], WEEKS[1:], strict=False):
        changes = diff_documents(before.items, before.report.as_of, after.items, after.report.as_of)
        got = collected(changes)
        assert dict(zip(got["currency"], got["collected_cents"], strict=True)) == week["collected_cents"], week["as_of"]
        assert week["collected_cents"]["EUR"] > 0


def test_history_is_reproducible(made: Path) -> None:
    """The committed history, its log and its truth are exactly what the committed scripts make."""
    names = sorted(p.relative_to(made) for p in (made / "history").iterdir())
    assert names == sorted(p.relative_to(SAMPLES) for p in (SAMPLES / "history").iterdir())
    for name in names:
        assert (made / name).read_bytes() == (SAMPLES / name).read_bytes(), name
