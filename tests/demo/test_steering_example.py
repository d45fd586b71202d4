"""The demo report's steering example visibly changes the demo model's continuation."""

from __future__ import annotations

import pytest

import saewidgets as sw
from saewidgets.demo._job import STEERING, STEERING_PROMPT


@pytest.mark.slow
def test_steering_example_changes_the_continuation() -> None:
    lens = sw.demo_lens(device="cpu")
    r = lens.steer(STEERING_PROMPT, STEERING, max_new_tokens=12)
    print(repr(r.text_clean), "->", repr(r.text_after))
    assert " war" in r.text_after and " war" not in r.text_clean
