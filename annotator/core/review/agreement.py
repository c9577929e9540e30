"""Agreement between annotators: do they tag the same spans, and tag them the same way?

Spans are matched one to one within an article, in two modes: `exact` (same start and
end) and `overlap` (any shared character; larger overlaps pair first). Span agreement is
F1 with the matched and unmatched counts beside it. On the claims matched by overlap,
speaker (nominal), confidence (ordinal, in the scale's order) and figure value (interval)
are compared with Cohen's kappa and Krippendorff's alpha (the `krippendorff` package).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from annotator.core.model import Claim

MODES = ("exact", "overlap")
# Confidence codes that say "no judgement made": missing, not a rank.
UNASSESSED = ("", "not_assessed")


@dataclass(frozen=True, slots=True)
class SpanAgreement:
    """How two annotators' spans line up in one matching mode."""

    mode: str
    matched: int
    only_a: int
    only_b: int

    @property
    def f1(self) -> float | None:
        """2·matched / (claims of A + claims of B); None when neither tagged anything."""
        total = 2 * self.matched + self.only_a + self.only_b
        return 2 * self.matched / total if total else None


@dataclass(frozen=True, slots=True)
class FieldAgreement:
    """Agreement on one field over the matched claims that both gave a value for."""

    field: str
    level: str  # nominal, ordinal or interval
    units: int  # matched units with at least two values
    kappa: float | None  # Cohen's (pairs only; linear-weighted for ordinal); None if undefined
    alpha: float | None  # Krippendorff's; None if undefined (no variation, too few values)
    observed: float | None  # share of compared pairs with identical values


@dataclass(frozen=True, slots=True)
class PairReport:
    """Agreement of two annotators (or, with a == '*', of everyone)."""

    a: str
    b: str
    claims_a: int
    claims_b: int
    spans: tuple[SpanAgreement, ...]
    fields: tuple[FieldAgreement, ...]

    def span(self, mode: str) -> SpanAgreement:
        """The span agreement in one mode."""
        return next(s for s in self.spans if s.mode == mode)

    def field(self, name: str) -> FieldAgreement:
        """The agreement on one field."""
        return next(f for f in self.fields if f.field == name)


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """Every pair of annotators, and everyone together."""

    annotators: tuple[str, ...]
    article_id: str | None
    pairs: tuple[PairReport, ...]
    overall: PairReport | None = None
    articles: int = 0
    notes: tuple[str, ...] = field(default=())


# -- matching -----------------------------------------------------------------------------


def match_spans(a: Sequence[Claim], b: Sequence[Claim], *, mode: str) -> list[tuple[Claim, Claim]]:
    """One-to-one matches between two annotators' claims on one article."""
    if mode == "exact":
        return _match_exact(a, b)
    if mode == "overlap":
        return _match_overlap(a, b)
    raise ValueError(f"unknown matching mode {mode!r} (use {' or '.join(MODES)})")


def _match_exact(a: Sequence[Claim], b: Sequence[Claim]) -> list[tuple[Claim, Claim]]:
    waiting: dict[tuple[int, int], list[Claim]] = defaultdict(list)
    for claim in b:
        waiting[(claim.start, claim.end)].append(claim)
    pairs = []
    for claim in a:
        partners = waiting.get((claim.start, claim.end))
        if partners:
            pairs.append((claim, partners.pop(0)))
    return pairs


def overlap(x: Claim, y: Claim) -> int:
    """Characters two spans share."""
    return max(0, min(x.end, y.end) - max(x.start, y.start))


def _match_overlap(a: Sequence[Claim], b: Sequence[Claim]) -> list[tuple[Claim, Claim]]:
    """Greedy by overlap size, ties by closeness of the spans: stable and close to optimal."""
    candidates = []
    b_sorted = sorted(b, key=lambda c: c.start)
    for i, x in enumerate(a):
        for j, y in enumerate(b_sorted):
            if y.start >= x.end:
                break
            shared = overlap(x, y)
            if shared:
                distance = abs(x.start - y.start) + abs(x.end - y.end)
                candidates.append((-shared, distance, i, j))
    candidates.sort()
    used_a, used_b, pairs = set(), set(), []
    for _, _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((a[i], b_sorted[j]))
    pairs.sort(key=lambda pair: (pair[0].start, pair[0].end))
    return pairs


# -- statistics ---------------------------------------------------------------------------


