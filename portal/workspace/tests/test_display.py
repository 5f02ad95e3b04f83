"""Dates on the pages read as the local (Asia/Shanghai) day."""

from __future__ import annotations

import datetime as dt

from portal.core.dates import cn_date


def test_an_instant_reads_as_the_local_day() -> None:
    late_evening_utc = dt.datetime(2026, 11, 21, 17, 30, tzinfo=dt.UTC)  # 01:30 in Shanghai
    assert cn_date(late_evening_utc) == "2026年11月22日"
    assert cn_date(dt.date(2026, 3, 1)) == "2026年3月1日"
