"""saes: SAE weights, their architectures (encode/decode) and the on-disk formats they come in.

Owns ``SAEWeights`` and ``load_sae``. May import the ground (``_errors``) and ``annotations``
(it does not); never models, store or anything above.
"""
