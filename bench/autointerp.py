"""Benchmark of autointerp: the embedded model's explanations and scores per minute, and the
requests per second ``sw.LLM`` sustains against a local server.

    python bench/autointerp.py                     # 2 features explained and scored
    python bench/autointerp.py --features 1 --n 3  # quicker
    python bench/autointerp.py --store saewidgets-demo/store   # the demo's store (real model)

The store is the test suite's tiny one (a random 2-layer model over English text, a 96-latent SAE,
3,000 tokens): its prompts are English text of the length real stores give (~18 windows of 17
tokens). ``--store`` takes any store instead (the demo's: SmolLM2 and its trained SAE, where the
explanations and scores mean something); features are chosen as the demo report chooses them.
The embedded model (SmolLM2-135M-Instruct, fp32, 2 torch threads) runs with no cache.
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
    import torch

    import saewidgets as sw
    from saewidgets.autointerp._report import pick_features

    torch.set_num_threads(2)
    features = pick_features(store, n_features)
    t0 = time.perf_counter()
    llm = sw.LLM.embedded(cache=None)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    expl = sw.explain(store, features, llm)
    explain_s = time.perf_counter() - t0
    out = {
        "features": features,
        "explanations": expl["explanation"].tolist(),
        "load_s": round(load_s, 1),
        "explanations_per_min": round(60 * len(features) / explain_s, 2),
    }
    print(expl[["feature", "explanation"]].to_string(index=False))
    for method in ("detection", "fuzz"):
        t0 = time.perf_counter()
        scores = sw.score(store, expl, llm, method=method, n=n)
        score_s = time.perf_counter() - t0
        print(scores[["feature", "score", "baseline", "n", "score_unparsed"]].to_string())
        out[method] = {
            "features_scored_per_min": round(60 * len(features) / score_s, 2),
            "calls": int(len(scores.breakdown)),
            "seconds_per_call": round(score_s / max(1, len(scores.breakdown)), 2),
            "scores": [None if s != s else round(s, 3) for s in scores["score"]],
            "baselines": [None if s != s else round(s, 3) for s in scores["baseline"]],
            "mean_score": float(scores["score"].mean()),
            "mean_baseline": float(scores["baseline"].mean()),
        }
    return out


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
    parser.add_argument("--store", default=None, help="a store folder (default: a tiny one)")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        import saewidgets as sw

        store = sw.FeatureStore.open(args.store) if args.store else tiny_store(Path(tmp))
        result = {"client": client(args.requests, Path(tmp))}
        print(result, flush=True)
        result["embedded"] = embedded(store, args.features, args.n)
    result["load_average_at_start"] = round(load, 2)
    result["load_average_at_end"] = round(os.getloadavg()[0], 2)
    result["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    result["command"] = " ".join(["python bench/autointerp.py", *sys.argv[1:]])
    result["store"] = args.store or "tiny test store"
    print(json.dumps(result, indent=1))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "autointerp.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
