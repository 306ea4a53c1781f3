"""How a build tells its caller how far it is, and how long each stage took."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# (stage label, items done, items in the stage); the CLI draws it as a progress bar.
# Called from the build's own thread only (the CLI's bar is not thread-safe).
ProgressCallback = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    """The progress callback of a caller that shows none."""


class StageClock:
    """Seconds spent in each stage, in the order the stages first ran."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - start
