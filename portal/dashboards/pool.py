"""The cultivation pool (培育库) of the scope: its members, by effective focus category, and
the entry requests awaiting a decision.

Each number is counted with the list's own pool filter (``workspace.selectors.in_pool_state``)
over the scope's enterprises, so a number and the list it links to select the same enterprises.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.dashboards.links import list_url
from portal.dashboards.scope import DashboardScope
from portal.dashboards.selectors import Cell
from portal.pool.models import Focus
from portal.workspace.selectors import POOL_IN, POOL_PENDING, in_pool_state, pool_focus_state


@dataclass(frozen=True)
class PoolFigures:
    members: Cell
    focus: list[tuple[str, Cell]]  # (label, members whose effective category it is)
    pending: Cell


def pool_figures(scope: DashboardScope) -> PoolFigures:
    return PoolFigures(
        members=_cell(scope, POOL_IN),
        focus=[(focus.label, _cell(scope, pool_focus_state(focus.value))) for focus in Focus],
        pending=_cell(scope, POOL_PENDING))


def _cell(scope: DashboardScope, state: str) -> Cell:
    count = in_pool_state(scope.enterprises, state).count()
    return Cell(count, list_url(pool=state) if count else None)
