"""Executes notebooks through Jupyter (nbclient + the project kernel) and exports them with nbconvert.

Used by lib/bin/test (via the pytest suite in lib/src/test/python), lib/bin/export and lib/bin/book.
Executed copies go to build/executed/<path under notebooks/>, each with a record of its run
(<name>.run.json: profile, source checksum, whether every cell ran without error); reports go to
build/reports/ (one HTML and PDF per notebook, one PDF per homework folder).
"""
import base64
import copy
import datetime
import hashlib
import json
import os
import re
import struct
import sys
import time
import zlib
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
EXECUTED = ROOT / "build" / "executed"
REPORTS = ROOT / "build" / "reports"
TEMPLATES = Path(__file__).resolve().parent / "templates"
KERNEL = "dl-notebooks"
ROW_METADATA = "dlnb"  # Show.charts: {"row": [pixel width of each chart]}
RESULT_MIME = "application/vnd.dlnb.result+json"
# Text that means a cell failed even if the kernel did not report an error.
# A Java exception or error class name ("java.io.IOException: ...") or a stack frame ("  at org.x.Y(").
FAILURE_TEXT = re.compile(r"[\w.$]+(Exception|Error)(:|\s*$)|^\s+at [\w.$]+\(", re.MULTILINE)


def find_notebooks(folder=None):
    return sorted(p for p in Path(folder or NOTEBOOKS).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def current_profile():
    return os.environ.get("DLNB_PROFILE", "laptop")


def relative(path):
    return Path(path).resolve().relative_to(NOTEBOOKS).as_posix()


class Run:
    """One executed notebook: the notebook with outputs, wall time and the kernel's peak memory."""

    def __init__(self, source, nb, seconds, peak_rss_mib, error):
        self.source, self.nb, self.seconds, self.peak_rss_mib, self.error = source, nb, seconds, peak_rss_mib, error

    def outputs(self):
        for index, cell in enumerate(self.nb.cells):
            for out in cell.get("outputs", []):
                yield index, out

    def failures(self):
        """Error outputs and exception text, as 'cell N: ...' lines."""
        found = []
        for index, out in self.outputs():
            if out.get("output_type") == "error":
                found.append(f"cell {index}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get("output_type") == "stream" and FAILURE_TEXT.search(out.get("text", "")):
                found.append(f"cell {index}: {out.get('name')}: {out.get('text')[:500]}")
        if self.error and not found:
            found.append(str(self.error)[:2000])
        return found

    def finished(self):
        """Whether every code cell ran (an interrupted or failed run leaves cells without an execution count)."""
        return self.error is None and all(c.get("execution_count") is not None
                                          for c in self.nb.cells if c.cell_type == "code" and c.source.strip())

    def images(self):
        return [out for _, out in self.outputs() if "image/png" in out.get("data", {})]

    def tables(self):
        return [out for _, out in self.outputs() if "dlnb-table" in str(out.get("data", {}).get("text/html", ""))]

    def results(self):
        """Key numbers the notebook showed with Show.result, by name."""
        return {name: float(value) for name, value in self.raw_results()}

    def raw_results(self):
        """(name, value) of every Show.result in order, the value as the kernel sent it (a JSON number, or a
        string such as "NaN"), so reruns can be compared exactly."""
        found = []
        for _, out in self.outputs():
            data = out.get("data", {}).get(RESULT_MIME)
            if data is not None:
                data = json.loads(data) if isinstance(data, str) else data
                found.append((data["name"], data["value"]))
        return found

    def text(self):
        parts = []
        for _, out in self.outputs():
            parts.append(out.get("text", "") or str(out.get("data", {}).get("text/plain", "")))
        return "\n".join(parts)


def _peak_rss_mib(pid):
    """Peak resident memory of a process and its descendants (the JJava launcher starts a second JVM)."""
    if not Path("/proc").is_dir():
        return None
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            pass
    peak, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) // 1024)
        except OSError:
            pass
    return peak


def execute(source, kernel=KERNEL, timeout=1800, write=True, log=None):
    """Runs every cell of the notebook at `source` in a fresh kernel; returns a Run (never raises for cell errors).

    The kernel's own stdout and stderr (launch line, log lines) go to `log` (a file) when given. With `write`,
    the executed copy and the record of its run go to build/executed/.
    """
    source = Path(source).resolve()
    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, allow_errors=False,
                            resources={"metadata": {"path": str(source.parent)}})
    peak = {"mib": None}

    def sample(**_):
        process = getattr(client.km.provisioner, "process", None) if client.km else None
        if process is not None:
            now = _peak_rss_mib(process.pid)
            if now is not None:
                peak["mib"] = max(peak["mib"] or 0, now)

    client.on_cell_executed = sample
    start, error = time.monotonic(), None
    try:
        client.execute(**({"stdout": log, "stderr": log} if log is not None else {}))
    except Exception as e:  # a failing cell: keep the partial outputs for the report
        error = e
    run = Run(source, nb, time.monotonic() - start, peak["mib"], error)
    if write:
        target = executed_path(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)
        record = {"source_sha256": _sha256(source), "library_sha256": _library_sha256(), "profile": current_profile(), "kernel": kernel,
                  "seconds": round(run.seconds, 1), "finished": run.finished(), "failures": run.failures(),
                  "when": datetime.datetime.now().isoformat(timespec="seconds")}
        record_path(source).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return run


