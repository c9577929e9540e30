"""Managing the speaker registry: rename, merge (claims follow), aliases, types, and the guessed type."""

from __future__ import annotations

import json

import pytest

from annotator.cli import main
from annotator.core.errors import InvalidClaim, NotFound
from annotator.core.model import Speaker
from annotator.core.speaker_types import guess_speaker_type
from tests.conftest import add_article

pytestmark = pytest.mark.back_ends

TEXT = "South Korea's intelligence service says 300 soldiers were killed; the NIS says 2,700 were wounded."


@pytest.fixture
def registry(project):
    """Two names for one source, each with a claim: the duplicate an analyst wants to fold."""
    project.speakers.add("National Intelligence Service", by="amira", type="official body", aliases=("NIS",))
    project.speakers.add("South Korean spy agency", by="amira", type="unknown", aliases=("spy agency",))
    article_id = add_article(project, TEXT)
    for quote, speaker in (("300 soldiers were killed", "spy agency"), ("2,700 were wounded", "NIS")):
        start = TEXT.index(quote)
        project.claims.create(article_id, start, start + len(quote), by="amira", speaker=speaker)
    return project


def _speakers_of_claims(project) -> list[str]:
    return sorted(claim.speaker for claim in project.claims.select())


@pytest.mark.file_only  # the server logs each row (the speaker, each alias)
def test_rename_moves_the_claims_and_keeps_the_old_name_as_an_alias(registry):
    renamed = registry.speakers.rename("South Korean spy agency", "Korean intelligence", by="amira")
    assert renamed.name == "Korean intelligence"
    assert set(renamed.aliases) == {"spy agency", "South Korean spy agency"}
    assert _speakers_of_claims(registry) == ["Korean intelligence", "National Intelligence Service"]
    assert [e.action for e in registry.log.history("speaker", "Korean intelligence")] == ["rename"]


def test_rename_onto_another_speaker_is_refused_and_says_merge(registry):
    with pytest.raises(InvalidClaim, match="merge the two speakers instead"):
        registry.speakers.rename("spy agency", "NIS", by="amira")
    assert _speakers_of_claims(registry) == ["National Intelligence Service", "South Korean spy agency"]


def test_merge_folds_claims_and_aliases_into_the_kept_speaker(registry):
    merged = registry.speakers.merge("South Korean spy agency", "NIS", by="amira")
    assert merged.into == "National Intelligence Service" and len(merged.claim_ids) == 1
    assert _speakers_of_claims(registry) == ["National Intelligence Service"] * 2
    kept = registry.speakers.get("spy agency")
    assert kept.name == "National Intelligence Service"
    assert set(kept.aliases) == {"NIS", "spy agency", "South Korean spy agency"}
    assert [s.name for s in registry.speakers.all()] == ["National Intelligence Service"]


def test_unmerge_brings_back_the_speaker_its_aliases_and_its_claims(registry):
    before = registry.speakers.all()
    merged = registry.speakers.merge("South Korean spy agency", "NIS", by="amira")
    registry.speakers.unmerge(merged, by="amira")
    assert registry.speakers.all() == before
    assert _speakers_of_claims(registry) == ["National Intelligence Service", "South Korean spy agency"]


def test_merging_a_speaker_into_itself_is_refused(registry):
    with pytest.raises(InvalidClaim, match="are the same speaker"):
        registry.speakers.merge("NIS", "National Intelligence Service", by="amira")


def test_set_type_returns_the_old_type_and_logs_it(registry):
    assert registry.speakers.set_type("spy agency", "official body", by="amira") == "unknown"
    assert registry.speakers.get("spy agency").type == "official body"
    with pytest.raises(InvalidClaim, match="unknown speaker type"):
        registry.speakers.set_type("spy agency", "friend", by="amira")


def test_an_alias_can_be_taken_back(registry):
    assert registry.speakers.remove_alias("nis", by="amira") == "National Intelligence Service"
    assert registry.speakers.resolve("NIS") is None
    with pytest.raises(NotFound):
        registry.speakers.remove_alias("NIS", by="amira")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("BBC", "media"),
        ("the Guardian", "media"),
        ("President Amara Odu", "government"),
        ("Western officials", "government"),
        ("Ministry of Defence", "government"),
        ("National Intelligence Service", "official body"),
        ("Regional Emergency Agency", "official body"),
        ("Ukrainian army", "military"),
        ("WHO", "international organisation"),
        ("Red Lantern Society", "NGO"),
        ("a source close to the talks", "anonymous"),
        ("Dr Ines Marlow", "expert"),
        ("who", "unknown"),  # a word, not the organisation
        ("FBI", "official body"),
        ("an IDF spokesman", "military"),
        ("tell us", "unknown"),  # "US" only in capitals
        ("Dana Reyes", "unknown"),  # nothing in a person's name says what they are
    ],
)
def test_the_guessed_type_comes_from_the_name_or_stays_unknown(name, kind):
    assert guess_speaker_type(name) == kind


def test_a_name_the_words_do_not_place_takes_the_type_of_registered_namesakes():
    registry = [Speaker("Alder Rangers", "military"), Speaker("Coast Rangers", "military")]
    assert guess_speaker_type("Velm Rangers", registry) == "military"


def _cli(project_path, *args) -> int:
    return main(["speakers", *args, "--db", str(project_path)])


def test_the_speakers_command_adds_aliases_merges_and_lists(project_path, capsys):
    assert _cli(project_path, "add", "National Intelligence Service", "--alias", "NIS") == 0
    assert _cli(project_path, "add", "BBC") == 0
    assert _cli(project_path, "alias", "NIS", "South Korea's intelligence service") == 0
    assert _cli(project_path, "add", "Korean spy agency", "--type", "official body") == 0
    assert _cli(project_path, "merge", "Korean spy agency", "NIS") == 0
    capsys.readouterr()
    assert _cli(project_path, "list", "--format", "json") == 0
    listed = {row["name"]: row for row in json.loads(capsys.readouterr().out)}
    assert listed["BBC"]["type"] == "media"
    assert set(listed["National Intelligence Service"]["aliases"]) == {
        "NIS",
        "South Korea's intelligence service",
        "Korean spy agency",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("rename", "Nobody", "Somebody"), "not in the registry"),
        (("merge", "NIS", "Nobody"), "not in the registry"),
        (("type", "Nobody", "media"), "not in the registry"),
        (("add", "   "), "needs a name"),
        (("unalias", "Nobody"), "not an alias"),
    ],
)
def test_the_speakers_command_refuses_bad_input_with_a_message(project_path, capsys, args, message):
    _cli(project_path, "add", "National Intelligence Service", "--alias", "NIS")
    capsys.readouterr()
    assert _cli(project_path, *args) == 1
    assert message in capsys.readouterr().err
