"""A text progress bar for long imports on the command line (written to stderr)."""

import time


class ProgressBar:
    WIDTH = 30

    def __init__(self, stream, *, label: str = ""):
        self.stream = stream
        self.label = label
        self.started = time.monotonic()
        self.last = 0.0

    def update(self, rows: int, fraction: float) -> None:
        now = time.monotonic()
        if now - self.last < 0.2 and fraction < 1:
            return
        self.last = now
        fraction = min(max(fraction, 0.0), 1.0)
        filled = int(self.WIDTH * fraction)
        rate = rows / max(now - self.started, 1e-6)
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {fraction:4.0%} "
                          f"{rows:,} rows {rate:,.0f} rows/s", ending="")
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("", ending="\n")
