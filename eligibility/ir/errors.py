"""The one error the IR raises when a node is built with ill-typed children."""

from __future__ import annotations


class IRTypeError(TypeError):
    """A node was built with children of the wrong type, unit or shape.

    ``code`` is a stable machine name (``unit_mismatch``, ``unknown_fact`` …) the authoring
    loader maps to its ``criteria.E0xx`` ids; ``message`` is Chinese, for people.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
