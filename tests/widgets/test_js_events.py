"""No view subscribes to several events in one ``on``/``off`` call: JupyterLab's model splits
``"change:a change:b"`` into two events, marimo's takes it as one name that never fires (so a
TokenView's live edit did nothing there). Views subscribe through ``listen``
(js/src/lib/events.ts)."""

from __future__ import annotations

import re
from pathlib import Path

JS = Path(__file__).resolve().parents[2] / "js" / "src"
CALL = re.compile(r"\.(on|off)\(\s*([^,)]*)")
ONE_EVENT = re.compile(r'^"[\w:-]+"$')
LISTEN = re.compile(r"\blisten\(\s*[\w.]+\s*,\s*\[([^\]]*)\]")
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'|`[^`]*`")


def subscriptions_of_several(text: str) -> list[str]:
    """First arguments of ``.on(``/``.off(`` calls in ``text`` that are not one literal event."""
    args = [m[2].strip() for m in CALL.finditer(text)]
    bad = [a for a in args if a and not ONE_EVENT.match(a)]  # `.off()`: no event named
    for m in LISTEN.finditer(text):  # listen(model, ["change:a", ...]): each one event
        bad += [q for q in QUOTED.findall(m[1]) if not ONE_EVENT.match(q)]
    return bad


def test_the_check_flags_a_multi_event_or_computed_subscription() -> None:
    text = 'model.on("change:a change:b", f); model.off(events, f); model.on("change:a", f)'
    text += '; listen(model, ["change:x", "change:y change:z"], f)'
    assert subscriptions_of_several(text) == [
        '"change:a change:b"',
        "events",
        '"change:y change:z"',
    ]


def test_no_view_subscribes_to_several_events_in_one_call() -> None:
    files = sorted(JS.rglob("*.ts"))
    assert len(files) > 20
    bad = {
        str(path.relative_to(JS)): found
        for path in files
        if path.name != "events.ts"  # listen(): one name per call, in a loop
        if (found := subscriptions_of_several(path.read_text()))
    }
    assert bad == {}
