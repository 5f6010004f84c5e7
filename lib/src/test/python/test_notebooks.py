"""Every notebook under notebooks/, executed headless through Jupyter on the smoke profile.

Checks: no error output or exception text, the figures and tables it should show, and its key
numbers (Show.result) within the ranges in expectations.json. Also: committed without outputs,
the same first cells everywhere, runs under a plain JJava kernel, exports to HTML and PDF.
"""
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

import nbtools
from conftest import run_of

EXPECTATIONS = json.loads((Path(__file__).parent / "expectations.json").read_text())
NOTEBOOKS = nbtools.find_notebooks()
LIB_VERSION = re.search(r"<artifactId>dl-notebooks</artifactId>\s*<version>([^<]+)</version>",
                        (nbtools.ROOT / "pom.xml").read_text()).group(1)
# A code cell a student reads at a glance; a cell whose first line is "// long cell: <why>" may have a few more.
MAX_CELL_LINES = 20
MAX_MARKED_CELL_LINES = 25
LONG_CELL_MARK = "// long cell:"
# A fully qualified class name in code (imports aside): org.knowm.xchart.style.Styler, java.util.Arrays, ...
QUALIFIED = re.compile(r"(?<![\w.])(?:java|javax|org|tech|smile|dlnb|com)\.(?:[a-z_]\w*\.)+[A-Z]\w*")
STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found under notebooks/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=nbtools.relative)
def test_committed_clean_with_standard_first_cells(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), "commit notebooks without outputs"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), "start with a '# Title' cell"
    assert code[0].source.strip() == f"%maven org.dlnotebooks:dlnb:{LIB_VERSION}", \
        "the first code cell loads the helper library, and only that"
    assert any("Notebook.start(" in c.source for c in code[:3]), "seed and report the profile in the first cells"
    assert nb.metadata.kernelspec.name == nbtools.KERNEL


@pytest.mark.parametrize("path", NOTEBOOKS, ids=nbtools.relative)
def test_cells_are_short_and_plain(path):
    """Short cells, one idea each, and class names imported rather than spelled out mid-cell."""
    nb = nbformat.read(path, as_version=4)
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        lines = cell.source.strip().splitlines()
        marked = bool(lines) and lines[0].strip().startswith(LONG_CELL_MARK)
        limit = MAX_MARKED_CELL_LINES if marked else MAX_CELL_LINES
        if len(lines) > limit:
            problems.append(f"cell {index}: {len(lines)} lines (at most {MAX_CELL_LINES}, or {MAX_MARKED_CELL_LINES} "
                            f"with a first line '{LONG_CELL_MARK} <why>'): split it or move plumbing to the helper")
        for number, line in enumerate(lines, 1):
            if line.lstrip().startswith(("import ", "%")):
                continue
            code = STRING.sub('""', line).split("//")[0]
            found = QUALIFIED.search(code)
            if found:
                problems.append(f"cell {index}, line {number}: fully qualified {found.group()}: import it in the imports cell")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=nbtools.relative)
def test_notebook_runs_and_shows_expected_results(path):
    name = nbtools.relative(path)
    assert name in EXPECTATIONS, f"add an entry for {name} to expectations.json"
    expected = EXPECTATIONS[name]
    run = run_of(path)
    assert not run.failures(), f"{name} failed:\n" + "\n".join(run.failures())
    assert "profile smoke" in run.text(), "the notebook should print the profile it ran"
    assert len(run.images()) >= expected.get("min_images", 0), "fewer PNG charts than expected"
    assert len(run.tables()) >= expected.get("min_tables", 0), "fewer tables than expected"
    results = run.results()
    for key, (low, high) in expected.get("results", {}).items():
        assert key in results, f"{name} did not show the result '{key}' (it showed: {sorted(results)})"
        assert low <= results[key] <= high, f"{name}: {key} = {results[key]}, expected in [{low}, {high}]"


def test_getting_started_runs_under_a_plain_jjava_kernel():
    """The first cell loads the library itself, so the notebook needs no project-specific kernel."""
    run = nbtools.execute(nbtools.NOTEBOOKS / "00-getting-started.ipynb", kernel="java", write=False)
    assert not run.failures(), "\n".join(run.failures())
    assert run.images(), "charts should render under the plain kernel too"


def test_getting_started_exports_to_html_and_pdf():
    source = nbtools.NOTEBOOKS / "00-getting-started.ipynb"
    assert not run_of(source).failures()
    formats = ("html", "pdf") if shutil.which("xelatex") and shutil.which("pandoc") else ("html",)
    if formats == ("html",) and os.environ.get("CI"):
        pytest.fail("xelatex and pandoc are needed for the PDF export test (.ci/run installs them)")
    written = nbtools.export(nbtools.executed_path(source), formats)
    html = next(p for p in written if p.suffix == ".html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in html, "charts should be embedded in the HTML report"
    if "pdf" in formats:
        pdf = next(p for p in written if p.suffix == ".pdf")
        listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
        images = [line for line in listing.splitlines()[2:] if line.strip()]
        assert len(images) >= 2, f"the PDF should embed the charts as images, found {len(images)}"
    else:
        pytest.skip("PDF export skipped: install xelatex and pandoc (README, 'Reports')")
