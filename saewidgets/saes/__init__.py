"""saes: SAE weights, their architectures (encode/decode) and the on-disk formats they come in.

``_weights`` holds ``SAEWeights``; ``_arch`` + one module per architecture (``_standard``,
``_topk``, ``_jumprelu``) registered in ``_registry``; one reader per format (``_saelens``,
``_sparsify``, ``_gemmascope``, ``_dictlearn``, ``_openai``, ``_llamascope``) listed in ``_load``,
which owns ``load_sae``. May import the ground (``_errors``) and ``annotations`` (it does not);
never models, store or anything above.
"""
