#!/bin/sh
# doccano 1.8 in its own virtual environment under $ANNOTATOR_INTEROP_HOME/doccano.
# The pins beside it are what 1.8 needs to start and to import/export on Python 3.11:
# marshmallow 4 and numpy 2 break it at start-up (environs 9, pandas 1.5).
set -eu
HOME_DIR="${ANNOTATOR_INTEROP_HOME:-$HOME/.cache/annotator-interop}"
PYTHON="${PYTHON:-python3}"
VENV="$HOME_DIR/doccano"
PINS="doccano==1.8.* marshmallow<4 numpy<2"
STAMP="$VENV/.installed-stamp"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$PINS" ]; then
    echo "doccano: already installed in $VENV"
    exit 0
fi
"$PYTHON" -m venv "$VENV"
# shellcheck disable=SC2086  # the pins are separate words on purpose
"$VENV/bin/python" -m pip install --quiet $PINS
# Importing what failed before the pins proves the environment starts.
"$VENV/bin/python" -c "import environs, pandas, backend.config.celery"
echo "$PINS" >"$STAMP"
echo "doccano: installed $("$VENV/bin/python" -m pip show doccano | sed -n 's/^Version: //p') in $VENV"
