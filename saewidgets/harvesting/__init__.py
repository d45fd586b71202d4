"""harvesting: data to token sequences, the mergeable accumulators, one-pass harvest, merge.

Named ``harvesting`` because ``saewidgets.harvest`` is the public function. May import
``analysis`` (logit tables when finishing a store), ``store``, ``models``, ``saes`` and below.
"""
