"""The project's people: annotators, some of them reviewers."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.errors import InvalidClaim
from annotator.core.store.connection import Repository


class PeopleStore(Repository):
    """Annotators known to the project."""

    def ensure(self, name: str) -> None:
        """Record that `name` works on this project (inside the caller's transaction)."""
        self.ensure_many([name])

    def ensure_many(self, names: Iterable[str]) -> None:
        """Record several names at once (on a team project only oneself: the members are the
        server's roles, and nobody writes in another's name)."""
        names = [name for name in names if name]
        for name in names:
            self._project.act_as(name)
        self._insert(names)

    def _insert(self, names: list[str]) -> None:
        now = self._project.now()
        rows = [(name, now) for name in names]
        self._conn.executemany("INSERT OR IGNORE INTO annotators (name, created_at) VALUES (?, ?)", rows)

    def add(self, name: str, *, by: str, reviewer: bool = False) -> None:
        """Add a person (or update their reviewer flag) in one transaction."""
        name = " ".join(name.split())
        if not name:
            raise InvalidClaim("a person needs a name")
        with self._project.transaction():
            self._project.log.record(
                who=by,
                action="person",
                entity="annotator",
                entity_id=name,
                after={"name": name, "reviewer": reviewer},
            )
            self._insert([name])  # anyone's name: on a team project owners alone may (the server's policy)
            self._conn.execute("UPDATE annotators SET is_reviewer = ? WHERE name = ?", (int(reviewer), name))

    def reviewer_flags(self, names: Iterable[str]) -> dict[str, bool | None]:
        """Whether each person is a reviewer (None: not in the project), to put back later."""
        return {name: self.is_reviewer(name) if self.exists(name) else None for name in names}

    def restore(self, flags: dict[str, bool | None], *, by: str) -> None:
        """Put people back as `reviewer_flags` found them: flags reset, the newly added removed."""
        with self._project.transaction():
            for name, reviewer in flags.items():
                self._project.log.record(
                    who=by,
                    action="undo person",
                    entity="annotator",
                    entity_id=name,
                    after=None if reviewer is None else {"name": name, "reviewer": reviewer},
                )
                if reviewer is None:
                    self._conn.execute("DELETE FROM annotators WHERE name = ?", (name,))
                else:
                    self._conn.execute(
                        "UPDATE annotators SET is_reviewer = ? WHERE name = ?", (int(reviewer), name)
                    )

    def exists(self, name: str) -> bool:
        """Whether `name` works on this project."""
        return self._conn.execute("SELECT 1 FROM annotators WHERE name = ?", (name,)).fetchone() is not None

    def names(self) -> list[str]:
        """Everyone, alphabetically."""
        rows = self._conn.execute("SELECT name FROM annotators ORDER BY name COLLATE NOCASE")
        return [row[0] for row in rows]

    def reviewers(self) -> list[str]:
        """People flagged as reviewers, alphabetically."""
        rows = self._conn.execute(
            "SELECT name FROM annotators WHERE is_reviewer = 1 ORDER BY name COLLATE NOCASE"
        )
        return [row[0] for row in rows]

    def may_review(self, name: str) -> bool:
        """Reviewers may review; a project that names no reviewer lets everyone review."""
        return self.is_reviewer(name) or not self.reviewers()

    def is_reviewer(self, name: str) -> bool:
        """Whether this person may review others' claims."""
        row = self._conn.execute("SELECT is_reviewer FROM annotators WHERE name = ?", (name,)).fetchone()
        return bool(row and row[0])
