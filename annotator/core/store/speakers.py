"""The speaker registry: canonical names, aliases and types."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.errors import InvalidClaim, NotFound, SpeakerInUse
from annotator.core.model import SPEAKER_TYPES, Speaker
from annotator.core.store.connection import Repository


class SpeakerStore(Repository):
    """Who claims are attributed to; names and aliases match case-insensitively."""

    def __init__(self, project):
        super().__init__(project)
        self._resolved: dict[str, str] = {}  # folded name or alias -> canonical, hits only

    def forget_cache(self) -> None:
        """Drop remembered lookups (after a rollback may have removed a speaker)."""
        self._resolved.clear()

    def add(self, name: str, *, by: str, type: str = "unknown", aliases: tuple[str, ...] = ()) -> Speaker:
        """Register a new speaker with its aliases, in one transaction; return it."""
        name = " ".join(name.split())
        if not name:
            raise InvalidClaim("a speaker needs a name")
        if type not in SPEAKER_TYPES:
            raise InvalidClaim(f"unknown speaker type {type!r} (use one of {', '.join(SPEAKER_TYPES)})")
        with self._project.transaction():
            taken = self.resolve(name)
            if taken:
                raise InvalidClaim(f"{name!r} is already in the registry as {taken!r}")
            speaker = Speaker(name, type, tuple(a for a in aliases if a.strip()))
            self._project.log.record(
                who=by,
                action="create",
                entity="speaker",
                entity_id=name,
                after={"name": name, "type": type, "aliases": list(speaker.aliases)},
            )
            self._conn.execute("INSERT INTO speakers (name, type) VALUES (?, ?)", (name, type))
            for alias in aliases:
                self._add_alias(name, alias)
        return speaker

    def add_alias(self, name: str, alias: str, *, by: str) -> None:
        """Let `alias` stand for the registered speaker `name`."""
        with self._project.transaction():
            canonical = self.resolve_or_refuse(name)
            self._project.log.record(
                who=by, action="alias", entity="speaker", entity_id=canonical, after={"alias": alias}
            )
            self._add_alias(canonical, alias)

    def _add_alias(self, name: str, alias: str) -> None:
        alias = " ".join(alias.split())
        if not alias or alias.casefold() == name.casefold():
            return
        other = self.resolve(alias)
        if other and other.casefold() != name.casefold():
            raise InvalidClaim(f"alias {alias!r} already stands for {other!r}")
        self._conn.execute(
            "INSERT OR IGNORE INTO speaker_aliases (alias, speaker) VALUES (?, ?)", (alias, name)
        )

    def delete(self, name: str, *, by: str) -> Speaker:
        """Take a speaker no claim uses out of the registry, aliases too (undo of adding it)."""
        with self._project.transaction():
            speaker = self._exactly(name)
            used = self.claims_using(speaker.name)
            if used:
                raise SpeakerInUse(
                    f"“{speaker.name}” is the speaker of {used} claim{'s' if used > 1 else ''}; "
                    "give those claims another speaker first"
                )
            self._project.log.record(
                who=by,
                action="delete",
                entity="speaker",
                entity_id=speaker.name,
                before={"name": speaker.name, "type": speaker.type, "aliases": list(speaker.aliases)},
            )
            self.remove([speaker.name], list(speaker.aliases))
        return speaker

    def _refuse_left_behind(self, name: str) -> None:
        """On a team project the server moves only the claims the merging person may change."""
        left = self.claims_using(name)
        if left:
            raise SpeakerInUse(
                f"“{name}” is still the speaker of {left} claim{'s' if left > 1 else ''} you may not "
                "change (a colleague's, or reviewed); nothing was merged"
            )

    def _exactly(self, name: str) -> Speaker:
        found = next((s for s in self.all() if s.name == " ".join(name.split())), None)
        if found is None:
            raise NotFound(f"speaker {name!r} is not in the registry")
        return found

    def claims_using(self, name: str) -> int:
        """How many claims (suggestions included) are attributed to the speaker `name`."""
        return self._conn.execute("SELECT count(*) FROM claims WHERE speaker = ?", (name,)).fetchone()[0]

    def claim_counts(self) -> dict[str, int]:
        """Speaker name -> how many claims (suggestions included) are attributed to it."""
        rows = self._conn.execute("SELECT speaker, count(*) FROM claims WHERE speaker IS NOT NULL GROUP BY 1")
        return dict(rows.fetchall())

    def remove(self, names: list[str], aliases: list[str]) -> None:
        """Take speakers and aliases out again (undo of a merge), inside the caller's transaction."""
        self._conn.executemany("DELETE FROM speaker_aliases WHERE alias = ?", [(a,) for a in aliases])
        self._conn.executemany("DELETE FROM speakers WHERE name = ?", [(n,) for n in names])
        self.forget_cache()  # a remembered lookup would still find what was just removed

    def resolve(self, name_or_alias: str | None) -> str | None:
        """The canonical name for a name or alias, or None when the registry lacks it."""
        if not name_or_alias or not name_or_alias.strip():
            return None
        wanted = " ".join(name_or_alias.split())
        folded = wanted.casefold()
        if folded in self._resolved:
            return self._resolved[folded]
        row = self._conn.execute("SELECT name FROM speakers WHERE name = ?", (wanted,)).fetchone()
        if row is None:
            row = self._conn.execute(
                "SELECT speaker FROM speaker_aliases WHERE alias = ?", (wanted,)
            ).fetchone()
        if row is None:
            return None
        self._resolved[folded] = row[0]
        return row[0]

    def resolve_or_refuse(self, name_or_alias: str | None) -> str | None:
        """Canonical name; empty stays None; an unknown name is an error naming the fix."""
        if not name_or_alias or not name_or_alias.strip():
            return None
        canonical = self.resolve(name_or_alias)
        if canonical is None:
            raise InvalidClaim(f"speaker {name_or_alias!r} is not in the registry; add it first")
        return canonical

    def resolve_or_add(self, name_or_alias: str | None, *, type: str = "", by: str) -> str | None:
        """Canonical name, registering an unknown speaker (used by importers)."""
        canonical = self.resolve(name_or_alias)
        if canonical or not name_or_alias or not name_or_alias.strip():
            return canonical
        return self.add(name_or_alias, by=by, type=type if type in SPEAKER_TYPES else "unknown").name

    def all(self) -> list[Speaker]:
        """Every speaker with aliases, by name."""
        aliases: dict[str, list[str]] = {}
        for alias, speaker in self._conn.execute(
            "SELECT alias, speaker FROM speaker_aliases ORDER BY alias COLLATE NOCASE"
        ):
            aliases.setdefault(speaker.casefold(), []).append(alias)
        rows = self._conn.execute("SELECT name, type FROM speakers ORDER BY name COLLATE NOCASE")
        return [Speaker(name, type, tuple(aliases.get(name.casefold(), ()))) for name, type in rows]

    def get(self, name_or_alias: str) -> Speaker:
        """One speaker by name or alias."""
        canonical = self.resolve_or_refuse(name_or_alias)
        return next(s for s in self.all() if s.name == canonical)

    # -- managing the registry: rename, merge, type, aliases ------------------------------

    def rename(self, old: str, new: str, *, by: str, keep_alias: bool = True) -> Speaker:
        """Give a speaker a new canonical name; claims and aliases follow (ON UPDATE CASCADE).

        The old name stays as an alias unless `keep_alias` is false, so typing it still finds
        the speaker. Return the renamed speaker.
        """
        new = " ".join(new.split())
        if not new:
            raise InvalidClaim("a speaker needs a name")
        with self._project.transaction():
            speaker = self.get(old)
            taken = self.resolve(new)
            if taken and taken != speaker.name:
                raise InvalidClaim(f"{new!r} is already {taken!r}: merge the two speakers instead")
            self._project.log.record(
                who=by,
                action="rename",
                entity="speaker",
                entity_id=new,
                before={"name": speaker.name},
                after={"name": new, "kept_alias": keep_alias},
            )
            self._conn.execute("DELETE FROM speaker_aliases WHERE alias = ?", (new,))
            self._conn.execute("UPDATE speakers SET name = ? WHERE name = ?", (new, speaker.name))
            self.forget_cache()
            if keep_alias and speaker.name.casefold() != new.casefold():
                self._add_alias(new, speaker.name)
            return self.get(new)

    def merge(self, source: str, into: str, *, by: str) -> SpeakerMerge:
        """Fold `source` into `into`: its claims and aliases move, its name becomes an alias."""
        with self._project.transaction():
            gone, kept = self.get(source), self.get(into)
            if gone.name == kept.name:
                raise InvalidClaim(f"{source!r} and {into!r} are the same speaker")
            claim_ids = self._claim_ids_of(gone.name)
            merged = SpeakerMerge(gone, kept.name, claim_ids)
            self._project.log.record(
                who=by,
                action="merge",
                entity="speaker",
                entity_id=kept.name,
                before={"name": gone.name, "type": gone.type, "aliases": list(gone.aliases)},
                after={"into": kept.name, "claims": list(claim_ids)},
            )
            self._conn.execute("UPDATE claims SET speaker = ? WHERE speaker = ?", (kept.name, gone.name))
            self._refuse_left_behind(gone.name)
            self._conn.execute(
                "UPDATE speaker_aliases SET speaker = ? WHERE speaker = ?", (kept.name, gone.name)
            )
            self._conn.execute("DELETE FROM speakers WHERE name = ?", (gone.name,))
            self.forget_cache()
            self._add_alias(kept.name, gone.name)
        return merged

    def unmerge(self, merged: SpeakerMerge, *, by: str) -> None:
        """Undo a merge: the folded speaker comes back with its aliases and its claims."""
        gone = merged.source
        with self._project.transaction():
            self._project.log.record(
                who=by,
                action="unmerge",
                entity="speaker",
                entity_id=gone.name,
                before={"into": merged.into},
                after={"name": gone.name, "claims": list(merged.claim_ids)},
            )
            self._conn.execute("DELETE FROM speaker_aliases WHERE alias = ?", (gone.name,))
            self._conn.execute("INSERT INTO speakers (name, type) VALUES (?, ?)", (gone.name, gone.type))
            self._conn.executemany(
                "UPDATE speaker_aliases SET speaker = ? WHERE alias = ?",
                [(gone.name, a) for a in gone.aliases],
            )
            self._conn.executemany(
                "UPDATE claims SET speaker = ? WHERE id = ? AND speaker = ?",
                [(gone.name, claim_id, merged.into) for claim_id in merged.claim_ids],
            )
            self.forget_cache()

    def set_type(self, name: str, type: str, *, by: str) -> str:
        """Change what kind of source a speaker is; return the type it had."""
        if type not in SPEAKER_TYPES:
            raise InvalidClaim(f"unknown speaker type {type!r} (use one of {', '.join(SPEAKER_TYPES)})")
        with self._project.transaction():
            speaker = self.get(name)
            self._project.log.record(
                who=by,
                action="type",
                entity="speaker",
                entity_id=speaker.name,
                before={"type": speaker.type},
                after={"type": type},
            )
            self._conn.execute("UPDATE speakers SET type = ? WHERE name = ?", (type, speaker.name))
        return speaker.type

    def remove_alias(self, alias: str, *, by: str) -> str:
        """Stop `alias` standing for its speaker; return that speaker's name."""
        wanted = " ".join(alias.split())
        with self._project.transaction():
            row = self._conn.execute(
                "SELECT speaker FROM speaker_aliases WHERE alias = ?", (wanted,)
            ).fetchone()
            if row is None:
                raise NotFound(f"{alias!r} is not an alias in the registry")
            self._project.log.record(
                who=by, action="unalias", entity="speaker", entity_id=row[0], before={"alias": wanted}
            )
            self._conn.execute("DELETE FROM speaker_aliases WHERE alias = ?", (wanted,))
            self.forget_cache()
        return row[0]

    def _claim_ids_of(self, name: str) -> tuple[str, ...]:
        rows = self._conn.execute("SELECT id FROM claims WHERE speaker = ? ORDER BY id", (name,))
        return tuple(row[0] for row in rows)


@dataclass(frozen=True, slots=True)
class SpeakerMerge:
    """What merging two speakers did, enough to undo it."""

    source: Speaker
    into: str
    claim_ids: tuple[str, ...]
