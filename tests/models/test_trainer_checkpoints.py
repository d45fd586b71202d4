"""Checkpoints written by the trainers' own training code (SAELens's SAETrainer halfway through
training; dictionary_learning's trainSAE; eai-sparsify SparseCoders trained a few steps and saved
with ``save_to_disk``),
compared with the trainers' own encode and decode on the model: encode, decode, harvest
counts, steer, ablate and attribution, within 1e-4 relative and with the same active latents.
"""

from __future__ import annotations

import itertools

import pytest
import torch

import saewidgets as sw
from saewidgets.analysis._summary import summary_text
from saewidgets.widgets._featurecard import source_line
from tests import helpers
from tests.models import trainer_checks as tc
from tests.saes import trained, trainers

HOOK = "blocks.0.hook_resid_post"
PROMPT = "Return a new dictionary initialized from an optional positional argument."

SAELENS = {
    "topk_rescaled_dataset_scale": {
        "architecture": "topk",
        "k": 6,
        "rescale_acts_by_decoder_norm": True,
        "normalize_activations": "expected_average_only_in",
    },
    "batchtopk_rescaled_dataset_scale": {  # read as JumpReLU, as SAELens converts it
        "architecture": "batchtopk",
        "k": 6,
        "topk_threshold_lr": 0.2,
        "normalize_activations": "expected_average_only_in",
    },
    "gated": {"architecture": "gated"},
    "relu_layer_norm": {"architecture": "standard", "normalize_activations": "layer_norm"},
    "relu_constant_norm": {
        "architecture": "standard",
        "normalize_activations": "constant_norm_rescale",
    },
}


def _sequences(tokenizer, n: int = 32, length: int = 48) -> torch.Tensor:
    ids = [tokenizer.bos_token_id]
    for doc in helpers.corpus():
        ids += tokenizer(doc, add_special_tokens=False)["input_ids"]
    return torch.tensor(ids[: n * length]).reshape(n, length)


@pytest.fixture(scope="module")
def tl_acts(model, tokenizer):
    with torch.no_grad():
        _, cache = model.run_with_cache(_sequences(tokenizer), names_filter=HOOK)
    return cache[HOOK].reshape(-1, cache[HOOK].shape[-1])


@pytest.mark.parametrize("case", list(SAELENS))
def test_saelens_training_checkpoint(tmp_path, model, tokenizer, tl_acts, case):
    checkpoint = trainers.saelens_checkpoint(tmp_path / "run", tl_acts, HOOK, **SAELENS[case])
    lens = sw.Lens(model, checkpoint)
    ref = trainers.saelens_reference(checkpoint)
    tokens = lens.to_tokens(PROMPT)[0]
    run = tc.tl_runner(model, HOOK, HOOK)
    errors = tc.compare(lens, ref, run, tokens)
    assert max(errors.values()) < 1e-4, errors
    assert _hooked_sae_steer(model, ref.sae, lens, tokens, HOOK) < 1e-4
    if case == "topk_rescaled_dataset_scale":
        seqs = _sequences(tokenizer, 4, 32)
        assert tc.harvest_counts(lens, ref, run, seqs, tmp_path / "store")[0] == 0


def _hooked_sae_steer(model, sae, lens, tokens, out_hook) -> float:
    """SAELens's HookedSAETransformer (the SAE spliced in with its error term) with two
    features' activations raised, against ``lens.steer``: max relative logit error."""
    from sae_lens import HookedSAETransformer

    hooked = HookedSAETransformer(model.cfg, tokenizer=model.tokenizer)
    hooked.load_state_dict(model.state_dict(), strict=False)
    hooked.add_sae(sae, use_error_term=True)
    acts = lens.encode_tokens(tokens[None])[0]
    feats = [int(f) for f in torch.nonzero(acts[-1] > 0).flatten()[:2]]
    strength = {feats[0]: 3.0 * float(acts.max()), feats[1]: -1.5 * float(acts.max())}

    def raise_acts(a, hook):
        for f, s in strength.items():
            a[..., f] += s
        return a

    with torch.no_grad():
        clean = hooked(tokens[None])[0]
        want = hooked.run_with_hooks(
            tokens[None], fwd_hooks=[(f"{out_hook}.hook_sae_acts_post", raise_acts)]
        )[0]
    assert (want - clean).abs().max() > 1e-2
    return tc.rel(lens.steer(tokens, strength).logits_after, want)


TRANSCODERS = {
    "transcoder_layer_norm": ("transcoder", {"normalize_activations": "layer_norm"}),
    "jumprelu_skip_transcoder": ("jumprelu_skip_transcoder", {}),
}
MLP_IN, MLP_OUT = "blocks.0.ln2.hook_normalized", "blocks.0.hook_mlp_out"


