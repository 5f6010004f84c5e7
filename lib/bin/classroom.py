"""Student editions and autograding with nbgrader (lib/bin/student, lib/bin/grade, lib/bin/mark-solutions).

The course lives in build/nbgrader/ (nbgrader's course directory, rebuilt from notebooks/ on every run):
source/<assignment>/ is a copy of each notebooks/ folder (the top-level notebooks form the assignment
"intro"), release/ holds nbgrader's student versions, submitted/<student>/<assignment>/ what is graded,
autograded/ the graded copies, gradebook.db the scores. Student editions are copied to build/student/ with
the same layout as notebooks/.

How a notebook marks the homework's own work (nbgrader's conventions; lib/bin/mark-solutions writes the
cell metadata from the markers, and the notebook tests check the two agree):
- code: the lines between `// BEGIN SOLUTION` and `// END SOLUTION` become `// YOUR CODE HERE`;
- written answers: a Markdown cell with `<!-- BEGIN SOLUTION -->` ... `<!-- END SOLUTION -->` (the text
  between becomes "YOUR ANSWER HERE"), graded by hand: 1 point, or N with `<!-- points: N -->`;
- tests: a code cell whose first line is `// Test: <what> (N points)` is an autograded test cell worth N
  points, its `// BEGIN HIDDEN TESTS` ... `// END HIDDEN TESTS` lines are left out of the student edition and
  put back for grading. Test cells check numbers with dlnb.Check and print nothing when they pass.
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

import nbtools

ROOT = nbtools.ROOT
COURSE = ROOT / "build" / "nbgrader"
STUDENT = ROOT / "build" / "student"
INTRO = "intro"  # the assignment of the notebooks directly under notebooks/
# A marker is a line of its own (prose may mention "`// BEGIN SOLUTION`" without starting a region).
SOLUTION = re.compile(r"^\s*(//|<!--)\s*BEGIN SOLUTION\b", re.MULTILINE)
MARKER_LINE = re.compile(r"^\s*(//|<!--)\s*(BEGIN|END) (SOLUTION|HIDDEN TESTS)\b")
MARKER_WORDS = re.compile(r"(BEGIN|END) (SOLUTION|HIDDEN TESTS)")
NBSP = "\u00a0"
TEST = re.compile(r"^\s*//\s*Test:\s*(.+?)\s*\((\d+(?:\.\d+)?)\s*points?\)\s*$", re.IGNORECASE)
POINTS = re.compile(r"<!--\s*points:\s*(\d+(?:\.\d+)?)\s*-->")
CODE_STUB = "// YOUR CODE HERE"
TEXT_STUB = "YOUR ANSWER HERE"


class ClassroomError(Exception):
    pass


# --- marking ---------------------------------------------------------------------------------------------

def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "cell"


def expected_marks(nb):
    """The nbgrader metadata each cell should carry given its markers ({cell id: metadata or None})."""
    marks, used = {}, set()
    for index, cell in enumerate(nb.cells):
        first = cell.source.split("\n", 1)[0]
        test = TEST.match(first) if cell.cell_type == "code" else None
        meta = None
        if test:
            grade_id = "test-" + _slug(test.group(1))
            meta = {"grade": True, "solution": False, "locked": True, "points": float(test.group(2))}
        elif SOLUTION.search(cell.source):
            grade_id = f"{'answer' if cell.cell_type == 'markdown' else 'solution'}-{cell.get('id') or index}"
            meta = {"grade": False, "solution": True, "locked": False}
            if cell.cell_type == "markdown":  # nbgrader grades written answers by hand: 1 point unless it says
                points = POINTS.search(cell.source)
                meta.update({"grade": True, "points": float(points.group(1)) if points else 1.0})
        if meta is not None:
            while grade_id in used:
                grade_id += "-x"
            used.add(grade_id)
            meta.update({"grade_id": grade_id, "schema_version": 3, "task": False})
        marks[cell.get("id") or str(index)] = meta
    return marks


def unmarked_cells(nb):
    """Cells whose nbgrader metadata disagrees with their markers (what lib/bin/mark-solutions would change)."""
    wrong = []
    marks = expected_marks(nb)
    for index, cell in enumerate(nb.cells):
        want, have = marks[cell.get("id") or str(index)], cell.metadata.get("nbgrader")
        if (want or None) != (have or None):
            wrong.append(f"cell {index} ({cell.source.strip().splitlines()[0][:50] if cell.source.strip() else 'empty'})")
    return wrong


def mark(paths):
    """Writes each notebook's nbgrader cell metadata from its markers; returns the notebooks changed."""
    changed = []
    for path in paths:
        original = Path(path).read_text(encoding="utf-8")
        nb = nbformat.reads(_normalize(original), as_version=4)  # cell ids first: grade ids are built from them
        marks = expected_marks(nb)
        for index, cell in enumerate(nb.cells):
            want = marks[cell.get("id") or str(index)]
            if want:
                cell.metadata["nbgrader"] = want
            else:
                cell.metadata.pop("nbgrader", None)
        text = _normalize(nbformat.writes(nb))
        if text != original:
            Path(path).write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def _normalize(text):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import nbnormalize
    return nbnormalize.normalize(text)


