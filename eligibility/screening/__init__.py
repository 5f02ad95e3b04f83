"""Batch screening of many enterprises against criteria sets (docs/operations.md)."""

from .inputs import InputError
from .job import ScreeningRequest, screen
from .summary import Summary

__all__ = ["InputError", "ScreeningRequest", "Summary", "screen"]