@pytest.mark.parametrize("case", list(TRANSCODERS))
def test_saelens_transcoder(tmp_path, model, case):
    """SAELens's own transcoder classes (seeded, not trained: its trainer has no transcoder
    runner) saved with ``save_model``: read at ``hook_name``, written at ``hook_name_out``;
    steering also through SAELens's HookedSAETransformer, which splices transcoders in."""
    arch, settings = TRANSCODERS[case]
    sae = trainers.saelens_transcoder(arch, MLP_IN, MLP_OUT, **settings)
    sae.save_model(tmp_path / "tc")
    lens = sw.Lens(model, tmp_path / "tc")
    assert (lens.hook, lens.hook_out) == (MLP_IN, MLP_OUT)
    assert (lens.sae.W_skip is not None) == ("skip" in arch)
    tokens = lens.to_tokens(PROMPT)[0]
    ref = trainers.saelens_object_reference(sae)
    errors = tc.compare(lens, ref, tc.tl_runner(model, MLP_IN, MLP_OUT), tokens)
    assert max(errors.values()) < 1e-4, errors
    assert _hooked_sae_steer(model, sae, lens, tokens, MLP_OUT) < 1e-4


@pytest.fixture(scope="module")
def dl_run(tmp_path_factory, tl_acts):
    """dictionary_learning's trainSAE run on the model's activations (Gated, Matryoshka)."""
    save_dir = tmp_path_factory.mktemp("dl") / "run"
    data = itertools.cycle(tl_acts.split(64))
    return save_dir, trained.train_dictionary_learning(save_dir, data=data)


@pytest.mark.parametrize("index", range(len(trained.DL_TRAINERS)))
def test_dictionary_learning_training_checkpoint(dl_run, model, index):
    save_dir, dl = dl_run
    checkpoint = save_dir / f"trainer_{index}" / "checkpoints" / "ae_3.pt"
    ae = trained.dictionary_learning_class(dl, trained.DL_TRAINERS[index], checkpoint)
    ref = trainers.Reference(ae.encode, lambda a, x: ae.decode(a))
    lens = sw.Lens(model, checkpoint)
    run = tc.tl_runner(model, HOOK, HOOK)
    errors = tc.compare(lens, ref, run, lens.to_tokens(PROMPT)[0])
    assert max(errors.values()) < 1e-4, errors


SPARSIFY = {
    "transcoder": ("layers.1.mlp", {"transcode": True}),
    "skip_connection": ("layers.1", {"skip_connection": True}),
    "transcoder_skip": ("layers.1.mlp", {"transcode": True, "skip_connection": True}),
}


def _hf_sites(hf_llama, tokens, module, read_input):
    """Module ``module``'s first input (or output) and output on ``tokens``, flattened: the
    (x, y) pairs sparsify's trainer collects with its forward hooks."""
    held = {}

    def keep(m, args, out):
        out = out[0] if isinstance(out, tuple) else out
        held["x"] = (args[0] if read_input else out).detach()
        held["y"] = out.detach()

    handle = dict(hf_llama.named_modules())[module].register_forward_hook(keep)
    try:
        with torch.no_grad():
            hf_llama(input_ids=tokens)
    finally:
        handle.remove()
    return held["x"].flatten(0, 1), held["y"].flatten(0, 1)


@pytest.mark.parametrize("case", list(SPARSIFY))
def test_sparsify_trained_coder(tmp_path, hf_llama, tokenizer, case):
    hook, settings = SPARSIFY[case]
    module, transcode = "model." + hook, settings.get("transcode", False)
    x, y = _hf_sites(hf_llama, _sequences(tokenizer, 16), module, transcode)
    coder = trainers.sparsify_trained(tmp_path / hook, x, y if transcode else None, **settings)
    lens = sw.Lens(hf_llama, tmp_path / hook, tokenizer=tokenizer)
    assert (lens.hook, lens.hook_out) == (module + ":input" if transcode else module, module)
    ref = trainers.sparsify_reference(coder)
    run = tc.hf_runner(hf_llama, module, transcode)
    errors = tc.compare(lens, ref, run, lens.to_tokens(PROMPT)[0])
    assert max(errors.values()) < 1e-4, errors
    if transcode:
        seqs = _sequences(tokenizer, 4, 32)
        wrong, store = tc.harvest_counts(lens, ref, run, seqs, tmp_path / "store")
        assert wrong == 0
        assert store.meta.hook_out == module
        line = f"transcoder: {module}:input → {module}"
        assert line in source_line(store) and line in summary_text(store)
