"""Stand-ins for the fetcher, shared by the tests of the stages that call it."""

import threading
import time
from collections.abc import Callable


class SlowFetch:
    """Replaces ``fetch.fetch``: each call holds for ``hold`` seconds, then answers ``answer(url)``.

    ``peak`` is the most calls seen in flight at once: the concurrency the caller allowed itself.
    """

    def __init__(self, answer: Callable[[str], object], hold: float = 0.05):
        self.answer = answer
        self.hold = hold
        self.peak = 0
        self._in_flight = 0
        self._lock = threading.Lock()

    def __call__(self, url: str, **kwargs):
        with self._lock:
            self._in_flight += 1
            self.peak = max(self.peak, self._in_flight)
        time.sleep(self.hold)
        with self._lock:
            self._in_flight -= 1
        return self.answer(url)
