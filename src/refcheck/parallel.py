"""Documents extracted on several cores (`refcheck audit --jobs N`) or on a Dask cluster (`--dask`).

Extraction -- layout, citation finders, reference parsing, spaCy sentences --
is what an audit spends its time on per document, and each document's
extraction depends on nothing but the document. So documents are read in the
main process (unreadable ones are reported there, in order), extracted by
workers that each load the spaCy pipeline once, and handed back in the
documents' order; resolution against the library and the rules run in the
main process on exactly what one process would have seen. The results are
therefore identical to `--jobs 1`, in the same order (tested).

Workers are forked where the platform allows and torch is not loaded (they
then share the already loaded pipeline), else spawned, and then only for at
least four documents per worker. A single document, or `jobs` of 1, is
extracted in the main process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from refcheck.errors import InputError, UsageError

_NLP: Any = None  # the worker's pipeline
# A spawned worker loads spaCy again (seconds): worth it only with a few documents per worker.
_SPAWN_WORTH = 4


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _init_worker(blank: bool) -> None:
    global _NLP
    from refcheck.extract.nlp import load_pipeline

    _NLP = load_pipeline(blank=blank)


def extract_one(document, blank: bool = False):
    """A worker's extraction of one document (the pipeline loaded once per worker process)."""
    from refcheck.extract import extract

    if _NLP is None:
        _init_worker(blank)
    return extract(document, _NLP)


def _context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    # forking a process that runs torch's thread pools can deadlock the child
    return multiprocessing.get_context("fork" if "fork" in methods and "torch" not in sys.modules else "spawn")


def extract_documents(items: Iterable, nlp, *, jobs: int = 1, blank: bool = False,
                      dask: str | None = None) -> Iterator[tuple[Any, Any]]:  # fmt: skip
    """(item, its Extraction) for every item of `iter_documents`, in order; (error, None) for an InputError."""
    from refcheck.extract import extract

    if dask is None and jobs <= 1:
        for item in items:  # streaming: one document in memory at a time
            yield item, (None if isinstance(item, InputError) else extract(item, nlp))
        return
    items = list(items)
    documents = [item for item in items if not isinstance(item, InputError)]
    if dask is not None:
        extractions = iter(_on_dask(documents, dask, jobs, blank))
    elif len(documents) < (2 if _context().get_start_method() == "fork" else _SPAWN_WORTH * jobs):
        extractions = (extract(d, nlp) for d in documents)
    else:
        extractions = _on_pool(documents, min(jobs, len(documents)), blank)
    for item in items:
        yield item, (None if isinstance(item, InputError) else next(extractions))


def _on_pool(documents: list, jobs: int, blank: bool) -> Iterator:
    pool = _context().Pool(jobs, initializer=_init_worker, initargs=(blank,))
    try:
        yield from pool.imap(extract_one, documents, chunksize=1)  # imap keeps the documents' order
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def _on_dask(documents: list, address: str, jobs: int, blank: bool) -> list:
    """Extract on a Dask cluster: an existing scheduler's address, or "local" for a LocalCluster of `jobs` workers."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("--dask needs the dask extra: pip install 'refcheck-corpus[dask]'") from None
    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                   dashboard_address=None)  # fmt: skip
            client = Client(cluster)
        else:
            client = Client(address, timeout="30s")
    except OSError as exc:
        raise UsageError(f"cannot reach the Dask scheduler {address}: {exc}") from None
    try:
        # documents travel with their text, so the workers need no shared file system
        futures = client.map(extract_one, documents, blank=blank, pure=False)
        return client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
