"""One rank of the distributed-harvest tests, started by torchrun (see test_distributed.py).

    torchrun --standalone --nproc-per-node 2 dist_worker.py SETUP_JSON

SETUP_JSON names the tokenizer folder, model state, SAE folder, texts and a list of runs (harvest
arguments, an optional rank that fails on its second batch, and ``rank_data``: each rank reads
the texts in its own order). For each run, each rank writes
``{run}-rank-{rank}.json`` into the counts folder: the tokens it ran through the model and the
returned store's path, or the error harvest raised.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import torch
from transformers import AutoTokenizer

import saewidgets as sw
from tests import helpers


def main(setup_path: str) -> None:
    setup = json.loads(Path(setup_path).read_text())
    rank = int(os.environ["RANK"])
    torch.set_num_threads(1)
    model = helpers.build_model(AutoTokenizer.from_pretrained(setup["tokenizer"]))
    model.load_state_dict(torch.load(setup["model_state"]))
    lens = sw.Lens(model, setup["sae"])
    seen: list[int] = []
    fail: list[int | None] = [None]
    run = lens.hook_activations

    def counted(tokens: torch.Tensor) -> torch.Tensor:
        seen.append(int(tokens.numel()))
        if fail[0] == rank and len(seen) == 2:
            raise sw.DataError(f"injected failure on rank {rank}")
        return run(tokens)

    lens.hook_activations = counted  # type: ignore[method-assign]
    for i, job in enumerate(setup["runs"]):
        seen.clear()
        fail[0] = job.get("fail_rank")
        texts = setup["texts"]
        if job.get("rank_data"):  # each rank its own order: same amount of data, other tokens
            texts = texts[rank:] + texts[:rank]
        try:
            store = sw.harvest(lens, texts, progress=False, **job["harvest"])
            result = {"tokens": sum(seen), "batches": len(seen), "store": str(store.path)}
        except sw.SaeWidgetsError as exc:
            result = {"error": f"{type(exc).__name__}: {exc}"}
        (Path(setup["counts"]) / f"{i}-rank-{rank}.json").write_text(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1])
