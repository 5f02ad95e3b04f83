"""Problems found in an uploaded workbook, each naming its sheet, row and column in Chinese."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None  # the Excel row number people see (the header is row 1)
    column: str | None  # the column header
    message: str

    def text(self) -> str:
        where = [f"「{self.sheet}」"] if self.sheet else []
        if self.row is not None:
            where.append(f"第 {self.row} 行")
        if self.column:
            where.append(f"「{self.column}」")
        return f"{' '.join(where)}：{self.message}" if where else self.message

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "text": self.text()}


class WorkbookRejected(Exception):
    """The workbook has problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"导入文件有 {len(problems)} 处问题，未写入任何数据。")
        self.problems = problems
