#!/usr/bin/env bash
# Sets up a fresh machine (Python packages, Debian's Chromium, the JS toolchain) and runs the
# whole test suite: lint, JS unit tests, then pytest (real-model and browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install -q torch==2.13.0                 # local CPU build; install before the rest
python -m pip install -q -e ".[saelens,test]"
# dictionary_learning's own classes write and check its checkpoints; its package __init__ needs
# nnsight, wandb and umap (heavy), which the tests never import: install the code alone
python -m pip install -q --no-deps "dictionary-learning==0.1.0" "einops>=0.7"
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
python -m ruff check saewidgets tests bench scripts hatch_build.py
python -m ruff format --check saewidgets tests bench scripts hatch_build.py
python -m mypy saewidgets
python -m pytest -q tests
