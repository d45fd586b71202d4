"""Adapter for Hugging Face ``transformers`` causal LMs: hooks are module paths.

A hook such as ``"model.layers.6"`` reads that module's output (for a decoder layer: the residual
stream after it); ``"model.layers.6.mlp:input"`` reads the module's first input (a transcoder's
input site). ``run_to_hook`` stops the forward right after the module; the unembedding is
the output embedding (``lm_head``).
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Any

import torch

from saewidgets._errors import HookError, SAEConfigError
from saewidgets.models._adapter import Edit, ModelAdapter
from saewidgets.models._hooknames import INPUT_SUFFIX, unknown_hook
from saewidgets.saes._hooksites import Site, layer_number, parse_site

_MLP = ("mlp", "feed_forward")
_ATTN = ("self_attn", "attn", "attention")


class _Stop(Exception):
    """Raised by the capture hook to end the forward once the hook's output is read."""

    def __init__(self, output: torch.Tensor) -> None:
        super().__init__("stop")
        self.output = output


def _main(output: Any) -> torch.Tensor:
    """The hidden-state tensor of a module's output (decoder layers may return tuples)."""
    return output[0] if isinstance(output, (tuple, list)) else output


def is_hf_model(model: Any) -> bool:
    """True for a transformers model with input and output embeddings."""
    return hasattr(model, "get_output_embeddings") and hasattr(model, "config")


