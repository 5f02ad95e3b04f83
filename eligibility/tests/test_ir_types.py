"""IR nodes are type-checked when built."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from eligibility import ir


@pytest.mark.parametrize(("build", "code"), [
    (lambda: ir.Fact("revenue"), "year_offset"),
    (lambda: ir.Fact("class1_ip", 0), "year_offset"),
    (lambda: ir.Fact("no_such_fact", 0), "unknown_fact"),
    (lambda: ir.Compare(ir.CompareOp.GE, ir.Fact("revenue", 0), ir.Const(F(3, 100), ir.RATIO)),
     "unit_mismatch"),
    (lambda: ir.Compare(ir.CompareOp.GE, ir.Fact("class1_ip"), ir.Fact("employees", 0)),
     "unit_mismatch"),
    (lambda: ir.IsTrue("tech_domestic_leading"), "attested"),
    (lambda: ir.Attested("own_brand"), "attested"),
    (lambda: ir.EnumIn("rd_institution_level", ("galactic",)), "bad_code"),
    (lambda: ir.HoldsTitle("little_giant", ("city",)), "unknown_title"),
    (lambda: ir.AtLeast(3, (ir.NotFormalised("x"),)), "bad_shape"),
    (lambda: ir.Const(0.5, ir.RATIO), "not_exact"),  # type: ignore[arg-type]
])
def test_it_rejects_ill_typed_nodes(build, code: str) -> None:
    with pytest.raises(ir.IRTypeError) as exc:
        build()
    assert exc.value.code == code and exc.value.message


def test_it_types_arithmetic_by_dimension() -> None:
    share = ir.ratio(ir.Fact("rd_staff", 0), ir.Fact("employees", 0))
    assert share.dim == ir.RATIO
    scaled = ir.Arith(ir.ArithOp.MUL, ir.Fact("revenue", 0), ir.Const(F(3, 100), ir.RATIO))
    assert scaled.dim == ir.MONEY


def test_it_shifts_annual_facts_back_by_whole_years() -> None:
    node = ir.Compare(ir.CompareOp.GE, ir.growth(ir.Fact("revenue", 0), ir.Fact("revenue", 1)),
                      ir.Const(F(0), ir.RATIO))
    shifted = ir.shift_years(node, 2)
    assert [r.year_offset for r in ir.fact_refs(shifted)] == [2, 3]
    assert ir.fact_refs(shifted)[0].column(__import__("datetime").date(2026, 5, 1)) \
        == "revenue__2023"


def test_it_parses_written_units_to_base_units() -> None:
    assert ir.parse_unit("万元") == (ir.MONEY, F(10_000))
    assert ir.parse_unit("%") == (ir.RATIO, F(1, 100))
    assert ir.parse_unit("亩")[0] == ir.quantity("亩")
