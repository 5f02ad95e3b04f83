"""What-if parameter overrides, written in each parameter's own unit ("4", "4%", "6000万元")."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from eligibility.authoring.issues import CriteriaError
from eligibility.authoring.literals import parse_quantity
from eligibility.authoring.model import CriteriaSet, ParameterInfo
from eligibility.ir import parse_unit

Override = str | int | Decimal | Fraction


class OverrideError(ValueError):
    """A what-if override names no parameter, or cannot be read in the parameter's unit."""


def override_values(criteria_set: CriteriaSet,
                    overrides: Mapping[str, Override]) -> dict[str, Fraction]:
    """Base-unit values for ``overrides``; a bare number is in the parameter's own unit."""
    names = {p.name: p for p in criteria_set.parameters}
    out: dict[str, Fraction] = {}
    for name, raw in overrides.items():
        if name not in names:
            raise OverrideError(f"认定标准 {criteria_set.id} 没有参数“{name}”")
        out[name] = _base_value(names[name], raw)
    return out


def _base_value(param: ParameterInfo, raw: Override) -> Fraction:
    text = str(raw).strip()
    try:
        if text and not text[-1].isdigit():
            value, dim, _ = parse_quantity(text, 0)
            if dim != param.dim:
                raise OverrideError(f"参数“{param.name}”的单位是{param.unit}，不能设为{text}")
            return value
        number = Fraction(text) if isinstance(raw, str) else Fraction(raw)
    except (CriteriaError, ValueError) as exc:
        if isinstance(exc, OverrideError):
            raise
        raise OverrideError(f"参数“{param.name}”的取值“{raw}”无法识别") from None
    factor = Fraction(1) if param.unit == "（纯数）" else parse_unit(param.unit)[1]
    return number * factor