class HFAdapter(ModelAdapter):
    """A transformers causal LM (Llama, Gemma, Qwen, GPT-2, …) behind the adapter interface."""

    def __init__(self, model: Any, tokenizer: Any | None = None) -> None:
        self.model = model
        check_causal_lm(model)
        self._tokenizer = tokenizer if tokenizer is not None else _auto_tokenizer(model)
        self._modules = dict(model.named_modules())
        self._layers = _layer_list(model, self._modules)
        # transformers 5.2x renamed the forward's ``past_key_values`` to ``cache``
        params = inspect.signature(model.forward).parameters
        self._cache_arg = "cache" if "cache" in params else "past_key_values"

    @property
    def kind(self) -> str:
        """``"hf"``."""
        return "hf"

    @property
    def name(self) -> str:
        """The model's ``name_or_path`` (or its class name)."""
        return str(getattr(self.model, "name_or_path", "") or type(self.model).__name__)

    @property
    def n_ctx(self) -> int:
        """``max_position_embeddings`` (or ``n_positions``) of the config."""
        cfg = self.model.config
        n = getattr(cfg, "max_position_embeddings", None) or getattr(cfg, "n_positions", None)
        return int(n or 2048)

    @property
    def d_model(self) -> int:
        """Width of the token embedding."""
        return int(self.model.get_input_embeddings().weight.shape[1])

    @property
    def d_vocab(self) -> int:
        """Rows of the token embedding."""
        return int(self.model.get_input_embeddings().weight.shape[0])

    @property
    def tokenizer(self) -> Any | None:
        """The tokenizer passed in, or the one saved under the model's name."""
        return self._tokenizer

    def hook_names(self) -> list[str]:
        """Every module path of the model."""
        return [n for n in self._modules if n]

    def resolve_hook(self, hook: str | None, sae_hook: str | None) -> str:
        """``hook`` or the SAE's hook as a module path, in the one vocabulary of
        ``saes/_hooksites`` (``blocks.6.hook_resid_post`` and ``layers.6`` become
        ``model.layers.6`` on Llama, ``transformer.h.6`` on GPT-2)."""
        name = hook or sae_hook
        if name is None:
            raise HookError(
                f"The SAE's config names no hook; pass hook= a module path such as "
                f"{self._layer_path(0)!r}."
            )
        if name.endswith(INPUT_SUFFIX):
            return self._resolve(name.removesuffix(INPUT_SUFFIX)) + INPUT_SUFFIX
        return self._resolve(name)

    def _resolve(self, name: str) -> str:
        if name in self._modules and name:
            return name
        site = parse_site(name)
        path = None if site is None or self._layers is None else self._translate(name, site)
        if path is None:  # a unique module path ending in the name (``layers.3.mlp.down_proj``)
            ends = [m for m in self._modules if m.endswith("." + name)]
            path = ends[0] if len(ends) == 1 else None
        if path is None or path.removesuffix(INPUT_SUFFIX) not in self._modules:
            raise self._unknown(name)
        return path

    def _translate(self, name: str, site: Site) -> str | None:
        """The module path whose output is ``site``; HookError where no module outputs it."""
        if site.layer == -1 and site.kind == "resid_post" and self._n_layers:
            return self._layer_path(0) + INPUT_SUFFIX  # the embeddings as layer 0 sees them
        if not 0 <= site.layer < self._n_layers:
            return None
        layer = self._layer_path(site.layer)
        if site.kind == "resid_post":
            return layer
        if site.kind == "resid_mid":
            raise HookError(
                f"Hook {name!r} (the residual stream between attention and MLP) is inside "
                f"{layer}; no module outputs it. Use {layer!r} or one of its sub-modules."
            )
        post_norms = f"{layer}.post_feedforward_layernorm" in self._modules  # Gemma 2 and 3
        if site.kind == "mlp_out" and post_norms:
            return f"{layer}.post_feedforward_layernorm"
        if site.kind == "attn_out" and post_norms:
            return f"{layer}.post_attention_layernorm"
        children = _MLP if site.kind.startswith("mlp") else _ATTN
        return next((f"{layer}.{c}" for c in children if f"{layer}.{c}" in self._modules), None)

    def _unknown(self, name: str) -> HookError:
        n = layer_number(name)
        same: list[str] = []
        if n is not None and 0 <= n < self._n_layers:
            layer = self._layer_path(n)
            same = [
                p for p in (layer, *(f"{layer}.{c}" for c in _MLP + _ATTN)) if p in self._modules
            ]
        return unknown_hook(name, self.hook_names(), self.name, same, self._n_layers or None)

    def input_site(self, hook: str) -> str:
        """``hook`` + ``":input"``: the first positional input of module ``hook``."""
        self._module(hook)
        return hook if hook.endswith(INPUT_SUFFIX) else hook + INPUT_SUFFIX

    @property
    def _n_layers(self) -> int:
        return 0 if self._layers is None else len(self._modules[self._layers])

    def _layer_path(self, layer: int) -> str:
        return f"{self._layers or 'model.layers'}.{layer}"

    def layer_of(self, hook: str) -> int | None:
        """Index of the decoder layer ``hook`` lies in (for a layer's input, the layer before
        it; -1: the embeddings)."""
        if self._layers is None or not hook.startswith(self._layers + "."):
            return None
        head = hook[len(self._layers) + 1 :].split(".")[0]
        if head.endswith(INPUT_SUFFIX) and head.removesuffix(INPUT_SUFFIX).isdigit():
            return int(head.removesuffix(INPUT_SUFFIX)) - 1  # a layer's input: the one before
        return int(head) if head.isdigit() else None

    def _module(self, hook: str) -> torch.nn.Module:
        name = hook.removesuffix(INPUT_SUFFIX)
        if name not in self._modules or not name:
            raise self._unknown(hook)
        return self._modules[name]

    def _register(self, hook: str, fn: Any) -> Any:
        """Register ``fn(output-or-input) -> replacement | None`` on the module of ``hook``:
        a forward pre-hook on its first input for ``…:input``, else a forward hook."""
        module = self._module(hook)
        if hook.endswith(INPUT_SUFFIX):

            def pre(module: Any, args: Any) -> Any:
                new = fn(args[0])
                return None if new is None else (new, *args[1:])

            return module.register_forward_pre_hook(pre)

        def post(module: Any, args: Any, output: Any) -> Any:
            new = fn(_main(output))
            if new is None:
                return None
            if isinstance(output, tuple):
                return (new, *output[1:])
            if isinstance(output, list):
                return [new, *output[1:]]
            return new

        return module.register_forward_hook(post)

    def run_to_hook(self, tokens: torch.Tensor, hook: str) -> torch.Tensor:
        """The output of module ``hook``; the modules after it are not run."""
        self.check_tokens(tokens)

        def capture(act: torch.Tensor) -> None:
            raise _Stop(act)

        handle = self._register(hook, capture)
        try:
            self.model(input_ids=tokens.to(self.device), use_cache=False)
        except _Stop as stop:
            return stop.output
        finally:
            handle.remove()
        raise HookError(f"Module {hook!r} did not run in the forward pass; pick another hook.")

    def run_with_edits(
        self, tokens: torch.Tensor, edits: Mapping[str, Edit], cache: Any = None
    ) -> torch.Tensor:
        """Logits with each module's output passed through its edit (``past_key_values`` when
        ``cache`` is given)."""
        self.check_tokens(tokens)
        handles = [self._register(h, e) for h, e in edits.items()]
        try:
            ids = tokens.to(self.device)
            if cache is None:
                return self.model(input_ids=ids, use_cache=False).logits
            return self.model(input_ids=ids, use_cache=True, **{self._cache_arg: cache}).logits
        finally:
            for handle in handles:
                handle.remove()

    def new_cache(self, batch: int) -> Any:
        """An empty transformers ``DynamicCache`` (it grows as tokens are run)."""
        from transformers import DynamicCache

        return DynamicCache(config=self.model.config)

    def unembed(self) -> torch.Tensor:
        """``lm_head.weight`` transposed to ``[d_model, d_vocab]``, float32."""
        return self.model.get_output_embeddings().weight.detach().float().T

    def output_directions(
        self, W_dec: torch.Tensor, hook: str, head_index: int | None
    ) -> torch.Tensor | None:
        """``W_dec`` when the SAE reconstructs a residual-width activation."""
        return W_dec if W_dec.shape[1] == self.d_model and head_index is None else None

    def to_tokens(self, texts: list[str], prepend_bos: bool) -> list[list[int]]:
        """Token ids of each text without special tokens, BOS first when asked and defined."""
        bos = self.bos_token_id if prepend_bos else None
        return [([bos] if bos is not None else []) + self.tokenize_document(t) for t in texts]

    def str_tokens(self, ids: list[int]) -> list[str]:
        """Each id decoded on its own (``<id>`` when there is no tokenizer)."""
        tok = self.tokenizer
        if tok is None:
            return [f"<{i}>" for i in ids]
        return [str(s) for s in tok.batch_decode([[i] for i in ids])]


