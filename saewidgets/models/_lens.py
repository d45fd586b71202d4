"""Lens: a language model (through its adapter), an SAE and the hook between them."""

from __future__ import annotations

import hashlib
from functools import cached_property
from typing import TYPE_CHECKING, Any

import torch

from saewidgets._checks import device_arg, int_arg, text_arg
from saewidgets._errors import ActivationError, DataError, SAEConfigError, count_arg
from saewidgets._tokenbytes import display_tokens
from saewidgets.models._adapter import ModelAdapter
from saewidgets.models._fingerprint import model_fingerprint
from saewidgets.models._hf import HFAdapter, is_hf_model
from saewidgets.models._hooked import HookedAdapter
from saewidgets.models._tokenizer import tokenizer_partial_tokens
from saewidgets.saes._load import load_sae
from saewidgets.saes._weights import SAEWeights

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    import pandas as pd
    from transformer_lens import HookedTransformer
    from transformers import PreTrainedModel

    from saewidgets.annotations._annotations import Annotations
    from saewidgets.models._interventions import Intervention

DEFAULT_CONTEXT = 128


class Lens:
    """A model, an SAE and a hook: encodes text into SAE feature activations.

    ``model`` is a transformer_lens ``HookedTransformer``, a Hugging Face causal LM
    (``AutoModelForCausalLM``; ``hook`` is then a module path such as ``"model.layers.6"``), a
    ``ModelAdapter``, or an official transformer_lens model name. ``sae`` is anything
    ``load_sae`` reads (a SAELens ``SAE``, a folder in any supported format, ``"release/sae_id"``).
    ``hook`` defaults to the SAE's own hook (translated to the model's naming); an explicit
    ``hook`` wins. ``tokenizer`` overrides the model's own. The user's model and SAE objects are
    never modified (the SAE is copied), except that ``device`` moves the model there; the device
    is checked first, and a Lens that fails to build moves the model back.

    ``hook`` is the site the SAE reads (encode, harvest) and ``hook_out`` the site it writes
    (decode, steer, ablate, attribute, logit weights): the same hook unless the SAE is a
    transcoder. A transcoder trained on a module's input reads ``"<module>:input"``.
    """

    def __init__(
        self,
        model: HookedTransformer | PreTrainedModel | ModelAdapter | str,
        sae: Any,
        hook: str | None = None,
        tokenizer: Any | None = None,
        device: str | torch.device | None = None,
        context_size: int | None = None,
    ) -> None:
        dev = device_arg(device)
        if hook is not None:
            text_arg(hook, "hook")
        self.adapter: ModelAdapter = make_adapter(model, tokenizer, dev)
        self.model = self.adapter.model
        if context_size is not None:
            int_arg(context_size, "context_size", 1, self.adapter.n_ctx)
        weights = load_sae(sae, hook=hook)  # read before the model moves anywhere
        original = self.adapter.device
        self.device = dev if dev is not None else original
        moved = dev is not None and original != dev
        if moved:
            self.model.to(dev)
        try:
            self._finish(weights, hook, context_size)
        except BaseException:
            if moved:  # a failed Lens leaves the user's model where it was
                self.model.to(original)
            raise

    def _finish(self, weights: SAEWeights, hook: str | None, context_size: int | None) -> None:
        self.sae: SAEWeights = weights.to(self.device)
        self.hook, self.hook_out = self._sites(hook)
        self.layer = self.adapter.layer_of(self.hook)
        self.prepend_bos = self.sae.prepend_bos
        n_ctx = self.adapter.n_ctx
        self.context_size = _context_size(context_size, self.sae, n_ctx)
        self._vocab: list[str] | None = None
        self._partial: dict[int, bytes] | None = None
        self._check_width()

    def _sites(self, hook: str | None) -> tuple[str, str]:
        """(input site, output site) in the adapter's naming; see the class doc."""
        sae = self.sae
        read = self.adapter.resolve_hook(hook, sae.hook_name)
        if not sae.is_transcoder:
            return read, read
        same = sae.output_hook == sae.hook_name
        write = read if same else self.adapter.resolve_hook(None, sae.output_hook)
        return (self.adapter.input_site(read) if sae.reads_module_input else read), write

    # -- identity -------------------------------------------------------------------------
    @property
    def d_sae(self) -> int:
        """Number of SAE features."""
        return self.sae.d_sae

    @property
    def model_name(self) -> str:
        """The model's name as its library records it."""
        name = self.adapter.name
        return name if name != "model" else str(self.sae.model_name or name)

    @cached_property
    def model_fingerprint(self) -> str:
        """Identity of the model's weights and vocabulary (not its name); see ``_fingerprint``."""
        return model_fingerprint(self.model, self.vocab())

    @property
    def sae_id(self) -> str:
        """Stable id of (model weights and vocabulary, hook, SAE weights): annotations and
        stores key on it."""
        both = f"{self.model_fingerprint}/{self.sae.fingerprint()}".encode()
        return f"{self.model_name}/{self.hook}/{hashlib.sha256(both).hexdigest()[:16]}"

    # -- tokens ---------------------------------------------------------------------------
    def to_tokens(self, text: str | list[str]) -> torch.Tensor:
        """Token ids ``[batch, pos]`` (BOS prepended when the SAE was trained with it)."""
        if not isinstance(text, (str, list, tuple)):
            raise DataError(
                f"text must be a string or a list of strings, got {type(text).__name__}."
            )
        texts = [text] if isinstance(text, str) else list(text)
        if not texts or any(not isinstance(t, str) or t == "" for t in texts):
            raise DataError("Empty text: pass a non-empty string (or a list of non-empty strings).")
        if self.adapter.tokenizer is None:
            raise DataError(
                "The model has no tokenizer: pass tokenizer= to the Lens, or token ids."
            )
        rows = self.adapter.to_tokens(texts, self.prepend_bos)
        longest = max(len(r) for r in rows)
        if longest > self.adapter.n_ctx:
            raise DataError(
                f"The text is {longest} tokens long but the model's context is "
                f"{self.adapter.n_ctx}; split it into shorter pieces (harvest() chunks long "
                "texts for you)."
            )
        pad = getattr(self.adapter.tokenizer, "pad_token_id", None) or 0
        toks = torch.full((len(rows), longest), pad, dtype=torch.long)
        for i, r in enumerate(rows):
            toks[i, : len(r)] = torch.tensor(r, dtype=torch.long)
        return toks

    def to_str_tokens(self, text: str) -> list[str]:
        """The text's tokens as strings, as ``encode`` sees them."""
        ids = self.to_tokens(text)[0].tolist()
        return display_tokens(ids, self.adapter.str_tokens(ids), self.partial_tokens())

    def tokenize_document(self, text: str) -> list[int]:
        """Token ids of one document without any BOS (used to pack text for harvesting)."""
        return self.adapter.tokenize_document(text)

    @property
    def bos_token_id(self) -> int | None:
        """Id of the BOS token, or None when the tokenizer has none."""
        return self.adapter.bos_token_id

    def special_token_ids(self) -> list[int]:
        """The tokenizer's special tokens (BOS, EOS, PAD, UNK, ...; SAELens's
        ``exclude_special_tokens=True``), or just BOS when the model has no tokenizer."""
        tok = self.adapter.tokenizer
        ids = set(getattr(tok, "all_special_ids", None) or [])
        if self.bos_token_id is not None:
            ids.add(int(self.bos_token_id))
        d_vocab = self.adapter.d_vocab
        return sorted(int(i) for i in ids if i is not None and 0 <= int(i) < d_vocab)

    def vocab(self) -> list[str]:
        """The string of every token id, in id order (computed once; do not modify it)."""
        if self._vocab is None:
            self._vocab = self.adapter.str_tokens(list(range(self.adapter.d_vocab)))
        return self._vocab

    def partial_tokens(self) -> dict[int, bytes]:
        """``{id: raw bytes}`` of the tokens holding part of a UTF-8 character (computed once)."""
        if self._partial is None:
            self._partial = tokenizer_partial_tokens(self.adapter.tokenizer, self.adapter.d_vocab)
        return self._partial

    # -- activations ----------------------------------------------------------------------
    @torch.no_grad()
    def hook_activations(self, tokens: torch.Tensor) -> torch.Tensor:
        """Run ``tokens [batch, pos]`` up to the hook; returns ``[batch, pos, d_in]``."""
        act = self.adapter.run_to_hook(tokens, self.hook)
        if self.sae.hook_head_index is not None:
            act = act[..., self.sae.hook_head_index, :]
        elif act.ndim == 4:  # hook_z style [batch, pos, head, d_head]
            act = act.flatten(-2)
        return act

    @torch.no_grad()
    def encode_tokens(self, tokens: torch.Tensor) -> torch.Tensor:
        """Dense SAE activations ``[batch, pos, d_sae]`` for ``tokens [batch, pos]``."""
        act = self.hook_activations(tokens)
        check_finite(act, "these tokens")
        feats = self.sae.encode(act)
        check_finite(feats, "these tokens", what="SAE")
        return feats

    def encode(self, text: str | list[str]) -> torch.Tensor:
        """SAE activations: ``[pos, d_sae]`` for a string, ``[batch, pos, d_sae]`` for a list.

        A list is right-padded; positions past the end of a shorter text are zero.
        """
        if isinstance(text, str):
            return self.encode_tokens(self.to_tokens(text)).float().cpu()[0]
        if not isinstance(text, (list, tuple)):
            raise DataError(
                f"text must be a string or a list of strings, got {type(text).__name__}."
            )
        rows = [self.to_tokens(t)[0] for t in text]
        if not rows:
            raise DataError("Empty text: pass a non-empty string (or a list of non-empty strings).")
        toks = torch.zeros((len(rows), max(len(r) for r in rows)), dtype=torch.long)
        for i, r in enumerate(rows):  # right padding: causal attention never sees it
            toks[i, : len(r)] = r
        acts = self.encode_tokens(toks).float().cpu()
        for i, r in enumerate(rows):
            acts[i, len(r) :] = 0
        return acts

    def output_directions(self) -> torch.Tensor | None:
        """Each feature's direct write into the residual stream ``[d_sae, d_model]``, if defined."""
        return self.adapter.output_directions(
            self.sae.decoder, self.hook_out, self.sae.hook_head_index
        )

    def unembed(self) -> torch.Tensor:
        """The unembedding ``W_U [d_model, d_vocab]`` as float32."""
        return self.adapter.unembed()

    # -- interventions (see models/_interventions.py) -----------------------------------------
    def steer(
        self,
        prompt: str | torch.Tensor,
        features: Mapping[int, float],
        positions: Sequence[int] | None = None,
        max_new_tokens: int = 0,
    ) -> Intervention:
        """Add ``strength`` times feature f's model-space write direction at the output hook for
        each ``{f: strength}`` (``W_dec[f]``, times the per-token inverse normalisation of a
        normalising SAE: what raising the activation by ``strength`` adds to the decode).

        ``prompt`` is a string (tokenised as ``to_tokens`` does) or 1-D token ids used as given;
        the edit applies at every position in ``positions`` (default all, and every generated
        token). With ``max_new_tokens > 0`` both sides are continued greedily.
        """
        from saewidgets.models._interventions import steer

        return steer(self, prompt, features, positions, max_new_tokens)

    def ablate(
        self,
        prompt: str | torch.Tensor,
        features: Sequence[int],
        positions: Sequence[int] | None = None,
        max_new_tokens: int = 0,
    ) -> Intervention:
        """Subtract ``a_f(x) * W_dec[f]`` (in model space) at the output hook for each feature,
        with ``a_f(x)`` the SAE's activation of f on the input-hook activation ``x``; the SAE's
        reconstruction error is kept (the model sees its own activation, not the
        reconstruction). This is the exact effect that
        ``attribute`` approximates to first order: use it to check a few attributions.
        """
        from saewidgets.models._interventions import ablate

        return ablate(self, prompt, features, positions, max_new_tokens)

    def intervene(
        self,
        prompt: str | torch.Tensor,
        steer: Mapping[int, float],
        ablate: Sequence[int],
        positions: Sequence[int] | None = None,
        max_new_tokens: int = 0,
    ) -> Intervention:
        """Ablate the ``ablate`` features and add the ``steer`` vectors in one edit at the hook
        (``steer`` and ``ablate`` are the one-sided cases); either may be empty."""
        from saewidgets.models._interventions import intervene

        return intervene(self, prompt, steer, ablate, positions, max_new_tokens)

    def attribute(
        self,
        prompt: str | torch.Tensor,
        position: int = -1,
        target: int | str | None = None,
        *,
        annotations: Annotations | None = None,
    ) -> pd.DataFrame:
        """First-order attribution of ``log_softmax(logits[position])[target]`` to every active
        (pos, feature) with ``pos <= position``: ``a_f(x_p) * (d_f(x_p) . dm/dy_p)`` with ``d_f``
        the feature's model-space write direction and ``y`` the output hook, all from one
        forward and one backward pass. ``target`` (a token id or one-token string) defaults to
        the clean top token.

        Columns: ``pos``, ``token``, ``feature``, ``activation``, ``attribution`` (plus ``label``
        with ``annotations``), sorted by ``|attribution|`` descending; ``df.attrs`` holds
        ``position``, ``target`` and ``target_token``. It is a linear estimate of what removing
        the feature does: ``lens.ablate(prompt, [f], positions=[pos])`` gives the exact change
        (``logits_after`` vs ``logits_clean``) for any few of them.
        """
        from saewidgets.models._interventions import attribute

        return attribute(self, prompt, position, target, annotations=annotations)

    def _check_width(self) -> None:
        probe = torch.zeros((1, 2), dtype=torch.long, device=self.device)
        if self.bos_token_id is not None:
            probe[:] = self.bos_token_id
        head = self.sae.hook_head_index
        if head is not None:
            raw = self.adapter.run_to_hook(probe, self.hook)
            if raw.ndim != 4 or not 0 <= head < raw.shape[2]:
                heads = "no head axis" if raw.ndim != 4 else f"{raw.shape[2]} heads"
                raise SAEConfigError(
                    f"The SAE reads attention head {head} (hook_head_index in its config) but "
                    f"hook {self.hook!r} gives activations of shape {tuple(raw.shape)} "
                    f"({heads}). Use the hook the SAE was trained on (an attention hook such "
                    "as blocks.0.attn.hook_z), or an SAE whose hook_head_index is null."
                )
        width = int(self.hook_activations(probe).shape[-1])
        if width != self.sae.d_in:
            raise SAEConfigError(
                f"The SAE reads {self.sae.d_in}-wide activations but hook {self.hook!r} of "
                f"{self.model_name} is {width} wide. Use the SAE trained for this hook, or pass "
                "the hook the SAE was trained on."
            )
        if self.hook_out == self.hook:
            return
        out = self.adapter.run_to_hook(probe, self.hook_out)
        if self.sae.hook_head_index is None and out.ndim == 4:
            out = out.flatten(-2)
        if int(out.shape[-1]) != self.sae.d_out:
            raise SAEConfigError(
                f"The transcoder writes {self.sae.d_out}-wide activations but its output hook "
                f"{self.hook_out!r} of {self.model_name} is {int(out.shape[-1])} wide."
            )

    def __repr__(self) -> str:
        out = "" if self.hook_out == self.hook else f", hook_out={self.hook_out!r}"
        return (
            f"Lens(model={self.model_name!r}, hook={self.hook!r}{out}, d_sae={self.d_sae}, "
            f"architecture={self.sae.architecture!r}, device={str(self.device)!r})"
        )


