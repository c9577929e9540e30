#!/bin/sh
# Install the real client programs the interop checks run, into a cached folder.
# Each client has its own virtual environment; a client already installed is kept.
# Exit status 3 means a client could not be installed here (no registry, no apt): .ci/run says so.
set -eu
HOME_DIR="${ANNOTATOR_INTEROP_HOME:-$HOME/.cache/annotator-interop}"
PYTHON="${PYTHON:-python3}"
mkdir -p "$HOME_DIR"
HERE="$(dirname "$0")"
for part in "$HERE"/install_*.sh; do
    [ -e "$part" ] || continue
    echo "interop: $(basename "$part")"
    ANNOTATOR_INTEROP_HOME="$HOME_DIR" PYTHON="$PYTHON" sh "$part" || exit 3
done
