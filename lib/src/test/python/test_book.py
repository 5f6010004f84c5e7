"""The course book (lib/bin/book): built from the executed notebooks without running anything; every notebook
has a page, every page's images exist, the maths is typeset by the site's own MathJax."""
import re

import pytest

import book
import nbtools
from conftest import run_of


@pytest.fixture(scope="module")
def built():
    for source in nbtools.find_notebooks():
        assert not run_of(source).failures(), f"{nbtools.relative(source)} failed: the book needs its executed copy"
    pages, profiles = book.build()
    return pages


def test_every_notebook_has_a_page(built):
    index = (book.OUT / "index.html").read_text(encoding="utf-8")
    for source, page in built:
        assert page.is_file(), f"no page for {nbtools.relative(source)}"
        assert page.relative_to(book.OUT).as_posix() in index, f"the landing page should link {page.name}"
    assert len(built) == len(nbtools.find_notebooks())
    print(f"book: {len(list(book.OUT.rglob('*.html')))} HTML pages, {len(built)} notebook pages")


def test_every_pages_images_exist(built):
    for source, page in built:
        assert not book.missing_images(page), f"{page.name}: missing images {book.missing_images(page)}"
        if run_of(source).images():
            assert re.search(r"<img[^>]+src=", page.read_text(encoding="utf-8")), f"{page.name} shows no chart"


def test_maths_is_typeset_offline(built):
    page = built[0][1].read_text(encoding="utf-8")
    assert "tex-svg.js" in page and (book.OUT / "_static" / "tex-svg.js").is_file(), "MathJax should come with the site"
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page, "the book should load nothing from the network"
