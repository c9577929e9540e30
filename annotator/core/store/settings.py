"""Project-wide settings stored in the project file (confidence scale, required fields...)."""

from __future__ import annotations

from annotator.core.confidence import DEFAULT_SCALE, Scale, load_scale


class Settings:
    """Key/value settings with typed accessors for the ones the core uses."""

    def __init__(self, project):
        self._project = project
        self._cache: dict[str, str] = {}

    def forget_cache(self) -> None:
        """Re-read settings from the file next time (after a rollback)."""
        self._cache.clear()

    def get(self, key: str, default: str = "") -> str:
        """A setting's value, or `default`."""
        if key in self._cache:
            return self._cache[key]
        row = self._project.db.sql.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            return default
        self._cache[key] = row[0]
        return row[0]

    def set(self, key: str, value: str) -> None:
        """Store a setting in its own transaction."""
        with self._project.transaction():
            self._project.db.sql.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
        self._cache[key] = value

    def confidence_scale(self) -> Scale:
        """The project's confidence scale (ICD 203 unless the project chose another)."""
        return load_scale(self.get("confidence_scale", DEFAULT_SCALE))

    def speaker_required(self) -> bool:
        """Whether claims must name a speaker before they are saved."""
        return self.get("speaker_required", "0") == "1"
