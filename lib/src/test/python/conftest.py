import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bin"))

# The shipped OpenML copies as a data mirror, as lib/bin/common.sh does, so pytest run directly works offline too.
_TEST_DATA = str(Path(__file__).resolve().parents[1] / "data")
if _TEST_DATA not in os.environ.get("DLNB_DATA_MIRROR", "").split(os.pathsep):
    os.environ["DLNB_DATA_MIRROR"] = os.pathsep.join(filter(None, [os.environ.get("DLNB_DATA_MIRROR"), _TEST_DATA]))

import nbtools  # noqa: E402

TIMINGS = []
_runs = {}


def run_of(path):
    """Executes each notebook once per test session, shared by the test modules (its executed copy and run
    record go to build/executed/)."""
    path = Path(path).resolve()
    if path not in _runs:
        run = nbtools.execute(path, timeout=600)  # per cell; smoke cells take seconds
        _runs[path] = run
        TIMINGS.append((nbtools.relative(path), run.seconds, run.peak_rss_mib))
    return _runs[path]


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.section("notebooks (smoke profile)")
        for name, seconds, peak in TIMINGS:
            memory = f", kernel peak RSS {peak} MiB" if peak else ""
            terminalreporter.write_line(f"{name}: {seconds:.1f} s{memory}")
