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
from saewidgets.models._hooknames import INPUT_SUFFIX, layer_output_index, unknown_hook


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
        if model.get_output_embeddings() is None:
            raise SAEConfigError(
                f"{type(model).__name__} has no output embedding (lm_head); load the model with "
                "AutoModelForCausalLM so the logit weights can be computed."
            )
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
        """``hook`` or the SAE's hook as a module path (``blocks.6.hook_resid_post`` and
        ``layers.6`` become ``model.layers.6``)."""
        name = hook or sae_hook
        if name is None:
            raise HookError(
                f"The SAE's config names no hook; pass hook= a module path such as "
                f"{self._layer_path(0)!r}."
            )
        if name not in self._modules and (hook is None or name.startswith("blocks.")):
            layer = layer_output_index(name)  # an explicit path is only translated from TL's
            if layer is not None and self._layers is not None and 0 <= layer < self._n_layers:
                name = self._layer_path(layer)
        if name not in self._modules and not name.endswith(INPUT_SUFFIX):
            ends = [m for m in self._modules if m.endswith("." + name)]  # sparsify's layers.3.mlp
            name = ends[0] if len(ends) == 1 else name
        self._module(name)
        return name

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
        """Index of the decoder layer ``hook`` lies in."""
        if self._layers is None or not hook.startswith(self._layers + "."):
            return None
        head = hook[len(self._layers) + 1 :].split(".")[0]
        return int(head) if head.isdigit() else None

    def _module(self, hook: str) -> torch.nn.Module:
        name = hook.removesuffix(INPUT_SUFFIX)
        if name not in self._modules or not name:
            raise unknown_hook(hook, self.hook_names(), self.name)
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
