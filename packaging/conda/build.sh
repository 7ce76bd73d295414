#!/usr/bin/env bash
# The conda package from dist/: a venv with conda-package-handling and PyYAML (PyPI), then build.py.
# usage: packaging/conda/build.sh [ARCHIVE] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.build-packaging
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c "import conda_package_handling, yaml, rattler" 2>/dev/null \
    || "$venv/bin/pip" install --quiet --disable-pip-version-check conda-package-handling pyyaml py-rattler >/dev/null
exec "$venv/bin/python" packaging/conda/build.py "$@"
