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


# -- articles an import leaves pending --------------------------------------------------------


def _import_texts(project, folder, texts: dict[str, str]) -> None:
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    assert import_paths(project, [folder], by="dora").imported == len(texts)


KYIV = {"k1": "Київ: 12 homes.", "k2": "Kharkiv: 40 homes.", "k3": "Kherson, 7 homes."}


def test_an_import_leaves_its_articles_pending_and_the_first_search_indexes_them(project, tmp_path):
    _import_texts(project, tmp_path, KYIV)
    assert project.articles.has_pending() and deferred_rows(project) == 1
    assert found(project, "КИЇВ") == ["Київ: 12 homes."]
    assert not project.articles.has_pending() and index_problems(project) == []
    assert (
        found(project, "homes") == sorted(KYIV.values()) and found(project, "Kh") == sorted(KYIV.values())[:2]
    )


def test_pending_articles_indexed_a_slice_at_a_time_end_exact(project, tmp_path):
    add_article(project, "Indexed before: Kherson.", title="Before")
    _import_texts(project, tmp_path, {f"a{n}": f"Article {n} about Kherson." for n in range(5)})
    assert project.articles.index_pending(limit=2) is False
    assert project.articles.index_pending(limit=2) is False
    assert project.articles.index_pending(limit=2) is True
    assert deferred_rows(project) == 0 and index_problems(project) == []
    assert len(found(project, "kherson")) == 6


def test_a_search_between_slices_finds_every_article(project, tmp_path):
    _import_texts(project, tmp_path, {f"a{n}": f"Article {n} about Kherson." for n in range(5)})
    project.articles.index_pending(limit=2)
    assert found(project, "kherson") == [f"Article {n} about Kherson." for n in range(5)]
    assert index_problems(project) == []


def test_articles_edited_and_removed_while_pending_are_indexed_as_they_are(project, tmp_path):
    _import_texts(project, tmp_path, KYIV)
    by_title = {s.title: s.id for s in project.articles.summaries()}
    project.articles.edit(by_title["Kharkiv: 40 homes."], title="Renamed Sumy", by="amira")
    project.articles.remove([by_title["Kherson, 7 homes."]])
    assert found(project, "sumy") == ["Renamed Sumy"] and found(project, "kherson") == []
    assert index_problems(project) == []


def test_an_article_added_by_hand_after_an_import_indexes_the_pending_ones_too(project, tmp_path):
    _import_texts(project, tmp_path, KYIV)
    add_article(project, "Added by hand: Odesa.", title="Odesa")
    assert deferred_rows(project) == 0 and index_problems(project) == []


def test_a_read_only_project_searches_its_pending_articles_exactly_and_writes_nothing(project_path, tmp_path):
    from annotator.core.store import Project

    folder = tmp_path / "in"
    folder.mkdir()
    with Project.open(project_path) as project:
        add_article(project, "Indexed: Kyiv river.", title="Indexed")
        _import_texts(project, folder, KYIV)
    before = project_path.read_bytes()
    with Project.open(project_path, read_only=True) as project:
        assert project.articles.has_pending()
        assert found(project, "КИЇВ") == ["Київ: 12 homes."]
        assert found(project, "kyiv") == ["Indexed"]
        assert found(project, "homes Kh") == ["Kharkiv: 40 homes.", "Kherson, 7 homes."]
        assert found(project, "zzz") == []
    assert project_path.read_bytes() == before
    with Project.open(project_path) as project:
        assert found(project, "homes") == sorted(KYIV.values()) and index_problems(project) == []
