"""`annotator team init|add|remove URL ...`: set up a team project on PostgreSQL, manage members.

URL is a libpq connection URL or string (postgresql://USER@HOST:PORT/DBNAME, service=NAME,
sslmode=... as libpq reads them). The password comes from PGPASSWORD, ~/.pgpass or a prompt;
Annotator never stores one.
"""

from __future__ import annotations

import getpass
import sys

TAKES_DB = False  # the team project's URL is the command's own argument
HELP = "set up a team project on PostgreSQL (init) and manage its members (add, remove: owners only)"
ROLES = ("owner", "reviewer", "analyst", "reader")  # as annotator.core.store.postgres.ROLES


def add_arguments(parser, _name: str) -> None:
    actions = parser.add_subparsers(dest="team_action", metavar="ACTION", required=True)
    init = actions.add_parser("init", help="create the schema, group roles and policies (safe to repeat)")
    init.add_argument("url", metavar="URL", help="the database, as an administrator who may create roles")
    add = actions.add_parser("add", help="give a person a role in the project (owners only)")
    add.add_argument("url", metavar="URL")
    add.add_argument("name", metavar="NAME", help="their database login (created if new)")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument(
        "--password", action="store_true", help="ask for their password (sent as a SCRAM verifier)"
    )
    remove = actions.add_parser("remove", help="take a person off the project; their claims stay")
    remove.add_argument("url", metavar="URL")
    remove.add_argument("name", metavar="NAME")


def run(args) -> int:
    return {"init": _init, "add": _add, "remove": _remove}[args.team_action](args)


def _init(args) -> int:
    from annotator.core.store.postgres import init_team

    done = with_password_prompt(args.url, lambda password: init_team(args.url, password=password))
    state = "set up as a team project" if done.created else "already a team project: brought up to date"
    print(f"{done.where}: {state}; groups {', '.join(done.groups)}")
    return 0


def _add(args) -> int:
    from annotator.core.store.postgres import add_member

    new_password = _ask_new_password(args.name) if args.password else None
    added = with_password_prompt(
        args.url,
        lambda password: add_member(
            args.url, args.name, role=args.role, new_password=new_password, password=password
        ),
    )
    login = "new login role" if added.created else "existing login role"
    print(f"{added.name} ({login}) is now {added.role} in this project")
    if added.created and new_password is None:
        print(f"note: {added.name} has no password yet; set one with --password, or use ~/.pgpass/TLS")
    return 0


def _remove(args) -> int:
    from annotator.core.store.postgres import remove_member

    removed = with_password_prompt(
        args.url, lambda password: remove_member(args.url, args.name, password=password)
    )
    if not removed.roles:
        print(f"{removed.name} had no role in this project; nothing changed")
        return 1
    print(f"{removed.name} is no longer {', '.join(removed.roles)} in this project; their claims stay")
    return 0


def with_password_prompt(url: str, action):
    """Run `action(password)`; when the server asks for a password and a person is there, ask once."""
    from annotator.core.store.postgres import PasswordNeeded, describe

    try:
        return action(None)
    except PasswordNeeded:
        if not sys.stdin.isatty():
            raise
    return action(getpass.getpass(f"Password for {describe(url)}: "))


def _ask_new_password(name: str) -> str:
    from annotator.core.errors import AnnotatorError

    first = getpass.getpass(f"New password for {name}: ")
    if not first or first != getpass.getpass(f"Again, for {name}: "):
        raise AnnotatorError("the two passwords differ (or are empty); nothing changed")
    return first
