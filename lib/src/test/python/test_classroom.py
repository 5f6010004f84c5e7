"""The nbgrader round trip: student editions (lib/bin/student) and autograding (lib/bin/grade).

- the student editions hold no solution code: no marker left, and no line of any solution region;
- they run without error up to the first stub (what a student sees before writing anything);
- the instructor versions autograde to full marks with the project kernel;
- a notebook with one wrong answer loses exactly the points of the test that checks it.
Notebooks run on the smoke profile, like the other notebook tests.
"""
import nbformat
import pytest

import classroom
import nbtools

MARKED = [p for p in nbtools.find_notebooks() if classroom.has_solutions(nbformat.read(p, as_version=4))]
# A deliberately wrong answer: notebook, the solution line to replace, its wrong version, the tests it must fail.
WRONG_ANSWER = ("hw1/1-bias-variance.ipynb", "double sigma2 = noise.variance();",
                "double sigma2 = 2 * noise.variance();", {"test-noise-variance"})


@pytest.fixture(scope="module")
def released():
    return {p.name: p for paths in classroom.generate().values() for p in paths}


def _solution_lines(nb):
    """Each solution region's substantial lines (not braces, not comments)."""
    lines = []
    for cell in nb.cells:
        inside = False
        for line in cell.source.split("\n"):
            if classroom.MARKER_LINE.match(line):
                inside = "BEGIN" in line
            elif inside and len(line.strip()) >= 8 and not line.strip().startswith(("//", "<!--")):
                lines.append(line.strip())
    return lines


def test_some_notebooks_mark_their_solutions():
    assert MARKED, "no notebook marks its solutions for nbgrader (see lib/bin/classroom.py)"


@pytest.mark.parametrize("path", MARKED, ids=[nbtools.relative(p) for p in MARKED])
def test_student_edition_holds_no_solution_code(path, released):
    source = nbformat.read(path, as_version=4)
    student = nbformat.read(released[path.name], as_version=4)
    text = "\n".join(c.source for c in student.cells)
    left = [line for line in text.split("\n") if classroom.MARKER_LINE.match(line)]
    assert not left, f"markers left in the student edition: {left[:3]}"
    leaked = [line for line in _solution_lines(source) if line in text]
    assert not leaked, f"solution code in the student edition: {leaked[:3]}"
    assert classroom.CODE_STUB in text or classroom.TEXT_STUB in text, "the student edition should hold the stubs"
    assert all(not c.get("outputs") for c in student.cells if c.cell_type == "code"), "outputs should be cleared"


@pytest.mark.parametrize("path", MARKED, ids=[nbtools.relative(p) for p in MARKED])
def test_student_edition_runs_until_the_first_stub(path, released, tmp_path):
    student = nbformat.read(released[path.name], as_version=4)
    first = next(i for i, c in enumerate(student.cells) if c.cell_type == "code" and classroom.CODE_STUB in c.source)
    student.cells = student.cells[:first]
    partial = tmp_path / path.name
    nbformat.write(student, partial)
    run = nbtools.execute(partial, timeout=600, write=False)
    assert not run.failures(), f"the student edition fails before its first stub:\n" + "\n".join(run.failures())


def test_instructor_versions_autograde_to_full_marks():
    rows = classroom.grade(MARKED, student="instructor")
    print(classroom.table(rows))
    tests = [r for r in rows if not r[6]]
    assert tests, "no autograded test cells in the marked notebooks"
    lost = [r for r in tests if r[4] != r[5]]
    assert not lost, "the instructor versions lose points:\n" + classroom.table(lost)


def test_a_wrong_answer_loses_exactly_its_tests_points(tmp_path):
    name, right, wrong, failing = WRONG_ANSWER
    source = nbtools.NOTEBOOKS / name
    text = source.read_text(encoding="utf-8")
    assert right in text, f"{name} no longer holds the line this test falsifies: {right}"
    submission = tmp_path / "wrong" / source.name
    submission.parent.mkdir()
    submission.write_text(text.replace(right, wrong), encoding="utf-8")
    rows = classroom.grade([submission])
    print(classroom.table(rows))
    tests = {r[3]: (r[4], r[5]) for r in rows if not r[6]}
    assert failing <= set(tests), f"expected tests {failing} among {sorted(tests)}"
    assert all(tests[t][0] == 0 for t in failing), f"the wrong answer should fail {failing}: {tests}"
    assert all(score == top for t, (score, top) in tests.items() if t not in failing), \
        f"only {failing} should lose points: {tests}"
