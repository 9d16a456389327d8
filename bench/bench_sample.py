"""Time the Start page's "Load sample data" click, run through app.py in AppTest.

Each round gets a new empty workspace (SOLLECITO_HOME in a temporary folder) and a fresh AppTest:

    cold    the first click of the process, with st.cache_data empty: the sample files are imported
    warm    a click in a new workspace with the imports cached (a second user, or a reset workspace)
    again   a second click in the same workspace: everything is already there, nothing is written

The fastest of --repeat rounds counts for warm and again. Prints one line per measure.

    python bench/bench_sample.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SOLLECITO_TODAY", "2026-11-24")

from streamlit.testing.v1 import AppTest  # noqa: E402


def click(at: AppTest) -> float:
    button = next(b for b in at.button if b.key == "save-sample" or b.label == "Load sample data")
    start = time.perf_counter()
    button.click().run()
    assert not at.exception, at.exception
    return time.perf_counter() - start


def fresh() -> AppTest:
    os.environ["SOLLECITO_HOME"] = tempfile.mkdtemp(prefix="bench-sample-")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["language"] = "en"
    return at.run()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    at = fresh()
    cold = click(at)
    again = min(click(at) for _ in range(args.repeat))
    warm = min(click(fresh()) for _ in range(args.repeat))
    print(f"cold  {cold:6.2f} s  (first click, imports not cached)")
    print(f"warm  {warm:6.2f} s  (new workspace, imports cached)")
    print(f"again {again:6.2f} s  (same workspace, already loaded)")


if __name__ == "__main__":
    main()