def has_solutions(nb):
    return any(c.metadata.get("nbgrader", {}).get("solution") or c.metadata.get("nbgrader", {}).get("grade")
               for c in nb.cells)


# --- the course directory --------------------------------------------------------------------------------

def assignment_of(path):
    """(assignment, notebook name) of a notebook under notebooks/: its folder, or "intro" at the top."""
    rel = Path(nbtools.relative(path))
    return (rel.parts[0] if len(rel.parts) > 1 else INTRO), rel.stem


def assignments():
    """{assignment: [notebooks]} for every notebook under notebooks/, in order."""
    found = {}
    for path in nbtools.find_notebooks():
        found.setdefault(assignment_of(path)[0], []).append(path)
    return found


def _config():
    COURSE.mkdir(parents=True, exist_ok=True)
    (COURSE / "nbgrader_config.py").write_text(
        "# Written by lib/bin/classroom.py on every run.\n"
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(COURSE)!r}\n"
        f"c.CourseDirectory.db_url = {'sqlite:///' + str(COURSE / 'gradebook.db')!r}\n"
        f"c.ClearSolutions.code_stub = {{'java': {CODE_STUB!r}}}\n"
        f"c.ClearSolutions.text_stub = {TEXT_STUB!r}\n"
        "c.ClearSolutions.begin_solution_delimeter = 'BEGIN SOLUTION'\n"
        "c.ClearSolutions.end_solution_delimeter = 'END SOLUTION'\n"
        "c.ClearHiddenTests.begin_test_delimeter = 'BEGIN HIDDEN TESTS'\n"
        "c.ClearHiddenTests.end_test_delimeter = 'END HIDDEN TESTS'\n"
        "c.Execute.timeout = 1800\n"
        "c.Execute.interrupt_on_timeout = True\n", encoding="utf-8")


def _nbgrader(args, log):
    """Runs one nbgrader command in the course directory, its output appended to `log`."""
    exe = Path(sys.executable).parent / "nbgrader"
    command = [str(exe) if exe.exists() else "nbgrader", *args]
    with open(log, "a", encoding="utf-8") as out:
        out.write("$ " + " ".join(command) + "\n")
        out.flush()
        env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")  # alembic
        done = subprocess.run(command, cwd=COURSE, stdout=out, stderr=subprocess.STDOUT, env=env)
    if done.returncode != 0:
        tail = Path(log).read_text(encoding="utf-8").splitlines()[-25:]
        raise ClassroomError(f"nbgrader {args[0]} failed (log {Path(log).relative_to(ROOT)}):\n  " + "\n  ".join(tail))


