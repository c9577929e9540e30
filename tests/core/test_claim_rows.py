"""Claim.from_row is the exact inverse of Claim.as_row (the fast path for opening articles)."""

import pytest

from annotator.core.model import Claim, Figure


@pytest.mark.parametrize(
    "claim",
    [
        Claim(id="c1", article_id="a1", start=0, end=5, quote="about"),
        Claim(
            id="c2",
            article_id="a1",
            start=3,
            end=9,
            quote="x" * 6,
            speaker="NIS",
            figure=Figure(
                "some 11,000", 11000.0, None, None, "approximately", "troops", "deployed", "in May"
            ),
            confidence="high",
            confidence_scale="icd203",
            note="line one\nline two",
            annotator="amira",
            status="suggested",
            kind="statistical",
            outlet="BBC",
            fragments=((3, 5), (7, 9)),
            supersedes="c1",
            created_at="2026-01-01T00:00:00.000Z",
            updated_at="2026-01-02T00:00:00.000Z",
        ),
    ],
)
def test_from_row_inverts_as_row(claim):
    assert Claim.from_row(claim.as_row()) == claim