def executed_path(source):
    return EXECUTED / relative(source)


def record_path(source):
    return executed_path(source).with_suffix(".run.json")


def _sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _library_sha256():
    """The SHA-256 of the helper jar the kernel loads (first on its classpath), or None before the first build."""
    classpath = ROOT / "build" / "kernel" / "kernel-classpath.txt"
    try:
        jar = Path(classpath.read_text(encoding="utf-8").strip().split(os.pathsep)[0])
        return _sha256(jar)
    except OSError:
        return None


def cached_run(source, profile=None):
    """The record of a reusable executed copy of `source`, or None.

    Reusable means: executed by the project kernel from exactly this notebook's current text and the current
    helper jar, with this profile, every code cell run and no error or exception text in any output (checked
    again on the copy).
    """
    source = Path(source).resolve()
    executed, record = executed_path(source), record_path(source)
    if not executed.is_file() or not record.is_file():
        return None
    try:
        info = json.loads(record.read_text(encoding="utf-8"))
        nb = nbformat.read(executed, as_version=4)
    except (OSError, ValueError, nbformat.reader.NotJSONError):
        return None
    if (info.get("source_sha256") != _sha256(source) or info.get("profile") != (profile or current_profile())
            or info.get("kernel") != KERNEL or info.get("library_sha256") != _library_sha256()
            or not info.get("finished") or info.get("failures")):
        return None
    run = Run(source, nb, info.get("seconds", 0), None, None)
    return info if run.finished() and not run.failures() else None


class ExportError(Exception):
    pass


def ensure_executed(source, verbose=False):
    """An executed copy of `source` for reports and the book: a cached run if one is reusable, else a new run.

    Returns (path of the executed copy, one-line description of where it came from). Raises ExportError
    naming the failing cells if the notebook does not run through.
    """
    source = Path(source).resolve()
    profile = current_profile()
    info = cached_run(source, profile)
    if info is not None:
        return executed_path(source), f"cached run of {info['when'].replace('T', ' ')} (profile {profile}, {info['seconds']:.0f} s)"
    executed_path(source).parent.mkdir(parents=True, exist_ok=True)
    log_path = executed_path(source).with_suffix(".kernel.log")
    if verbose:
        print(f"executing {relative(source)} (profile {profile}) ...", flush=True)
        run = execute(source)
    else:
        with open(log_path, "w", encoding="utf-8") as log:
            run = execute(source, log=log)
    if run.failures() or not run.finished():
        problems = run.failures() or ["the run stopped before the last cell"]
        raise ExportError(f"{relative(source)} failed (profile {profile}; kernel log {log_path.relative_to(ROOT)}):\n  "
                          + "\n  ".join(problems))
    return executed_path(source), f"executed in {run.seconds:.0f} s (profile {profile})"


# --- reports ----------------------------------------------------------------------------------------------

def mathjax_js():
    """MathJax 3's single-file TeX-to-SVG build (pinned PyPI package django-static-mathjax), embedded in reports."""
    import importlib.util
    spec = importlib.util.find_spec("mathjax")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "static" / "mathjax" / "es5" / "tex-svg.js"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise ExportError("MathJax's static files are missing from this Python environment: rerun lib/bin/setup "
                      "(it installs the pinned django-static-mathjax package).")


