#!/bin/sh
# Label Studio for the interop checks, in its own virtual environment under ANNOTATOR_INTEROP_HOME.
# Idempotent: a stamp file naming the pinned version marks a finished install.
set -eu
HOME_DIR="${ANNOTATOR_INTEROP_HOME:-$HOME/.cache/annotator-interop}"
PYTHON="${PYTHON:-python3}"
PIN="label-studio==1.23.2"
VENV="$HOME_DIR/labelstudio"
STAMP="$VENV/.installed-$PIN"
if [ -e "$STAMP" ]; then
    echo "interop: $PIN already installed in $VENV"
    exit 0
fi
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$VENV/bin/python" -m pip install --quiet "$PIN"
# A cheap check that the package is importable (`label-studio --version` migrates a database).
"$VENV/bin/python" -c "import importlib.metadata as m, label_studio; print('label-studio', m.version('label-studio'))"
touch "$STAMP"
echo "interop: installed $PIN in $VENV"
