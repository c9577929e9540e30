"""Taking a speaker back out of the registry: the undo of adding one while annotating."""

from __future__ import annotations

import pytest

from annotator.core.errors import NotFound, SpeakerInUse
from tests.conftest import add_article

pytestmark = pytest.mark.back_ends

TEXT = "The harbour master said 40 boats were lost."


def _add_harbour_master(project):
    return project.speakers.add("Harbour Master", by="amira", type="official body", aliases=("HM",))


def test_delete_takes_the_speaker_and_its_aliases_out(project):
    _add_harbour_master(project)
    assert project.speakers.resolve("hm") == "Harbour Master"  # remembered lookups must go too
    removed = project.speakers.delete("Harbour Master", by="amira")
    assert (removed.name, removed.type, removed.aliases) == ("Harbour Master", "official body", ("HM",))
    assert project.speakers.all() == []
    assert project.speakers.resolve("HM") is None
    assert project.speakers.resolve("Harbour Master") is None


@pytest.mark.file_only  # the server logs each row (the speaker, each alias)
def test_delete_is_logged_with_what_was_removed(project):
    _add_harbour_master(project)
    project.speakers.delete("Harbour Master", by="amira")
    entries = project.log.history("speaker", "Harbour Master")
    assert [(e.action, e.who) for e in entries] == [("create", "amira"), ("delete", "amira")]
    assert entries[-1].before == {"name": "Harbour Master", "type": "official body", "aliases": ["HM"]}


@pytest.mark.file_only  # the server logs each row (the speaker, each alias)
def test_a_speaker_claims_use_is_refused_and_kept(project):
    _add_harbour_master(project)
    article_id = add_article(project, TEXT)
    for quote in ("40 boats", "were lost"):
        start = TEXT.index(quote)
        project.claims.create(article_id, start, start + len(quote), by="amira", speaker="HM")
    with pytest.raises(SpeakerInUse, match="speaker of 2 claims; give those claims another speaker"):
        project.speakers.delete("Harbour Master", by="amira")
    assert project.speakers.get("HM").name == "Harbour Master"
    assert [e.action for e in project.log.history("speaker", "Harbour Master")] == ["create"]


def test_a_speaker_no_longer_used_can_be_deleted(project):
    _add_harbour_master(project)
    article_id = add_article(project, TEXT)
    claim = project.claims.create(article_id, 24, 32, by="amira", speaker="Harbour Master")
    project.claims.edit(claim.id, by="amira", speaker=None)
    project.speakers.delete("Harbour Master", by="amira")
    assert project.speakers.all() == []


@pytest.mark.parametrize("name", ["Nobody", "HM", "harbour master"])
def test_delete_needs_the_exact_registered_name(project, name):
    _add_harbour_master(project)
    with pytest.raises(NotFound, match="not in the registry"):
        project.speakers.delete(name, by="amira")
    assert len(project.speakers.all()) == 1


def test_a_deleted_speaker_can_be_added_again(project):
    _add_harbour_master(project)
    project.speakers.delete("Harbour Master", by="amira")
    again = _add_harbour_master(project)
    assert project.speakers.all() == [again]
