"""Benchmark of autointerp: the embedded model's explanations and scores per minute, and the
requests per second ``sw.LLM`` sustains against a local server.

    python bench/autointerp.py                     # 2 features explained and scored
    python bench/autointerp.py --features 1 --n 3  # quicker

The store is the test suite's tiny one (a random 2-layer model over English text, a 96-latent SAE,
3,000 tokens): its prompts are English text of the length real stores give (~18 windows of 17
tokens). The embedded model (SmolLM2-135M-Instruct, fp32, 2 torch threads) runs with no cache.
The client is measured against a local HTTP server that answers at once (Python's http.server),
so the figure is the client's own ceiling: cache lookups, JSON, threads. Prints a table and
writes bench/results/autointerp.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def tiny_store(folder: Path):
    """The tests' small store: tiny tokenizer and model, standard SAE, 3,000 tokens."""
    import saewidgets as sw
    from tests import helpers

    model = helpers.build_model(helpers.build_tokenizer(folder / "tok"))
    lens = sw.Lens(model, helpers.write_sae(folder / "sae"))
    return sw.harvest(lens, helpers.corpus(), n_tokens=3000, out=folder / "store", progress=False)


def embedded(store, n_features: int, n: int) -> dict:
    import numpy as np
    import torch

    import saewidgets as sw

    torch.set_num_threads(2)
    count = store.accumulators["count"]
    live = np.argsort(-count)[np.sort(-count) <= -20]  # fires on 20+ tokens, busiest first
    # a spread over the live features, leaving out the busiest (too dense for negatives)
    features = [
        int(f) for f in live[np.linspace(len(live) // 4, len(live) - 1, n_features).astype(int)]
    ]
    t0 = time.perf_counter()
    llm = sw.LLM.embedded(cache=None)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    expl = sw.explain(store, features, llm)
    explain_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    scores = sw.score(store, expl, llm, method="detection", n=n)
    score_s = time.perf_counter() - t0
    print(expl[["feature", "explanation"]].to_string(index=False))
    print(scores[["feature", "score", "baseline", "n", "score_unparsed"]].to_string(index=False))
    return {
        "features": n_features,
        "load_s": round(load_s, 1),
        "explanations_per_min": round(60 * n_features / explain_s, 2),
        "scores_per_min": round(60 * n_features / score_s, 2),
        "score_calls": int(len(scores.breakdown)),
        "mean_score": float(scores["score"].mean()),
        "mean_baseline": float(scores["baseline"].mean()),
    }


class _Instant(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers["Content-Length"]))
        raw = json.dumps(
            {"choices": [{"message": {"role": "assistant", "content": "yes"}}], "usage": {}}
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)


def client(n_requests: int, folder: Path) -> dict:
    import saewidgets as sw
    from saewidgets.autointerp._prompts import score_request

    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Instant)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{srv.server_address[1]}/v1"
    requests = [score_request("detection", "cats", f"text number {i}") for i in range(n_requests)]
    out = {}
    for conc in (1, 8):
        llm = sw.LLM(url, "m", max_concurrency=conc, cache=folder / f"calls{conc}.sqlite")
        t0 = time.perf_counter()
        llm.chat(requests, progress=False)
        out[f"requests_per_s_concurrency_{conc}"] = round(n_requests / (time.perf_counter() - t0))
    t0 = time.perf_counter()
    llm.chat(requests, progress=False)
    out["cached_requests_per_s"] = round(n_requests / (time.perf_counter() - t0))
    srv.shutdown()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=2)
    parser.add_argument("--n", type=int, default=5, help="held-out examples per class")
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        store = tiny_store(Path(tmp))
        result = {"client": client(args.requests, Path(tmp))}
        print(result, flush=True)
        result["embedded"] = embedded(store, args.features, args.n)
    result["load_average_at_start"] = round(load, 2)
    result["load_average_at_end"] = round(os.getloadavg()[0], 2)
    result["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(json.dumps(result, indent=1))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "autointerp.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
