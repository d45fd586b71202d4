"""Adapter for transformer_lens ``HookedTransformer`` models (hooks such as ``blocks.6.hook_z``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import torch

from saewidgets._errors import HookError
from saewidgets.models._adapter import Edit, ModelAdapter
from saewidgets.models._hooknames import unknown_hook
from saewidgets.saes._hooksites import Site, layer_number, parse_site


class HookedAdapter(ModelAdapter):
    """A ``HookedTransformer`` behind the adapter interface."""

    def __init__(self, model: Any) -> None:
        self.model = model

    @property
    def kind(self) -> str:
        """``"hooked_transformer"``."""
        return "hooked_transformer"

    @property
    def name(self) -> str:
        """The model's name as transformer_lens records it."""
        return str(getattr(self.model.cfg, "model_name", None) or "model")

    @property
    def n_ctx(self) -> int:
        """The model's context length."""
        return int(self.model.cfg.n_ctx)

    @property
    def d_model(self) -> int:
        """Residual stream width."""
        return int(self.model.cfg.d_model)

    @property
    def d_vocab(self) -> int:
        """Vocabulary size."""
        return int(self.model.cfg.d_vocab)

    @property
    def tokenizer(self) -> Any | None:
        """The model's tokenizer."""
        return self.model.tokenizer

    def hook_names(self) -> list[str]:
        """All hook points of the model."""
        return list(self.model.hook_dict)

    def resolve_hook(self, hook: str | None, sae_hook: str | None) -> str:
        """``hook``, else the SAE's hook, in the one vocabulary of ``saes/_hooksites``
        (``layers.6`` and ``model.layers.6`` become ``blocks.6.hook_resid_post``)."""
        name = hook or sae_hook
        if name is None:
            raise HookError(
                "The SAE's config names no hook; pass hook='blocks.N.hook_resid_post' etc."
            )
        if name in self.model.hook_dict:
            return name
        site = parse_site(name)
        translated = None if site is None else self._translate(name, site)
        if translated is None or translated not in self.model.hook_dict:
            raise self._unknown(name)
        return translated

    def _unknown(self, name: str) -> HookError:
        same = self._layer_names(name)
        return unknown_hook(name, self.hook_names(), self.name, same, self.model.cfg.n_layers)

    def _translate(self, name: str, site: Site) -> str:
        """transformer_lens's name for ``site``; HookError where no hook reads it."""
        if site.kind == "resid_post":
            return (
                "blocks.0.hook_resid_pre"
                if site.layer < 0
                else f"blocks.{site.layer}.hook_resid_post"
            )
        if site.kind in ("mlp", "attn") and self.model.cfg.use_normalization_before_and_after:
            out = f"blocks.{site.layer}.hook_{site.kind}_out"
            raise HookError(
                f"Hook {name!r} is the {site.kind} module's output before this model's "
                f"post-{site.kind} normalisation (Gemma 2/3 style); transformer_lens has no hook "
                f"there ({out} is after it). Run the SAE on the Hugging Face model, or use an "
                f"SAE trained on {out}."
            )
        kind = (
            site.kind
            if site.kind.endswith("_out") or site.kind == "resid_mid"
            else site.kind + "_out"
        )
        return f"blocks.{site.layer}.hook_{kind}"

    def _layer_names(self, name: str) -> list[str]:
        """This model's hooks for the layer ``name`` mentions (none when it mentions none)."""
        n = layer_number(name)
        if n is None:
            return []
        names = [f"blocks.{n}.hook_{s}" for s in ("resid_post", "mlp_out", "attn_out")]
        return [x for x in names if x in self.model.hook_dict]

    def layer_of(self, hook: str) -> int | None:
        """Block index of ``blocks.N.*`` hooks; -1 for the embedding hooks."""
        m = re.match(r"blocks\.(\d+)\.", hook)
        if m:
            return int(m.group(1))
        if hook.startswith(("hook_embed", "hook_pos_embed", "hook_tokens")):
            return -1
        return None

    def run_to_hook(self, tokens: torch.Tensor, hook: str) -> torch.Tensor:
        """The activation at ``hook``; blocks after the hook's block are not run."""
        self.check_tokens(tokens)
        store: dict[str, torch.Tensor] = {}

        def grab(act: torch.Tensor, hook: Any) -> None:
            store["act"] = act

        layer = self.layer_of(hook)
        self.model.run_with_hooks(
            tokens.to(self.device),
            fwd_hooks=[(hook, grab)],
            stop_at_layer=None if layer is None else layer + 1,
            return_type=None,
        )
        return store["act"]

    def run_with_edits(
        self, tokens: torch.Tensor, edits: Mapping[str, Edit], cache: Any = None
    ) -> torch.Tensor:
        """Logits with each hook's activation passed through its edit (transformer_lens's
        key-value cache when ``cache`` is given)."""
        self.check_tokens(tokens)
        for name in edits:
            if name not in self.model.hook_dict:
                raise self._unknown(name)

        def wrap(edit: Edit) -> Any:
            def fn(act: torch.Tensor, hook: Any) -> torch.Tensor | None:
                return edit(act)

            return fn

        hooks = [(name, wrap(edit)) for name, edit in edits.items()]
        kwargs = {} if cache is None else {"past_kv_cache": cache}
        return self.model.run_with_hooks(tokens.to(self.device), fwd_hooks=hooks, **kwargs)

    def new_cache(self, batch: int) -> Any:
        """An empty transformer_lens key-value cache."""
        return _kv_cache_class().init_cache(self.model.cfg, self.device, batch)

    def unembed(self) -> torch.Tensor:
        """``W_U`` as float32."""
        return self.model.W_U.detach().float()

    def output_directions(
        self, W_dec: torch.Tensor, hook: str, head_index: int | None
    ) -> torch.Tensor | None:
        """``W_dec`` for residual-stream hooks; through ``W_O`` for ``hook_z`` and ``W_out`` for
        ``mlp.hook_post``."""
        if W_dec.shape[1] == self.d_model and not hook.endswith(("hook_z", "hook_post")):
            return W_dec
        layer = self.layer_of(hook)
        if layer is None or layer < 0:
            return None
        block = self.model.blocks[layer]
        if hook.endswith("attn.hook_z") and head_index is None:
            W_O = block.attn.W_O.detach().to(W_dec)  # [head, d_head, d_model]
            return W_dec.reshape(W_dec.shape[0], -1) @ W_O.reshape(-1, W_O.shape[-1])
        if hook.endswith("mlp.hook_post"):
            return W_dec @ block.mlp.W_out.detach().to(W_dec)
        return None

    def to_tokens(self, texts: list[str], prepend_bos: bool) -> list[list[int]]:
        """Token ids of each text as transformer_lens tokenises it."""
        return [
            self.model.to_tokens(t, prepend_bos=prepend_bos, truncate=False)[0].tolist()
            for t in texts
        ]

    def str_tokens(self, ids: list[int]) -> list[str]:
        """Strings of the ids (``<id>`` when the model has no tokenizer)."""
        if self.model.tokenizer is None:
            return [f"<{i}>" for i in ids]
        return [str(s) for s in self.model.to_str_tokens(torch.tensor(ids, dtype=torch.long))]


def _kv_cache_class() -> Any:
    """transformer_lens's key-value cache class (renamed in transformer_lens 3)."""
    try:
        from transformer_lens import TransformerLensKeyValueCache

        return TransformerLensKeyValueCache
    except ImportError:  # transformer_lens 2
        from transformer_lens.past_key_value_caching import HookedTransformerKeyValueCache

        return HookedTransformerKeyValueCache
