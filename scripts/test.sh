#!/usr/bin/env bash
# Sets up a fresh machine (Python packages, Debian's Chromium, the JS toolchain) and runs the
# whole test suite: lint, JS unit tests, then pytest (real-model and browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."

# pip prints each package as it goes (no -q): these installs take minutes on a fresh machine
step() { printf '\n==> %s\n' "$*"; }
step "installing torch (CPU build)"
python -m pip install --progress-bar on torch==2.13.0  # local CPU build; install before the rest
step "installing saewidgets with its test, demo and docs extras"
python -m pip install --progress-bar on -e ".[saelens,test,demo,docs]"
# dictionary_learning's own classes write and check its checkpoints; its package __init__ needs
# nnsight, wandb and umap (heavy), which the tests never import: install the code alone
python -m pip install --progress-bar on --no-deps "dictionary-learning==0.1.0" "einops>=0.7"
step "Chromium, the JS build and its tests"
if ! command -v chromium >/dev/null 2>&1; then         # browser tests drive Debian's Chromium
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
(
  cd js
  npm ci --no-audit --no-fund
  npm run build
  npm test
)
git diff --exit-code --stat -- saewidgets/static \
  || { echo "saewidgets/static is stale: run 'npm run build' in js/ and commit it" >&2; exit 1; }
step "lint, types, docs site, tests"
python -m ruff check saewidgets tests bench scripts hatch_build.py
python -m ruff format --check saewidgets tests bench scripts hatch_build.py
python -m mypy saewidgets scripts/demo_training   # the package and the demo SAE trainer
mkdocs build --strict --quiet --site-dir site   # a broken link or a missing page fails
python -m pytest -q tests
