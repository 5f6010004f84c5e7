"""lib/bin/export's own logic, without running a kernel: which executed copies may be reused, and the print
copy (side-by-side charts cut into one image per chart, the title taken out of the body)."""
import base64
import json
import struct
import zlib

import nbformat
import pytest

import nbtools


@pytest.fixture
def project(tmp_path, monkeypatch):
    """notebooks/ and build/executed/ in a temporary folder, one notebook in it."""
    monkeypatch.setattr(nbtools, "NOTEBOOKS", tmp_path / "notebooks")
    monkeypatch.setattr(nbtools, "EXECUTED", tmp_path / "executed")
    monkeypatch.setenv("DLNB_PROFILE", "laptop")
    source = tmp_path / "notebooks" / "hw9" / "1-x.ipynb"
    source.parent.mkdir(parents=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Problem 1"), nbformat.v4.new_code_cell("1 + 1")])
    nbformat.write(nb, source)
    return source


def _executed(source, outputs, count=1, **record):
    nb = nbformat.read(source, as_version=4)
    nb.cells[1].outputs, nb.cells[1].execution_count = outputs, count
    target = nbtools.executed_path(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    info = {"source_sha256": nbtools._sha256(source), "library_sha256": nbtools._library_sha256(), "profile": "laptop",
            "kernel": nbtools.KERNEL, "seconds": 3,
            "finished": True, "failures": [], "when": "2026-12-01T10:00:00"}
    info.update(record)
    nbtools.record_path(source).write_text(json.dumps(info))


def test_a_complete_run_of_the_same_text_and_profile_is_reused(project):
    _executed(project, [nbformat.v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=1)])
    assert nbtools.cached_run(project) is not None
    path, how = nbtools.ensure_executed(project)
    assert path == nbtools.executed_path(project) and how.startswith("cached run of 2026-12-01 10:00:00 (profile laptop")


def test_failed_unfinished_stale_or_other_profile_runs_are_not_reused(project):
    error = nbformat.v4.new_output("error", ename="java.lang.IllegalStateException", evalue="offline", traceback=[])
    _executed(project, [error], failures=["cell 1: offline"])
    assert nbtools.cached_run(project) is None, "a run that failed"
    _executed(project, [error])  # a record that claims success, but the copy holds an error
    assert nbtools.cached_run(project) is None, "a copy with an error output"
    _executed(project, [], count=None, finished=False)
    assert nbtools.cached_run(project) is None, "a run that stopped before the last cell"
    _executed(project, [])
    assert nbtools.cached_run(project, "smoke") is None, "another profile's run"
    _executed(project, [], library_sha256="0" * 64)
    assert nbtools.cached_run(project) is None, "a run with another build of the helper jar"
    project.write_text(project.read_text().replace("1 + 1", "1 + 2"))
    assert nbtools.cached_run(project) is None, "a run of an older text of the notebook"
    nbtools.record_path(project).unlink()
    assert nbtools.cached_run(project) is None, "a copy without a record"


def _png(width, height, pixel):
    rows = b"".join(b"\x00" + bytes(pixel(x, y) for x in range(width) for _ in range(3)) for y in range(height))
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _pixels(png):
    """(width, height, first pixel row as RGB bytes) of a filter-0 RGB PNG."""
    width, height = struct.unpack(">II", png[16:24])
    body = zlib.decompress(png[png.index(b"IDAT") + 4:png.index(b"IEND") - 8])
    return width, height, body[1:1 + 3 * width]


def test_side_by_side_charts_are_cut_into_one_image_per_chart():
    row = _png(5, 2, lambda x, y: 10 * x)  # columns 0..4, values 0, 10, 20, 30, 40
    pieces = nbtools._split_png(row, [2, 3])
    assert [_pixels(p)[:2] for p in pieces] == [(2, 2), (3, 2)]
    assert _pixels(pieces[0])[2] == bytes([0] * 3 + [10] * 3)
    assert _pixels(pieces[1])[2] == bytes([20] * 3 + [30] * 3 + [40] * 3)
    assert nbtools._split_png(row, [2, 2]) is None, "widths that do not add up leave the image whole"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# The title\n\n## Part"),
                                         nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
                                             "display_data", data={"image/png": base64.b64encode(row).decode()},
                                             metadata={nbtools.ROW_METADATA: {"row": [2, 3]}})])])
    printed = nbtools.print_copy(nb)
    assert len(printed.cells[1].outputs) == 2, "one image per chart"
    assert printed.metadata["title"] == "The title" and printed.cells[0].source.strip() == "# Part"
