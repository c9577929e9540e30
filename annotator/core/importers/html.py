"""HTML articles: main text and metadata extracted with trafilatura.

Extraction can fail quietly on real pages: a page read as its photo caption, or a body that
kept the menus and related links. The importer compares what it kept with the page's whole
text and warns when the body is implausibly short or mostly short link-like lines. The
warning names the formats that read the page differently: `html-recall` (trafilatura
favouring recall) and `html-whole` (every visible line of the page), so the user can look at
the text, and re-import the page as a better article (the text differs, so it is a new one).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import RejectedInput
from annotator.core.importers import register
from annotator.core.importers.plain import _read, first_line
from annotator.core.model import IncomingArticle
from annotator.core.text import MAX_ARTICLE_BYTES, canonical_text, decode_bytes

SHORT_BODY = 400  # characters: fewer is implausibly short for a news article's body
LINKED = 0.4  # share of a body's characters that are the text of the page's links
RETRY_HINT = (
    "import it again as html-recall or html-whole to read it differently "
    "(--format on the command line, the file type in File → Import files…)"
)


def parse_html(path: Path) -> Iterator[IncomingArticle]:
    """The article body, favouring precision (menus and related links left out)."""
    markup, encoding = _markup(path)
    document, body = _extract(markup, path, favor_precision=True)
    yield _article(document, body, path, encoding, warnings=_warnings(body, markup))


def parse_html_recall(path: Path) -> Iterator[IncomingArticle]:
    """The article body, favouring recall (keeps more of a page whose text is spread out)."""
    markup, encoding = _markup(path)
    document, body = _extract(markup, path, favor_recall=True)
    yield _article(document, body, path, encoding, warnings=_warnings(body, markup))


def parse_html_whole(path: Path) -> Iterator[IncomingArticle]:
    """Every visible line of the page, for pages no extraction reads right (trim it by tagging)."""
    markup, encoding = _markup(path)
    body = _page_text(markup)
    if not body.strip():
        raise RejectedInput("no text found in this HTML page", source=path.name)
    document, _ = _extract(markup, path, favor_precision=True, required=False)
    yield _article(document, canonical_text(body, source=path.name), path, encoding)


def _markup(path: Path) -> tuple[str, str]:
    return decode_bytes(_read(path, limit=MAX_ARTICLE_BYTES), source=path.name)


def _extract(markup: str, path: Path, *, required: bool = True, **favour) -> tuple[object, str]:
    import trafilatura  # heavy: imported only when an HTML file is imported

    document = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False, **favour)
    body = (getattr(document, "text", None) or "") if document is not None else ""
    if required and not body.strip():
        raise RejectedInput(f"no article text found in this HTML page; {RETRY_HINT}", source=path.name)
    return document, canonical_text(body, source=path.name) if body else ""


def _page_text(markup: str) -> str:
    """The page's visible text, one block a line (scripts, styles and markup left out)."""
    import trafilatura

    text = trafilatura.html2txt(markup) or ""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _linked_share(body: str, markup: str) -> float:
    """How much of the body is the text of links: menus, related stories, tag lists."""
    import lxml.html

    try:
        links = {a.text_content().strip() for a in lxml.html.fromstring(markup).iter("a")}
    except (ValueError, lxml.etree.ParserError):
        return 0.0
    linked = sum(len(text) * body.count(text) for text in links if len(text) >= 3)
    return min(linked / len(body), 1.0) if body else 0.0


def _warnings(body: str, markup: str) -> tuple[str, ...]:
    found = []
    if len(body) < SHORT_BODY:
        page = _page_text(markup)  # read the whole page again only to say how much it held
        found.append(
            f"only {len(body):,} characters were extracted from a page with {len(page):,} "
            f"characters of text (a caption or teaser?); {RETRY_HINT}"
        )
    linked = _linked_share(body, markup)
    if linked >= LINKED:
        found.append(
            f"{linked:.0%} of the extracted text is the text of links (menus or related links?); "
            f"check the article's text, or {RETRY_HINT}"
        )
    return tuple(found)


def _article(document, body: str, path: Path, encoding: str, *, warnings=()) -> IncomingArticle:
    return IncomingArticle(
        text=body,
        title=_field(document, "title") or first_line(body),
        outlet=_field(document, "sitename"),
        author=_field(document, "author"),
        url=_field(document, "url"),
        published=_field(document, "date"),
        source_name=path.name,
        encoding=encoding,
        warnings=warnings,
    )


def _field(document, name: str) -> str:
    value = getattr(document, name, None)
    return str(value).strip() if value else ""


register(parse_html, suffixes=(".html", ".htm"), name="html")
register(parse_html_recall, name="html-recall", reads=(".html", ".htm"))
register(parse_html_whole, name="html-whole", reads=(".html", ".htm"))
