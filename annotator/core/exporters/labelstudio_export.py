"""Label Studio JSON: one task per article, one annotation per annotator, suggestions as predictions.

Each claim is a `labels` region (its id is the claim's id) with per-region results for the
other fields, named as in the labelling configuration written beside the export
(`X.json` → `X.config.xml`, see labelstudio_config). Offsets are code points, with the
region's text beside them. `completed_by` is the annotator's e-mail (`email_for`), and the
task's `meta` names each annotation's annotator, so names survive Label Studio's export
even where it lists annotators by user id.
"""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path

from annotator.core.exporters import atomic_output, register
from annotator.core.exporters.labelstudio_config import TEXT_CONTROL, labelling_config
from annotator.core.formatting import plain_number
from annotator.core.importers.labelstudio import DEFAULT_LABEL, META_KEY, META_KEYS, email_for
from annotator.core.model import Claim

SUGGESTIONS_MODEL = "annotator-suggestions"


def write_labelstudio(project, out: Path | None, *, annotator=None, status=None, article_id=None) -> int:
    """Write the articles (those with matching claims when filtered) as tasks; return tasks."""
    claims = list(project.claims.select(annotator=annotator, status=status, article_id=article_id))
    if not status:
        claims += project.claims.select(annotator=annotator, status="suggested", article_id=article_id)
    claims.sort(key=lambda c: c.article_id)
    by_article = {key: list(group) for key, group in groupby(claims, key=lambda c: c.article_id)}
    ids = [article_id] if article_id else project.articles.ids()
    if annotator or status:
        ids = [i for i in ids if i in by_article]
    scale = project.settings.confidence_scale()
    tasks = [
        task_for(project.articles.get(current), by_article.get(current, []), number, scale)
        for number, current in enumerate(ids, start=1)
    ]
    with atomic_output(out, newline="\n") as stream:
        # One task per line: compact, fast to write, and an error on import names the task's line.
        stream.write("[\n" + ",\n".join(json.dumps(task, ensure_ascii=False) for task in tasks) + "\n]\n")
    if out is not None:
        write_config(config_path(out), scale, kinds=sorted({c.kind for c in claims if c.kind}))
    return len(tasks)


def config_path(out: Path) -> Path:
    """Where the labelling configuration of an export goes: `X.json` → `X.config.xml`."""
    out = Path(out)
    return out.with_name(f"{out.stem if out.suffix == '.json' else out.name}.config.xml")


def write_config(path: Path, scale, *, kinds=()) -> Path:
    """Write the labelling configuration for this scale and these kinds; return its path."""
    with atomic_output(path, newline="\n") as stream:
        stream.write(labelling_config(scale, kinds))
    return path


def task_for(article, claims: list[Claim], number: int, scale) -> dict:
    """One Label Studio task: the article's text and metadata, annotations and predictions."""
    made = sorted((c for c in claims if c.status != "suggested"), key=lambda c: (c.annotator, c.start))
    suggested = [c for c in claims if c.status == "suggested"]
    people = [(who, list(group)) for who, group in groupby(made, key=lambda c: c.annotator)]
    task = {
        "id": number,
        "data": _data(article),
        "meta": {META_KEY: {"annotators": {str(i): who for i, (who, _) in enumerate(people, start=1)}}},
        "annotations": [_annotation(i, who, group, scale) for i, (who, group) in enumerate(people, start=1)],
        "predictions": [],
    }
    if suggested:
        results = [result for claim in suggested for result in region_results(claim, scale)]
        task["predictions"].append({"model_version": SUGGESTIONS_MODEL, "result": results})
    return task


def _data(article) -> dict:
    data = {"text": article.text, "article_id": article.id}
    data.update({key: getattr(article, key) for key in META_KEYS if getattr(article, key)})
    if article.events:
        data["events"] = list(article.events)
    return data


def _annotation(index: int, who: str, claims: list[Claim], scale) -> dict:
    return {
        "id": index,
        "completed_by": {"email": email_for(who)},
        "result": [result for claim in claims for result in region_results(claim, scale)],
        "was_cancelled": False,
        "ground_truth": False,
        "created_at": min(c.created_at for c in claims),
        "updated_at": max(c.updated_at for c in claims),
    }


def region_results(claim: Claim, scale) -> list[dict]:
    """The `labels` region of a claim and one per-region result for each field it has."""
    span = {"start": claim.start, "end": claim.end, "text": claim.quote}
    results = [_result(claim, "label", "labels", {**span, "labels": [claim.kind or DEFAULT_LABEL]})]
    for name, kind, value in _fields(claim, scale):
        key = {"choices": "choices", "textarea": "text", "number": "number"}[kind]
        results.append(_result(claim, name, kind, {**span, key: value}))
    return results


def _result(claim: Claim, name: str, kind: str, value: dict) -> dict:
    return {
        "id": claim.id,
        "from_name": name,
        "to_name": TEXT_CONTROL,
        "type": kind,
        "origin": "prediction" if claim.status == "suggested" else "manual",
        "value": value,
    }


def _fields(claim: Claim, scale) -> list[tuple[str, str, object]]:
    figure = claim.figure
    fields = [
        ("speaker", "textarea", [claim.speaker] if claim.speaker else None),
        ("confidence", "choices", [scale.label_for(claim.confidence)] if claim.confidence else None),
        ("figure", "textarea", [figure.text] if figure.text else None),
        ("value", "number", plain_number(figure.value)),
        ("low", "number", plain_number(figure.low)),
        ("high", "number", plain_number(figure.high)),
        ("qualifier", "choices", [figure.qualifier] if figure.qualifier else None),
        ("unit", "textarea", [figure.unit] if figure.unit else None),
        ("measure", "textarea", [figure.measure] if figure.measure else None),
        ("period", "textarea", [figure.period] if figure.period else None),
        ("outlet", "textarea", [claim.outlet] if claim.outlet else None),
        ("note", "textarea", [claim.note] if claim.note else None),
        ("status", "choices", [claim.status] if claim.status != "suggested" else None),
        (
            "fragments",
            "textarea",
            [json.dumps([list(f) for f in claim.fragments])] if claim.fragments else None,
        ),
    ]
    return [(name, kind, value) for name, kind, value in fields if value is not None]



register("labelstudio", write_labelstudio, suffix=".json", label="Label Studio JSON")
