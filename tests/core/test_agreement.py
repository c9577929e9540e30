"""Agreement on hand-computed examples, cross-checked against a second implementation."""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter

import pytest

from annotator.core.confidence import load_scale
from annotator.core.model import Claim, Figure
from annotator.core.review.agreement import (
    agreement_report,
    cohen_kappa,
    krippendorff_alpha,
    linear_distance,
    match_spans,
)

SCALE = load_scale("icd203")
_ids = itertools.count()


def claim(who, start, end, *, article="art", speaker=None, confidence="", value=None, **extra) -> Claim:
    return Claim(
        id=f"c{next(_ids)}",
        article_id=article,
        start=start,
        end=end,
        quote="x" * (end - start),
        speaker=speaker,
        confidence=confidence,
        figure=Figure(value=value),
        annotator=who,
        status="submitted",
        **extra,
    )


# -- a second implementation, written from Krippendorff's definitions ----------------------


def reference_alpha(units, level):
    """Alpha from the coincidence matrix (Krippendorff 2011, 'Computing Krippendorff's alpha')."""
    coincidences = Counter()
    for row in units:
        values = [v for v in row if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, j in itertools.permutations(range(m), 2):
            coincidences[(values[i], values[j])] += 1 / (m - 1)
    totals = Counter()
    for (c, _), count in coincidences.items():
        totals[c] += count
    n = sum(totals.values())
    domain = sorted(totals)

    def delta(c, k):
        if level == "nominal":
            return 0.0 if c == k else 1.0
        if level == "interval":
            return (c - k) ** 2
        low, high = sorted((c, k))
        between = sum(totals[g] for g in domain if low <= g <= high)
        return (between - (totals[low] + totals[high]) / 2) ** 2

    observed = sum(count * delta(c, k) for (c, k), count in coincidences.items()) / n
    expected = sum(totals[c] * totals[k] * delta(c, k) for c in domain for k in domain) / (n * (n - 1))
    return 1 - observed / expected


def reference_kappa(pairs):
    """Unweighted Cohen's kappa from its textbook definition."""
    n = len(pairs)
    p_o = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    p_e = sum(left[c] * right[c] for c in left) / (n * n)
    return (p_o - p_e) / (1 - p_e)


# -- hand-computed examples ---------------------------------------------------------------


def test_kappa_on_a_hand_computed_table():
    # A: a a b b; B: a b b b -> p_o = 3/4, p_e = 1/2*1/4 + 1/2*3/4 = 1/2, kappa = 1/2
    assert cohen_kappa([("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")]) == pytest.approx(0.5)


def test_alpha_on_a_hand_computed_table():
    # coincidences: o_aa = 2, o_ab = o_ba = 1, o_bb = 4; n_a = 3, n_b = 5, n = 8
    # D_o = 2/8, D_e = 2*3*5/(8*7) = 30/56, alpha = 1 - (2/8)/(30/56) = 8/15
    units = [[0, 0], [0, 1], [1, 1], [1, 1]]
    assert krippendorff_alpha(units, level="nominal") == pytest.approx(8 / 15)


def test_linear_weighted_kappa_by_hand():
    # ranks 0..2, weights |i-j|/2. Pairs (0,0) (1,2) (2,2): D_o = (0 + 1/2 + 0)/3 = 1/6
    # margins A: 0,1,2 each 1/3; B: 0 1/3, 2 2/3. D_e = sum p_a(i) p_b(j) w(i,j)
    #   = 1/3*(1/3*0 + 2/3*1) + 1/3*(1/3*1/2 + 2/3*1/2) + 1/3*(1/3*1 + 2/3*0) = 1/3*(2/3 + 1/2 + 1/3) = 1/2
    kappa = cohen_kappa([(0, 0), (1, 2), (2, 2)], weights=linear_distance(3))
    assert kappa == pytest.approx(1 - (1 / 6) / (1 / 2))


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([], None),
        ([("a", "a"), ("a", "a")], None),  # no variation: chance agreement is total
        ([("a", "a"), ("b", "b")], 1.0),
        ([("a", "b"), ("b", "a")], -1.0),
    ],
)
def test_kappa_edge_cases(pairs, expected):
    assert cohen_kappa(pairs) == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize(
    "units",
    [[], [[1, None], [None, 2]], [[3, 3], [3, 3]]],
    ids=["empty", "never-paired", "no-variation"],
)
def test_alpha_is_none_when_undefined(units):
    assert krippendorff_alpha(units, level="nominal") is None


def test_span_f1_in_both_modes_by_hand():
    a = [claim("A", 0, 10), claim("A", 20, 30), claim("A", 40, 50)]
    b = [claim("B", 0, 10), claim("B", 22, 30), claim("B", 60, 70)]
    report = agreement_report(a + b, scale=SCALE)
    pair = report.pairs[0]
    exact, overlapping = pair.span("exact"), pair.span("overlap")
    assert (exact.matched, exact.only_a, exact.only_b) == (1, 2, 2)
    assert exact.f1 == pytest.approx(2 / 6)
    assert (overlapping.matched, overlapping.only_a, overlapping.only_b) == (2, 1, 1)
    assert overlapping.f1 == pytest.approx(4 / 6)


def test_overlap_matching_is_one_to_one_and_prefers_larger_overlaps():
    a = [claim("A", 0, 10), claim("A", 8, 20)]
    b = [claim("B", 9, 20)]
    pairs = match_spans(a, b, mode="overlap")
    assert [(x.start, y.start) for x, y in pairs] == [(8, 9)]


