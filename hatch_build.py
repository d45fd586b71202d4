"""Hatch build hook: bundle the widgets' TypeScript (js/) into saewidgets/static/ before packaging.

With npm on PATH it runs ``npm ci`` (first time) and ``npm run build``. Without npm, or with
``SAEWIDGETS_SKIP_JS=1``, it packages the bundles already in saewidgets/static/ and fails only when
they are missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class JSBuildHook(BuildHookInterface):
    """Runs the esbuild bundle of js/ for wheels and editable installs."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        js, static = root / "js", root / "saewidgets" / "static"
        entries = [p for p in (js / "src").glob("*.ts") if not p.name.endswith(".d.ts")]
        expected = [static / f"{p.stem}.js" for p in entries] or [static / "tokenview.js"]
        built = all(p.is_file() for p in expected)
        npm = shutil.which("npm")
        if npm is None or os.environ.get("SAEWIDGETS_SKIP_JS") or not entries:
            if not built:
                missing = ", ".join(p.name for p in expected if not p.is_file())
                raise RuntimeError(
                    f"saewidgets: JS bundles missing ({missing}) and npm unavailable"
                )
            self.app.display_info("saewidgets: packaging the prebuilt JS bundles (no JS build)")
            return
        try:
            if not (js / "node_modules").is_dir():
                subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=js, check=True)
            subprocess.run([npm, "run", "build"], cwd=js, check=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            if not built:
                raise
            self.app.display_warning(f"saewidgets: JS build failed ({exc}); using existing bundles")
