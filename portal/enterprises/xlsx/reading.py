"""Reading an uploaded workbook with calamine (fastexcel): every cell as text, headers matched
to the columns of ``sheets.py``, and each row's Excel row number kept for messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import polars as pl

from portal.enterprises.xlsx import sheets
from portal.enterprises.xlsx.problems import Problem

ROW = "_row"


@dataclass
class SheetData:
    name: str
    frame: pl.DataFrame  # one String column per known column key, plus ROW (Int64)
    headers: dict[str, str] = field(default_factory=dict)  # key → header as written


def read_workbook(source: Path | bytes) -> tuple[dict[str, SheetData], list[Problem]]:
    """The data sheets present in the workbook, and problems with its structure."""
    try:
        reader = fastexcel.read_excel(source if isinstance(source, bytes) else str(source))
    except Exception as error:  # calamine raises its own error types for unreadable files
        return {}, [Problem("", None, None, f"无法读取 Excel 文件（仅支持 .xlsx）：{error}")]
    found: dict[str, SheetData] = {}
    problems: list[Problem] = []
    for name in sheets.DATA_SHEETS:
        if name in reader.sheet_names:
            data, sheet_problems = _read_sheet(reader, name)
            found[name] = data
            problems += sheet_problems
    if not found:
        wanted = "、".join(f"「{n}」" for n in sheets.DATA_SHEETS)
        problems.append(Problem("", None, None,
                                f"文件中没有可导入的工作表，应包含 {wanted} 之一。"))
    return found, problems


def _read_sheet(reader: fastexcel.ExcelReader, name: str) -> tuple[SheetData, list[Problem]]:
    raw = reader.load_sheet_by_name(name, dtypes="string").to_polars()
    raw = raw.with_columns(pl.int_range(2, raw.height + 2, dtype=pl.Int64).alias(ROW))
    columns = sheets.COLUMNS[name]
    aliases = {alias: column for column in columns for alias in sheets.header_aliases(column)}
    problems: list[Problem] = []
    chosen: dict[str, str] = {}
    for written in raw.columns[:-1]:
        column = aliases.get(str(written).strip())
        if column is None:
            if not str(written).startswith("__UNNAMED__"):
                problems.append(Problem(name, 1, str(written), "无法识别的列标题"))
        elif column.key in chosen:
            problems.append(Problem(name, 1, str(written), "列标题重复"))
        else:
            chosen[column.key] = written
    problems += [Problem(name, 1, c.label, "缺少必填列") for c in columns
                 if c.required and c.key not in chosen]
    frame = raw.select(
        *(pl.col(w).cast(pl.String).str.strip_chars().replace("", None).alias(k)
          for k, w in chosen.items()), ROW)
    keys = [k for k in chosen]
    if keys:
        frame = frame.filter(pl.any_horizontal(pl.col(k).is_not_null() for k in keys))
    return SheetData(name, frame, {k: str(w) for k, w in chosen.items()}), problems
