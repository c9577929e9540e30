"""The throwaway server's fixture itself: it finds Debian's binaries or says which package is missing."""

from __future__ import annotations

import pytest

from tests.team.conftest import postgres_bin


def test_a_missing_postgresql_fails_naming_the_debian_package(tmp_path):
    with pytest.raises(pytest.fail.Exception, match="Debian package `postgresql`"):
        postgres_bin(tmp_path, path=str(tmp_path))


def test_the_newest_debian_version_is_used(tmp_path):
    for version in ("9", "15", "13"):
        (tmp_path / version / "bin").mkdir(parents=True)
        (tmp_path / version / "bin" / "initdb").touch()
    assert postgres_bin(tmp_path, path=str(tmp_path)) == tmp_path / "15" / "bin"


def test_the_server_listens_on_loopback_only(pg_server, team):
    with team.connect("reed") as reed:
        assert reed.execute("SHOW listen_addresses").fetchone() == ("127.0.0.1",)
