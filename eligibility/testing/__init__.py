"""Testing aids for criteria content: the YAML case runner (``*.cases.yaml``)."""

from .cases import Case, CaseResult, load_cases, run_case, run_directory

__all__ = ["Case", "CaseResult", "load_cases", "run_case", "run_directory"]