def check_finite(act: torch.Tensor, where: str, what: str = "model") -> None:
    """Raise ActivationError when ``act`` holds NaN or inf, naming ``where`` and whether the
    ``"model"`` (at the hook) or the ``"SAE"`` (its feature activations) produced them."""
    if not torch.isfinite(act).all():
        bad = int((~torch.isfinite(act)).sum())
        if what == "SAE":
            raise ActivationError(
                f"The SAE produced {bad} NaN/inf feature activations for {where} (its input was "
                "finite). Check the SAE's weights and dtype (fp16 overflows; try float32)."
            )
        raise ActivationError(
            f"The model produced {bad} NaN/inf activation values at the hook for {where}. "
            "Check the model's dtype (fp16 overflows; try float32) and its weights."
        )


def make_adapter(model: Any, tokenizer: Any | None, device: Any) -> ModelAdapter:
    """The adapter for ``model``: a HookedTransformer, a transformers causal LM, or a name."""
    if isinstance(model, ModelAdapter):
        return model
    if isinstance(model, str):
        return HookedAdapter(_load_hooked(model, device))
    if hasattr(model, "run_with_hooks") and hasattr(model, "hook_dict"):
        if getattr(getattr(model, "cfg", None), "attention_dir", "causal") != "causal":
            raise SAEConfigError(
                f"{type(model).__name__} attends in both directions (attention_dir="
                f"{model.cfg.attention_dir!r}): it is not a causal LM. Pass a HookedTransformer."
            )
        return HookedAdapter(model)
    if is_hf_model(model):
        return HFAdapter(model, tokenizer)
    raise SAEConfigError(
        "model must be a transformer_lens HookedTransformer, a transformers causal LM "
        f"(AutoModelForCausalLM) or a model name, not {type(model).__name__}."
    )


