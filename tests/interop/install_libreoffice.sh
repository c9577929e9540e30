#!/bin/sh
# LibreOffice headless, for tests/interop/test_libreoffice.py: Debian's libreoffice-calc-nogui
# (Calc without a GUI toolkit, the smallest package that converts spreadsheets headless).
# Already installed: nothing to do. Missing and root: apt-get installs it. Otherwise: exit 1.
set -eu
PACKAGE=libreoffice-calc-nogui
if command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1; then
    echo "interop: LibreOffice found: $(command -v soffice || command -v libreoffice)"
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "interop: LibreOffice (soffice) is missing; install the Debian package $PACKAGE as root" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "interop: LibreOffice (soffice) is missing and there is no apt-get; install $PACKAGE" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "$PACKAGE"
command -v soffice >/dev/null 2>&1 || {
    echo "interop: $PACKAGE was installed but soffice is not on PATH" >&2
    exit 1
}
