"""IR → the integer term language of ``eligibility.backends.terms`` (shared by every backend)."""

from .collector import Output, ScoreOutputs
from .plan import VERDICT, ClauseOutputs, Plan, lower_program
from .scope import INPUT_BOUND, BackendError

__all__ = ["INPUT_BOUND", "VERDICT", "BackendError", "ClauseOutputs", "Output", "Plan",
           "ScoreOutputs", "lower_program"]
