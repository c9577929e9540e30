"""The store on a team project, where the server decides what a file leaves to the core."""

from __future__ import annotations

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.store import Project
from tests.conftest import add_article

TEXT = "The ministry said 27 soldiers were killed and about 60 wounded since Monday."


def test_merging_a_speaker_others_claims_name_is_refused_in_words_and_changes_nothing(team):
    with Project.open(team.url("ann")) as ann, Project.open(team.url("ben")) as ben:
        article = add_article(ann, TEXT, by="ann")
        ann.speakers.add("Defence Ministry", by="ann")
        ann.speakers.add("the ministry", by="ann")
        ann.claims.create(article, 0, 12, by="ann", speaker="the ministry")
        with pytest.raises(AnnotatorError, match="still the speaker of 1 claim you may not change"):
            ben.speakers.merge("the ministry", "Defence Ministry", by="ben")
        assert [s.name for s in ben.speakers.all()] == ["Defence Ministry", "the ministry"]
        assert [c.speaker for c in ben.claims.select()] == ["the ministry"]


def test_opening_a_team_project_names_the_role_and_refuses_acting_as_another(team):
    from annotator.core.errors import PermissionDenied

    with Project.open(team.url("ann")) as ann:
        assert ann.is_team and ann.user == "ann" and "pw-ann" not in ann.path
        article = add_article(ann, TEXT, by="ann")
        with pytest.raises(PermissionDenied, match="you act as yourself \\(ann\\), not as ben"):
            ann.claims.create(article, 0, 12, by="ben")
        assert ann.claims.count() == 0


def test_a_statement_the_servers_constraints_refuse_is_a_message_not_a_driver_error(team):
    from annotator.core.errors import PermissionDenied

    with Project.open(team.url("ann")) as ann:
        article = add_article(ann, TEXT, by="ann")
        ann.speakers.add("Defence Ministry", by="ann")
        ann.claims.create(article, 0, 12, by="ann", speaker="Defence Ministry")
        with pytest.raises(PermissionDenied, match="refused: .*foreign key.*still referenced"):
            ann.db.sql.execute("DELETE FROM speakers WHERE name = ?", ("Defence Ministry",))
        assert "pw-ann" not in str(ann.path)


def test_the_vocabularies_the_window_offers_are_read_on_the_server(team):
    """Measures and events completed by the form: sorted without regard to case."""
    from annotator.core.model import Figure

    with Project.open(team.url("ann")) as project:
        text = "Officials said 40 troops and 12 Tanks left."
        first = add_article(project, text, by="ann", events=("kharkiv", "Donbas"))
        project.claims.create(first, 15, 24, by="ann", figure=Figure("40", 40, measure="troops deployed"))
        project.claims.create(first, 29, 37, by="ann", figure=Figure("12", 12, measure="Tanks lost"))
        assert project.claims.measures() == ["Tanks lost", "troops deployed"]
        assert project.events.names() == ["Donbas", "kharkiv"]
