"""Reading the shapes of the authoring format: single-key operators, lists, required keys."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from eligibility.ir import IRTypeError

from .issues import Code, CriteriaError, code_for_ir
from .yamlsource import LineList, line_of


@contextmanager
def ir_errors(line: int) -> Iterator[None]:
    """Turn the IR's type errors into loader findings at ``line``."""
    try:
        yield
    except IRTypeError as exc:
        raise CriteriaError(code_for_ir(exc.code), exc.message, line) from None


def single_key(node: Any, line: int, what: str) -> tuple[str, Any, int]:
    if not isinstance(node, dict) or len(node) != 1:
        raise CriteriaError(Code.STRUCTURE, f"{what}须为只有一个键（运算符）的映射", line)
    (key, value), = node.items()
    return key, value, line_of(node, key, line)


def require(node: Any, key: str, line: int, what: str) -> Any:
    if not isinstance(node, dict) or node.get(key) is None:
        raise CriteriaError(Code.STRUCTURE, f"{what}缺少“{key}”", line_of(node, key, line))
    return node[key]


def as_list(node: Any, line: int, what: str) -> LineList:
    if not isinstance(node, list) or not node:
        raise CriteriaError(Code.STRUCTURE, f"{what}须为非空列表", line)
    if isinstance(node, LineList):
        return node
    out = LineList(node)
    out.line, out.item_lines = line, [line] * len(node)
    return out


def positive_int(node: Any, line: int, what: str) -> int:
    if isinstance(node, bool) or not isinstance(node, int) or node < 1:
        raise CriteriaError(Code.BAD_LITERAL, f"{what}须为正整数，而不是“{node}”", line)
    return node
