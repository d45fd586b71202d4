#!/usr/bin/env bash
# Sets up a fresh machine and runs the main job: the embedded demo model + SAE, harvested and
# reported into ./saewidgets-demo (extra arguments go to `saewidgets demo`).
set -euo pipefail
cd "$(dirname "$0")/.."
# pip prints each package as it goes (no -q): a fresh machine's installs take minutes
printf '==> installing torch (CPU build)\n'
python -m pip install --progress-bar on torch==2.13.0  # local CPU build; install before the rest
printf '==> installing saewidgets with the demo extra\n'
python -m pip install --progress-bar on -e ".[demo]"
printf '==> running the demo (the report goes to ./saewidgets-demo unless --out says otherwise)\n'
saewidgets demo "$@"
