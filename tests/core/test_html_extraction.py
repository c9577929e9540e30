"""HTML pages whose extraction needs checking: warned about, and readable in two other ways."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.importers.runner import import_paths

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
STORY = [
    "Officials in the port city of Velm said on Tuesday that about 2,400 residents had been moved "
    "from the lower districts after the river rose overnight, and that more evacuations were likely.",
    "The regional emergency agency put the number of damaged homes at between 300 and 350, while the "
    "mayor told local radio that at least 500 buildings had been affected across the valley.",
    "Forecasters expect another 40 mm of rain before the weekend. The agency said shelters in three "
    "schools could take up to 1,200 people, and that volunteers were handing out water and blankets.",
]
NAV = "".join(f"<li><a href='/s{i}'>Section {i} of the site</a></li>" for i in range(40))
TEASER_PAGE = f"""<html><head><title>Velm floods | Velm Courier</title></head><body>
<nav><ul>{NAV}</ul></nav><article><h1>Velm floods</h1>
<p>Residents wade through a flooded street in Velm on Tuesday. Subscribe to read the full story.</p>
</article><footer><ul>{NAV}</ul></footer></body></html>"""
LIVE_PAGE = (
    "<html><head><title>Velm floods live</title></head><body><article><h1>Velm floods: live</h1>"
    f"<p>{STORY[0]}</p><ul>"
    + "".join(f"<li><a href='/n{i}'>Related story number {i}</a></li>" for i in range(14))
    + "</ul><p>More to follow.</p></article></body></html>"
)


def _page(tmp_path, markup: str) -> Path:
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    return path


def _only_text(project) -> str:
    [article_id] = project.articles.ids()
    return project.articles.text(article_id)


def test_a_well_extracted_page_goes_in_without_a_warning(project):
    summary = import_paths(project, [FIXTURES / "harbour_page.html"], by="amira")
    assert summary.imported == 1 and summary.warnings == []


def test_a_page_read_as_its_teaser_goes_in_with_a_warning_naming_the_other_readings(project, tmp_path):
    summary = import_paths(project, [_page(tmp_path, TEASER_PAGE)], by="amira")
    [(source, warning)] = summary.warnings
    assert source.endswith("page.html")
    assert "a caption or teaser?" in warning
    assert "html-recall or html-whole" in warning and "--format" in warning
    assert "warning(s)" in summary.describe()


def test_a_body_of_related_links_is_warned_about_when_read_favouring_recall(project, tmp_path):
    summary = import_paths(project, [_page(tmp_path, LIVE_PAGE)], by="amira", format_name="html-recall")
    assert any("menus or related links?" in warning for _, warning in summary.warnings)
    assert "Related story number 3" in _only_text(project)


def test_precision_leaves_the_related_links_out(project, tmp_path):
    import_paths(project, [_page(tmp_path, LIVE_PAGE)], by="amira")
    assert "Related story" not in _only_text(project) and STORY[0] in _only_text(project)


def test_the_whole_page_reading_keeps_every_visible_line_and_the_metadata(project, tmp_path):
    summary = import_paths(project, [_page(tmp_path, TEASER_PAGE)], by="amira", format_name="html-whole")
    assert summary.imported == 1 and not summary.failures
    text = _only_text(project)
    assert "Section 39 of the site" in text and "Subscribe to read the full story." in text
    assert "<" not in text
    assert project.articles.get(project.articles.ids()[0]).title.startswith("Velm floods")


@pytest.mark.parametrize("format_name", ["html", "html-recall", "html-whole"])
def test_a_page_with_no_text_is_refused_in_every_reading(project, tmp_path, format_name):
    empty = _page(tmp_path, "<html><head><script>var a = 1;</script></head><body><img src=x></body></html>")
    summary = import_paths(project, [empty], by="amira", format_name=format_name)
    [(_, reason)] = summary.failures
    assert "no " in reason and "text found" in reason
    assert project.articles.count() == 0
