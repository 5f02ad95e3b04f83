"""Loader findings with stable ids; the catalogue is documented in docs/criteria-authoring.md."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Code(StrEnum):
    SYNTAX = "criteria.E001"  # not readable YAML, or not a mapping
    STRUCTURE = "criteria.E002"  # a required field is missing or has the wrong shape
    UNKNOWN_FACT = "criteria.E003"  # a name that is neither an indicator nor a parameter
    UNIT_MISMATCH = "criteria.E004"  # e.g. comparing 万元 with %
    UNUSED_PARAM = "criteria.E005"  # a parameter no rule uses
    MISSING_CITATION = "criteria.E006"  # a criterion or exemption without a citation
    OVERLAPPING_VERSIONS = "criteria.E007"  # two versions in force for the same key and date
    BAND_GAP = "criteria.E008"  # score bands leave values without points
    BAND_OVERLAP = "criteria.E009"  # score bands give a value two scores
    UNKNOWN_OPERATOR = "criteria.E010"  # a rule uses an operator the format does not have
    BAD_LITERAL = "criteria.E011"  # a number, unit, range or date that cannot be read
    DUPLICATE_ID = "criteria.E012"  # two criteria (or two sets) with the same id
    UNKNOWN_CODE = "criteria.E013"  # unknown tier, level, title, enum code or application type
    WRONG_KIND = "criteria.E014"  # a fact used against its kind (text as number, year misuse …)
    BAD_DATES = "criteria.E015"  # effective_until before effective_from
    BAD_CASE = "criteria.E016"  # a test-case file that cannot be read


_FROM_IR = {
    "unknown_fact": Code.UNKNOWN_FACT,
    "unit_mismatch": Code.UNIT_MISMATCH,
    "band_gap": Code.BAND_GAP,
    "band_overlap": Code.BAND_OVERLAP,
    "unknown_title": Code.UNKNOWN_CODE,
    "bad_code": Code.UNKNOWN_CODE,
    "unknown_unit": Code.BAD_LITERAL,
    "not_exact": Code.BAD_LITERAL,
}


def code_for_ir(ir_code: str) -> Code:
    """The loader id for an ``IRTypeError`` code; shape problems default to E014/E002."""
    if ir_code in _FROM_IR:
        return _FROM_IR[ir_code]
    if ir_code in ("empty", "bad_shape", "unknown_category", "unknown_param"):
        return Code.STRUCTURE
    return Code.WRONG_KIND


@dataclass(frozen=True)
class Issue:
    file: str
    line: int
    code: Code
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line} {self.code.value} {self.message}"


class CriteriaError(Exception):
    """Raised inside the loader to abandon one criterion or file; collected as an Issue."""

    def __init__(self, code: Code, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