def test_fields_are_compared_on_matched_claims():
    a = [
        claim("A", 0, 10, speaker="NIS", confidence="low", value=300),
        claim("A", 20, 30, speaker="NIS", confidence="high", value=2700),
        claim("A", 40, 50, speaker="BBC", confidence="moderate", value=11000),
        claim("A", 60, 70, speaker="BBC", confidence="moderate", value=1000),
    ]
    b = [
        claim("B", 0, 10, speaker="nis", confidence="low", value=300),
        claim("B", 21, 30, speaker="BBC", confidence="high", value=2700),
        claim("B", 40, 50, speaker="BBC", confidence="high", value=11),
        claim("B", 60, 70, speaker="BBC", confidence="moderate", value=1000),
    ]
    pair = agreement_report(a + b, scale=SCALE).pairs[0]
    speaker = pair.field("speaker")
    # speakers: (nis,nis) (nis,bbc) (bbc,bbc) (bbc,bbc): the hand-computed table above
    assert speaker.units == 4 and speaker.observed == pytest.approx(0.75)
    assert speaker.kappa == pytest.approx(0.5) and speaker.alpha == pytest.approx(8 / 15)
    confidence = pair.field("confidence")
    ranks = [(0, 0), (2, 2), (1, 2), (1, 1)]  # low=0, moderate=1, high=2
    assert confidence.kappa == pytest.approx(cohen_kappa(ranks, weights=linear_distance(3)))
    assert confidence.alpha == pytest.approx(reference_alpha(ranks, "ordinal"))
    figure = pair.field("figure")
    assert figure.kappa is None
    assert figure.alpha == pytest.approx(
        reference_alpha([(300, 300), (2700, 2700), (11000, 11), (1000, 1000)], "interval")
    )


def test_not_assessed_confidence_counts_as_missing():
    a = [claim("A", 0, 10, confidence="not_assessed"), claim("A", 20, 30, confidence="low")]
    b = [claim("B", 0, 10, confidence="high"), claim("B", 20, 30, confidence="high")]
    assert agreement_report(a + b, scale=SCALE).pairs[0].field("confidence").units == 1


def test_ranges_compare_by_their_middle():
    a = [Claim("r1", "art", 0, 5, "xxxxx", figure=Figure(low=10, high=20), annotator="A")]
    b = [claim("B", 0, 5, value=15), claim("B", 10, 20, value=1)]
    a += [claim("A", 10, 20, value=2)]
    assert agreement_report(a + b, scale=SCALE).pairs[0].field("figure").units == 2


def test_report_is_per_pair_and_overall_for_three_annotators():
    claims = [claim(who, 0, 10, speaker=s) for who, s in (("A", "x"), ("B", "x"), ("C", "y"))]
    claims += [claim(who, 20, 30, speaker=s) for who, s in (("A", "x"), ("B", "y"), ("C", "y"))]
    report = agreement_report(claims, scale=SCALE)
    assert [(p.a, p.b) for p in report.pairs] == [("A", "B"), ("A", "C"), ("B", "C")]
    overall = report.overall
    assert overall.span("exact").matched == 6 and overall.span("exact").f1 == 1.0
    units = [["x", "x", "y"], ["x", "y", "y"]]
    assert overall.field("speaker").alpha == pytest.approx(reference_alpha(units, "nominal"))
    assert overall.field("speaker").kappa == pytest.approx(
        sum(p.field("speaker").kappa or 0 for p in report.pairs) / 3
    )


def test_suggestions_corrections_and_other_articles_are_left_out():
    claims = [claim("A", 0, 10), claim("B", 0, 10), claim("B", 0, 10, article="other")]
    claims += [Claim("s", "art", 50, 60, "x" * 10, annotator="B", status="suggested")]
    claims += [Claim("k", "art", 0, 10, "x" * 10, annotator="B", supersedes=claims[0].id)]
    pair = agreement_report(claims, scale=SCALE, article_id="art").pairs[0]
    assert (pair.claims_a, pair.claims_b) == (1, 1)


def test_asked_for_annotators_only():
    claims = [claim(w, 0, 10) for w in "ABC"]
    report = agreement_report(claims, scale=SCALE, annotators=["A", "C"])
    assert [(p.a, p.b) for p in report.pairs] == [("A", "C")] and report.overall is None


# -- cross-checks against the second implementation ----------------------------------------


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval"])
@pytest.mark.parametrize("seed", range(5))
def test_alpha_matches_the_reference_implementation(level, seed):
    rng = random.Random(seed)
    units = [[rng.choice([None, 0, 1, 2, 3, 5]) for _ in range(3)] for _ in range(40)]
    usable = [u for u in units if sum(v is not None for v in u) >= 2]
    assert krippendorff_alpha(units, level=level) == pytest.approx(reference_alpha(usable, level))


@pytest.mark.parametrize("seed", range(5))
def test_kappa_matches_the_reference_implementation(seed):
    rng = random.Random(seed)
    pairs = [(rng.choice("abc"), rng.choice("abcc")) for _ in range(50)]
    assert cohen_kappa(pairs) == pytest.approx(reference_kappa(pairs))


def test_two_coder_nominal_alpha_approaches_kappa_on_many_units():
    rng = random.Random(7)
    pairs = [(x, x if rng.random() < 0.8 else rng.choice("abc")) for x in rng.choices("abc", k=2000)]
    alpha = krippendorff_alpha([["abc".index(v) for v in p] for p in pairs], level="nominal")
    assert math.isclose(alpha, cohen_kappa(pairs), abs_tol=0.01)
