"""Same seed, same numbers: notebooks run twice on the smoke profile show bit-identical Show.result values.

One notebook trains a DL4J network (getting started: an MLP on FashionMNIST with ND4J's native ops),
one fits Smile models (problem 2: logistic regression and AdaBoost, their ROC/PR/PRG areas). The first run
is the one test_notebooks checks; the second is a fresh kernel. Every value is compared by its bits.
"""
import struct

import pytest

import nbtools
from conftest import run_of

REPRODUCED = ["00-getting-started.ipynb", "hw1/2-roc-pr-prg.ipynb"]


def bits(value):
    """The IEEE 754 bits of a number (a string such as "NaN" stays as sent)."""
    if isinstance(value, str):
        return value
    return struct.pack(">d", float(value)).hex()


@pytest.mark.parametrize("name", REPRODUCED)
def test_rerun_reproduces_every_result_bit_for_bit(name):
    path = nbtools.NOTEBOOKS / name
    first = run_of(path)
    assert not first.failures(), f"{name} failed:\n" + "\n".join(first.failures())
    second = nbtools.execute(path, timeout=600, write=False)
    assert not second.failures(), f"{name} failed on the rerun:\n" + "\n".join(second.failures())
    a, b = first.raw_results(), second.raw_results()
    assert a, f"{name} showed no Show.result values to compare"
    assert [n for n, _ in a] == [n for n, _ in b], "the reruns showed different results (names or order)"
    differ = [f"{n}: {x!r} vs {y!r}" + ("" if isinstance(x, str) or isinstance(y, str)
                                         else f" (differ by {abs(float(x) - float(y)):.3g}, "
                                              f"{abs(float(x) - float(y)) / max(abs(float(x)), 1e-300):.3g} relative)")
              for (n, x), (_, y) in zip(a, b) if bits(x) != bits(y)]
    assert not differ, f"{name}: same seed, different numbers:\n  " + "\n  ".join(differ)
