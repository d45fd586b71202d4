"""The model adapter interface: what the Lens (and interventions) need from a language model.

An adapter wraps one model object (a transformer_lens ``HookedTransformer`` or a Hugging Face
causal LM) and speaks in hook names native to that model. Nothing here disables gradients: the
Lens wraps read-only calls in ``torch.no_grad()``, while ``run_with_edits`` lets gradients flow
from the logits back to an edited activation (attribution, steering).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from typing import Any

import torch

from saewidgets._errors import DataError, HookError

#: An edit reads the activation at a hook and returns its replacement (or None to keep it).
Edit = Callable[[torch.Tensor], "torch.Tensor | None"]


class ModelAdapter(ABC):
    """A language model seen through hooks: tokens in, activations or logits out."""

    model: Any
    """The wrapped model object, exactly as the user passed it (never copied)."""

    @property
    @abstractmethod
    def kind(self) -> str:
        """Short name of the model family: ``"hooked_transformer"`` or ``"hf"``."""

    @property
    @abstractmethod
    def name(self) -> str:
        """The model's name (recorded in stores)."""

    @property
    @abstractmethod
    def n_ctx(self) -> int:
        """Longest sequence the model accepts."""

    @property
    @abstractmethod
    def d_model(self) -> int:
        """Width of the residual stream."""

    @property
    @abstractmethod
    def d_vocab(self) -> int:
        """Number of token ids."""

    @property
    @abstractmethod
    def tokenizer(self) -> Any | None:
        """The Hugging Face tokenizer, or None when the model has none."""

    @property
    def device(self) -> torch.device:
        """Device of the model's parameters."""
        return next(self.model.parameters()).device

    @abstractmethod
    def hook_names(self) -> list[str]:
        """Every hook name this adapter accepts."""

    @abstractmethod
    def resolve_hook(self, hook: str | None, sae_hook: str | None) -> str:
        """The hook to read: ``hook`` when given, else the SAE's hook translated to this model's
        naming; raises ``HookError`` listing close names when it does not exist."""

    def input_site(self, hook: str) -> str:
        """The name under which ``run_to_hook`` and ``run_with_edits`` read the INPUT of the
        module ``hook`` (a transcoder's input site); HookError when the adapter has none."""
        raise HookError(
            f"This SAE reads the input of module {hook!r} (a transcoder trained on a "
            f"transformers model); {self.kind} models cannot read a module's input. Open the "
            "model with transformers (AutoModelForCausalLM) instead."
        )

    @abstractmethod
    def layer_of(self, hook: str) -> int | None:
        """Index of the block whose output the hook reads (-1: embeddings; None: unknown)."""

    @abstractmethod
    def run_to_hook(self, tokens: torch.Tensor, hook: str) -> torch.Tensor:
        """Activation at ``hook`` for ``tokens [batch, pos]``; the forward stops after it."""

    @abstractmethod
    def run_with_edits(
        self, tokens: torch.Tensor, edits: Mapping[str, Edit], cache: Any = None
    ) -> torch.Tensor:
        """Logits ``[batch, pos, d_vocab]`` with each hook's activation passed through its edit.

        With a ``cache`` from ``new_cache``, ``tokens`` continue the tokens already in it (edits
        then see only the new positions) and the cache is extended in place. Gradients flow
        through the edits (nothing here runs under ``no_grad``)."""

    def new_cache(self, batch: int) -> Any:
        """An empty key-value cache for incremental decoding of ``batch`` sequences, or None
        when the adapter has none (generation then re-runs the whole sequence each step)."""
        return None

    def forward_from_hook(
        self, tokens: torch.Tensor, hook: str, activation: torch.Tensor
    ) -> torch.Tensor:
        """Logits when the activation at ``hook`` is replaced by ``activation`` (same shape)."""

        def replace(act: torch.Tensor) -> torch.Tensor:
            if act.shape != activation.shape:
                raise DataError(
                    f"The replacement activation has shape {tuple(activation.shape)} but hook "
                    f"{hook!r} gives {tuple(act.shape)}; pass one of that shape."
                )
            return activation.to(act.dtype)

        return self.run_with_edits(tokens, {hook: replace})

    @abstractmethod
    def unembed(self) -> torch.Tensor:
        """The unembedding ``W_U [d_model, d_vocab]`` as float32."""

    @abstractmethod
    def output_directions(
        self, W_dec: torch.Tensor, hook: str, head_index: int | None
    ) -> torch.Tensor | None:
        """Each SAE feature's direct write into the residual stream ``[d_sae, d_model]``, or
        None when the hook's activation does not map linearly onto it."""

    @abstractmethod
    def to_tokens(self, texts: list[str], prepend_bos: bool) -> list[list[int]]:
        """Token ids of each text (BOS first when ``prepend_bos`` and the tokenizer has one)."""

    @abstractmethod
    def str_tokens(self, ids: list[int]) -> list[str]:
        """The string of each token id."""

    def tokenize_document(self, text: str) -> list[int]:
        """Token ids of one document without any special tokens."""
        tok = self.tokenizer
        if tok is None:
            raise DataError("The model has no tokenizer; pass token tensors instead of strings.")
        return list(tok(text, add_special_tokens=False)["input_ids"])

    @property
    def bos_token_id(self) -> int | None:
        """Id of the BOS token, or None when the tokenizer has none."""
        tok = self.tokenizer
        return None if tok is None else tok.bos_token_id

    def check_tokens(self, tokens: torch.Tensor) -> None:
        """Raise DataError unless ``tokens`` is ``[batch, pos]`` of valid ids within context."""
        if not isinstance(tokens, torch.Tensor):
            raise DataError(f"tokens must be a torch tensor, got {type(tokens).__name__}.")
        if tokens.ndim != 2:
            raise DataError(f"tokens must be [batch, pos], got shape {tuple(tokens.shape)}.")
        if tokens.is_floating_point() or tokens.is_complex() or tokens.dtype == torch.bool:
            raise DataError(
                f"tokens must hold integer token ids, got dtype {tokens.dtype}; pass "
                "tokens.long()-style ids, not activations or a mask."
            )
        if tokens.shape[1] > self.n_ctx:
            raise DataError(
                f"Sequences of {tokens.shape[1]} tokens are longer than the model's context "
                f"{self.n_ctx}; cut them to at most {self.n_ctx} tokens."
            )
        if tokens.numel() and (tokens.min() < 0 or tokens.max() >= self.d_vocab):
            raise DataError(f"Token ids must lie in 0..{self.d_vocab - 1}.")
