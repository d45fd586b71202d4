"""Explorer export of a wide SAE in headless Chromium: a compact card of every live feature of a
131,072-latent store; the file's bytes per live feature, first paint, click to a drawn card.

    python bench/explorer.py                  # d_sae 131,072, 16,384 tokens (about 15 min)
    python bench/explorer.py --quick          # d_sae 8,192, 4,096 tokens (a few minutes)
    python bench/explorer.py --store PATH     # an existing store instead of a new harvest

The store is bench/search.py's: a calibrated random TopK SAE on the random 2-layer model. The
Explorer is built without its geometry grid (``grid=False``: the grid of 131,072 latents is
bench/harvest.py's subject). First paint: navigation start to the frame in which both the
map's points and the shown feature's card are drawn. Click to card: a click on a point of the
map (a feature whose compact card sits in a compressed block not yet decoded) to just after the
frame that draws its card. Prints a table and writes bench/results/explorer.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.featuremap import CHROMIUM_ARGS  # noqa: E402
from bench.harvest import load_average, peak_rss_gb  # noqa: E402
from bench.search import make_store  # noqa: E402

TARGETS = {"bytes_per_feature": 1000.0, "first_paint_ms": 3000.0, "click_ms": 150.0}

#: Records, in the page, when the map and the first card are both drawn, and for each click
#: the time from its pointerup to just after the frame that draws another feature's title.
PROBE = """
window.__paint = null; window.__clicks = []; window.__down = null; window.__was = null;
const drawn = () => document.querySelector('[data-painted]') && document.querySelector('.sw-stat');
const tick = () => {
  if (drawn()) window.__paint = performance.now(); else requestAnimationFrame(tick);
};
requestAnimationFrame(tick);
const title = () => document.querySelector('[data-testid=title]');
document.addEventListener('pointerup', () => {
  window.__down = performance.now(); window.__was = title()?.textContent ?? null;
}, true);
new MutationObserver(() => {
  const text = title()?.textContent ?? null;
  if (window.__down === null || text === null || text === window.__was) return;
  const t0 = window.__down; window.__down = null;
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => window.__clicks.push([text, performance.now() - t0]);
    ch.port2.postMessage(null);
  });
}).observe(document, { childList: true, subtree: true, characterData: true });
"""


def export(store_path: Path, out: Path) -> dict:
    """Export every live feature's card; the estimate, the file and the times."""
    import saewidgets as sw

    store = sw.FeatureStore.open(store_path)
    live = int((~store.features["dead"].to_numpy(bool)).sum())
    t = time.perf_counter()
    ex = sw.Explorer(store, grid=False)
    built = time.perf_counter() - t
    t = time.perf_counter()
    estimate = ex.export_size()
    estimated_in = time.perf_counter() - t
    t = time.perf_counter()
    ex.to_html(out)
    written_in = time.perf_counter() - t
    size = out.stat().st_size
    return {
        "d_sae": store.d_sae,
        "n_tokens": store.n_tokens,
        "live_features": live,
        "explorer_s": built,
        "export_size_s": estimated_in,
        "export_s": written_in,
        "export_ms_per_card": written_in / live * 1e3,
        "file_bytes": size,
        "export_size_estimate": estimate,
        "estimate_error": (estimate - size) / size,
        "bytes_per_feature": size / live,
        "shown_feature": ex.card.feature,
        "peak_rss_gb": peak_rss_gb(),
    }