def notebook_title(nb, fallback):
    """The text of the notebook's first '# Title' line."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+?)\s*#*\s*$", cell.source, re.MULTILINE)
            if match:
                return match.group(1)
    return fallback


def _markdown_lines(source, edit):
    """Applies edit(line) to each Markdown line outside code fences."""
    out, fenced = [], False
    for line in source.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            out.append(line)
        else:
            out.append(line if fenced else edit(line))
    return "\n".join(out)


def print_copy(nb, title=None, one_notebook=True):
    """A copy of an executed notebook prepared for LaTeX, side-by-side charts stacked. One notebook: its
    '# Title' becomes the document title (and leaves the body), headings move one level up ('## Part' is a
    section). A homework (one_notebook False): `title` is the book's, each problem's '# Title' a section."""
    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title or notebook_title(nb, "notebook")
    nb.metadata.setdefault("dlnb", {})["date"] = datetime.date.today().isoformat()
    removed = not one_notebook
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        if not removed:
            stripped = re.sub(r"^#\s+.+\n?", "", cell.source, count=1, flags=re.MULTILINE)
            removed = stripped != cell.source
            cell.source = stripped
        if one_notebook:
            cell.source = _markdown_lines(cell.source, lambda line: re.sub(r"^#(#{1,5}\s)", r"\1", line))
        # "\*" (an asterisk escaped for Markdown) inside maths is an error in LaTeX: a plain * there
        cell.source = re.sub(r"\$\$.+?\$\$|\$[^$\n]+\$", lambda m: m.group(0).replace("\\*", "*"), cell.source, flags=re.S)
    stack_chart_rows(nb)
    return nb


def stack_chart_rows(nb):
    """Replaces each side-by-side chart image (Show.charts) by one image per chart, stacked."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            widths = out.get("metadata", {}).get(ROW_METADATA, {}).get("row")
            png = out.get("data", {}).get("image/png")
            pieces = _split_png(base64.b64decode(png), widths) if widths and png and len(widths) > 1 else None
            if not pieces:
                outputs.append(out)
                continue
            for piece in pieces:
                outputs.append(nbformat.v4.new_output("display_data", data={
                    "image/png": base64.b64encode(piece).decode("ascii"), "text/plain": "chart"}))
        cell.outputs = outputs


