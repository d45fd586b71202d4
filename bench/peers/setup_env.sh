#!/usr/bin/env bash
# Create bench/peers/.venv with SAEDashboard and sae_vis, pinned to a set that installs together
# offline-friendly on CPU. Idempotent: rerunning reuses the venv and re-applies the pins.
#
# Usage: bash bench/peers/setup_env.sh [PYTHON]   (PYTHON defaults to `python3`)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
python="${1:-python3}"

# CPU torch only: without these pins sae-dashboard -> decode-clt -> torchvision pulls a newer
# torch with gigabytes of CUDA wheels; pyarrow 26 needs NumPy 2 and breaks transformer_lens 2.x.
constraints="$(mktemp)"
trap 'rm -f "$constraints"' EXIT
cat >"$constraints" <<'EOF'
torch==2.13.0+cpu
pyarrow<26
EOF

[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
pip=("$venv/bin/python" -m pip --disable-pip-version-check)
"${pip[@]}" install --quiet --upgrade pip
"${pip[@]}" install --quiet "torch==2.13.0"
"${pip[@]}" install --quiet -c "$constraints" \
  "sae-dashboard==0.8.0" \
  "sae-vis==0.3.7" frozendict tabulate \
  "sae-lens==6.54.12" \
  "transformer-lens==2.17.0" \
  "transformers==4.56.2" \
  "numpy==1.26.4" \
  "pyarrow==25.0.1" \
  "datasets==3.6.0" \
  safetensors
# The registry's torchvision/torchaudio do not load against the CPU torch and break transformers.
"${pip[@]}" uninstall --quiet -y torchvision torchaudio 2>/dev/null || true

"$venv/bin/python" - <<'EOF'
import importlib.metadata as md
for name in ("torch", "sae-dashboard", "sae-vis", "sae-lens", "transformer-lens", "transformers"):
    print(f"{name}=={md.version(name)}")
import sae_dashboard, sae_vis, transformer_lens  # noqa: F401  (fail loudly if broken)
EOF
echo "peers venv ready: $venv"