def generate(names=None, gradebook=False):
    """nbgrader's generate step for every assignment (or those named): student editions in build/student/.

    Recorded in a throwaway database, unless `gradebook` (grading: the gradebook learns the tests from the
    source; nbgrader then refuses a notebook whose cells changed since its submissions were graded).
    Returns {assignment: [student notebook paths]}."""
    _config()
    db = COURSE / ("gradebook.db" if gradebook else "release.db")
    if not gradebook:
        db.unlink(missing_ok=True)
    log = COURSE / "generate.log"
    log.write_text("", encoding="utf-8")
    released = {}
    for name, paths in assignments().items():
        if names and name not in names:
            continue
        for path in paths:
            wrong = unmarked_cells(nbformat.read(path, as_version=4))
            if wrong:
                raise ClassroomError(f"{nbtools.relative(path)}: nbgrader metadata does not match the solution and test "
                                     f"markers in {', '.join(wrong)}: run lib/bin/mark-solutions {nbtools.relative(path)}")
        source = COURSE / "source" / name
        shutil.rmtree(source, ignore_errors=True)
        source.mkdir(parents=True)
        for path in paths:
            (source / path.name).write_text(_shield(path.read_text(encoding="utf-8")), encoding="utf-8")
        try:
            _nbgrader(["generate_assignment", name, "--force", "--create", f"--CourseDirectory.db_url=sqlite:///{db}"], log)
        except ClassroomError as e:
            if gradebook and "because there are submissions" in str(e):
                raise ClassroomError(f"{name} changed (cells added or removed) since its submissions were graded: "
                                     f"keep grading the old version, or start a new gradebook by deleting {db}") from e
            raise
        target = STUDENT / ("" if name == INTRO else name)
        target.mkdir(parents=True, exist_ok=True)
        released[name] = []
        for path in paths:
            text = (COURSE / "release" / name / path.name).read_text(encoding="utf-8")
            (target / path.name).write_text(text.replace(NBSP + "SOLUTION", " SOLUTION").replace(NBSP + "HIDDEN", " HIDDEN"),
                                            encoding="utf-8")
            released[name].append(target / path.name)
    return released


def _shield(text):
    """The notebook's text for nbgrader: marker words in prose ("in code it sits between `// BEGIN SOLUTION` and
    ...") get a no-break space, since nbgrader would take any line containing them for a region's start or end."""
    nb = nbformat.reads(text, as_version=4)
    for cell in nb.cells:
        cell.source = "\n".join(line if MARKER_LINE.match(line) else MARKER_WORDS.sub(lambda m: m.group(1) + NBSP + m.group(2), line)
                                for line in cell.source.split("\n"))
    return nbformat.writes(nb)


def student_for(path, given):
    if given:
        return given
    parent = Path(path).resolve().parent.name
    return "student" if parent in assignments() or parent in ("student", "notebooks") else parent


def find_source(path):
    """The notebook under notebooks/ a submission answers (same file name)."""
    matches = [p for p in nbtools.find_notebooks() if p.name == Path(path).name]
    if not matches:
        raise ClassroomError(f"{path}: no notebook of that name under notebooks/ (submissions keep their file name)")
    if len(matches) > 1:
        raise ClassroomError(f"{path}: several notebooks are called {Path(path).name}: "
                             + ", ".join(nbtools.relative(m) for m in matches))
    return matches[0]


def grade(paths, student=None):
    """Autogrades submitted notebooks with the project kernel; returns score rows
    (student, assignment, notebook, test, score, max score)."""
    submissions = []
    for path in paths:
        path = Path(path)
        if not path.is_file() or path.suffix != ".ipynb":
            raise ClassroomError(f"{path} is not a notebook (.ipynb)")
        name, notebook = assignment_of(find_source(path))
        submissions.append((student_for(path, student), name, notebook, path))
    generate(sorted({s[1] for s in submissions}), gradebook=True)  # the gradebook learns the tests from the source
    log = COURSE / "autograde.log"
    log.write_text("", encoding="utf-8")
    for who, name, notebook, path in submissions:
        target = COURSE / "submitted" / who / name
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target / f"{notebook}.ipynb")
    for who, name in sorted({(s[0], s[1]) for s in submissions}):
        _nbgrader(["autograde", name, "--student", who, "--force", "--create"], log)
    return scores(submissions)


