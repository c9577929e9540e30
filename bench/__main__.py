"""`python -m bench [NAME...]`: run every bench/bench_*.py (or those named) and print one table."""

from __future__ import annotations

import compileall
import importlib
import os
import platform
import sys
from pathlib import Path

from bench.common import format_table


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    compile_bytecode()
    names = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    if argv:  # a name exactly (`team` is bench_team alone), else every name containing it
        names = [
            n
            for n in names
            if any(n in (a, f"bench_{a}") or (a in n and f"bench_{a}" not in names) for a in argv)
        ]
    results = []
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        print(f"running {name}...", file=sys.stderr, flush=True)
        results.extend(module.run())
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(format_table(results))
    return 0


def compile_bytecode() -> None:
    """Compile the package's bytecode, as every installed copy has it.

    pip compiles what it installs and PyInstaller bundles compiled modules; a source checkout
    compiles on first import, unless PYTHONDONTWRITEBYTECODE is set (as on our build machines),
    in which case every start would compile every module again and time that instead.
    """
    root = Path(__file__).resolve().parents[1]
    compileall.compile_dir(root / "annotator", quiet=1)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