def check_causal_lm(model: Any) -> None:
    """Raise SAEConfigError unless ``model`` is a causal LM in eval mode: an encoder-decoder
    (T5), a model without an LM head (BertModel, T5EncoderModel) or one whose early positions
    see later tokens (BertForMaskedLM) is refused, as is dropout left on by ``model.train()``."""
    what = type(model).__name__
    fix = "Pass a causal LM (AutoModelForCausalLM: GPT-2, Llama, Gemma, Qwen, Mistral, …)."
    both = hasattr(model, "encoder") and hasattr(model, "decoder")
    if getattr(model.config, "is_encoder_decoder", False) or both:
        raise SAEConfigError(f"{what} is an encoder-decoder model, not a causal LM. {fix}")
    if model.get_output_embeddings() is None:
        raise SAEConfigError(
            f"{what} has no output embedding (lm_head): it is not a causal LM (an encoder such "
            f"as BertModel or T5EncoderModel?), so logit weights cannot be computed. {fix}"
        )
    if model.training and _has_dropout(model):
        raise SAEConfigError(
            f"{what} is in training mode with dropout: activations would be random. Call "
            "model.eval() first."
        )
    n = min(8, int(model.get_input_embeddings().weight.shape[0]))
    ids = torch.arange(n, device=next(model.parameters()).device)[None]
    other = ids.clone()
    other[0, -1] = 0
    try:
        with torch.no_grad():
            a, b = (model(input_ids=t).logits[0, :-1].float() for t in (ids, other))
    except Exception as exc:  # a model that needs more than token ids is no causal LM
        raise SAEConfigError(f"{what} does not run on token ids alone ({exc}). {fix}") from exc
    if not torch.allclose(a, b, rtol=1e-4, atol=1e-5 * float(a.abs().max()) + 1e-12):
        raise SAEConfigError(
            f"{what} is not causal: changing the last token changed the outputs at earlier "
            f"positions (bidirectional attention, as in BERT's masked-LM heads). {fix}"
        )


def _has_dropout(model: Any) -> bool:
    """Whether a dropout module or a ``*dropout`` / ``*pdrop`` config value is non-zero."""
    cfg = model.config.to_dict()
    rates = [v for k, v in cfg.items() if k.endswith(("dropout", "pdrop"))]
    if any(isinstance(v, (int, float)) and v > 0 for v in rates):
        return True
    return any(isinstance(m, torch.nn.Dropout) and m.p > 0 for m in model.modules())


def _auto_tokenizer(model: Any) -> Any | None:
    name = getattr(model, "name_or_path", "")
    if not name:
        return None
    try:
        from transformers import AutoTokenizer

        return AutoTokenizer.from_pretrained(name)
    except Exception:  # no tokenizer saved under that name: strings then need tokenizer=
        return None


def _layer_list(model: Any, modules: dict[str, torch.nn.Module]) -> str | None:
    """Path of the ModuleList holding the decoder layers (``model.layers``, ``transformer.h``)."""
    n = getattr(model.config, "num_hidden_layers", None) or getattr(model.config, "n_layer", None)
    lists = [
        name
        for name, m in modules.items()
        if isinstance(m, torch.nn.ModuleList) and (n is None or len(m) == n)
    ]
    return min(lists, key=len) if lists else None
