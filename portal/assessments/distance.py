"""How far a stored result is from its rung, as conditions on ``Assessment`` rows: the
dashboards count by them and the enterprise list filters by them, so a number and the list
behind it select the same rows. Distance is the main criteria that fail or are undecided
(waived ones count as met)."""

from __future__ import annotations

import functools
import operator

from django.db.models import Q

from portal.assessments.models import ONE_SHORT_CASES, Verdict

PASSES = Q(verdict=Verdict.PASS)
ONE_SHORT = functools.reduce(operator.or_, (
    Q(verdict=verdict, failed_count=failed, unknown_count=unknown)
    for verdict, failed, unknown in ONE_SHORT_CASES))
TWO_SHORT = ~PASSES & (Q(failed_count=2, unknown_count=0) | Q(failed_count=1, unknown_count=1)
                       | Q(failed_count=0, unknown_count=2))
