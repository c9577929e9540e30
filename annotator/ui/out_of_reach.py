"""Words for what the window could not read because the team project is out of reach.

While the window knows the server does not answer (the team listener lost it, or a probe
found no answer), the project's connection sends nothing (`ServerOutOfReach`, at once): a
read asked for meanwhile is refused in these words where it was asked, and what is on
screen stays as it was.
"""

from __future__ import annotations

SHOWN_FOR_MS = 10_000  # how long the status bar keeps the words


def cannot_read(what: str) -> str:
    """`what` says what cannot be done: "this article cannot be opened"."""
    return (
        f"The team project is out of reach — {what} until the connection is back; "
        "your waiting changes are kept"
    )
