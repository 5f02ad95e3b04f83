"""Task progress is stored and readable while the task runs."""

from __future__ import annotations

import pytest

from portal.core.progress import progress_of, report_progress

pytestmark = pytest.mark.django_db


def test_progress_is_upserted_per_task() -> None:
    report_progress("t-1", 0, 200, "开始", title="导入")
    report_progress("t-1", 50, 200, "已校验 50 行")
    progress = progress_of("t-1")
    assert progress is not None
    assert (progress.done, progress.total, progress.title) == (50, 200, "导入")
    assert progress.percent_label == "25%（50/200）"
    assert progress_of("unknown") is None
