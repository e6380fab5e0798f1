"""The dashboard's activity chart: geometry for a server-rendered SVG, as plain data.

`plot_activity` lays out the bars, the accuracy line and the axes' ticks in the SVG's user
units; templates/quizzes/dashboard.html (partial "activity-chart") draws them, with the
labels of days formatted by Django's date filter.
"""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .progress import DayActivity


# Bars, points and ticks are named tuples rather than frozen dataclasses: a chart has about
# a hundred, and a frozen dataclass took twice as long to create.
class Bar(NamedTuple):
    x: float
    y: float
    width: float
    height: float
    day: "DayActivity"


class Point(NamedTuple):
    """A day's accuracy on the line (a day with answers)."""

    x: float
    y: float
    day: "DayActivity"


class Tick(NamedTuple):
    """A label on the count or the accuracy axis."""

    position: float
    label: str


class DayTick(NamedTuple):
    """A label under the bars, a week apart: the day, or "Today" for the last one."""

    position: float
    day: date
    is_today: bool
    # Weekly labels crowd a phone screen: every other one is hidden there.
    minor: bool


@dataclass(frozen=True)
class ActivityChart:
    """Coordinates, in the SVG's user units, of the answers-per-day bars and the accuracy
    line; `name` makes the element ids unique on the page ("chart-{name}-title")."""

    name: str
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    bars: list[Bar]
    lines: list[str]
    trend: str
    points: list[Point]
    point_radius: int
    count_ticks: list[Tick]
    accuracy_ticks: list[Tick]
    day_ticks: list[DayTick]

    @property
    def count_label_x(self) -> float:
        """Where the count axis's labels end (left of the plot)."""
        return self.left - 6

    @property
    def accuracy_label_x(self) -> float:
        """Where the accuracy axis's labels start (right of the plot)."""
        return self.right + 6

    @property
    def day_label_y(self) -> float:
        return self.bottom + 20


def _nice_ceiling(value: int) -> int:
    """Smallest of 4, 8, 12, 20, 40, 60, 100, 200, ... that is at least `value`, so the count
    axis gets four round ticks."""
    for candidate in (4, 8, 12, 20, 40, 60, 100):
        if value <= candidate:
            return candidate
    magnitude = 100
    while True:
        for factor in (2, 4, 6, 10):
            if value <= magnitude * factor:
                return magnitude * factor
        magnitude *= 10


def plot_activity(
    *,
    days: list["DayActivity"],
    width: int = 640,
    height: int = 260,
    name: str = "wide",
    point_radius: int = 4,
) -> ActivityChart:
    """Lay out bars (answers per day, left axis) and a line (accuracy, right axis, 0–100 %)
    for `days`, oldest first. Days without answers break the line rather than dropping to 0 %;
    `trend` joins all the points across such gaps, for a fainter dashed line.
    A narrow chart (under 480 units, for phones) gets narrower margins."""
    narrow = width < 480
    left, right = (30.0, width - 40.0) if narrow else (44.0, width - 56.0)
    top, bottom = 14.0, height - (32.0 if narrow else 40.0)
    plot_height = bottom - top
    slot = (right - left) / max(len(days), 1)
    ceiling = _nice_ceiling(max((day.answers for day in days), default=0))
    bar_width = round(slot * 0.64, 2)

    bars, points, lines, segment = [], [], [], []
    for index, day in enumerate(days):
        centre = left + slot * (index + 0.5)
        bar_height = plot_height * day.answers / ceiling
        bars.append(
            Bar(
                round(centre - slot * 0.32, 2),
                round(bottom - bar_height, 2),
                bar_width,
                round(bar_height, 2),
                day,
            )
        )
        if not day.answers:  # no accuracy
            if segment:
                lines.append(" ".join(segment))
            segment = []
            continue
        y = bottom - plot_height * (day.correct / day.answers)
        points.append(Point(round(centre, 2), round(y, 2), day))
        segment.append(f"{centre:.2f},{y:.2f}")
    if segment:
        lines.append(" ".join(segment))

    count_ticks = [
        Tick(position=round(bottom - plot_height * n / 4, 2), label=str(ceiling * n // 4))
        for n in range(5)
    ]
    accuracy_ticks = [
        Tick(position=round(bottom - plot_height * n / 4, 2), label=f"{25 * n}%") for n in range(5)
    ]
    last = len(days) - 1
    day_ticks = [
        DayTick(
            position=round(left + slot * (index + 0.5), 2),
            day=day.day,
            is_today=index == last,
            minor=(last - index) % 14 != 0,
        )
        for index, day in enumerate(days)
        if (last - index) % 7 == 0
    ]
    return ActivityChart(
        name=name,
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        bars=bars,
        lines=lines,
        # All the points: the lines' points, which are printed as the points' rounded values.
        trend=" ".join(lines),
        points=points,
        point_radius=point_radius,
        count_ticks=count_ticks,
        accuracy_ticks=accuracy_ticks,
        day_ticks=day_ticks,
    )
