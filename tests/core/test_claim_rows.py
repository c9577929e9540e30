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


def test_claim_fields_name_every_field_of_a_claim_and_its_figure_once():
    from dataclasses import fields

    from annotator.core.model import CLAIM_FIELDS

    expected = [
        name
        for field in fields(Claim)
        for name in ([f"figure.{f.name}" for f in fields(Figure)] if field.name == "figure" else [field.name])
    ]
    assert [field.attribute for field in CLAIM_FIELDS] == expected


def test_claim_fields_are_the_columns_of_the_claims_table(project):
    from annotator.core.model import CLAIM_COLUMNS

    stored = [row[1] for row in project.db.conn.execute("PRAGMA table_info(claims)")]
    assert sorted(CLAIM_COLUMNS) == sorted(stored)
