"""Executes notebooks through Jupyter (nbclient + the project kernel) and exports them with nbconvert.

Used by lib/bin/test (via the pytest suite in lib/src/test/python) and lib/bin/export.
Executed copies go to build/executed/<path under notebooks/>, reports to build/reports/.
"""
import json
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
EXECUTED = ROOT / "build" / "executed"
REPORTS = ROOT / "build" / "reports"
KERNEL = "dl-notebooks"
RESULT_MIME = "application/vnd.dlnb.result+json"
# Text that means a cell failed even if the kernel did not report an error.
# A Java exception or error class name ("java.io.IOException: ...") or a stack frame ("  at org.x.Y(").
FAILURE_TEXT = re.compile(r"[\w.$]+(Exception|Error)(:|\s*$)|^\s+at [\w.$]+\(", re.MULTILINE)


def find_notebooks():
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


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


def execute(source, kernel=KERNEL, timeout=1800, write=True):
    """Runs every cell of the notebook at `source` in a fresh kernel; returns a Run (never raises for cell errors)."""
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
        client.execute()
    except Exception as e:  # a failing cell: keep the partial outputs for the report
        error = e
    run = Run(source, nb, time.monotonic() - start, peak["mib"], error)
    if write:
        target = executed_path(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)
    return run


def executed_path(source):
    return EXECUTED / relative(source)


def export(executed, formats=("html", "pdf")):
    """Writes build/reports/<path>.html and .pdf from an executed notebook; returns the written paths."""
    from nbconvert import HTMLExporter, PDFExporter
    executed = Path(executed)
    nb = nbformat.read(executed, as_version=4)
    base = REPORTS / executed.resolve().relative_to(EXECUTED).with_suffix("")
    base.parent.mkdir(parents=True, exist_ok=True)
    written = []
    resources = {"metadata": {"name": base.name, "path": str(executed.parent)}}
    if "html" in formats:
        body, _ = HTMLExporter(embed_images=True).from_notebook_node(nb, resources=dict(resources))
        path = base.with_suffix(".html")
        path.write_text(body, encoding="utf-8")
        written.append(path)
    if "pdf" in formats:
        body, _ = PDFExporter().from_notebook_node(nb, resources=dict(resources))
        path = base.with_suffix(".pdf")
        path.write_bytes(body)
        written.append(path)
    return written


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
    """lib/bin/export [NOTEBOOK ...]: execute (current profile) if needed, then export HTML and PDF."""
    targets = [Path(a).resolve() for a in argv] or find_notebooks()
    for source in targets:
        if not source.is_file() or source.suffix != ".ipynb":
            sys.exit(f"export: {source} is not a notebook (.ipynb)")
        executed = executed_path(source)
        if not executed.exists() or executed.stat().st_mtime < source.stat().st_mtime:
            print(f"executing {relative(source)} (profile {os.environ.get('DLNB_PROFILE', 'laptop')}) ...", flush=True)
            run = execute(source)
            if run.failures():
                sys.exit(f"export: {relative(source)} failed:\n  " + "\n  ".join(run.failures()))
            print(f"  done in {run.seconds:.0f} s", flush=True)
        else:
            print(f"using {executed.relative_to(ROOT)} (newer than its notebook)", flush=True)
        for path in export(executed):
            print(f"  wrote {path.relative_to(ROOT)}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["kernelspec"]:
        _kernelspec_main(sys.argv[2:])
    else:
        _main(sys.argv[1:])
