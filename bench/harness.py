"""What the benchmark scripts share: measuring in child processes, targets, and the results file.

Each benchmark (bench_import.py, bench_engine.py) runs every measurement in a fresh child
process, started as `python <script> --child ...`, so that each peak RSS belongs to that
measurement alone. The parent runs the children, builds its own targets and report, and
ends with the same tail: each size measured and reported, the results written as JSON,
PASS or FAIL printed. Both the parent and its children import this module as `harness`
(the script's folder is first on sys.path), and it imports only the standard library, so
that it adds nothing to a child's start-up memory.
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import resource
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent  # the project root: children run there, `lib` imports from it

Result = dict[str, Any]


# --- child side ---------------------------------------------------------------------------------


def peak_mb() -> float:
    """This process's peak resident set size so far, in MB (ru_maxrss is KB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def child(
    preload: Sequence[str],
    work: Callable[[], Result],
    extra: Result | None = None,
    json_default: Callable[[Any], Any] | None = None,
) -> None:
    """Run one measurement and print its result (with peak memory) as one JSON line.

    The modules in `preload` are imported first (imports are start-up, not the work), then
    `start_mb` is read, `work()` runs and `peak_mb` is read. The line is `work()`'s result,
    then start_mb and peak_mb, then `extra`; `json_default` as json.dumps' `default`.
    """
    sys.path.insert(0, str(ROOT))  # so that `lib` imports, wherever we were started from
    for module in preload:
        importlib.import_module(module)
    start_mb = peak_mb()
    result = work()
    print(json.dumps({**result, "start_mb": start_mb, "peak_mb": peak_mb(), **(extra or {})}, default=json_default))


# --- parent side --------------------------------------------------------------------------------


def run_child(script: str | Path, args: Sequence[str], failure: str, show_exit: bool = False) -> Result:
    """`python script --child *args` in a fresh interpreter from the project root: its last line, as JSON.

    When the child fails, raises RuntimeError with `failure`, the exit code if `show_exit`,
    and the child's stderr.
    """
    done = subprocess.run(
        [sys.executable, str(Path(script).resolve()), "--child", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0:
        exit_code = f" (exit {done.returncode})" if show_exit else ""
        raise RuntimeError(f"{failure}{exit_code}:\n{done.stderr.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def target(name: str, value: float, goal: str, passed: bool | None, unit: str) -> Result:
    """One target with its measured value and PASS / FAIL (n/a when `passed` is None: it does not apply)."""
    verdict = "n/a" if passed is None else ("PASS" if passed else "FAIL")
    return {"name": name, "value": value, "unit": unit, "target": goal, "verdict": verdict}


def load_line(run: Result) -> str:
    """The report's line on the machine's load average before and after the measurements."""
    return "load average {:.1f} -> {:.1f} (other work on the machine slows every timing)".format(*run["load_average"])


def machine(libraries: Sequence[str]) -> Result:
    """Enough about the machine and versions to compare two result files (None: not installed)."""
    versions: Result = {}
    for name in libraries:
        try:
            versions[name] = importlib.import_module(name).__version__
        except ImportError:
            versions[name] = None
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(), **versions}


def run_sizes(
    sizes: Iterable[int], bench: Callable[[int], Result], report: Callable[[Result], str]
) -> list[Result] | None:
    """`bench(size)` for each size, its `report` printed as soon as it is done.

    None when a measurement crashed (a RuntimeError, printed on stderr).
    """
    runs = []
    try:
        for size in sizes:
            runs.append(bench(size))
            print(report(runs[-1]), flush=True)
    except RuntimeError as error:
        print(f"\nERROR: {error}", file=sys.stderr)
        return None
    return runs


def finish(runs: list[Result], output: Path, libraries: Sequence[str], size: str) -> None:
    """Write the runs to `output` as JSON (with the time and `machine(libraries)`), print the verdict.

    `size` names a run in the FAIL line, formatted with the run's keys: "{rows:,} rows".
    """
    sys.path.insert(0, str(ROOT))
    from lib import clock  # the one reader of the system clock (standard library only)

    output.parent.mkdir(parents=True, exist_ok=True)
    when = clock.now().isoformat(timespec="seconds")
    output.write_text(json.dumps({"when": when, "machine": machine(libraries), "runs": runs}, indent=2) + "\n")
    failed = [f"{size.format(**r)}: {t['name']}" for r in runs for t in r["targets"] if t["verdict"] == "FAIL"]
    print(f"\nresults: {output}")
    print("ALL TARGETS PASS" if not failed else "FAIL: " + "; ".join(failed))
