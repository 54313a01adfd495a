"""Digesting a fetched feed: parse, normalise and classify its entries. CPU work, no I/O.

This module imports neither models nor settings, so it also runs in worker processes: feedparser holds
the GIL, and with parsing in threads a pass uses one core however many it has. :class:`Digester` runs
documents in this process (few sources, tests) or in a pool of worker processes (big passes).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime

from . import dedupe, normalize, parse
from .classify import Rule, RuleSet, classify
from .intents import ClassifiedItem, SourceSnapshot
from .search_vector import search_vector

logger = logging.getLogger(__name__)

MAX_ENTRIES = 500  # a feed is a window on recent news, not an archive


@dataclass(frozen=True)
class Digested:
    """What a feed document became: classified items, or why there are none."""

    items: list[ClassifiedItem]
    malformed: bool = False
    problem: str = ""
    identity_policy: str = ""
    identity_note: str = ""
    error: str = ""  # set when the document could not be read at all


def digest(
    snapshot: SourceSnapshot,
    content: bytes,
    headers: Mapping[str, str],
    url: str,
    rules: RuleSet,
    threshold: float,
    now: datetime,
    search_vectors: bool = False,
) -> Digested:
    """``search_vectors``: build each item's full-text search vector too (PostgreSQL stores them)."""
    try:
        feed = parse.parse_feed(content, dict(headers), url)
    except parse.ParseError as exc:
        return Digested([], malformed=True, error=f"parse: {exc}")
    except Exception as exc:  # a parser crash is this source's problem, never the pass's
        logger.exception("parsing %s failed", snapshot.feed_url)
        return Digested([], malformed=True, error=f"parse: {exc!r}")
    entries = feed.entries[:MAX_ENTRIES]
    policy, note = normalize.choose_identity(snapshot.identity_policy, entries)
    items = []
    for entry in entries:
        item = normalize.normalize_entry(
            entry, policy=policy, time_zone=snapshot.time_zone, now=now, base_url=feed.link or url
        )
        result = classify(item.title, item.text, rules)
        relevant = not snapshot.asean_filter or result.score >= threshold
        stored = normalize.as_stored(item, snapshot.reuse_rights)
        vector = search_vector(stored.title, stored.summary, stored.content) if search_vectors else None
        items.append(ClassifiedItem(stored, result, relevant, dedupe.title_signature(item.title), vector))
    return Digested(items, feed.malformed, feed.problem, policy, note)


# --- worker processes -------------------------------------------------------------------------------

_worker_rules: RuleSet | None = None
# Digest workers yield the cores to the process that stores their results, to its database and to the
# web server: a pass is paced by whichever of digesting and storing falls behind, and with both at one
# priority the stored results fell behind and a core sat idle at the end of the pass (91-95 % of the 2
# cores busy during the benchmark's pass, 96-98 % with the workers at 10).
WORKER_NICENESS = 10


def _start_worker(rules: Sequence[Rule]) -> None:
    global _worker_rules
    os.nice(WORKER_NICENESS)
    _worker_rules = RuleSet(rules)


def _digest_in_worker(snapshot, content, headers, url, threshold, now, search_vectors) -> Digested:
    return digest(snapshot, content, headers, url, _worker_rules, threshold, now, search_vectors)


def _worker_ready() -> None:
    """Nothing: a worker that runs it is up."""


class Digester:
    """Digests documents for one pass, in ``processes`` worker processes or (0) in the calling thread.

    Workers come from a fork server (a fresh, single-threaded process with these modules loaded): forking
    the pass's own process, with its scheduler and fetch threads, could copy a lock some thread holds.
    They are started by the first document (:meth:`start`): a pass whose sources all answer 304 starts
    none. Starting them takes ~0.2 s, in which this process would only wait: until the first worker is
    up, one document at a time is digested in the calling thread.
    """

    def __init__(self, rules: Sequence[Rule], threshold: float, processes: int = 0, search_vectors: bool = False):
        self.rules = list(rules)
        self.rule_set = RuleSet(rules)
        self.threshold = threshold
        self.search_vectors = search_vectors
        self.processes = processes
        self._pool = None
        self._starting = threading.Lock()
        self._started = processes <= 0
        self.workers_up = threading.Event()
        self._digesting_here = threading.Lock()

    def start(self) -> None:
        """Starts the worker processes, if this digester has any and they are not started yet."""
        if self._started:
            return
        with self._starting:
            if self._started:
                return
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([__name__])
            self._pool = ProcessPoolExecutor(
                self.processes, mp_context=context, initializer=_start_worker, initargs=(self.rules,)
            )
            threading.Thread(target=self._start_workers, args=(self._pool,), daemon=True).start()
            self._started = True

    def _start_workers(self, pool: ProcessPoolExecutor) -> None:
        # Submitting blocks until the fork server is up and has forked a worker: a thread of its own waits.
        try:
            with contextlib.suppress(Exception):  # a broken or closed pool: documents find out when submitted
                pool.submit(_worker_ready).result()
        finally:
            self.workers_up.set()

    def __call__(self, snapshot: SourceSnapshot, content: bytes, headers: Mapping[str, str], url: str, now):
        self.start()
        pool = self._pool
        if pool is not None and not self.workers_up.is_set() and self._digesting_here.acquire(blocking=False):
            try:
                return digest(snapshot, content, headers, url, self.rule_set, self.threshold, now, self.search_vectors)
            finally:
                self._digesting_here.release()
        if pool is not None:
            try:
                return pool.submit(
                    _digest_in_worker, snapshot, content, dict(headers), url, self.threshold, now, self.search_vectors
                ).result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory): finish the pass here rather than lose it.
                logger.error("a digest worker died while reading %s; digesting in-process", snapshot.feed_url)
                self._pool = None
                pool.shutdown(wait=False, cancel_futures=True)
        return digest(snapshot, content, headers, url, self.rule_set, self.threshold, now, self.search_vectors)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Digester:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
