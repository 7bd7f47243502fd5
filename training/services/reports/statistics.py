"""Figures with their uncertainty: means with Student's t intervals, shares with
Wilson intervals, and suppression of figures from too few answers."""

from __future__ import annotations

import math
from dataclasses import dataclass

from training.models.feedback import PUPIL_TOTALS, TEACHER_TOTALS

PUPIL_MINIMUM = 10
TEACHER_MINIMUM = 10  # as the design says: no figure from fewer than 10 answers

# Two-sided 95% critical values of Student's t by degrees of freedom, to 30;
# beyond, the Cornish-Fisher expansion below (within 0.0001 of the exact value).
T_975 = {
    1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
    9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131,
    16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086, 21: 2.080, 22: 2.074,
    23: 2.069, 24: 2.064, 25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045,
    30: 2.042,
}  # fmt: skip
Z_975 = 1.959964


def t_critical(df: int) -> float:
    """The 97.5th percentile of Student's t with `df` degrees of freedom.

    Never a neighbour's value: rounding df up (as a table lookup did) gave a
    smaller t and intervals slightly too narrow.
    """
    if df in T_975:
        return T_975[df]
    z = Z_975
    return (
        z
        + (z**3 + z) / (4 * df)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
    )


@dataclass
class Figure:
    """A number with the count of responses behind it, or a suppressed one."""

    value: float | None
    n: int = 0
    low: float | None = None
    high: float | None = None
    minimum: int = 0
    kind: str = "mean"  # mean, share (0-1) or count

    @property
    def suppressed(self) -> bool:
        return self.n < self.minimum

    def __str__(self) -> str:
        if self.n == 0:
            return "no responses"
        if self.suppressed:
            return f"fewer than {self.minimum} responses"
        if self.value is None:
            return "none"
        if self.kind == "share":
            return f"{self.value:.0%}"
        if self.kind == "change":
            return f"{self.value:+.2f}"
        return f"{self.value:.2f}"

    @property
    def interval(self) -> str:
        if self.suppressed or self.low is None:
            return ""
        fmt = {"change": "{:+.2f}", "share": "{:.0%}"}.get(self.kind, "{:.2f}")
        return f"{fmt.format(self.low)} to {fmt.format(self.high)}"

    @property
    def percent(self) -> int:
        """0-100 for bar charts (means on a 1-5 scale map to 0-100)."""
        if self.suppressed or self.value is None:
            return 0
        if self.kind == "share":
            return round(self.value * 100)
        return round(max(self.value, 0) / 5 * 100)


def mean_figure(
    n: int, total: float, total_squares: float, minimum: int, kind: str = "mean"
) -> Figure:
    """Mean and 95% interval (Student's t) from a count, a sum and a sum of squares."""
    n = n or 0
    if n == 0:
        return Figure(None, 0, minimum=minimum, kind=kind)
    mean = total / n
    if n < 2:
        return Figure(mean, n, minimum=minimum, kind=kind)
    variance = max((total_squares - total * total / n) / (n - 1), 0.0)
    half = t_critical(n - 1) * math.sqrt(variance / n)
    return Figure(mean, n, mean - half, mean + half, minimum=minimum, kind=kind)


def share_figure(yes: int, n: int, minimum: int) -> Figure:
    """A proportion with its Wilson 95% interval (sound near 0% and 100%)."""
    n = n or 0
    if n == 0:
        return Figure(None, 0, minimum=minimum, kind="share")
    p = yes / n
    z = 1.96
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return Figure(p, n, centre - half, centre + half, minimum=minimum, kind="share")


@dataclass
class PupilFigures:
    before: Figure
    after: Figure
    change: Figure
    knows: Figure

    @classmethod
    def from_row(cls, row: dict) -> PupilFigures:
        """From counts and sums named as PUPIL_TOTALS (missing or None counts as 0)."""
        m = PUPIL_MINIMUM
        row = {key: row.get(key) or 0 for key in PUPIL_TOTALS}
        return cls(
            before=mean_figure(row["before_n"], row["before_sum"], row["before_squares"], m),
            after=mean_figure(row["after_n"], row["after_sum"], row["after_squares"], m),
            change=mean_figure(
                row["change_n"], row["change_sum"], row["change_squares"], m, "change"
            ),
            knows=share_figure(row["knows_yes"], row["knows_n"], m),
        )

    @property
    def responses(self) -> int:
        return max(self.before.n, self.after.n)


@dataclass
class TeacherFigures:
    relevance: Figure
    quality: Figure
    engagement: Figure
    recommend: Figure

    @classmethod
    def from_row(cls, row: dict) -> TeacherFigures:
        """From counts and sums named as TEACHER_TOTALS (missing or None counts as 0)."""
        row = {key: row.get(key) or 0 for key in TEACHER_TOTALS}
        m, n = TEACHER_MINIMUM, row["teacher_n"]
        return cls(
            relevance=mean_figure(n, row["relevance_sum"], row["relevance_squares"], m),
            quality=mean_figure(n, row["quality_sum"], row["quality_squares"], m),
            engagement=mean_figure(
                row["engagement_n"], row["engagement_sum"], row["engagement_squares"], m
            ),
            recommend=share_figure(row["recommend_yes"], n, m),
        )
