"""Where a project file lives: warn about network and synced folders, where SQLite's locks fail.

SQLite relies on the file system's locks; network file systems (NFS, SMB/CIFS, sshfs and
other FUSE mounts) implement them badly, and sync clients (Dropbox, OneDrive, iCloud,
Google Drive) copy a project's file, journal and lock files separately, which can mix
two versions of a project or produce conflicted copies.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath

# File system types whose locking SQLite cannot rely on (Linux /proc/mounts, BSD/macOS mount).
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "afpfs",
        "webdav",
        "davfs",
        "ncpfs",
        "9p",
        "afs",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "beegfs",
    }
)

# Folder names made by sync clients, compared case-insensitively with each part of the path.
SYNCED_FOLDERS = {
    "dropbox": "Dropbox",
    "onedrive": "OneDrive",
    "icloud drive": "iCloud Drive",
    "icloud": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "box sync": "Box",
    "pcloud drive": "pCloud",
    "megasync": "MEGA",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "seafile": "Seafile",
}
# Prefixes of folder names: "OneDrive - Contoso", "GoogleDrive-someone@example.org", "Dropbox (Team)".
SYNCED_PREFIXES = {
    "onedrive - ": "OneDrive",
    "onedrive-": "OneDrive",
    "googledrive-": "Google Drive",
    "dropbox (": "Dropbox",
    "box-box": "Box",
}


@dataclass(frozen=True, slots=True)
class Mount:
    """One mounted file system."""

    point: str
    fstype: str
    source: str = ""


def location_warning(path: str | os.PathLike, *, mounts: list[Mount] | None = None) -> str | None:
    """A warning to show before opening a project stored where SQLite's locking is unreliable."""
    if str(path) == ":memory:":
        return None
    resolved = _resolved(Path(path))
    service = synced_service(resolved)
    if service:
        return (
            f"{resolved} is in a {service} folder. Sync clients copy a project while it is being "
            "written and can mix versions or create conflicted copies. Keep projects in a local "
            "folder and share them with File > Export or merge instead."
        )
    mount = network_mount(resolved, mounts=mounts)
    if mount:
        return (
            f"{resolved} is on a network drive ({mount.fstype} at {mount.point}). File locking "
            "there is unreliable, so two people opening it at once can damage it. Copy the "
            "project to a local folder to work on it."
        )
    return None


def synced_service(path: PurePath) -> str | None:
    """The sync service whose folder holds `path` (by folder name), if any."""
    for part in path.parts[:-1]:
        name = part.casefold()
        if name in SYNCED_FOLDERS:
            return SYNCED_FOLDERS[name]
        for prefix, service in SYNCED_PREFIXES.items():
            if name.startswith(prefix):
                return service
    if "library/cloudstorage" in path.as_posix().casefold():
        return "a cloud storage provider's"
    return None


def network_mount(path: PurePath, *, mounts: list[Mount] | None = None) -> Mount | None:
    """The network (or FUSE) file system holding `path`, if it is on one."""
    if sys.platform == "win32" and mounts is None:
        return _windows_network_drive(path)
    mount = _mount_of(path, current_mounts() if mounts is None else mounts)
    if mount and is_network_filesystem(mount.fstype):
        return mount
    return None


def is_network_filesystem(fstype: str) -> bool:
    """Whether a file system type is a network or user-space (FUSE) one."""
    fstype = fstype.lower()
    if fstype == "fuseblk":  # a local disk (NTFS, exFAT) through FUSE: its locks work
        return False
    return fstype in NETWORK_FILESYSTEMS or fstype.startswith(("fuse", "nfs"))


def current_mounts() -> list[Mount]:
    """The mounted file systems: /proc/mounts on Linux, `mount` elsewhere; empty if unknown."""
    proc = Path("/proc/mounts")
    try:
        if proc.exists():
            return parse_proc_mounts(proc.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return []
    if sys.platform == "darwin" or "bsd" in sys.platform:
        return _bsd_mounts()
    return []


def _bsd_mounts() -> list[Mount]:
    import subprocess  # here only: Linux reads /proc

    try:
        output = subprocess.run(["mount"], capture_output=True, text=True, timeout=2).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return parse_bsd_mount(output)


def parse_proc_mounts(text: str) -> list[Mount]:
    """Parse /proc/mounts lines: `source point fstype options 0 0`, spaces escaped as \\040."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append(Mount(point=_unescape(fields[1]), fstype=fields[2], source=fields[0]))
    return mounts


def parse_bsd_mount(text: str) -> list[Mount]:
    """Parse `mount` output on macOS/BSD: `source on /point (fstype, options)`."""
    mounts = []
    for line in text.splitlines():
        source, on, rest = line.partition(" on ")
        point, paren, options = rest.rpartition(" (")
        if on and paren:
            mounts.append(Mount(point=point, fstype=options.split(",")[0].strip(" )"), source=source))
    return mounts


def _mount_of(path: PurePath, mounts: list[Mount]) -> Mount | None:
    """The mount whose point is the longest prefix of `path` (the last one mounted wins ties)."""
    best: Mount | None = None
    for mount in mounts:
        point = PurePath(mount.point)
        if (path == point or point in path.parents) and (
            best is None or len(point.parts) >= len(PurePath(best.point).parts)
        ):
            best = mount
    return best


def _unescape(field: str) -> str:
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def _resolved(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _windows_network_drive(path: PurePath) -> Mount | None:
    """UNC paths and mapped network drives (GetDriveTypeW says DRIVE_REMOTE)."""
    text = str(path)
    if text.startswith("\\\\") and not text.startswith("\\\\?\\"):
        return Mount(point=text, fstype="network share")
    try:
        import ctypes

        drive_remote = 4
        if ctypes.windll.kernel32.GetDriveTypeW(path.anchor) == drive_remote:  # type: ignore[attr-defined]
            return Mount(point=path.anchor, fstype="network drive")
    except (AttributeError, OSError):
        pass
    return None
