"""What the wheel ships: every package folder, the schema and the resources (pyproject.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from annotator.core import resources
from annotator.core.errors import IncompleteInstallation
from annotator.core.store import Project
from annotator.core.store.schema import migration_files

ROOT = Path(__file__).resolve().parents[2]
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def _package_folders() -> set[str]:
    found = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "annotator").rglob("__init__.py")
    }
    return found | {"annotator.db", "annotator.resources"}


def test_pyproject_lists_every_package_folder():
    assert set(SETUPTOOLS["packages"]) == _package_folders()


def test_the_data_folders_are_mapped_into_the_package():
    assert SETUPTOOLS["package-dir"] == {"annotator.db": "db", "annotator.resources": "resources"}


@pytest.mark.parametrize(
    ("package", "folder"), [("annotator.db", "db"), ("annotator.resources", "resources")]
)
def test_package_data_globs_cover_every_shipped_file(package, folder):
    globs = SETUPTOOLS["package-data"][package]
    base = ROOT / folder
    files = {p for p in base.rglob("*") if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts}
    shipped = {p for pattern in globs for p in base.glob(pattern)}  # setuptools reads them as globs
    assert files and sorted(map(str, files - shipped)) == []


def test_resources_are_read_through_the_package():
    assert resources.schema_path("migrations").samefile(ROOT / "db" / "migrations")
    assert resources.resource_path("scales", "icd203.json").is_file()


@pytest.fixture
def no_migrations(tmp_path, monkeypatch):
    """An installation whose db/ folder shipped without its migrations."""
    (tmp_path / "migrations").mkdir()
    monkeypatch.setattr(resources, "_shipped_folder", lambda package, folder: tmp_path)
    return tmp_path


def test_missing_migrations_are_refused_loudly(no_migrations):
    with pytest.raises(IncompleteInstallation, match="installation is incomplete"):
        migration_files()


def test_missing_migrations_leave_no_project_file_behind(no_migrations, project_path):
    with pytest.raises(IncompleteInstallation):
        Project.open(project_path)
    assert not project_path.exists()
