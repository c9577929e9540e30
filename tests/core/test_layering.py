"""The architecture holds: the core never imports Qt; the command line stays light."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return set(output.split())


def _core_modules() -> list[str]:
    core = ROOT / "annotator" / "core"
    return sorted(
        "annotator." + ".".join(path.relative_to(ROOT / "annotator").with_suffix("").parts)
        for path in core.rglob("*.py")
        if path.name != "__init__.py"
    )


def test_core_never_imports_qt():
    imports = "; ".join(f"import {name}" for name in _core_modules())
    loaded = _modules_after(imports)
    assert not {m for m in loaded if m.startswith(("PySide6", "shiboken6", "annotator.ui"))}


def test_core_source_names_no_qt():
    offenders = [
        path.name
        for path in (ROOT / "annotator" / "core").rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8") or "annotator.ui" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_cli_import_is_light():
    loaded = _modules_after("import annotator.cli; annotator.cli.build_parser()")
    heavy = {m for m in loaded if m.split(".")[0] in ("PySide6", "shiboken6", "trafilatura", "pandas")}
    assert heavy == set()
