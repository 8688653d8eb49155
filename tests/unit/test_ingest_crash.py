"""kill -9 in the middle of an ingest: the index stays usable and the next ingest completes it."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from assistant.backends.vectorstore import ChromaStore
from assistant.kb import index
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from assistant.testing.fakes import HashEmbedder
from tests.conftest import DEMO_KB

SLOW_INGEST = """
import time
from pathlib import Path
from assistant.backends.vectorstore import ChromaStore
from assistant.kb import index
from assistant.kb.load import load
from assistant.testing.fakes import HashEmbedder

class SlowEmbedder(HashEmbedder):
    def embed_documents(self, texts):
        time.sleep(0.2)
        return super().embed_documents(texts)

store = ChromaStore("crash", path=Path({db!r}))
index.ingest(load(Path({kb!r})), SlowEmbedder(), store, batch_size=8,
             progress=lambda done, total: print(done, flush=True))
"""


def test_killed_ingest_leaves_a_usable_index(tmp_path: Path) -> None:
    db = tmp_path / "chroma"
    script = textwrap.dedent(SLOW_INGEST.format(db=str(db), kb=str(DEMO_KB)))
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if int(line) >= 24:  # three batches written
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL

    kb = load(DEMO_KB)
    total = len(chunks(kb))
    store = ChromaStore("crash", path=db)
    partial = len(store.stored_hashes())
    assert 24 <= partial < total
    assert store.query(HashEmbedder().embed_query("ChatGPT"), 3)  # still searchable
    state = index.status(kb, store)
    assert not state.up_to_date and len(state.new) == total - partial

    report = index.ingest(kb, HashEmbedder(), store)
    assert report.added == total - partial and report.unchanged == partial
    assert index.status(kb, store).up_to_date
