"""`annotator backup [--db PATH] [--list]`: copy the project into the backups folder now."""

from __future__ import annotations

HELP = "back up the project into your data folder's backups (or --list the backups)"


def add_arguments(parser, _name: str) -> None:
    parser.add_argument("--list", action="store_true", help="list this project's backups, oldest first")


def run(args) -> int:
    from annotator.cli.common import open_project
    from annotator.core.backups import backups_of

    with open_project(args) as project:
        if args.list:
            for path in backups_of(project.path):
                print(path)
            return 0
        target = project.backup(suffix="on-demand")
    if target is None:
        print("annotator backup: an in-memory project has nothing to back up")
        return 1
    print(f"backed up {project.path} to {target}")
    return 0
