"""Explain features with an LLM and score the explanations on held-out examples."""
