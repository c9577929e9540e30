"""Articles a transaction adds are indexed for search once, before it commits: whole and exact."""

from __future__ import annotations

import pytest

from annotator.core.importers.runner import import_paths
from annotator.core.model import IncomingArticle
from tests.conftest import add_article

INDEXES = ("articles_fts", "articles_trigram")


def index_problems(project) -> list[str]:
    """What FTS5's integrity check says of each index against the articles table."""
    problems = []
    for index in INDEXES:
        try:
            project.db.conn.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
        except Exception as error:  # noqa: BLE001 (the check reports by raising)
            problems.append(f"{index}: {error}")
    return problems


def found(project, search: str) -> list[str]:
    return sorted(s.title for s in project.articles.summaries(search=search))


def deferred_rows(project) -> int:
    return project.db.conn.execute("SELECT count(*) FROM search_index_deferred").fetchone()[0]


def test_every_file_of_an_import_batch_is_found_and_a_bad_one_leaves_no_trace(project, tmp_path):
    for n in range(5):
        (tmp_path / f"a{n}.txt").write_text(f"Kharkivska oblast {n}: 12 homes.", encoding="utf-8")
    (tmp_path / "a2b.txt").write_bytes(b"Bad\x00file")
    summary = import_paths(project, [tmp_path], by="dora")
    assert summary.imported == 5 and len(summary.failures) == 1
    assert found(project, "kharkivska") == [f"Kharkivska oblast {n}: 12 homes." for n in range(5)]
    assert found(project, "oblast 3") == ["Kharkivska oblast 3: 12 homes."]
    assert index_problems(project) == [] and deferred_rows(project) == 0


def test_an_article_edited_and_removed_in_the_same_transaction_is_indexed_as_it_ends(project):
    kept = add_article(project, "Old text about the river.", title="Before")
    with project.transaction():
        added = add_article(project, "Kursk: 300 soldiers.", title="News")
        gone = add_article(project, "Zaporizhzhia, 40 homes.", title="Gone")
        project.articles.edit(added, title="Kursk offensive", by="amira")
        project.articles.edit(kept, title="After", by="amira")
        project.articles.remove([gone])
    assert found(project, "offensive") == ["Kursk offensive"]
    assert found(project, "zaporizh") == [] and found(project, "News") == []
    assert found(project, "After") == ["After"] and found(project, "Before") == []
    assert index_problems(project) == []


def test_an_article_that_takes_a_removed_articles_place_is_indexed(project):
    for n in range(3):
        add_article(project, f"Article number {n}.", title=f"T{n}")
    last = project.articles.ids()[-1]
    with project.transaction():
        newer = add_article(project, "Newer article.", title="Newer")
        project.articles.remove([newer, last])  # the next article gets the last one's rowid back
        add_article(project, "Replacement article about Bakhmut.", title="Replacement")
    assert found(project, "bakhmut") == ["Replacement"]
    assert index_problems(project) == []


def test_a_rolled_back_import_leaves_the_index_as_it_was(project):
    add_article(project, "Kept article about Kherson.", title="Kept")
    with pytest.raises(RuntimeError), project.transaction():
        add_article(project, "Lost article about Kherson.", title="Lost")
        raise RuntimeError("the user cancelled")
    assert found(project, "kherson") == ["Kept"]
    assert index_problems(project) == [] and deferred_rows(project) == 0


def test_articles_added_outside_a_project_transaction_are_indexed_at_once(project):
    with project.db.atomic():
        project.articles.add(IncomingArticle(text="Bare transaction: Izium.", title="Izium"), by="amira")
        assert found(project, "izium") == ["Izium"]
    assert index_problems(project) == []
