#!/bin/sh
# Install the PostgreSQL server binaries the team tests start (Debian's `postgresql`).
# Run as root (CI is); does nothing when initdb and pg_ctl are already there.
set -eu
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "tests/team: PostgreSQL is missing; as root: apt-get install -y postgresql" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql >/dev/null
