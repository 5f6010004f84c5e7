import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bin"))

import nbtools  # noqa: E402

TIMINGS = []


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.section("notebooks (smoke profile)")
        for name, seconds, peak in TIMINGS:
            memory = f", kernel peak RSS {peak} MiB" if peak else ""
            terminalreporter.write_line(f"{name}: {seconds:.1f} s{memory}")
