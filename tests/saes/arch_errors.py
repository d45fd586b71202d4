"""The figures of docs/formats.md: the largest relative error of encode and decode of each
architecture against its trainer's own objects, on the checkpoints ``test_architectures`` writes.

    PYTHONPATH=$PWD python -m tests.saes.arch_errors
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import torch

import saewidgets as sw
from tests.saes import trained
from tests.saes import trainers as tr
from tests.saes.test_architectures import SAELENS_CASES


def _errors(ours: sw.SAEWeights, encode, decode, x: torch.Tensor) -> tuple[float, float, bool]:
    with torch.no_grad():
        z, theirs = ours.encode(x), encode(x).detach().float()
        enc = float((z - theirs).abs().max() / theirs.abs().max())
        out, ref = ours.decode(z), decode(theirs).detach().float()
        dec = float((out - ref).abs().max() / ref.abs().max())
    return enc, dec, bool(torch.equal(z > 0, theirs > 0))


def main() -> None:
    """Print one row per case: encode error, decode error, same active latents."""
    x = next(trained.activations(seed=9))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        dl = trained.train_dictionary_learning(root / "dl")
        for i, name in enumerate(trained.DL_TRAINERS):
            for file in ("checkpoints/ae_3.pt", "ae.pt"):
                path = root / "dl" / f"trainer_{i}" / file
                ae = trained.dictionary_learning_class(dl, name, path)
                errs = _errors(sw.load_sae(path), ae.encode, ae.decode, x)
                rows.append((f"dictionary_learning {name} {file}", *errs))
        for case, (arch, settings) in sorted(SAELENS_CASES.items()):
            trained.train_saelens(arch, root / case, **settings)
            (ckpt,) = (root / case).iterdir()
            ref = trained.saelens_inference(ckpt, arch, root / f"{case}-inference")
            rows.append(
                (
                    f"SAELens {case} checkpoint",
                    *_errors(sw.load_sae(ckpt), ref.encode, ref.decode, x),
                )
            )
        from sparsify import SparseCoder, SparseCoderConfig

        coder = SparseCoder(
            tr.D_IN, SparseCoderConfig(num_latents=tr.D_SAE, k=tr.K, activation="groupmax")
        )
        tr.randomise(coder, seed=4)
        coder.save_to_disk(root / "layers.0")

        def encode(v: torch.Tensor) -> torch.Tensor:
            out = coder.encode(v)
            return torch.zeros(v.shape[0], tr.D_SAE).scatter_(-1, out.top_indices, out.top_acts)

        def decode(z: torch.Tensor) -> torch.Tensor:
            vals, idx = z.topk(tr.K, dim=-1)
            return coder.decode(vals, idx)

        rows.append(
            ("sparsify groupmax", *_errors(sw.load_sae(root / "layers.0"), encode, decode, x))
        )
    for name, enc, dec, active in rows:
        print(f"{name:55s} encode {enc:.1e}  decode {dec:.1e}  same active: {active}")


if __name__ == "__main__":
    main()
