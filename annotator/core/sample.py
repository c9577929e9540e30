"""The sample project a first run opens on: invented articles with conflicting figures."""

from __future__ import annotations

from pathlib import Path

from annotator.core.resources import resource_path

SAMPLE_ARTICLES = "articles.jsonl"
SAMPLE_SPEAKER_ALIASES = {
    "Regional Emergency Agency": ("REA", "the regional emergency agency", "emergency agency"),
    "Defence Ministry": ("ministry of defence", "MoD", "the ministry"),
    "Red Lantern Society": ("Red Lantern",),
}
SAMPLE_PEOPLE = (("amira", True), ("ben", False))


def seed_sample(project) -> None:
    """Fill an empty project with the sample articles, speakers and two annotators' claims."""
    from annotator.core.importers.runner import import_paths

    summary = import_paths(project, [resource_path("sample", SAMPLE_ARTICLES)], by="amira")
    if summary.failures:
        raise RuntimeError(f"the bundled sample project is broken: {summary.failures}")
    for name, aliases in SAMPLE_SPEAKER_ALIASES.items():
        for alias in aliases:
            project.speakers.add_alias(name, alias, by="amira")
    for name, reviewer in SAMPLE_PEOPLE:
        project.people.add(name, by="amira", reviewer=reviewer)


def open_default_project(path: Path):
    """Open the default project, seeding it with the sample on its very first run."""
    from annotator.core.store import Project

    first_run = not path.exists()
    project = Project.open(path)
    if first_run and project.articles.count() == 0:
        seed_sample(project)
    return project
