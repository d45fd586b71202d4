"""models: the Lens (model + SAE + hook) and the model adapters that run a model up to a hook.

May import ``saes`` and the layers below it; never store, analysis, harvesting, widgets or demo.
"""
