"""A local Spark session for screening and tests (a cluster: see docs/operations.md)."""

from __future__ import annotations

import os
import shutil
from typing import Any


def java_missing_reason() -> str | None:
    """Why Spark cannot start here, or None when it can (pyspark importable, Java found)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "未安装 pyspark（pip install 'zjtx[spark]'）"
    java_home = os.environ.get("JAVA_HOME")
    if shutil.which("java") is None and not (java_home and os.path.isdir(java_home)):
        return "未找到 Java（Spark 需要 Java 17）"
    return None


def local_session(cores: int = 2, memory: str = "2g") -> Any:
    """A local-mode session; quiet, without the web UI, dates and times in UTC."""
    from pyspark.sql import SparkSession

    reason = java_missing_reason()
    if reason is not None:
        raise RuntimeError(reason)
    session = (SparkSession.builder.master(f"local[{cores}]").appName("zjtx-screen")
               .config("spark.driver.memory", memory)
               .config("spark.ui.enabled", "false")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.sql.shuffle.partitions", str(cores))
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    return session
