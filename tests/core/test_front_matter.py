"""Front matter of .txt/.md articles: real YAML (---) and TOML (+++), fields mapped, errors located."""

from __future__ import annotations

import pytest

from annotator.core.importers.runner import import_paths

BODY = "The agency said about 300 people were evacuated.\n"


def _imported(project, tmp_path, front: str, *, name="story.md"):
    path = tmp_path / name
    path.write_text(front + BODY, encoding="utf-8")
    summary = import_paths(project, [path], by="amira")
    return summary, (project.articles.get(project.articles.ids()[0]) if project.articles.count() else None)


def test_a_yaml_list_of_events_is_read_as_a_list(project, tmp_path):
    _, article = _imported(
        project, tmp_path, "---\ntitle: Floods\nevents:\n  - Velm floods\n  - Alder basin\n---\n"
    )
    assert article.events == ("Alder basin", "Velm floods")
    assert article.text == BODY


def test_a_flow_list_with_quoted_commas_keeps_each_name_whole(project, tmp_path):
    _, article = _imported(project, tmp_path, '---\nevents: [Velm floods, "Kessa, Point fire"]\n---\n')
    assert article.events == ("Kessa, Point fire", "Velm floods")


def test_comma_separated_events_still_split(project, tmp_path):
    _, article = _imported(project, tmp_path, "---\nevents: Velm floods, Alder basin\n---\n")
    assert article.events == ("Alder basin", "Velm floods")


def test_date_is_read_as_the_publication_date(project, tmp_path):
    _, article = _imported(project, tmp_path, "---\ntitle: Floods\ndate: 9 May 2026\n---\n")
    assert (article.published, article.published_raw) == ("2026-05-09", "9 May 2026")


def test_a_yaml_date_value_becomes_iso(project, tmp_path):
    _, article = _imported(project, tmp_path, "---\npublished: 2026-05-09\noutlet: 'Valley Courier'\n---\n")
    assert (article.published, article.outlet) == ("2026-05-09", "Valley Courier")


def test_hugo_toml_front_matter_is_recognised(project, tmp_path):
    front = '+++\ntitle = "Floods at Velm"\ndate = 2026-05-09\nevents = ["Velm floods"]\n+++\n'
    _, article = _imported(project, tmp_path, front)
    assert (article.title, article.published, article.events) == (
        "Floods at Velm",
        "2026-05-09",
        ("Velm floods",),
    )
    assert article.text == BODY


def test_fields_we_do_not_keep_are_reported_not_dropped(project, tmp_path):
    summary, _ = _imported(project, tmp_path, "---\ntitle: Floods\ntags: [weather]\n---\n")
    assert [what for _, what in summary.skipped] == ["front matter field 'tags'"]


@pytest.mark.parametrize(
    ("front", "line", "reason"),
    [
        ("---\ntitle: Floods\nevents: [Velm\n---\n", 3, "not valid YAML"),
        ("---\ntitle: Floods\n  bad: indent: here\n---\n", 3, "not valid YAML"),
        ("---\n- just\n- a list\n---\n", 2, "not a set of 'key: value' fields"),
        ("+++\ntitle = Floods\n+++\n", 2, "not valid TOML"),
        ("---\ntitle: Floods\n", 1, "never ends"),
        ("---\ntitle: [a, b]\n---\n", None, "'title' must be text"),
        ("---\nevents: {a: 1}\n---\n", None, "'events' must be a name or a list"),
        ("---\ndate: someday\n---\n", None, "cannot read the date"),
        ("---\n!!python/object/apply:os.system ['true']\n---\n", 2, "not valid YAML"),
    ],
)
def test_broken_front_matter_refuses_the_file_with_its_line(project, tmp_path, front, line, reason):
    summary, article = _imported(project, tmp_path, front)
    [(source, message)] = summary.failures
    assert source.endswith("story.md") and reason in message
    if line is not None:
        assert f"line {line}:" in message
    assert article is None