def scores(submissions):
    """Score rows in the notebooks' cell order: (student, assignment, notebook, grade id, score, max, by hand)."""
    from nbgrader.api import Gradebook, MissingEntry
    rows = []
    with Gradebook("sqlite:///" + str(COURSE / "gradebook.db")) as gb:
        for who, name, notebook, _ in submissions:
            try:
                sub = gb.find_submission_notebook(notebook, name, who)
            except MissingEntry:
                raise ClassroomError(f"nbgrader recorded no grades for {who}'s {name}/{notebook}")
            source = nbformat.read(COURSE / "source" / name / f"{notebook}.ipynb", as_version=4)
            order = [c.metadata.get("nbgrader", {}).get("grade_id") for c in source.cells]
            for g in sorted(sub.grades, key=lambda g: order.index(g.name) if g.name in order else len(order)):
                rows.append((who, name, notebook, g.name, g.score, g.max_score, bool(g.needs_manual_grade)))
    return rows


def table(rows):
    """The score table: one line per graded cell, then per notebook the autograded total and what is left to
    grade by hand (written answers)."""
    lines = [f"{'student':<12} {'notebook':<34} {'graded cell':<40} {'points':>9}"]
    groups = {}
    for row in rows:
        groups.setdefault(row[:3], []).append(row)
    for (who, name, notebook), cells in groups.items():
        auto = [(score or 0, top) for *_, score, top, manual in cells if not manual]
        hand = [top for *_, top, manual in cells if manual]
        for _, _, _, test, score, top, manual in cells:
            shown = f"by hand /{top:g}" if manual else f"{score:g}/{top:g}"
            lines.append(f"{who:<12} {name + '/' + notebook:<34} {test:<40} {shown:>9}")
        total = f"{sum(s for s, _ in auto):g}/{sum(t for _, t in auto):g}"
        note = f" (+{sum(hand):g} by hand)" if hand else ""
        lines.append(f"{who:<12} {name + '/' + notebook:<34} {'autograded total' + note:<40} {total:>9}")
    return "\n".join(lines)


# --- commands --------------------------------------------------------------------------------------------

def _student_main(argv):
    if argv:
        sys.exit("student: no arguments (it releases every notebook under notebooks/ into build/student/)")
    released = generate()
    for name, paths in released.items():
        print(f"{name}: {len(paths)} student notebooks in {paths[0].parent.relative_to(ROOT)}")


def _grade_main(argv):
    student, paths = None, []
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--student":
            student = args.pop(0) if args else sys.exit("grade: --student needs a name")
        elif a.startswith("-"):
            sys.exit(f"grade: unknown option {a} (usage: lib/bin/grade [--student NAME] NOTEBOOK...)")
        else:
            paths.append(a)
    if not paths:
        sys.exit("usage: lib/bin/grade [--student NAME] NOTEBOOK...  (e.g. lib/bin/grade submissions/alice/*.ipynb)")
    print(table(grade(paths, student)))


def _mark_main(argv):
    paths = argv or [str(p) for p in nbtools.find_notebooks()]
    for path in mark(paths):
        print(f"marked {path}")


if __name__ == "__main__":
    command, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    try:
        {"student": _student_main, "grade": _grade_main, "mark": _mark_main}[command](rest)
    except KeyError:
        sys.exit("usage: classroom.py student | grade NOTEBOOK... | mark [NOTEBOOK...]")
    except ClassroomError as e:
        sys.exit(f"{command}: {e}")
