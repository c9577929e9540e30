"""Small named exceptions; every message is written for the user who will read it."""


class AnnotatorError(Exception):
    """Base of every error the user is meant to see as a message, not a traceback."""


class RejectedInput(AnnotatorError):
    """A file or value that cannot be imported; nothing of it was stored."""

    def __init__(self, reason: str, *, source: str = "", line: int | None = None):
        self.reason = reason
        self.source = source
        self.line = line
        where = source + (f", line {line}" if line is not None else "")
        super().__init__(f"{where}: {reason}" if where else reason)


class ProjectFileError(AnnotatorError):
    """The project file itself failed (locked, damaged, read-only, full, gone): stop, don't skip."""


class ProjectInUse(ProjectFileError):
    """Another program holds the project's write lock longer than we are willing to wait."""


class ProjectUnreadable(ProjectFileError):
    """The file is not an Annotator project, is damaged, or was written by a newer version."""


class SchemaTooNew(ProjectUnreadable):
    """The project was written by a newer version of Annotator."""


class NotFound(AnnotatorError):
    """An article, claim or speaker id that is not in the project."""


class InvalidClaim(AnnotatorError):
    """A claim that breaks a data rule (offsets, quote, range, vocabulary)."""


class SpeakerInUse(AnnotatorError):
    """A speaker that claims are attributed to cannot leave the registry."""


class PermissionDenied(AnnotatorError):
    """A person tried to change a claim that only a review action may change."""


class ProjectReadOnly(ProjectFileError):
    """The project file (or its folder) cannot be written; it can still be read."""


class DiskFull(ProjectFileError):
    """The disk holding the project is full; the change being saved was rolled back."""


class ProjectMissing(ProjectFileError):
    """The project file was deleted or moved while it was open."""


class IncompleteInstallation(AnnotatorError):
    """A file Annotator ships with (its schema, its resources) is missing from this installation."""


class ProjectReplaced(ProjectMissing):
    """Another program rewrote the project file while it was open (a backup copied over it, a sync)."""


class BackupUnusable(ProjectUnreadable):
    """A backup (or a copy being made) that is cut short, damaged or not an Annotator project."""


class ConflictingChange(AnnotatorError):
    """Someone changed the claim since the person editing it opened it: nothing was overwritten."""


# A team project's server (annotator.core.store.postgres raises them; the window catches them
# without importing it).
class TeamServerError(AnnotatorError):
    """The team project's server could not be reached or used (network, login, database)."""


class PasswordNeeded(TeamServerError):
    """The server asks for a password and none was given (PGPASSWORD, ~/.pgpass or a prompt)."""


class LoginFailed(TeamServerError):
    """The server refused the user name or password."""


class ConnectionLost(TeamServerError):
    """The connection to the server went during a change (rolled back whole, or committed with
    its answer lost); the connection is opened again on the next use outside a transaction."""


class ServerOutOfReach(ConnectionLost):
    """The window already knows the server is out of reach (its listener lost it, or a probe
    found no answer): the statement was not sent, rather than wait seconds for the network."""


class TeamRefused(TeamServerError):
    """The server refused a change: the project's rules or the connected role's rights."""
