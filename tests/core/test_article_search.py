"""The article search finds words inside longer tokens, by the same rule the text highlights them."""

import pytest

from annotator.core.search import hit_pattern, matches
from tests.conftest import add_article

pytestmark = pytest.mark.back_ends

ARTICLES = {
    "Latest": "Source: theguardian.com. Troops were sent, officials said.",
    "Telegraph": "The Telegraph reports 11,000 troops; AI analysts disagree.",
    "Kyiv": "Київ: про 300 загиблих повідомляє Guardian 👨‍👩‍👧 today.",
    "Plain": "Nothing to see here, a quiet day in Maidstone.",
}


@pytest.fixture
def titles(project):
    ids = {add_article(project, text, title=title): title for title, text in ARTICLES.items()}
    return lambda search: [ids[s.id] for s in project.articles.summaries(search=search)]


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("Guardian", ["Latest", "Kyiv"]),
        ("guardian troops", ["Latest"]),
        ("ardia", ["Latest", "Kyiv"]),
        ("КИЇВ", ["Kyiv"]),
        ("11,000", ["Telegraph"]),
        ("AI", ["Telegraph"]),  # short: the start of a word ("Maidstone" has "ai" inside)
        ("legraph", ["Telegraph"]),  # in the title and the text
        ('"quiet', []),  # a quote is a character to find, never query syntax
        ("quiet) OR (day", []),
        ("quiet nowhere", []),
    ],
)
def test_search_finds_a_word_anywhere_in_a_longer_token(titles, search, found):
    assert titles(search) == found


@pytest.mark.parametrize("search", ["Guardian", "troops sent", "AI", "ardia", "Київ", "a", "day in"])
def test_the_articles_found_are_those_the_highlighting_marks(titles, search):
    marked = [title for title, text in ARTICLES.items() if matches(search, title, text)]
    assert titles(search) == marked
    for title in marked:
        text = title + " " + ARTICLES[title]
        words = {hit.group().casefold() for hit in hit_pattern(search).finditer(text)}
        assert words == {word.casefold() for word in search.split()}


def test_an_article_whose_title_changes_is_found_by_its_new_title(project):
    article = add_article(project, "Text about nothing.", title="News")
    project.articles.edit(article, title="Kursk offensive", by="amira")
    assert [s.id for s in project.articles.summaries(search="rsk off")] == [article]
    assert project.articles.summaries(search="News") == []