def cohen_kappa(pairs: Sequence[tuple], *, weights: Callable[[object, object], float] | None = None):
    """Cohen's kappa of paired labels; `weights` gives disagreement 0..1 (None: 0 or 1).

    Returns None when chance agreement is total (every label the same on both sides).
    """
    if not pairs:
        return None
    distance = weights or (lambda x, y: 0.0 if x == y else 1.0)
    n = len(pairs)
    counts_a, counts_b = defaultdict(int), defaultdict(int)
    for x, y in pairs:
        counts_a[x] += 1
        counts_b[y] += 1
    observed = sum(distance(x, y) for x, y in pairs) / n
    expected = sum(counts_a[x] * counts_b[y] * distance(x, y) for x in counts_a for y in counts_b) / (n * n)
    if expected == 0:
        return None
    return 1.0 - observed / expected


def krippendorff_alpha(units: Sequence[Sequence[float | None]], *, level: str) -> float | None:
    """Krippendorff's alpha over units (rows of coders' values, None when missing).

    None when alpha is undefined: fewer than two paired values, or no variation at all.
    """
    import krippendorff
    import numpy as np

    paired = [row for row in units if sum(v is not None for v in row) >= 2]
    if not paired:
        return None
    data = np.array([[np.nan if v is None else float(v) for v in row] for row in paired]).T
    if len(np.unique(data[~np.isnan(data)])) < 2:
        return None
    value = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
    return None if value is None or math.isnan(value) else float(value)


def linear_distance(span: int) -> Callable[[int, int], float]:
    """Ordinal disagreement weight |i - j| / (k - 1) over ranks 0..k-1."""
    return lambda x, y: abs(x - y) / max(span - 1, 1)


# -- the report ---------------------------------------------------------------------------


def figure_number(claim: Claim) -> float | None:
    """The figure as one number: its value, else the middle of its range."""
    figure = claim.figure
    if figure.value is not None:
        return float(figure.value)
    if figure.low is not None and figure.high is not None:
        return (figure.low + figure.high) / 2
    return None


def agreement_report(
    claims: Iterable[Claim],
    *,
    scale,
    annotators: Sequence[str] | None = None,
    article_id: str | None = None,
) -> AgreementReport:
    """Pairwise and overall agreement of `annotators` (default: everyone with claims).

    :param claims: the claims to compare (corrections and suggestions are left out here)
    :param scale: the confidence scale, whose order ranks confidence levels
    """
    by_person = _by_annotator_and_article(claims, article_id)
    people = tuple(annotators) if annotators else tuple(sorted(by_person))
    articles = sorted({a for person in people for a in by_person.get(person, {})})
    assessed = [level.code for level in scale.levels if level.code not in UNASSESSED]
    ranks = {code: rank for rank, code in enumerate(assessed)}
    extractors = _extractors(ranks)
    pairs = tuple(
        _pair_report(a, b, by_person.get(a, {}), by_person.get(b, {}), articles, extractors, len(ranks))
        for a, b in combinations(people, 2)
    )
    overall = _overall(people, by_person, articles, pairs, extractors) if len(people) > 2 else None
    notes = () if len(people) >= 2 else ("agreement needs at least two annotators",)
    return AgreementReport(people, article_id, pairs, overall, len(articles), notes)


def _by_annotator_and_article(claims: Iterable[Claim], article_id: str | None):
    grouped: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        if claim.status == "suggested" or claim.supersedes or not claim.annotator:
            continue
        if article_id and claim.article_id != article_id:
            continue
        grouped[claim.annotator][claim.article_id].append(claim)
    return grouped


def _extractors(ranks: dict[str, int]):
    """(field, level, value-of-claim) for each compared field."""
    return (
        ("speaker", "nominal", lambda c: c.speaker.casefold() if c.speaker else None),
        ("confidence", "ordinal", lambda c: ranks.get(c.confidence)),
        ("figure", "interval", figure_number),
    )


def _pair_report(a, b, claims_a, claims_b, articles, extractors, levels) -> PairReport:
    spans, matched = [], []
    total_a = sum(len(claims_a.get(x, [])) for x in articles)
    total_b = sum(len(claims_b.get(x, [])) for x in articles)
    for mode in MODES:
        count = 0
        for article in articles:
            found = match_spans(claims_a.get(article, []), claims_b.get(article, []), mode=mode)
            count += len(found)
            if mode == "overlap":
                matched += found
        spans.append(SpanAgreement(mode, count, total_a - count, total_b - count))
    fields = tuple(_field_agreement(matched, name, level, get, levels) for name, level, get in extractors)
    return PairReport(a, b, total_a, total_b, tuple(spans), fields)


def _field_agreement(matched, name, level, get, levels) -> FieldAgreement:
    values = [(get(x), get(y)) for x, y in matched]
    both = [(x, y) for x, y in values if x is not None and y is not None]
    codes = _codes(values) if level == "nominal" else None
    units = [[_code(v, codes) for v in pair] for pair in values]
    if level == "interval":
        kappa = None  # kappa is for categories; figures get alpha (interval) only
    else:
        kappa = cohen_kappa(both, weights=linear_distance(levels) if level == "ordinal" else None)
    observed = sum(x == y for x, y in both) / len(both) if both else None
    return FieldAgreement(name, level, len(both), kappa, krippendorff_alpha(units, level=level), observed)


