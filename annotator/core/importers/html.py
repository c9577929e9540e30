"""HTML articles: main text and metadata extracted with trafilatura."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import RejectedInput
from annotator.core.importers import register
from annotator.core.importers.plain import _read, first_line
from annotator.core.model import IncomingArticle
from annotator.core.text import canonical_text, decode_bytes


def parse_html(path: Path) -> Iterator[IncomingArticle]:
    """Extract the article body, title, author, date and site name of a saved web page."""
    import trafilatura  # heavy: imported only when an HTML file is imported

    markup, encoding = decode_bytes(_read(path), source=path.name)
    document = trafilatura.bare_extraction(
        markup, with_metadata=True, include_comments=False, favor_precision=True
    )
    body = (getattr(document, "text", None) or "") if document is not None else ""
    if not body.strip():
        raise RejectedInput("no article text found in this HTML page", source=path.name)
    body = canonical_text(body, source=path.name)
    yield IncomingArticle(
        text=body,
        title=_field(document, "title") or first_line(body),
        outlet=_field(document, "sitename"),
        author=_field(document, "author"),
        url=_field(document, "url"),
        published=_field(document, "date"),
        source_name=path.name,
        encoding=encoding,
    )


def _field(document, name: str) -> str:
    value = getattr(document, name, None)
    return str(value).strip() if value else ""


register(parse_html, suffixes=(".html", ".htm"), name="html")
