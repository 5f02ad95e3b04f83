"""Which criteria sets decide pool entry on a date, and what to tell users about them.

Resolution order: the newest ``PoolConfig`` row, else ``settings.POOL_ENTRY_SETS``, else the
``upgrade_pool`` sets in force for the region on the date, else the Jiangsu 2020 sets. When
none of the chosen sets is in force on the date (the 2020 sets ended on 2022-12-31 and no
successor has been published), they are carried over: their rules as they stood on their last
effective day are applied to the figures of the fiscal year before the evaluation date, and the
UI says so (docs/pool.md, "Entry criteria after 2022").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from eligibility.api import CriteriaSet
from portal.assessments.library import criteria_library
from portal.pool.models import PoolConfig

POOL_TIER = "upgrade_pool"
DEFAULT_ENTRY_SETS = ("js-2020-pool-manufacturing", "js-2020-pool-innovative")


class EntryStandardError(ValueError):
    """No usable entry criteria (unknown set id, or none applies to the region)."""


@dataclass(frozen=True)
class EntryStandard:
    sets: tuple[CriteriaSet, ...]
    on: dt.date
    carried_over: bool  # no chosen set is in force on ``on``

    @property
    def fiscal_year(self) -> int:
        return self.on.year - 1

    @property
    def source_label(self) -> str:
        labels = dict.fromkeys(s.source.label() for s in self.sets)
        return "、".join(labels)

    @property
    def rules_until(self) -> dt.date | None:
        ends = [s.effective_until for s in self.sets if s.effective_until is not None]
        return max(ends) if ends and len(ends) == len(self.sets) else None

    @property
    def notice(self) -> str:
        """The sentence every page evaluating entry shows above its results."""
        if not self.carried_over:
            return f"入库标准：{self.source_label}，按{self.fiscal_year}年度数据评估。"
        until = self.rules_until
        ended = f"该标准执行期至{until.year}年{until.month}月{until.day}日，" if until else ""
        return (f"入库标准沿用{self.source_label}。{ended}此后未发布新的入库标准；"
                f"按{self.fiscal_year}年度数据评估。")

    def to_json(self) -> dict[str, Any]:
        return {"set_ids": [s.id for s in self.sets], "on": self.on.isoformat(),
                "fiscal_year": self.fiscal_year, "carried_over": self.carried_over,
                "notice": self.notice}


def configured_set_ids() -> list[str] | None:
    """Set ids chosen by an administrator (PoolConfig) or the deployment (settings)."""
    config = PoolConfig.objects.order_by("-created_at", "-id").first()
    if config is not None and config.set_ids:
        return config.set_ids
    configured = getattr(settings, "POOL_ENTRY_SETS", None)
    return list(configured) if configured else None


def entry_standard(on: dt.date, region_code: str) -> EntryStandard:
    """The entry criteria for an enterprise of ``region_code`` evaluated on ``on``."""
    library = criteria_library()
    ids = configured_set_ids()
    if ids is None:
        in_force = [s for s in library.sets_in_force(on, region_code, "new")
                    if s.tier == POOL_TIER]
        if in_force:
            return EntryStandard(tuple(in_force), on, carried_over=False)
        ids = list(DEFAULT_ENTRY_SETS)
    sets = tuple(s for s in (_get(set_id) for set_id in ids) if s.applies_to(region_code))
    if not sets:
        raise EntryStandardError(f"区划代码 {region_code} 所在地区没有适用的培育库入库标准"
                                 f"（已设置：{'、'.join(ids)}）。")
    return EntryStandard(sets, on, carried_over=not any(s.in_force(on) for s in sets))


def _get(set_id: str) -> CriteriaSet:
    try:
        return criteria_library().get(set_id)
    except KeyError:
        raise EntryStandardError(f"培育库入库标准设置有误：标准库中没有编号为 {set_id} 的认定标准。"
                                 ) from None