def _split_png(data, widths):
    """Cuts an 8-bit RGB/RGBA PNG into vertical strips of the given pixel widths; None if it can't."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    pos, chunks = 8, {}
    idat = b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IDAT":
            idat += body
        else:
            chunks.setdefault(kind, body)
        pos += 12 + length
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    channels = {2: 3, 6: 4}.get(color)
    if depth != 8 or channels is None or interlace or sum(widths) != width:
        return None
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        _unfilter(kind, line, previous, channels)
        rows.append(line)
        previous = line
    pieces, x = [], 0
    for w in widths:
        body = b"".join(b"\x00" + bytes(r[x * channels:(x + w) * channels]) for r in rows)
        header = struct.pack(">IIBBBBB", w, height, 8, color, 0, 0, 0)
        pieces.append(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(body, 6))
                      + _chunk(b"IEND", b""))
        x += w
    return pieces


def _unfilter(kind, line, previous, bpp):
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up = previous[i]
        if kind == 1:
            line[i] = (line[i] + left) & 255
        elif kind == 2:
            line[i] = (line[i] + up) & 255
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 255
        elif kind == 4:
            corner = previous[i - bpp] if i >= bpp else 0
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255


def _chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def html_report(nb, name, path):
    from nbconvert import HTMLExporter
    exporter = HTMLExporter(template_name="dlnb-html", extra_template_basedirs=[str(TEMPLATES)], embed_images=True)
    resources = {"metadata": {"name": notebook_title(nb, name), "path": str(path)}, "dlnb_mathjax_js": mathjax_js()}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def pdf_report(nb, name, path):
    from nbconvert import PDFExporter
    exporter = PDFExporter(template_name="dlnb-latex", extra_template_basedirs=[str(TEMPLATES)])
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name, "path": str(path)}})
    return body


def export(executed, formats=("html", "pdf")):
    """Writes build/reports/<path>.html and .pdf from an executed notebook; returns the written paths."""
    executed = Path(executed)
    nb = nbformat.read(executed, as_version=4)
    base = REPORTS / executed.resolve().relative_to(EXECUTED).with_suffix("")
    base.parent.mkdir(parents=True, exist_ok=True)
    written = []
    if "html" in formats:
        path = base.with_suffix(".html")
        path.write_text(html_report(nb, base.name, executed.parent), encoding="utf-8")
        written.append(path)
    if "pdf" in formats:
        path = base.with_suffix(".pdf")
        path.write_bytes(pdf_report(print_copy(nb), base.name, executed.parent))
        written.append(path)
    return written


def homework_title(folder):
    match = re.fullmatch(r"hw(\d+)", Path(folder).name)
    return f"Homework {match.group(1)}" if match else Path(folder).name


def homework_pdf(folder, executed_copies):
    """One PDF for a homework: title page, table of contents, every problem in order, each a section."""
    cells, first = [], None
    for number, executed in enumerate(executed_copies):
        nb = nbformat.read(executed, as_version=4)
        first = first or nb
        for index, cell in enumerate(nb.cells):
            cell["id"] = f"p{number}-{index}"  # cell ids stay unique in the combined notebook
        cells.extend(nb.cells)
    book = nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(first.metadata))
    book = print_copy(book, title=homework_title(folder), one_notebook=False)
    book.metadata["dlnb"]["homework"] = {
        "title": homework_title(folder), "subtitle": "dl-notebooks: deep learning in Java notebooks",
        "profile": f"results computed with the {current_profile()} profile"}
    path = REPORTS / f"{Path(folder).name}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf_report(book, Path(folder).name, Path(executed_copies[0]).parent))
    return path


def write_kernelspec(jjava, target, display_name, classpath, jvm_opts, env_lines):
    """The project kernel: JJava (its jars copied from the `jjava` kernelspec folder) with the helper library on
    the classpath, the JVM options and the native environment; rewritten only when it changes (JupyterLab
    watches kernelspecs)."""
    import shutil
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    for jar in ("jjava.jar", "jjava-launcher.jar"):
        shutil.copyfile(Path(jjava) / jar, target / jar)
    env = {"JJAVA_CLASSPATH": classpath, "JJAVA_JVM_OPTS": jvm_opts}
    env.update(line.split("=", 1) for line in env_lines.splitlines() if "=" in line)
    spec = {
        "argv": ["java", "-jar", "{resource_dir}/jjava-launcher.jar", "{resource_dir}/jjava.jar", "{connection_file}"],
        "display_name": display_name,
        "language": "java",
        "interrupt_mode": "message",
        "env": env,
        "metadata": {"debugger": False},
    }
    path = target / "kernel.json"
    text = json.dumps(spec, indent=2, ensure_ascii=False) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _kernelspec_main(argv):
    """nbtools.py kernelspec --jjava DIR --dir DIR --display-name NAME --classpath CP --jvm-opts OPTS --env LINES"""
    import argparse
    parser = argparse.ArgumentParser(prog="nbtools.py kernelspec")
    for flag in ("--jjava", "--dir", "--display-name", "--classpath", "--jvm-opts", "--env"):
        parser.add_argument(flag, required=True)
    a = parser.parse_args(argv)
    write_kernelspec(a.jjava, a.dir, a.display_name, a.classpath, a.jvm_opts, a.env)


def _main(argv):
    """lib/bin/export [--verbose] [--homework NAME ...] [NOTEBOOK ...]: execute (current profile) where no
    reusable run exists, then write the HTML and PDF reports (and one PDF per named homework folder)."""
    verbose, homeworks, targets = False, [], []
    args = list(argv)
    while args:
        a = args.pop(0)
        if a in ("-v", "--verbose"):
            verbose = True
        elif a == "--homework":
            if not args:
                sys.exit("export: --homework needs a folder name under notebooks/, e.g. --homework hw1")
            homeworks.append(args.pop(0))
        elif a.startswith("-"):
            sys.exit(f"export: unknown option {a} (use --verbose, --homework NAME, or notebook paths)")
        else:
            targets.append(Path(a).resolve())
    for name in homeworks:
        folder = NOTEBOOKS / name
        if not folder.is_dir() or not find_notebooks(folder):
            sys.exit(f"export: no homework folder notebooks/{name} with notebooks in it")
    if not targets and not homeworks:
        targets = find_notebooks()
    for source in targets:
        if not source.is_file() or source.suffix != ".ipynb":
            sys.exit(f"export: {source} is not a notebook (.ipynb)")
    try:
        for source in targets:
            started = time.monotonic()
            executed, how = ensure_executed(source, verbose)
            written = export(executed)
            print(f"{relative(source)}: {how}; wrote " + ", ".join(str(p.relative_to(ROOT)) for p in written)
                  + f" ({time.monotonic() - started:.0f} s)", flush=True)
        for name in homeworks:
            copies = []
            for source in find_notebooks(NOTEBOOKS / name):
                executed, how = ensure_executed(source, verbose)
                copies.append(executed)
                print(f"{relative(source)}: {how}", flush=True)
            path = homework_pdf(NOTEBOOKS / name, copies)
            print(f"{name}: wrote {path.relative_to(ROOT)} ({len(copies)} problems)", flush=True)
    except ExportError as e:
        sys.exit(f"export: {e}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["kernelspec"]:
        _kernelspec_main(sys.argv[2:])
    else:
        _main(sys.argv[1:])
