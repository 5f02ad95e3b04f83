"""Score-table gaps: what each indicator could still add, and the cheapest way to the threshold.

"Cheapest" = the fewest band steps: each indicator may move from its current band (or case) to
a better one, costing the number of bands climbed (a case costs 1). Among the combinations
whose extra points reach the threshold, the one with the fewest steps wins, then the one with
the fewest indicators, then the earlier indicators. Indicators still unknown are not counted:
their facts are listed as missing instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from eligibility import ir

from .display import decimal_text, quantity_text
from .trace import IndicatorScore, ScoreTrace


@dataclass(frozen=True)
class Step:
    indicator: str
    title: str
    gain: Fraction
    steps: int
    text: str  # "将上年度研发费用总额占营业收入总额比重提高到5%（+5分）"


@dataclass(frozen=True)
class ScoreGaps:
    deficit: Fraction  # points still needed for the threshold (0 when reached)
    could_add: tuple[tuple[str, str, Fraction], ...]  # (id, title, max − lower)
    cheapest: tuple[Step, ...]  # empty when the threshold is reached or out of reach


def score_gaps(table: ir.ScoreTable, trace: ScoreTrace) -> ScoreGaps:
    deficit = max(trace.threshold - trace.lower, Fraction(0))
    could_add = tuple((s.id, s.title, s.max_points - s.lower) for s in trace.indicators
                      if s.max_points > s.lower)
    options = [_options(ind, score) for ind, score in zip(table.indicators, trace.indicators,
                                                            strict=True)]
    cheapest = _cheapest(options, deficit) if deficit > 0 else ()
    return ScoreGaps(deficit, could_add, cheapest)


def _options(ind: ir.ScoredIndicator, score: IndicatorScore) -> list[Step]:
    if score.lower != score.upper:
        return []
    if isinstance(ind.rule, ir.Banded):
        return _band_options(ind, ind.rule, score)
    return [Step(ind.id, ind.title, case.points - score.lower, 1,
                 f"{ind.title}达到“{case.label}”（+{decimal_text(case.points - score.lower)}分）")
            for case in ind.rule.cases if case.points > score.lower]


def _band_options(ind: ir.ScoredIndicator, rule: ir.Banded, score: IndicatorScore) -> list[Step]:
    value = score.detail.value
    assert isinstance(value, Fraction)
    here = next(i for i, b in enumerate(rule.bands) if b.contains(value))
    out = []
    for i, band in enumerate(rule.bands):
        gain = band.points - score.lower
        if gain <= 0:
            continue
        target = _edge_text(band, i > here, rule.dim)
        out.append(Step(ind.id, ind.title, gain, abs(i - here),
                        f"{ind.title}{target}（+{decimal_text(gain)}分）"))
    return out


def _edge_text(band: ir.Band, upward: bool, dim: ir.Dim) -> str:
    if upward and band.lower is not None:
        word = "达到" if band.lower_closed else "超过"
        return f"{word}{quantity_text(band.lower, dim)}"
    if band.upper is not None:
        word = "降至" if band.upper_closed else "降到低于"
        return f"{word}{quantity_text(band.upper, dim)}"
    return f"进入“{band.label}”档"


def _cheapest(options: list[list[Step]], deficit: Fraction) -> tuple[Step, ...]:
    # best[gain reached, capped at deficit] = (steps, indicators, chosen steps)
    best: dict[Fraction, tuple[int, int, tuple[Step, ...]]] = {Fraction(0): (0, 0, ())}
    for choices in options:
        updated = dict(best)
        for gained, (steps, count, chosen) in best.items():
            for step in choices:
                reach = min(gained + step.gain, deficit)
                candidate = (steps + step.steps, count + 1, (*chosen, step))
                if reach not in updated or candidate[:2] < updated[reach][:2]:
                    updated[reach] = candidate
        best = updated
    return best[deficit][2] if deficit in best else ()
