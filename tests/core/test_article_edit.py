"""Fixing an article's metadata: title, outlet, author, url, date and events, logged; and better titles."""

from __future__ import annotations

import pytest

from annotator.cli import main
from annotator.core.errors import RejectedInput
from annotator.core.ids import short_id
from annotator.core.importers.titles import infer_title
from tests.conftest import add_article

pytestmark = pytest.mark.back_ends

TEXT = (
    "News\n\nTroops crossed the river at dawn, officials say\n\nWestern officials said 1,000 had been killed."
)


@pytest.mark.file_only  # the server logs each row (the article, each event)
def test_edit_changes_the_metadata_never_the_text_and_logs_before_and_after(project):
    article_id = add_article(project, TEXT, title="News")
    edited = project.articles.edit(
        article_id,
        by="amira",
        title="Troops cross the river",
        published="9 May 2026",
        events=["Kursk", "Kursk "],
    )
    article = project.articles.get(article_id)
    assert (article.title, article.published, article.published_raw) == (
        "Troops cross the river",
        "2026-05-09",
        "9 May 2026",
    )
    assert article.events == ("Kursk",) and article.text == TEXT
    assert edited.before == {"title": "News", "published": "", "events": []}
    [entry] = [e for e in project.log.history("article", article_id) if e.action == "edit"]
    assert entry.after["title"] == "Troops cross the river" and entry.who == "amira"


def test_editing_back_to_the_before_values_restores_the_article(project):
    article_id = add_article(project, TEXT, title="News", outlet="Blog copy")
    before = project.articles.get(article_id)
    edited = project.articles.edit(article_id, by="amira", outlet="BBC", events=["Kursk"])
    project.articles.edit(article_id, by="amira", **edited.before)
    assert project.articles.get(article_id) == before


def test_a_new_title_is_found_by_search(project):
    article_id = add_article(project, TEXT, title="News")
    project.articles.edit(article_id, by="amira", title="Kessa ferry")
    assert [s.id for s in project.articles.summaries(search="Kessa")] == [article_id]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"published": "05/09/2026"}, "day/month or month/day"),
        ({"published": "yesterday"}, "cannot read the date"),
        ({"title": "   "}, "needs a title"),
        ({"text": "rewritten"}, "cannot edit text"),
        ({"sha256": "x"}, "cannot edit sha256"),
    ],
)
def test_bad_edits_are_refused_and_change_nothing(project, changes, message):
    article_id = add_article(project, TEXT, title="News")
    before = project.articles.get(article_id)
    with pytest.raises(RejectedInput, match=message):
        project.articles.edit(article_id, by="amira", **changes)
    assert project.articles.get(article_id) == before


def test_the_article_edit_command(project_path, capsys):
    from annotator.core.store import Project

    with Project.open(project_path) as project:
        article_id = add_article(project, TEXT, title="News")
    args = ["article", "edit", article_id[:12], "--db", str(project_path)]
    assert main([*args, "--outlet", "BBC", "--published", "2026-05-09", "--event", "Kursk"]) == 0
    assert "published: '' -> '2026-05-09'" in capsys.readouterr().out
    assert main([*args, "--published", "05/09/2026"]) == 1
    assert "day/month or month/day" in capsys.readouterr().err
    assert main(["article", "edit", "nope", "--db", str(project_path), "--title", "X"]) == 1
    # the short id people see is the id's end (ids.short_id), as for claims
    by_short_id = ["article", "edit", short_id(article_id), "--db", str(project_path)]
    assert main([*by_short_id, "--author", "R. A."]) == 0
    assert main([*args]) == 2  # nothing to change
    with Project.open(project_path) as project:
        article = project.articles.get(article_id)
    assert (article.outlet, article.published, article.events) == ("BBC", "2026-05-09", ("Kursk",))
    assert article.author == "R. A."


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (TEXT, "Troops crossed the river at dawn, officials say"),
        (
            "LATEST NEWS:\nKindly share this story:\nSeoul says 300 soldiers killed\nSeoul -",
            "Seoul says 300 soldiers killed",
        ),
        (
            "By Ruth Abebe\n9 May 2026\nFerry fire leaves two missing\nThe ferry...",
            "Ferry fire leaves two missing",
        ),
        ("Share on Facebook\nSubscribe now\n# Floods at Velm\n\ntext", "Floods at Velm"),
        ("Menu\nHome\nNews", "Menu"),  # nothing but furniture: the first line, not nothing
        ("A short one", "A short one"),
    ],
)
def test_a_title_skips_page_furniture_and_prefers_a_headline(text, title):
    assert infer_title(text) == title


BODY = "News\n\nFerry fire off Kessa Point leaves two missing\n\nThe coastguard said 40 were rescued.\n"
FRONT = "---\ntitle: Ferry fire off Kessa Point\noutlet: Coastline Daily\ndate: 9 May 2026\n---\n"


def _reimport_with_front_matter(project, tmp_path):
    from annotator.core.importers.runner import import_paths

    (tmp_path / "plain.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "fronted.md").write_text(FRONT + BODY, encoding="utf-8")
    import_paths(project, [tmp_path / "plain.txt"], by="amira")
    return import_paths(project, [tmp_path / "fronted.md"], by="amira")


def test_a_reimport_with_other_metadata_changes_nothing_but_says_what_differs(project, tmp_path):
    summary = _reimport_with_front_matter(project, tmp_path)
    [change] = summary.metadata_changes
    assert change.changes == {
        "outlet": ("", "Coastline Daily"),
        "title": ("Ferry fire off Kessa Point leaves two missing", "Ferry fire off Kessa Point"),
        "published": ("", "9 May 2026"),
    }
    article = project.articles.get(change.article_id)
    assert (article.outlet, article.published) == ("", "")
    assert "1 already imported with other metadata" in summary.describe()


def test_the_differing_metadata_can_be_taken_from_the_file(project, tmp_path):
    from annotator.core.importers.runner import import_paths, update_metadata

    summary = _reimport_with_front_matter(project, tmp_path)
    assert update_metadata(project, summary.metadata_changes, by="amira") == 1
    article = project.articles.get(summary.metadata_changes[0].article_id)
    assert (article.title, article.outlet, article.published) == (
        "Ferry fire off Kessa Point",
        "Coastline Daily",
        "2026-05-09",
    )
    again = import_paths(project, [tmp_path / "fronted.md"], by="amira")
    assert again.metadata_changes == []  # nothing differs any more


def test_an_inferred_title_never_counts_as_other_metadata(project, tmp_path):
    from annotator.core.importers.runner import import_paths

    (tmp_path / "plain.txt").write_text(BODY, encoding="utf-8")
    import_paths(project, [tmp_path / "plain.txt"], by="amira")
    project.articles.edit(project.articles.ids()[0], by="amira", title="My own title")
    assert import_paths(project, [tmp_path / "plain.txt"], by="amira").metadata_changes == []
