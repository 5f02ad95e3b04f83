"""The Polars integer type of a term: the narrowest that holds its proven bound.

Narrow columns are cheaper to write and read (a band's points fit Int16, a count Int8), and a
rendered term is never narrower than ``width(term.bound)``, so nothing can wrap.
"""

from __future__ import annotations

import polars as pl

from .. import terms as t

_ORDER: tuple[pl.DataType, ...] = (pl.Int8(), pl.Int16(), pl.Int32(), pl.Int64(), pl.Int128())
_LIMITS = (2**7 - 1, 2**15 - 1, 2**31 - 1, 2**63 - 1)


def width(bound: int) -> pl.DataType:
    """The narrowest signed integer type holding every value in ``[-bound, bound]``."""
    for limit, dtype in zip(_LIMITS, _ORDER, strict=False):
        if bound <= limit:
            return dtype
    return _ORDER[-1]


def dtype_of(term: t.Term) -> pl.DataType:
    """The type ``term`` is rendered in: input columns stay Int64 (as read)."""
    if isinstance(term, t.RawCol | t.NullInt):
        return widest(pl.Int64(), width(term.bound))
    return width(term.bound)


def widest(*dtypes: pl.DataType) -> pl.DataType:
    return max(dtypes, key=lambda d: next(i for i, o in enumerate(_ORDER) if o == d))
