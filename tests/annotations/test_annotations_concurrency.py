"""Two kernels writing at once, and a writer killed mid-stream, lose no committed annotation."""

from __future__ import annotations

import multiprocessing as mp
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import saewidgets as sw

N_EACH = 1000


def _write_many(path: str, start: int, barrier: mp.synchronize.Barrier) -> None:
    ann = sw.Annotations(path)
    barrier.wait(timeout=60)
    for f in range(start, start + N_EACH):
        ann.set("sae", f, label=f"feature {f}", status="interpretable", author=f"writer{start}")
    ann.close()


def test_two_processes_writing_at_once_keep_all_annotations(tmp_path: Path) -> None:
    path = str(tmp_path / "ann.db")
    sw.Annotations(path).close()
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_write_many, args=(path, s, barrier)) for s in (0, N_EACH)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0, 0]

    ann = sw.Annotations(path)
    df = ann.to_dataframe("sae")
    assert list(df.index) == list(range(2 * N_EACH))
    assert (df["label"] == [f"feature {f}" for f in df.index]).all()
    assert set(df["author"]) == {"writer0", f"writer{N_EACH}"}
    assert ann.last_change() == 2 * N_EACH


_KILLED_WRITER = textwrap.dedent(
    """
    import sys
    import saewidgets as sw

    ann = sw.Annotations(sys.argv[1])
    f = 0
    while True:
        ann.set("sae", f, label=f"committed {f}", tags=["t"])
        print(f, flush=True)
        f += 1
    """
)


def test_writer_killed_mid_stream_keeps_every_committed_write(tmp_path: Path) -> None:
    path = tmp_path / "ann.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    reported = []
    for line in proc.stdout:
        reported.append(int(line))
        if len(reported) == 300:
            proc.send_signal(signal.SIGKILL)
            break
    reported += [int(line) for line in proc.stdout]  # printed before the kill, still in the pipe
    assert proc.wait(timeout=30) == -signal.SIGKILL

    ann = sw.Annotations(path)
    labels = ann.labels("sae")
    assert len(reported) >= 300
    assert all(labels[f] == f"committed {f}" for f in reported)
    assert len(labels) - len(reported) in (0, 1)  # at most the write it had no time to report
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
