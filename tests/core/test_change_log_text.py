"""An imported claim's log entry is written through a template: the same text as the encoder's."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.model import Claim, Figure
from annotator.core.store.changelog import _dump, claim_state

texts = st.text()
numbers = st.none() | st.integers() | st.floats() | st.booleans()
figures = st.builds(Figure, texts, numbers, numbers, numbers, texts, texts, texts, texts)
claims = st.builds(
    Claim,
    id=texts,
    article_id=texts,
    start=st.integers(),
    end=st.integers(),
    quote=texts,
    speaker=st.none() | texts,
    figure=figures,
    confidence=texts,
    note=texts,
    annotator=texts,
    status=texts,
    fragments=st.lists(st.tuples(st.integers(), st.integers()), max_size=3).map(tuple),
    supersedes=st.none() | texts,
    created_at=texts,
)


@given(claims)
def test_a_claims_state_is_written_as_the_encoder_writes_its_log_entry(claim):
    assert claim_state(claim) == _dump(claim.as_log_entry())


def test_a_claim_imported_is_logged_with_its_whole_state(project, tmp_path):
    from annotator.core.importers.runner import import_paths

    path = tmp_path / "one.jsonl"
    path.write_text(
        '{"text": "The ministry said \\u00ab27\\u00bb were killed.", '
        '"claims": [{"start": 18, "end": 22, "figure": {"value": 27.5, "low": 27}, "speaker": "MoD"}]}\n',
        encoding="utf-8",
    )
    import_paths(project, [path], by="dora")
    (claim,) = project.claims.select()
    (entry,) = project.log.history("claim", claim.id)
    assert entry.action == "import" and entry.after == claim.as_log_entry()
