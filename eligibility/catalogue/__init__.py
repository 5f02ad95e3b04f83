"""The criteria catalogue and version diffs, generated from the library (framework-free).

    render_catalogue(library) -> str           docs/criteria.md
    render_diff(diff_sets(old, new)) -> str    what changed between two versions, in Chinese
"""

from eligibility.catalogue.diff import SetDiff, diff_sets
from eligibility.catalogue.diffwriting import render_diff
from eligibility.catalogue.document import render_catalogue

__all__ = ["SetDiff", "diff_sets", "render_catalogue", "render_diff"]
