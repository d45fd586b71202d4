"""The store's ``meta.json``: what was harvested, with which model, SAE and settings."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from saewidgets._errors import StoreError

FORMAT_VERSION = 1

# Flags in store.features (documented in README): a feature is
#   dead        if it never fired on the harvested tokens,
#   ultra_rare  if it fired but on fewer than ULTRA_RARE_DENSITY of them (1 in 100,000),
#   dense       if it fired on more than DENSE_DENSITY of them (1 in 10).
ULTRA_RARE_DENSITY = 1e-5
DENSE_DENSITY = 0.1
# The SAE architectures a store can hold (saes' registry, which imports torch; a test keeps
# the two lists equal).
ARCHITECTURES = ("standard", "topk", "jumprelu", "gated", "groupmax")


@dataclass(frozen=True)
class StoreMeta:
    """Everything a FeatureStore records about how it was made."""

    sae_id: str
    model_name: str
    hook: str
    d_sae: int
    d_in: int
    d_model: int
    d_vocab: int
    n_tokens: int
    n_seq: int
    top_k: int
    architecture: str
    dataset_fingerprint: str
    sae_fingerprint: str
    context_size: int
    prepend_bos: bool
    has_output_directions: bool
    model_fingerprint: str = ""  # weights and vocabulary; "" in stores from before it existed
    max_token_id: int = -1  # largest id in tokens.bin; -1 in stores from before it existed
    sae_format: str = "saelens"  # the on-disk layout the SAE was read from
    model_kind: str = "hooked_transformer"  # or "hf" (a transformers causal LM)
    hook_out: str = ""  # the site the SAE writes when it is not ``hook`` (a transcoder); else ""
    format_version: int = FORMAT_VERSION
    ultra_rare_density: float = ULTRA_RARE_DENSITY
    dense_density: float = DENSE_DENSITY
    normalisation: dict[str, Any] = field(default_factory=dict)
    sae_config: dict[str, Any] = field(default_factory=dict)
    created: str = ""
    saewidgets_version: str = ""
    excluded_token_ids: list[int] = field(default_factory=list)  # left out of the statistics
    n_counted_tokens: int = -1  # tokens the statistics count; -1: all (stores from before)

    @property
    def n_counted(self) -> int:
        """Tokens the statistics and densities count: ``n_tokens`` less the excluded ones."""
        return self.n_tokens if self.n_counted_tokens < 0 else self.n_counted_tokens

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)

    def write(self, folder: Path) -> None:
        """Write ``meta.json`` atomically."""
        write_json_atomic(folder / "meta.json", self.to_dict())

    @classmethod
    def read(cls, folder: Path) -> StoreMeta:
        """Read and validate ``meta.json``."""
        path = folder / "meta.json"
        if not path.exists():
            raise StoreError(
                f"{folder} is not a FeatureStore (no meta.json). Create one with sw.harvest(...), "
                "or check the path."
            )
        try:
            data = json.loads(path.read_text())
        except json.JSONDecodeError as exc:
            raise StoreError(f"{path} is corrupt ({exc}); harvest the store again.") from exc
        if not isinstance(data, dict):
            raise StoreError(f"{path} is not a store's metadata; harvest the store again.")
        version = data.get("format_version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise StoreError(
                f"{path} has format_version {version!r}, not a store format (1..{FORMAT_VERSION}); "
                "the file is damaged: copy the store again or harvest it again."
            )
        if version > FORMAT_VERSION:
            raise StoreError(
                f"{folder} was written in store format {version!r}; this saewidgets reads format "
                f"{FORMAT_VERSION} or older. Upgrade saewidgets."
            )
        names = {f.name for f in fields(cls)}
        optional = {"normalisation", "sae_config", "created", "saewidgets_version"}
        optional |= {"excluded_token_ids", "n_counted_tokens"}
        missing = names - set(data) - optional - {"model_fingerprint", "max_token_id"}
        if missing:
            raise StoreError(f"{path} lacks {sorted(missing)}; the store is incomplete.")
        return cls(**{k: v for k, v in data.items() if k in names})


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON to a temp file beside ``path`` and rename it into place."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(json.dumps(data, indent=1, default=str))
    os.replace(tmp, path)
