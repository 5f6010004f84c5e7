"""The course book (lib/bin/book): a static HTML site of the executed notebooks, built by Sphinx with MyST-NB.

Nothing runs during the build: each page is a notebook's executed copy from build/executed/ (a complete,
error-free run of the notebook's current text; a notebook without one is executed first, with the current
profile). The site has a landing page (what the course is, how to run it, the contents by homework and
problem), navigation, charts as images and maths typeset by MathJax served from the site itself (offline).
Sources are assembled in build/book-src/, the site goes to build/book/ (open build/book/index.html).
"""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

import nbtools

ROOT = nbtools.ROOT
SRC = ROOT / "build" / "book-src"
OUT = ROOT / "build" / "book"

CONF = '''# Written by lib/bin/book.py: the course book's Sphinx configuration.
project = "dl-notebooks"
html_title = "dl-notebooks: deep learning homework in Java"
extensions = ["myst_nb"]
nb_execution_mode = "off"          # pages are the executed copies in build/executed/
myst_enable_extensions = ["dollarmath", "amsmath"]
html_theme = "sphinx_book_theme"
html_theme_options = {"show_toc_level": 2, "use_download_button": False}
html_static_path = ["_static"]
mathjax_path = "tex-svg.js"        # MathJax 3 from the pinned django-static-mathjax package: works offline
mathjax3_config = {"tex": {"inlineMath": [["\\\\(", "\\\\)"]], "displayMath": [["\\\\[", "\\\\]"]]}}
nb_mime_priority_overrides = [("html", "application/vnd.dlnb.result+json", None)]
suppress_warnings = ["mystnb.unknown_mime_type", "myst.header"]
exclude_patterns = ["_build"]
'''


def executed_copy(source, verbose=False):
    """(executed copy, profile) of a notebook: a reusable run of any profile, the current one preferred."""
    for profile in [nbtools.current_profile(), "smoke", "laptop", "full"]:
        info = nbtools.cached_run(source, profile)
        if info is not None:
            return nbtools.executed_path(source), profile
    path, _ = nbtools.ensure_executed(source, verbose)
    return path, nbtools.current_profile()


def landing_page(sections, profiles):
    lines = ["# dl-notebooks", "",
             "Deep-learning homework sets rebuilt as **Java Jupyter notebooks**: every problem states its task, derives",
             "the maths, runs the experiment in Java (DL4J, ND4J SameDiff, Smile, XChart) on a laptop CPU, draws its",
             "charts and answers the questions from the numbers it computed. These pages are the notebooks as they ran",
             f"({', '.join(sorted(profiles))} profile; see each page's first output).", "",
             "## Running it yourself", "",
             "You need a JDK 17+ and Python 3.9+. From a clone of the repository:", "",
             "```bash", "lib/bin/lab      # sets everything up and opens JupyterLab on notebooks/",
             "lib/bin/test     # runs every test", "```", "",
             "Start with the getting-started notebook, then the homework folders. `DLNB_PROFILE=smoke|laptop|full`",
             "chooses how big each run is (seconds, about ten minutes per notebook, or the homework's own sizes).", "",
             "## Contents", ""]
    for title, pages in sections:
        lines.append(f"**{title}**")
        lines.append("")
        for page, name in pages:
            lines.append(f"- [{name}]({page})")
        lines.append("")
    for title, pages in sections:
        lines += ["```{toctree}", ":hidden:", f":caption: {title}", ""] + [p for p, _ in pages] + ["```", ""]
    return "\n".join(lines)


def build(verbose=False):
    """Assembles the sources and runs Sphinx; returns the list of (notebook, page) written."""
    shutil.rmtree(SRC, ignore_errors=True)
    (SRC / "_static").mkdir(parents=True)
    (SRC / "conf.py").write_text(CONF, encoding="utf-8")
    (SRC / "_static" / "tex-svg.js").write_text(nbtools.mathjax_js(), encoding="utf-8")
    sections, profiles, pages = [], set(), []
    for source in nbtools.find_notebooks():
        executed, profile = executed_copy(source, verbose)
        profiles.add(profile)
        rel = Path(nbtools.relative(source))
        target = SRC / "notebooks" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(executed, target)
        folder = rel.parts[0] if len(rel.parts) > 1 else ""
        title = nbtools.homework_title(folder) if folder else "Start here"
        if not sections or sections[-1][0] != title:
            sections.append((title, []))
        page = ("notebooks" / rel.with_suffix("")).as_posix()
        sections[-1][1].append((page, nbtools.notebook_title(nbformat.read(executed, as_version=4), rel.stem)))
        pages.append((source, OUT / f"{page}.html"))
    (SRC / "index.md").write_text(landing_page(sections, profiles), encoding="utf-8")
    shutil.rmtree(OUT, ignore_errors=True)
    log = ROOT / "build" / "book.log"
    with open(log, "w", encoding="utf-8") as out:
        done = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", str(SRC), str(OUT)],
                              stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        sys.exit("book: Sphinx failed (log build/book.log):\n" + log.read_text(encoding="utf-8")[-3000:])
    return pages, profiles


def missing_images(page):
    """Image files a page refers to that do not exist (data: URIs are embedded, so they count as present)."""
    import re
    html = page.read_text(encoding="utf-8")
    missing = []
    for src in re.findall(r'<img[^>]+src="([^"]+)"', html):
        if not src.startswith(("data:", "http:", "https:")) and not (page.parent / src.split("#")[0]).is_file():
            missing.append(src)
    return missing


if __name__ == "__main__":
    verbose = "--verbose" in sys.argv[1:]
    try:
        written, used = build(verbose)
    except nbtools.ExportError as e:
        sys.exit(f"book: {e}")
    broken = {p: missing_images(p) for _, p in written if p.is_file() and missing_images(p)}
    absent = [p for _, p in written if not p.is_file()]
    if absent or broken:
        sys.exit(f"book: pages missing {absent} or images missing {broken}")
    print(f"book: {len(written)} notebook pages ({', '.join(sorted(used))} profile) in {OUT.relative_to(ROOT)}; "
          f"open {(OUT / 'index.html').relative_to(ROOT)}")
