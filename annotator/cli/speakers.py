"""`annotator speakers [list | add NAME --type T | alias NAME ALIAS | unalias ALIAS | rename OLD NEW |
merge FROM INTO | type NAME TYPE]`: the speaker registry."""

from __future__ import annotations

import json

HELP = "manage the speaker registry: list, add, alias, rename, merge, set a type"


def add_arguments(parser, _name: str) -> None:
    from annotator.core.model import SPEAKER_TYPES

    actions = parser.add_subparsers(dest="speakers_action", metavar="ACTION")
    listing = _action(actions, "list", "every speaker with type, aliases and claim count")
    listing.add_argument("--format", dest="format_name", choices=("table", "json"), default="table")
    add = _action(actions, "add", "register a speaker", "name")
    add.add_argument(
        "--type", choices=SPEAKER_TYPES, help="what kind of source (default: guessed from the name)"
    )
    add.add_argument(
        "--alias", dest="aliases", action="append", default=[], metavar="ALIAS", help="repeatable"
    )
    _action(actions, "alias", "let ALIAS stand for a speaker", "name", "alias")
    _action(actions, "unalias", "stop an alias standing for its speaker", "alias")
    rename = _action(actions, "rename", "give a speaker a new name; its claims follow", "old", "new")
    rename.add_argument("--drop-old-name", action="store_true", help="do not keep the old name as an alias")
    _action(actions, "merge", "fold one speaker into another: claims and aliases move", "source", "into")
    kind = _action(actions, "type", "set what kind of source a speaker is", "name")
    kind.add_argument("speaker_type", metavar="TYPE", choices=SPEAKER_TYPES)


def _action(actions, verb: str, help_text: str, *positionals: str):
    from annotator.cli import add_db_argument

    sub = actions.add_parser(verb, help=help_text, description=help_text)
    add_db_argument(sub)
    for positional in positionals:
        sub.add_argument(positional, metavar=positional.upper())
    sub.add_argument("--as", dest="annotator", metavar="NAME", help="who makes the change (default: you)")
    return sub


def run(args) -> int:
    from annotator.cli.common import current_user, open_project

    action = args.speakers_action or "list"
    with open_project(args) as project:
        if action == "list":
            return _list(project, getattr(args, "format_name", "table"))
        print(_change(project, action, args, by=current_user(args, project)))
    return 0


def _change(project, action: str, args, *, by: str) -> str:
    speakers = project.speakers
    if action == "add":
        from annotator.core.speaker_types import guess_speaker_type

        kind = args.type or guess_speaker_type(args.name, speakers.all())
        added = speakers.add(args.name, by=by, type=kind, aliases=tuple(args.aliases))
        return f"added {added.name!r} ({added.type})"
    if action == "alias":
        speakers.add_alias(args.name, args.alias, by=by)
        return f"{args.alias!r} now stands for {speakers.resolve(args.alias)!r}"
    if action == "unalias":
        return f"{args.alias!r} no longer stands for {speakers.remove_alias(args.alias, by=by)!r}"
    if action == "rename":
        renamed = speakers.rename(args.old, args.new, by=by, keep_alias=not args.drop_old_name)
        return f"renamed {args.old!r} to {renamed.name!r}"
    if action == "merge":
        merged = speakers.merge(args.source, args.into, by=by)
        return f"merged {merged.source.name!r} into {merged.into!r}: {len(merged.claim_ids)} claim(s) moved"
    before = speakers.set_type(args.name, args.speaker_type, by=by)
    return f"{speakers.resolve(args.name)!r}: {before} -> {args.speaker_type}"


def _list(project, format_name: str) -> int:
    from annotator.cli.listing import format_table

    rows = [
        {
            "name": s.name,
            "type": s.type,
            "aliases": list(s.aliases),
            "claims": project.speakers.claims_using(s.name),
        }
        for s in project.speakers.all()
    ]
    if format_name == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(format_table([{**row, "aliases": ", ".join(row["aliases"])} for row in rows]))
    return 0
