#!/usr/bin/env bash
# Sets up a fresh machine and runs the main job: the embedded demo model + SAE, harvested and
# reported into ./saewidgets-demo (extra arguments go to `saewidgets demo`).
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q torch==2.13.0                 # local CPU build; install before the rest
python -m pip install -q -e .
saewidgets demo "$@"
