"""Suggesting claims: the rules, the stored suggestions, accept and reject, and the gold set."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import InvalidClaim
from annotator.core.figures.suggest import SpeakerMatcher, suggest_claims
from annotator.core.model import Speaker
from tests.conftest import add_article
from tests.gold import load_gold, score, seed_gold

pytestmark = pytest.mark.back_ends

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = [
    Speaker("National Intelligence Service", "government", ("NIS", "South Korea's intelligence service")),
    Speaker("BBC", "media"),
]


def _suggest(text: str):
    return suggest_claims(text, matcher=SpeakerMatcher(REGISTRY))


# -- the rules -------------------------------------------------------------------------------


def test_registry_alias_names_the_speaker():
    [first, second] = _suggest(
        "South Korea's intelligence service says about 300 soldiers have been killed, "
        "while about 2,700 have been wounded."
    )
    assert (first.speaker, first.quote, first.figure.measure) == (
        "National Intelligence Service",
        "about 300 soldiers have been killed",
        "killed",
    )
    assert (second.figure.text, second.figure.measure) == ("about 2,700", "wounded")


def test_outlet_is_kept_apart_from_the_speaker():
    [claim] = _suggest("Western officials told the BBC that 1,000 soldiers had been killed.")
    assert (claim.speaker, claim.speaker_text, claim.outlet) == (None, "Western officials", "BBC")


def test_acronym_alias_matches_case_sensitively():
    [claim] = _suggest("The NIS said 40 troops had been captured.")
    assert claim.speaker == "National Intelligence Service"
    assert _suggest("The nis said 40 troops had been captured.")[0].speaker is None


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("Police said 83 people were arrested.", "arrested"),
        ("The agency said 12 homes were destroyed.", "homes destroyed"),
        ("The army said it had killed 27 fighters.", "killed"),
        ("Officials said 4,200 residents had been evacuated.", "evacuated"),
        ("The ministry said some 11,000 troops were sent.", "troops deployed"),
        ("Doctors said 6 were kept in hospital overnight.", "hospitalised"),
    ],
)
def test_measure_is_the_counted_verb_or_noun(sentence, measure):
    assert [s.figure.measure for s in _suggest(sentence)] == [measure]


@pytest.mark.parametrize(
    "text",
    [
        "Floods: 300 homes lost\n\nThe river rose overnight.",  # a headline is not reporting
        "The siege lasted 12 days, the ministry said.",  # durations count time
        "The ministry said on March 4 that talks would resume.",  # dates
        "The bridge opened in 1987, officials said.",  # years
        "Osk lies 12 km from the front line.",  # unattributed, nothing counted
        "Police said the march reached Pier 4 on day 3.",  # numbers that label, not count
        "",
    ],
)
def test_figures_that_are_not_claims_are_not_suggested(text):
    assert _suggest(text) == []


def test_pronoun_takes_the_previous_speaker():
    [_, claim] = _suggest("The NIS said 40 troops were captured. Repairs will cost $5m, it said.")
    assert claim.speaker == "National Intelligence Service"


def test_suggestion_offsets_match_the_quote_after_emoji():
    text = "🌧️ The NIS said 40 troops were captured."
    [claim] = _suggest(text)
    assert text[claim.start : claim.end] == claim.quote == "40 troops were captured"


# -- stored suggestions ----------------------------------------------------------------------


@pytest.fixture
def article(project):
    project.speakers.add("Defence Ministry", by="amira", aliases=("the ministry",))
    return add_article(
        project, "The ministry said 27 soldiers had been killed and about 60 wounded.", events=("Vardel",)
    )


def test_suggestions_are_stored_as_suggested_and_not_counted(project, article):
    claims = project.suggestions.suggest(article, by="amira")
    assert [(c.status, c.speaker, c.figure.text) for c in claims] == [
        ("suggested", "Defence Ministry", "27"),
        ("suggested", "Defence Ministry", "about 60"),
    ]
    assert project.claims.count() == 0
    assert project.claims.count(status="suggested") == 2
    assert project.articles.summaries()[0].claim_count == 0


def test_suggesting_again_adds_nothing(project, article):
    project.suggestions.suggest(article, by="amira")
    assert project.suggestions.suggest(article, by="amira") == []
    assert project.claims.count(status="suggested") == 2


def test_a_span_already_claimed_is_not_suggested(project, article):
    text = project.articles.text(article)
    start = text.index("27")
    project.claims.create(article, start, start + 2, by="ben")
    assert [c.figure.text for c in project.suggestions.suggest(article, by="amira")] == ["about 60"]


def test_reject_remembers_so_suggest_does_not_bring_it_back(project, article):
    first, _ = project.suggestions.suggest(article, by="amira")
    project.suggestions.reject(first.id, by="ben")
    assert project.suggestions.suggest(article, by="amira") == []
    assert [c.figure.text for c in project.claims.for_article(article)] == ["about 60"]
    assert project.log.history("claim", first.id)[-1].action == "reject suggestion"


def test_unreject_brings_the_suggestion_back(project, article):
    first, _ = project.suggestions.suggest(article, by="amira")
    rejected = project.suggestions.reject(first.id, by="ben")
    project.suggestions.unreject(rejected, by="ben")
    assert project.claims.get(first.id) == first
    assert project.suggestions.dismissed(article) == set()


def test_accept_makes_the_suggestion_the_analysts_draft(project, article):
    first, _ = project.suggestions.suggest(article, by="amira")
    accepted = project.suggestions.accept(first.id, by="ben")
    assert (accepted.annotator, accepted.status, accepted.speaker) == ("ben", "draft", "Defence Ministry")
    assert (accepted.figure.value, accepted.figure.measure) == (27, "killed")
    assert project.claims.count(annotator="ben") == 1
    assert project.log.history("claim", first.id)[-1].action == "accept suggestion"


def test_accepting_a_claim_that_is_not_a_suggestion_is_refused(project, article):
    first, _ = project.suggestions.suggest(article, by="amira")
    project.suggestions.accept(first.id, by="ben")
    with pytest.raises(InvalidClaim, match="not a suggestion"):
        project.suggestions.accept(first.id, by="ben")
    with pytest.raises(InvalidClaim, match="not a suggestion"):
        project.suggestions.reject(first.id, by="ben")


def test_unregistered_speaker_is_kept_in_the_note(project):
    article_id = add_article(project, "Western officials told the BBC that 1,000 soldiers had died.")
    [claim] = project.suggestions.suggest(article_id, by="amira")
    assert (claim.speaker, claim.note, claim.outlet) == (None, "proposed speaker: Western officials", "BBC")


# -- command line ----------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_suggest_all_then_export_suggested(project_path):
    assert (
        _cli("import", "--db", str(project_path), str(ROOT / "resources/sample/articles.jsonl")).returncode
        == 0
    )
    result = _cli("suggest", "--db", str(project_path), "--all")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("suggested ")
    exported = _cli(
        "export", "--db", str(project_path), "--format", "jsonl", "--status", "suggested", "--out", "-"
    )
    lines = [json.loads(line) for line in exported.stdout.splitlines() if line.strip()]
    statuses = {claim["status"] for line in lines for claim in line.get("claims", [])}
    assert statuses == {"suggested"}


def test_suggest_unknown_article_fails(project_path):
    result = _cli("suggest", "--db", str(project_path), "--article", "nope")
    assert result.returncode == 1
    assert "no article" in result.stderr


def test_suggest_needs_article_or_all(project_path):
    assert _cli("suggest", "--db", str(project_path)).returncode == 2


# -- the gold set ----------------------------------------------------------------------------


# Floors just under what was measured when the rules were written (gold: P 0.95, R 0.95;
# held-out, never used for tuning: P 0.90, R 0.86). `python -m tests.gold` prints the numbers.
@pytest.mark.parametrize(("name", "precision", "recall"), [("gold", 0.90, 0.90), ("heldout", 0.85, 0.80)])
def test_gold_set_precision_and_recall_stay_above_their_floor(project, name, precision, recall):
    added = seed_gold(project, load_gold(name))
    project.suggestions.suggest_all(by="gold")
    result = score(project, added)
    print(result.describe())
    assert result.precision >= precision
    assert result.recall >= recall


# -- attribution patterns (tests/attribution_cases.py) --------------------------------------


def test_a_while_clause_with_its_own_cue_has_its_own_speaker():
    first, second = _suggest("Rebel commanders say 150 troops were killed, while the army says only 20 died.")
    assert (first.speaker_text, second.speaker_text) == ("Rebel commanders", "the army")


def test_a_cited_source_is_the_speaker_and_the_reporting_outlet_its_outlet():
    [claim] = _suggest("The BBC reported that 300 migrants were turned back, citing the NIS.")
    assert (claim.speaker, claim.outlet) == ("National Intelligence Service", "BBC")


def test_speaker_after_the_quote_and_after_the_cue():
    [claim] = _suggest('"Some 400 families have lost everything," said Maria Lopez, a local councillor.')
    assert claim.speaker_text == "Maria Lopez"


def test_the_speaker_of_a_sentence_without_figures_carries_to_the_next():
    [claim] = _suggest("Dana Velk spoke to reporters at the port. She said 22 containers had been seized.")
    assert claim.speaker_text == "Dana Velk"


def test_a_headline_that_attributes_is_suggested():
    [claim] = _suggest("300 killed in floods, officials say\n\nThe river burst its banks.")
    assert (claim.figure.value, claim.speaker_text) == (300, "officials")


def test_an_age_after_a_name_is_not_a_count():
    assert _suggest("Maria Lopez, 41, said the water had risen fast.") == []


# Floors under what was measured: dev (tuned on) 100% found, 98% right speaker; held-out
# (never tuned on) 97% found, 89% right speaker, 100% precise. `python -m tests.attribution`.
@pytest.mark.parametrize(
    ("name", "recall", "precision", "speaker"),
    [
        ("dev", 0.95, 0.95, 0.95),
        ("heldout", 0.9, 0.9, 0.8),
        ("dev news", 0.95, 0.95, 0.95),
        ("heldout news", 0.85, 0.9, 0.8),
    ],
)
def test_attribution_cases_stay_above_their_floor(name, recall, precision, speaker):
    from tests.attribution import SETS, score_set, suggester

    tally = score_set(SETS[name], suggester())["all"]
    assert tally.recall >= recall
    assert tally.precision >= precision
    assert tally.right_speaker >= speaker


# -- proposed speakers and the narrator ------------------------------------------------------


def test_suggest_lists_proposed_new_speakers(project_path):
    from annotator.core.store import Project

    with Project.open(project_path) as project:
        add_article(
            project,
            "Western officials said 1,000 soldiers had died. Western officials said 40 tanks were lost.",
        )
    result = _cli("suggest", "--db", str(project_path), "--all")
    assert result.returncode == 0, result.stderr
    assert "proposed new speakers" in result.stdout
    assert "  Western officials (2 suggestions)" in result.stdout


def test_accepting_with_a_confirmed_new_speaker_adds_and_tags_it(project):
    article_id = add_article(project, "Western officials told the BBC that 1,000 soldiers had died.")
    [claim] = project.suggestions.suggest(article_id, by="amira")
    assert project.suggestions.proposed_speakers() == {"Western officials": 1}
    accepted = project.suggestions.accept(
        claim.id, by="ben", new_speaker=Speaker("Western officials", "government")
    )
    assert (accepted.speaker, accepted.note) == ("Western officials", "")
    assert project.speakers.get("Western officials").type == "government"
    assert project.suggestions.proposed_speakers() == {}


def test_accepting_without_confirming_keeps_the_proposal(project):
    article_id = add_article(project, "Western officials told the BBC that 1,000 soldiers had died.")
    [claim] = project.suggestions.suggest(article_id, by="amira")
    accepted = project.suggestions.accept(claim.id, by="ben")
    assert (accepted.speaker, accepted.note) == (None, "proposed speaker: Western officials")
    assert project.speakers.resolve("Western officials") is None


def test_a_figure_the_outlet_states_itself_is_the_narrators(project):
    project.speakers.add("Valley Courier", by="amira", type="media")
    article_id = add_article(project, "About 200 homes were flooded overnight.", outlet="Valley Courier")
    [claim] = project.suggestions.suggest(article_id, by="amira")
    assert (claim.speaker, claim.note) == ("Valley Courier", "narrator: the outlet states this figure itself")


def test_an_unregistered_outlet_is_proposed_as_the_narrator(project):
    article_id = add_article(project, "About 200 homes were flooded overnight.", outlet="River Post")
    [claim] = project.suggestions.suggest(article_id, by="amira")
    assert claim.speaker is None
    assert claim.note.splitlines() == [
        "proposed speaker: River Post",
        "narrator: the outlet states this figure itself",
    ]


def test_an_attributed_figure_is_not_the_narrators(project):
    article_id = add_article(project, "Police said 200 homes were flooded.", outlet="River Post")
    [claim] = project.suggestions.suggest(article_id, by="amira")
    assert "narrator" not in claim.note


def test_a_wrong_conversion_is_noted_on_the_suggestion(project):
    article_id = add_article(project, "Officials said the fire burned 1,000 sq km (900 sq miles).")
    [claim] = project.suggestions.suggest(article_id, by="amira")
    assert claim.quote == "1,000 sq km (900 sq miles)"
    assert "conversion does not match: 1,000 sq km is about 386 sq miles, not 900 sq miles" in claim.note


# -- quotes, clauses and ages ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Police said a 1,000km-long convoy carried 300 tonnes.",
        "Officials said 3 policemen were hurt and 12 women were detained.",
        "The UN said 1.5m residents lacked water.",
        'Officials said "12 homes" burned.',
        "Officials said 30 per cent of homes were flooded.",
    ],
)
def test_a_quote_never_starts_or_ends_inside_a_word(text):
    for claim in _suggest(text):
        before = text[claim.start - 1 : claim.start + 1] if claim.start else ""
        after = text[claim.end - 1 : claim.end + 1]
        assert not (len(before) == 2 and before.isalnum()), claim.quote
        assert not (len(after) == 2 and after.isalnum()), claim.quote


@pytest.mark.parametrize(
    ("text", "figure", "measure"),
    [
        ("Officials said the 40 km stretch was closed, police said 12 people died.", "40 km", ""),
        ("Some 300 houses were searched and officials said 12 died.", "Some 300", "houses"),
        ("Officials said that of the 50 boats, 12 sank.", "50", "boats"),
        ("Officials said 65 firefighters and 14 engines were sent.", "65", "deployed"),
        ("Officials said 40 Marines and 12 sailors were killed.", "40", "killed"),
    ],
)
def test_a_measure_is_never_borrowed_from_the_next_clause(text, figure, measure):
    from annotator.core.figures.reader import read_all

    [reading] = [r for r in read_all(text) if r.figure.text == figure]
    assert reading.figure.measure == measure


@pytest.mark.parametrize(
    "text",
    [
        "Maria Lopez, 41, a nurse, said 25 people were treated.",
        "A man aged 67 said 25 people were treated.",
        "Police said a 34-year-old man said 25 people were treated.",
    ],
)
def test_ages_are_not_counts(text):
    assert [c.figure.text for c in _suggest(text)] == ["25"]


def test_an_age_before_a_second_apposition_keeps_the_speaker():
    [claim] = _suggest("Maria Lopez, 41, a nurse, said 25 people were treated.")
    assert claim.speaker_text == "Maria Lopez"


def test_a_number_naming_a_kind_of_thing_is_not_a_count():
    claims = _suggest("Officials said the 12-storey block housed 300 families and a 5,000-strong force.")
    assert [c.figure.text for c in claims] == ["300", "5,000"]


def test_a_quotation_running_on_keeps_its_speaker():
    claims = _suggest('"We have counted 212 bodies," said Dana Velk. "Another 40 people are missing."')
    assert [(c.figure.text, c.speaker_text) for c in claims] == [("212", "Dana Velk"), ("40", "Dana Velk")]


def test_a_quotation_open_across_sentences_keeps_its_speaker():
    text = (
        'The mayor said the flood was the worst in memory. "At least 300 homes are gone. We lost 12 bridges."'
    )
    claims = _suggest(text)
    assert [(c.figure.text, c.speaker_text) for c in claims] == [("At least 300", "mayor"), ("12", "mayor")]


def test_the_quotation_closed_the_next_sentence_is_the_narrators():
    claims = _suggest('Dana Velk said: "We lost 6 cranes." About 200 homes were flooded overnight.')
    assert [(c.figure.text, c.narrator) for c in claims] == [("6", False), ("About 200", True)]


def test_a_suggestion_stored_before_proposals_still_offers_its_speaker(project):
    """Older suggestions carried the unregistered speaker as "speaker as written: NAME"."""
    import uuid

    article_id = add_article(project, "Western officials told the BBC that 1,000 soldiers had died.")
    [claim] = project.suggestions.suggest(article_id, by="amira")
    project.suggestions.reject(claim.id, by="amira")
    older = claim.with_changes(id=str(uuid.uuid4()), note="speaker as written: Western officials")
    with project.transaction():
        project.claims.add_suggestions([older])
    assert project.suggestions.proposed_speakers() == {"Western officials": 1}
    confirmed = Speaker("Western officials", "government")
    accepted = project.suggestions.accept(older.id, by="ben", new_speaker=confirmed)
    assert (accepted.speaker, accepted.note) == ("Western officials", "")