def _codes(values) -> dict:
    labels = sorted({v for pair in values for v in pair if v is not None})
    return {label: i for i, label in enumerate(labels)}


def _code(value, codes):
    if value is None:
        return None
    return codes[value] if codes is not None else value


def _overall(people, by_person, articles, pairs, extractors) -> PairReport:
    """Everyone: spans summed over pairs (micro F1); fields over units that join matched claims."""
    spans = tuple(
        SpanAgreement(
            mode,
            sum(p.span(mode).matched for p in pairs),
            sum(p.span(mode).only_a for p in pairs),
            sum(p.span(mode).only_b for p in pairs),
        )
        for mode in MODES
    )
    units = _units(people, by_person, articles)
    fields = []
    for name, level, get in extractors:
        rows = [[get(claim) if claim else None for claim in unit] for unit in units]
        codes = _codes(rows) if level == "nominal" else None
        coded = [[_code(v, codes) for v in row] for row in rows]
        kappas = [p.field(name).kappa for p in pairs if p.field(name).kappa is not None]
        compared = sum(p.field(name).units for p in pairs)
        agreeing = sum((p.field(name).observed or 0) * p.field(name).units for p in pairs)
        fields.append(
            FieldAgreement(
                name,
                level,
                sum(1 for row in rows if sum(v is not None for v in row) >= 2),
                sum(kappas) / len(kappas) if kappas and level != "interval" else None,
                krippendorff_alpha(coded, level=level),
                agreeing / compared if compared else None,
            )
        )
    total = sum(len(c) for person in people for c in by_person.get(person, {}).values())
    return PairReport("*", "*", total, total, spans, tuple(fields))


def _units(people, by_person, articles) -> list[list[Claim | None]]:
    """Clusters of claims matched by overlap across every pair: one row per unit, one column per
    annotator. A cluster holding two claims of one person keeps the first (in text order)."""
    units = []
    for article in articles:
        claims = {p: by_person.get(p, {}).get(article, []) for p in people}
        parent: dict[str, str] = {}
        for a, b in combinations(people, 2):
            for x, y in match_spans(claims[a], claims[b], mode="overlap"):
                parent[_root(parent, x.id)] = _root(parent, y.id)
        clusters: dict[str, dict[str, Claim]] = defaultdict(dict)
        for person in people:
            for claim in sorted(claims[person], key=lambda c: (c.start, c.end)):
                clusters[_root(parent, claim.id)].setdefault(person, claim)
        units += [[cluster.get(p) for p in people] for cluster in clusters.values() if len(cluster) >= 2]
    return units


def _root(parent: dict[str, str], x: str) -> str:
    """Union-find root with path halving."""
    while parent.setdefault(x, x) != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def report_rows(report: AgreementReport) -> list[dict]:
    """The report flattened to one row per pair (then overall), for CSV, JSON and tables."""
    rows = [_row(pair) for pair in report.pairs]
    if report.overall is not None:
        rows.append(_row(report.overall))
    return rows


def _row(pair: PairReport) -> dict:
    row: dict = {
        "pair": "overall" if pair.a == "*" else f"{pair.a} / {pair.b}",
        "claims_a": pair.claims_a if pair.a != "*" else None,
        "claims_b": pair.claims_b if pair.a != "*" else None,
    }
    for span in pair.spans:
        row[f"{span.mode}_matched"] = span.matched
        row[f"{span.mode}_only_a"] = span.only_a
        row[f"{span.mode}_only_b"] = span.only_b
        row[f"{span.mode}_f1"] = _rounded(span.f1)
    for item in pair.fields:
        row[f"{item.field}_units"] = item.units
        if item.level != "interval":
            row[f"{item.field}_kappa"] = _rounded(item.kappa)
        row[f"{item.field}_alpha"] = _rounded(item.alpha)
    return row


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def project_agreement(project, *, annotators: Sequence[str] | None = None, article_id: str | None = None):
    """The agreement report of a project, leaving out the other versions a merge kept beside
    conflicting claims while the conflict is open (they would count one person twice)."""
    copies = {c.other_claim_id for c in project.conflicts.all(open_only=True) if c.other_claim_id}
    claims = (c for c in project.claims.select(article_id=article_id) if c.id not in copies)
    return agreement_report(
        claims, scale=project.settings.confidence_scale(), annotators=annotators, article_id=article_id
    )