def _load_hooked(model: str, device: Any) -> HookedTransformer:
    from transformer_lens import HookedTransformer

    dev = device or ("cuda" if torch.cuda.is_available() else "cpu")
    try:
        return HookedTransformer.from_pretrained(model, device=str(dev))
    except Exception as exc:
        raise SAEConfigError(
            f"transformer_lens could not load model {model!r}: {exc}. Pass an official "
            "model name with the model hub reachable, or a HookedTransformer object."
        ) from exc


def _context_size(given: Any, sae: SAEWeights, n_ctx: int) -> int:
    """Tokens per packed sequence: ``given``, else the SAE's config, else ``DEFAULT_CONTEXT``,
    at most the model's context. A size with no room for a token after BOS is refused: packing
    would make BOS-only sequences forever."""
    least = 2 if sae.prepend_bos else 1
    if given is not None:
        size = min(count_arg(given, "context_size", least), n_ctx)
    elif sae.context_size is None:
        size = min(DEFAULT_CONTEXT, n_ctx)
    else:
        cfg = sae.context_size
        if isinstance(cfg, bool) or not isinstance(cfg, int) or cfg < least:
            raise SAEConfigError(
                f"The SAE's config gives context_size={cfg!r}, but a packed sequence needs at "
                f"least {least} token(s){' (BOS and one after it)' if least == 2 else ''}. "
                "Pass context_size= to the Lens (e.g. context_size=128), or fix the SAE's config."
            )
        size = min(cfg, n_ctx)
    if size < least:
        raise SAEConfigError(
            f"The model's context is {n_ctx} tokens: no room for BOS and a token after it, so "
            "nothing can be harvested with it."
        )
    return size
