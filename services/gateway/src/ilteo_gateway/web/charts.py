"""Horizontal bar charts drawn on the server as SVG: no chart library, no script.

The geometry is computed here; ``_chart.html`` writes it out. The scale ends on a
round number (1, 2 or 5 times a power of ten) so that its ticks read easily, and a
value of zero draws no bar but still shows its figure.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 360  # the viewBox width: about a phone's width, so text keeps its size
LABEL_WIDTH = 104  # room for the longest district name (Michuhol-gu, 미추홀구)
VALUE_ROOM = 56  # room right of the longest bar for its figure
ROW_HEIGHT = 28
BAR_HEIGHT = 18
AXIS_HEIGHT = 22
TICKS = 4


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    y: float  # top of the row
    width: float  # length of the bar


@dataclass(frozen=True, slots=True)
class Tick:
    value: int
    x: float


@dataclass(frozen=True, slots=True)
class BarChart:
    bars: list[Bar]
    ticks: list[Tick]
    width: int
    height: int
    label_width: int
    bar_height: int
    row_height: int
    plot_width: float
    scale_max: int

    @property
    def axis_y(self) -> float:
        return self.height - AXIS_HEIGHT


def nice_max(value: int) -> int:
    """The smallest of 1, 2, 5 × 10ⁿ that is at least ``value`` (and at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    raise AssertionError("unreachable: 10 × power exceeds value")


def bar_chart(rows: Sequence[tuple[str, int]]) -> BarChart:
    """Bars for ``(label, value)`` rows, in the given order."""
    top = nice_max(max((value for _, value in rows), default=0))
    plot_width = WIDTH - LABEL_WIDTH - VALUE_ROOM
    bars = [
        Bar(
            label=label,
            value=value,
            y=index * ROW_HEIGHT,
            width=plot_width * max(value, 0) / top,
        )
        for index, (label, value) in enumerate(rows)
    ]
    step = top / TICKS
    ticks = [
        Tick(value=round(step * n), x=LABEL_WIDTH + plot_width * n / TICKS)
        for n in range(TICKS + 1)
        if step * n == round(step * n)
    ]
    return BarChart(
        bars=bars,
        ticks=ticks,
        width=WIDTH,
        height=len(rows) * ROW_HEIGHT + AXIS_HEIGHT,
        label_width=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
        row_height=ROW_HEIGHT,
        plot_width=plot_width,
        scale_max=top,
    )
