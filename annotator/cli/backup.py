"""`annotator backup [--db PATH] [--list | --restore BACKUP]`: copy the project now, list or restore."""

from __future__ import annotations

import sys

HELP = "back up the project into your data folder's backups (or --list them, or --restore one)"


def add_arguments(parser, _name: str) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--list", action="store_true", help="list this project's backups, oldest first")
    which.add_argument(
        "--restore",
        metavar="BACKUP",
        help="put BACKUP in the project's place (the project as it is is backed up first); "
        "close the project in every window first",
    )


def run(args) -> int:
    if args.restore:
        return restore(args)
    from annotator.cli.common import open_project
    from annotator.core.backups import backups_of

    with open_project(args) as project:
        if project.is_team:
            print(
                f"annotator backup: {project.path} is a team project: back it up on the server "
                "(pg_dump, or the administrator's base backups); Annotator keeps no copies of it",
                file=sys.stderr,
            )
            return 1
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


def restore(args) -> int:
    """Restore a backup over the project named by --db (or the default project)."""
    from annotator.core.store.restore import restore_backup, restore_note
    from annotator.core.team_address import is_team_url
    from annotator.core.userdata import default_project_path

    if is_team_url(getattr(args, "db", "")):
        print("annotator backup: a team project is restored on its server (pg_restore)", file=sys.stderr)
        return 1

    restored = restore_backup(getattr(args, "db", None) or default_project_path(), args.restore)
    if not restored.same_project:
        print(f"note: {restore_note(restored)}")
    print(f"restored {restored.project} from {restored.backup}")
    if restored.previous is not None:
        print(f"the project as it was is in {restored.previous}")
    return 0
