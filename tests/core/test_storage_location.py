"""Projects on network drives or in synced folders are warned about before opening."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

import pytest

from annotator.core.project_location import (
    Mount,
    is_network_filesystem,
    location_warning,
    network_mount,
    parse_bsd_mount,
    parse_proc_mounts,
    synced_service,
)

PROC_MOUNTS = """\
/dev/sda2 / ext4 rw,relatime 0 0
server:/export/home /home/shared nfs4 rw,relatime,vers=4.2 0 0
//fileserver/team /mnt/team\\040drive cifs rw,relatime 0 0
me@box:/data /home/me/remote fuse.sshfs rw,nosuid 0 0
/dev/sdb1 /media/usb fuseblk rw,nosuid 0 0
tmpfs /tmp tmpfs rw 0 0
"""
MOUNTS = parse_proc_mounts(PROC_MOUNTS)


def test_proc_mounts_are_parsed_with_escaped_spaces():
    assert Mount(point="/mnt/team drive", fstype="cifs", source="//fileserver/team") in MOUNTS


def test_bsd_mount_output_is_parsed():
    output = (
        "/dev/disk3s1 on / (apfs, local, journaled)\n"
        "//me@nas/Projects on /Volumes/Projects (smbfs, nodev, nosuid, mounted by me)\n"
    )
    assert parse_bsd_mount(output)[1] == Mount(
        point="/Volumes/Projects", fstype="smbfs", source="//me@nas/Projects"
    )


@pytest.mark.parametrize(
    ("path", "fstype"),
    [
        ("/home/shared/war.annotator", "nfs4"),
        ("/mnt/team drive/sub/war.annotator", "cifs"),
        ("/home/me/remote/war.annotator", "fuse.sshfs"),
    ],
)
def test_a_project_on_a_network_mount_is_found(path, fstype):
    assert network_mount(PurePosixPath(path), mounts=MOUNTS).fstype == fstype


@pytest.mark.parametrize(
    "path",
    [
        "/home/me/war.annotator",
        "/media/usb/war.annotator",
        "/tmp/war.annotator",
        "/home/sharedness/x.annotator",
    ],
)
def test_a_project_on_a_local_disk_is_not_a_network_one(path):
    assert network_mount(PurePosixPath(path), mounts=MOUNTS) is None


@pytest.mark.parametrize(
    ("fstype", "network"),
    [("nfs", True), ("smb3", True), ("fuse.rclone", True), ("9p", True), ("ext4", False), ("fuseblk", False)],
)
def test_network_filesystem_types(fstype, network):
    assert is_network_filesystem(fstype) is network


@pytest.mark.parametrize(
    ("path", "service"),
    [
        (PurePosixPath("/home/me/Dropbox/work/war.annotator"), "Dropbox"),
        (
            PurePosixPath("/Users/me/Library/Mobile Documents/com~apple~CloudDocs/war.annotator"),
            "iCloud Drive",
        ),
        (
            PurePosixPath("/Users/me/Library/CloudStorage/GoogleDrive-me@example.org/My Drive/w.annotator"),
            "Google Drive",
        ),
        (PureWindowsPath(r"C:\Users\me\OneDrive - Contoso\war.annotator"), "OneDrive"),
        (PureWindowsPath(r"C:\Users\me\OneDrive\Documents\war.annotator"), "OneDrive"),
        (PureWindowsPath(r"G:\My Drive\war.annotator"), "Google Drive"),
        (PurePosixPath("/home/me/Dropbox (Team)/war.annotator"), "Dropbox"),
    ],
)
def test_a_project_in_a_synced_folder_is_found_by_folder_name(path, service):
    assert synced_service(path) == service


@pytest.mark.parametrize(
    "path",
    [PurePosixPath("/home/me/projects/war.annotator"), PurePosixPath("/home/me/dropbox-notes.annotator")],
)
def test_ordinary_folders_are_not_synced_ones(path):
    assert synced_service(path) is None


def test_the_warning_names_the_sync_service(tmp_path):
    warning = location_warning(tmp_path / "Dropbox" / "war.annotator", mounts=[])
    assert "Dropbox folder" in warning


def test_the_warning_names_the_network_file_system():
    warning = location_warning("/home/shared/war.annotator", mounts=MOUNTS)
    assert "network drive (nfs4 at /home/shared)" in warning


def test_a_local_project_gets_no_warning(tmp_path):
    assert location_warning(tmp_path / "war.annotator", mounts=[Mount(point="/", fstype="ext4")]) is None


def test_an_in_memory_project_gets_no_warning():
    assert location_warning(":memory:") is None


def test_the_command_line_warns_before_opening_a_project_in_a_synced_folder(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    folder = tmp_path / "Dropbox"
    folder.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "articles", "--db", str(folder / "war.annotator")],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert "annotator: warning:" in result.stderr
    assert "Dropbox folder" in result.stderr
