"""Why a certification step was refused. Every message is Chinese and says what to do."""

from __future__ import annotations


class CertificationError(ValueError):
    """A certification write was refused."""


class NotAllowed(CertificationError):
    """Wrong role, wrong level, or outside the user's region."""


class WrongStep(CertificationError):
    """The application is not at the step this action belongs to (a skipped or repeated
    step, or a decision on a closed application)."""


class DeadlinePassed(CertificationError):
    """The step's deadline (or the window it must happen in) has passed or not begun."""


class StaleVersion(CertificationError):
    """Someone else changed the application since the form was loaded."""