def clicks(page, store_path: Path, n_clicks: int, shown: int) -> list[float]:
    """Click the points of random live features in the third panel (enc bias x D/E
    projection); the ms from each click to the drawn card of the feature picked."""
    import saewidgets as sw

    frame = sw.FeatureStore.open(store_path).features
    canvas = page.locator(".sw-fm-canvas").nth(2)
    g = {k: float(v) for k, v in canvas.evaluate("c => ({...c.dataset})").items()}
    box = page.locator(".sw-fm-overlay").nth(2).bounding_box()
    live = frame.index[~frame["dead"].to_numpy(bool) & (frame.index != shown)]
    times: list[float] = []
    for f in np.random.default_rng(0).choice(live, size=3 * n_clicks, replace=False):
        if len(times) == n_clicks:
            break
        x = (frame.loc[f, "enc_bias"] - g["x0"]) / (g["x1"] - g["x0"]) * g["width"]
        y = (g["y1"] - frame.loc[f, "de_projection"]) / (g["y1"] - g["y0"]) * g["height"]
        before = len(page.evaluate("window.__clicks"))
        page.mouse.click(box["x"] + g["left"] + x, box["y"] + g["top"] + y)
        for _ in range(50):
            got = page.evaluate("window.__clicks")[before:]
            if got:
                break
            page.wait_for_timeout(50)
        if got:  # (none: the pick was the feature already shown)
            page.wait_for_selector(".sw-card-neighbours:has-text('compact card')")
            times.append(got[-1][1])
    return times


def measure(page, path: Path, store: Path, shown: int, n_clicks: int) -> dict:
    """First paint and clicks to cards of the export at ``path`` in ``page``."""
    page.add_init_script(PROBE)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri(), timeout=120_000)
    deadline = time.monotonic() + 120
    while page.evaluate("window.__paint") is None and time.monotonic() < deadline:
        page.wait_for_timeout(100)  # (wait_for_function evaluates a string: the CSP refuses)
    paint = page.evaluate("window.__paint")
    times = clicks(page, store, n_clicks, shown)
    if errors:
        raise RuntimeError(f"the page reported errors: {errors}")
    return {
        "first_paint_ms": paint,
        "click_ms": times,
        "click_median_ms": statistics.median(times),
        "click_max_ms": max(times),
    }


def browse(path: Path, store: Path, chromium: str, shown: int, n_clicks: int) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            return measure(page, path, store, shown, n_clicks)
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--store", type=Path, help="an existing store (skips the harvest)")
    parser.add_argument("--clicks", type=int, default=10)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    command = " ".join(["python bench/explorer.py", *sys.argv[1:]])
    print(f"reproduce: {command}", flush=True)
    d_sae, n_tokens = (8192, 4096) if args.quick else (131_072, 16_384)
    tmp = Path(tempfile.mkdtemp(prefix="saewidgets-bench-explorer-"))
    try:
        store = args.store or make_store(d_sae, n_tokens, tmp / "wide" / "store")
        out = export(store, tmp / "explorer.html")
        html = tmp / "explorer.html"
        out |= browse(html, store, args.chromium, out["shown_feature"], args.clicks)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    out |= {
        "command": command,
        "load_average": load_average(),
        "date": time.strftime("%Y-%m-%d"),
        "machine": "2-core CPU, no GPU",
    }
    rows = [
        ("file bytes per live feature", out["bytes_per_feature"], TARGETS["bytes_per_feature"]),
        ("first paint ms (map + card drawn)", out["first_paint_ms"], TARGETS["first_paint_ms"]),
        ("click to drawn card ms, median", out["click_median_ms"], TARGETS["click_ms"]),
        ("click to drawn card ms, max", out["click_max_ms"], TARGETS["click_ms"]),
    ]
    print(
        f"Explorer export, d_sae {out['d_sae']:,}, {out['live_features']:,} live features: "
        f"{out['file_bytes'] / 1e6:.1f} MB in {out['export_s']:.0f} s "
        f"(export_size() {out['export_size_estimate'] / 1e6:.1f} MB, "
        f"{100 * out['estimate_error']:+.1f}%)"
    )
    print(f"{'measure':<38}{'value':>10}{'target':>10}  ok")
    for name, value, target in rows:
        print(f"{name:<38}{value:>10.1f}{target:>10.0f}  {'yes' if value <= target else 'NO'}")
    dest = ROOT / "bench" / "results" / ("explorer-quick.json" if args.quick else "explorer.json")
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {dest.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
