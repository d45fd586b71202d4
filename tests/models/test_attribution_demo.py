"""On the demo model: attribution's first-order estimates agree with exact ablations."""

from __future__ import annotations

import numpy as np
import pytest

import saewidgets as sw

PROMPT = "The castle stood on a hill above the river, and every night the old king climbed the"
N_TOP, N_OTHER = 10, 6


def agreement(lens: sw.Lens, prompt: str) -> tuple[np.ndarray, np.ndarray]:
    """(estimated, exact) change in the target's log-prob when each of the N_TOP largest and
    N_OTHER other attributed (pos, feature) pairs is ablated at its position."""
    df = lens.attribute(prompt)
    target = df.attrs["target"]
    rng = np.random.default_rng(0)
    rest = rng.choice(np.arange(N_TOP, len(df)), size=N_OTHER, replace=False)
    rows = df.iloc[[*range(N_TOP), *rest]]
    exact = []
    for pos, f in zip(rows["pos"], rows["feature"], strict=True):
        r = lens.ablate(prompt, [int(f)], positions=[int(pos)])
        lp_clean = r.logits_clean[-1].double().log_softmax(-1)[target]
        lp_after = r.logits_after[-1].double().log_softmax(-1)[target]
        exact.append(float(lp_after - lp_clean))
    return -rows["attribution"].to_numpy(), np.asarray(exact)


@pytest.mark.slow
def test_attribution_agrees_with_exact_ablation_on_the_demo_model() -> None:
    lens = sw.demo_lens(device="cpu")
    estimated, exact = agreement(lens, PROMPT)
    corr = float(np.corrcoef(estimated, exact)[0, 1])
    top = slice(0, N_TOP)
    signs = float(np.mean(np.sign(estimated[top]) == np.sign(exact[top])))
    print(
        f"attribution vs exact ablation: Pearson r = {corr:.3f}, "
        f"top-{N_TOP} sign agreement {signs:.0%}"
    )
    assert corr > 0.7
    assert signs >= 0.8
    assert np.abs(exact[top]).max() > 0.05  # the pairs matter: the test can fail
