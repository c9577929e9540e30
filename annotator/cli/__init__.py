"""The command line. Imports no Qt, trafilatura or pandas until a command needs them.

Each subcommand lives in `annotator/cli/<module>.py` with `HELP`, `add_arguments`
and `run(args) -> int`. Without a subcommand the window opens.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from annotator import __version__

# subcommand -> module under annotator.cli
COMMANDS: dict[str, str] = {
    "import": "importing",
    "export": "exporting",
    "articles": "listing",
    "claims": "listing",
    "review": "reviewing",
    "history": "reviewing",
    "people": "reviewing",
    "agreement": "agreement",
    "merge": "merging",
    "figure": "figure",
    "backup": "backup",
    "suggest": "suggest",
    "compare": "compare",
    "article": "article",
    "claim": "claim",
    "speakers": "speakers",
    "team": "team",
}

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as other Unix tools end when their reader stops


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line, subcommands included (their modules are imported for it).

    Without them it is the window's command line alone: what `annotator --db PATH` needs.
    """
    parser = argparse.ArgumentParser(
        prog="annotator", description="Capture, review, export and compare claims in news articles."
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    add_db_argument(parser)
    parser.add_argument("--screenshot", metavar="PNG", help="render the main window to PNG and exit")
    parser.add_argument("--article", metavar="ID", help="article to show first")
    parser.add_argument("--annotator", metavar="NAME", help="your name, recorded on your claims")
    parser.add_argument("--smoke", action="store_true", help="self-test the app and exit")
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"annotator.cli.{module_name}")
        help_text = module.HELP if isinstance(module.HELP, str) else module.HELP[name]
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        if getattr(module, "TAKES_DB", True):  # `team` takes the server's URL as its argument
            add_db_argument(sub)
        module.add_arguments(sub, name)
        sub.set_defaults(module=module)
    return parser


_WINDOW_OPTIONS_WITH_VALUES = ("--db", "--screenshot", "--article", "--annotator")


def _names_a_command(argv: list[str]) -> bool:
    """Whether the arguments go beyond the window's own options (a command, a typo, --help).

    Opening the window then skips importing every command's module for the parser.
    """
    expecting_value = False
    for arg in argv:
        if expecting_value:
            expecting_value = False
        elif arg in _WINDOW_OPTIONS_WITH_VALUES:
            expecting_value = True
        elif arg.split("=", 1)[0] not in (*_WINDOW_OPTIONS_WITH_VALUES, "--version", "--smoke"):
            return True  # a command, a typo, --help: the whole parser answers
    return False


def window_arguments(argv: list[str]) -> argparse.Namespace | None:
    """The window's own options (`--db PATH`, `--annotator NAME`...) read without the parser,
    as `parse_args` would give them; None for anything else (--help, --version, a flag, a
    value that looks like an option), which the parser then answers.

    Building the parser costs the window's start 2 ms and the locale module (its help texts).
    """
    values: dict[str, object] = {"screenshot": None, "article": None, "annotator": None, "smoke": False}
    args = iter(argv)
    for arg in args:
        name, equals, value = arg.partition("=")
        if name not in _WINDOW_OPTIONS_WITH_VALUES:
            return None
        if not equals:
            value = next(args, None)
            if value is None or value.startswith("-"):
                return None
        values[name.removeprefix("--")] = value
    return argparse.Namespace(**values, command=None)


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """`--db PATH` on the main parser and every subcommand."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="project file (created if missing), or a team project's PostgreSQL URL "
        "(postgresql://USER@HOST:PORT/DBNAME, any libpq connection string); "
        "default: the project in your data folder",
    )


def _stop_writing_to_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush does not fail on the closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 failed, 2 usage error)."""
    from annotator.core.errors import AnnotatorError

    argv = sys.argv[1:] if argv is None else argv
    args = window_arguments(argv)
    if args is None:
        parser = build_parser(with_commands=_names_a_command(argv))
        try:
            args = parser.parse_args(argv)
        except SystemExit as exit_:
            return int(exit_.code or 0)
    if getattr(args, "command", None) is None:
        from annotator.app import run_app

        return run_app(args)
    try:
        return args.module.run(args)
    except AnnotatorError as error:
        print(f"annotator: {error}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # `annotator export --out - | head`: the reader had enough
        _stop_writing_to_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        print("annotator: interrupted", file=sys.stderr)
        return 130
