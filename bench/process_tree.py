"""The memory a process and all its descendants hold at once, sampled while it runs.

RUSAGE_CHILDREN gives only the largest single child's peak; what a machine must have is
the peak of them all together: our process and the extraction workers.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
MIB = 1024 * 1024
# A sample walks /proc: about 2 ms with a build running. Four a second cost the machine
# under 0.5% of its two cores, and a peak lasts longer than that.
SAMPLE_SECONDS = 0.25


def tree_rss_bytes(root_pid: int) -> int:
    """The resident memory of root_pid and every process descended from it, now."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue  # ended while we looked
        # The command name (in parentheses) may hold spaces; the parent follows it.
        parents[int(entry.name)] = int(stat.rpartition(")")[2].split()[1])
    tree = {root_pid}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    total = 0
    for pid in tree:
        try:
            resident = Path(f"/proc/{pid}/statm").read_text(encoding="ascii").split()[1]
        except (OSError, IndexError):
            continue
        total += int(resident) * PAGE_BYTES
    return total


class PeakTreeRss:
    """Samples a process tree's resident memory from a thread until the block ends."""

    def __init__(self, root_pid: int) -> None:
        self.root_pid = root_pid
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakTreeRss:
        if Path("/proc").is_dir():
            self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    @property
    def peak_mb(self) -> float:
        return self.peak_bytes / MIB

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_bytes = max(self.peak_bytes, tree_rss_bytes(self.root_pid))
            self._stop.wait(SAMPLE_SECONDS)
