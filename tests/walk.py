"""The two-article walk of issue 14, shared by its command-line and window tests: two invented
pasted articles (tests/fixtures/walk/) of the kind analysts paste — a blog copy of a
broadcaster's story, and a "LATEST NEWS:" copy citing two newspapers with the dropped
thousand ("about 11 soldiers" beside "some 11,000 troops")."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "fixtures" / "walk"
BLOG, LATEST = FOLDER / "blog_copy.txt", FOLDER / "latest_news.txt"
BLOG_TITLE = "Northern army lost 1,000 soldiers in three months on the Varda front, officials say"
LATEST_TITLE = "Varda front: agency says about 300 northern soldiers killed"
EVENT = "Varda front"
AGENCY, ALIASES = "National Intelligence Agency", ("NIA", "South Varda's intelligence agency")
OFFICIALS = "Western officials"
SLIP = "about 11 soldiers were sent"
