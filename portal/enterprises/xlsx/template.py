"""The downloadable import template: the three data sheets with Chinese headers from the
vocabulary (required columns marked “*” and shaded), notes, drop-downs and a 填写说明 sheet."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from indicators.vocabulary import Kind
from portal.enterprises import values
from portal.enterprises.xlsx import sheets
from portal.enterprises.xlsx.sheets import Column
from portal.enterprises.xlsx.writing import Book, add_choices, write_header

TEMPLATE_ROWS = 5_000  # rows covered by the drop-down lists
GENERAL_NOTES = (
    "金额一律以万元填写，最多保留4位小数；百分比以 % 填写，最多2位小数。",
    "空白单元格表示“未知”，不会覆盖已有数据；0 表示确实为零。",
    "年度为财政年度（自然年），不能晚于当前年份。",
    "「年度指标」每家企业每个年度一行；「知识产权与称号」每个称号一行，企业指标填写一次即可。",
    "导入前会校验全部数据：只要有一处问题，整份文件都不会写入，并列出每处问题的工作表、行和列。",
    "重复导入同一文件不会产生任何变化。",
)


def write_template(target: Path | BytesIO) -> None:
    book = Book(target)
    for name in sheets.DATA_SHEETS:
        columns = sheets.COLUMNS[name]
        sheet = book.workbook.add_worksheet(name)
        write_header(book, sheet, columns)
        add_choices(sheet, columns, TEMPLATE_ROWS)
    _help_sheet(book)
    book.close()


def template_bytes() -> bytes:
    buffer = BytesIO()
    write_template(buffer)
    return buffer.getvalue()


def _help_sheet(book: Book) -> None:
    sheet = book.workbook.add_worksheet(sheets.HELP)
    sheet.set_column(0, 1, 22)
    sheet.set_column(2, 2, 8)
    sheet.set_column(3, 4, 40)
    for row, note in enumerate(GENERAL_NOTES):
        sheet.write_string(row, 0, f"{row + 1}. {note}")
    top = len(GENERAL_NOTES) + 1
    for col, text in enumerate(("工作表", "列", "必填", "填写要求", "说明")):
        sheet.write_string(top, col, text, book.header)
    rows = [(name, c) for name in sheets.DATA_SHEETS for c in sheets.COLUMNS[name]]
    for offset, (name, column) in enumerate(rows, start=top + 1):
        for col, text in enumerate((name, column.header, "是" if column.required else "",
                                    _format_hint(column), column.note)):
            sheet.write_string(offset, col, text)


def _format_hint(column: Column) -> str:
    ind = column.indicator
    if ind is None:
        return "日期，如 2023-01-01" if "valid_" in column.key else "文本"
    if ind.kind is Kind.BOOL:
        return "是 / 否"
    if ind.kind is Kind.ENUM:
        return "、".join(label for _, label in ind.choices)
    if ind.kind is Kind.DATE:
        return "日期，如 2012-03-01"
    places = values.decimals(ind)
    return f"以{ind.unit}计，最多{places}位小数" if places else f"整数（{ind.unit or '个'}）"
