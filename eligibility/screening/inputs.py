"""Reading the columnar layout from Parquet or CSV, with Chinese messages for bad input."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from indicators.vocabulary import BY_ID, Kind

from .documents import IDENTITY, column_role

REQUIRED = ("uscc", "region_code")

_KIND_DTYPE: dict[Kind, pl.DataType] = {
    Kind.BOOL: pl.Boolean(), Kind.ENUM: pl.String(), Kind.DATE: pl.Date(),
}


class InputError(ValueError):
    """The input file cannot be screened; ``message`` is Chinese and names the problem."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def layout_dtype(name: str) -> pl.DataType | None:
    """The storage dtype docs/facts.md fixes for column ``name`` (None: not a layout column)."""
    if name in IDENTITY:
        return pl.String()
    role = column_role(name)
    if role is None:
        return None
    if role.title is not None:
        return pl.Date()
    return _KIND_DTYPE.get(BY_ID[str(role.indicator)].kind, pl.Int64())


def scan_input(path: str | Path) -> pl.LazyFrame:
    """A lazy frame over a ``.parquet`` or ``.csv`` file in the columnar layout."""
    source = Path(path)
    if not source.exists():
        raise InputError(f"输入文件不存在：{source}")
    suffix = source.suffix.lower()
    if suffix == ".parquet":
        frame = pl.scan_parquet(source)
    elif suffix == ".csv":
        header = pl.read_csv(source, n_rows=0).columns
        types = {n: t for n in header if (t := layout_dtype(n)) is not None}
        frame = pl.scan_csv(source, schema_overrides=types)
    else:
        raise InputError(f"不支持的输入格式“{suffix}”：请提供 .parquet 或 .csv 文件")
    check_columns(frame.collect_schema(), source)
    return frame


def check_columns(schema: pl.Schema, source: Path) -> None:
    missing = [name for name in REQUIRED if name not in schema]
    if missing:
        raise InputError(f"{source.name} 缺少必需的列：{'、'.join(missing)}")
    for name, dtype in schema.items():
        wanted = layout_dtype(name)
        if wanted is None or dtype == wanted or dtype == pl.Null:
            continue
        if wanted == pl.Int64 and dtype.is_integer():
            continue
        raise InputError(f"{source.name} 的列“{name}”类型为 {dtype}，应为 {wanted}"
                         "（见 docs/facts.md 的列式布局）")


def collect_chunk(frame: pl.LazyFrame, offset: int, length: int, source: str) -> pl.DataFrame:
    """Rows ``offset`` … ``offset + length − 1``; a value that does not parse is reported with
    the file's own message (it names the column and the value)."""
    try:
        return frame.slice(offset, length).collect()
    except pl.exceptions.ComputeError as exc:
        raise InputError(f"读取 {source} 第{offset + 1}行起的数据失败：{exc}") from exc
