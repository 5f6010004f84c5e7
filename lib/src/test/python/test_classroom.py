"""The nbgrader round trip: student editions (lib/bin/student) and autograding (lib/bin/grade).

- the student editions hold no solution code: no marker line left, and no line of any solution region;
- they run without error up to the first stub (what a student sees before writing anything);
- the instructor versions autograde to full marks with the project kernel;
- a notebook with one wrong answer loses exactly the points of the test that checks it.
Checked on every notebook under notebooks/ that marks solutions, and end to end on the grading fixture
(fixtures/grading/: a small problem marked like the homework, graded in seconds). Smoke profile.
"""
import shutil
from pathlib import Path

import nbformat
import pytest

import classroom
import nbtools

MARKED = [p for p in nbtools.find_notebooks() if classroom.has_solutions(nbformat.read(p, as_version=4))]
FIXTURE = Path(__file__).parent / "fixtures" / "grading"
# The deliberately wrong answer: the population variance's line replaced by the sample variance's (32/7, not 4).
WRONG_ANSWER = ("hw0/1-sample-moments.ipynb", "return squares / x.length;", "return squares / (x.length - 1);",
                {"test-the-variance"})


def _has_tests(path):
    return any(c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
               for c in nbformat.read(path, as_version=4).cells)


@pytest.fixture(scope="module")
def released():
    return {p.name: p for paths in classroom.generate().values() for p in paths}


@pytest.fixture
def fixture_course(tmp_path, monkeypatch):
    """A course whose notebooks/ is the grading fixture, its build folders in tmp_path."""
    notebooks = tmp_path / "notebooks"
    shutil.copytree(FIXTURE, notebooks)
    monkeypatch.setattr(nbtools, "NOTEBOOKS", notebooks)
    monkeypatch.setattr(classroom, "COURSE", tmp_path / "nbgrader")
    monkeypatch.setattr(classroom, "STUDENT", tmp_path / "student")
    return notebooks


def _solution_lines(nb):
    """Each solution region's substantial lines (not braces, not comments), less those the plumbing outside the
    regions also holds (a loop header such as `for (int i = 0; i < n; i++) {` may be both)."""
    lines, outside = [], set()
    for cell in nb.cells:
        inside = False
        for line in cell.source.split("\n"):
            if classroom.MARKER_LINE.match(line):
                inside = "BEGIN" in line
            elif inside and len(line.strip()) >= 8 and not line.strip().startswith(("//", "<!--")):
                lines.append(line.strip())
            elif not inside:
                outside.add(line.strip())
    return [line for line in lines if line not in outside]


def _check_student_edition(source, student):
    text = "\n".join(c.source for c in student.cells)
    left = [line for line in text.split("\n") if classroom.MARKER_LINE.match(line)]
    assert not left, f"markers left in the student edition: {left[:3]}"
    leaked = [line for line in _solution_lines(source) if line in text]
    assert not leaked, f"solution code in the student edition: {leaked[:3]}"
    assert classroom.CODE_STUB in text or classroom.TEXT_STUB in text, "the student edition should hold the stubs"
    assert all(not c.get("outputs") for c in student.cells if c.cell_type == "code"), "outputs should be cleared"


def _run_until_first_stub(student, folder):
    first = next(i for i, c in enumerate(student.cells) if c.cell_type == "code" and classroom.CODE_STUB in c.source)
    student.cells = student.cells[:first]
    partial = folder / "until-first-stub.ipynb"
    nbformat.write(student, partial)
    return nbtools.execute(partial, timeout=600, write=False)


@pytest.mark.parametrize("path", MARKED, ids=[nbtools.relative(p) for p in MARKED])
def test_student_edition_holds_no_solution_code(path, released):
    _check_student_edition(nbformat.read(path, as_version=4), nbformat.read(released[path.name], as_version=4))


@pytest.mark.parametrize("path", MARKED, ids=[nbtools.relative(p) for p in MARKED])
def test_student_edition_runs_until_the_first_stub(path, released, tmp_path):
    run = _run_until_first_stub(nbformat.read(released[path.name], as_version=4), tmp_path)
    assert not run.failures(), "the student edition fails before its first stub:\n" + "\n".join(run.failures())


def test_instructor_versions_of_the_homework_autograde_to_full_marks(tmp_path, monkeypatch):
    monkeypatch.setattr(classroom, "COURSE", tmp_path / "nbgrader")  # a gradebook of its own
    monkeypatch.setattr(classroom, "STUDENT", tmp_path / "student")
    graded = [p for p in MARKED if _has_tests(p)]
    if not graded:
        pytest.skip("no notebook under notebooks/ has autograded test cells yet")
    rows = classroom.grade(graded, student="instructor")
    print(classroom.table(rows))
    lost = [r for r in rows if not r[6] and r[4] != r[5]]
    assert not lost, "the instructor versions lose points:\n" + classroom.table(lost)


def test_fixture_round_trip(fixture_course, tmp_path):
    """Student edition, a run up to the stub, the instructor's full marks and a wrong answer's exact loss."""
    source = nbtools.find_notebooks()[0]
    released = classroom.generate()
    student = nbformat.read(released["hw0"][0], as_version=4)
    _check_student_edition(nbformat.read(source, as_version=4), student)
    assert "Check.near" not in "\n".join(c.source for c in student.cells), "hidden tests stay hidden"
    assert not _run_until_first_stub(student, tmp_path).failures()

    name, right, wrong, failing = WRONG_ANSWER
    text = source.read_text(encoding="utf-8")
    assert right in text, f"{name} no longer holds the line this test falsifies: {right}"
    submission = tmp_path / "wrong" / source.name
    submission.parent.mkdir()
    submission.write_text(text.replace(right, wrong), encoding="utf-8")
    rows = classroom.grade([source, submission], student=None)
    print(classroom.table(rows))
    by_student = {}
    for who, _, _, test, score, top, manual in rows:
        if not manual:
            by_student.setdefault(who, {})[test] = (score, top)
    instructor, student_scores = by_student["student"], by_student["wrong"]
    assert instructor and all(s == t for s, t in instructor.values()), f"the instructor version loses points: {instructor}"
    assert set(student_scores) == set(instructor)
    assert all(student_scores[t][0] == 0 for t in failing), f"the wrong answer should fail {failing}: {student_scores}"
    assert all(s == t for test, (s, t) in student_scores.items() if test not in failing), \
        f"only {failing} should lose points: {student_scores}"
    lost = sum(t - s for s, t in student_scores.values())
    assert lost == sum(instructor[t][1] for t in failing), f"lost {lost} points"
