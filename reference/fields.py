"""Reading typed fields out of one YAML entry, with Chinese errors that name file and entry.

Every reference file is a list of mappings; an error must let a person find the line to fix, so
each message starts with the file name and the entry's position and code, e.g.
``regions.yaml 第12条（code=320509）：字段 parent：上级代码 320599 不存在``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from reference.records import SourceRef

E = TypeVar("E", bound=StrEnum)


class ReferenceDataError(ValueError):
    """A reference data file is malformed; the message (Chinese) names file, entry and reason."""


@dataclass(frozen=True)
class Entry:
    """One mapping from a reference file, with the context an error message needs."""

    file: str
    position: int  # 1-based position in its list
    data: Mapping[str, object]
    label: str = ""  # e.g. "code=320509", filled in once the key is known

    def where(self) -> str:
        # Position 0 is the file's top-level mapping rather than an entry of a list.
        place = f" 第{self.position}条" if self.position else ""
        suffix = f"（{self.label}）" if self.label else ""
        return f"{self.file}{place}{suffix}"

    def error(self, field: str | None, reason: str) -> ReferenceDataError:
        at = f"字段 {field}：" if field else ""
        return ReferenceDataError(f"{self.where()}：{at}{reason}")

    def labelled(self, key: str) -> Entry:
        return Entry(self.file, self.position, self.data, f"{key}={self.data.get(key)}")

    def text(self, field: str) -> str:
        value = self.data.get(field)
        if not isinstance(value, str):
            kind = "缺失" if value is None else f"应为文字（带引号的字符串），实际为 {value!r}"
            raise self.error(field, kind)
        if not value.strip():
            raise self.error(field, "不能为空")
        return value

    def optional_text(self, field: str) -> str:
        if self.data.get(field) is None:
            return ""
        return self.text(field)

    def optional_code(self, field: str) -> str | None:
        return None if self.data.get(field) is None else self.text(field)

    def flag(self, field: str) -> bool:
        value = self.data.get(field)
        if not isinstance(value, bool):
            raise self.error(field, f"应为 true 或 false，实际为 {value!r}")
        return value

    def count(self, field: str) -> int:
        return self.non_negative(field, self.data.get(field))

    def optional_count(self, field: str) -> int | None:
        value = self.data.get(field)
        return None if value is None else self.non_negative(field, value)

    def non_negative(self, field: str, value: object) -> int:
        # bool is an int subclass in Python; "true" is never a valid count.
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.error(field, f"应为非负整数，实际为 {value!r}")
        return value

    def choice(self, field: str, enum: type[E]) -> E:
        value = self.text(field)
        try:
            return enum(value)
        except ValueError:
            allowed = "、".join(member.value for member in enum)
            raise self.error(field, f"取值 {value!r} 无效，应为 {allowed} 之一") from None

    def items(self, field: str) -> list[object]:
        value = self.data.get(field, [])
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(field, "应为列表")
        return value

    def texts(self, field: str) -> tuple[str, ...]:
        values = self.items(field)
        for value in values:
            if not isinstance(value, str) or not value.strip():
                raise self.error(field, f"列表中每一项都应为非空文字，实际有 {value!r}")
        return tuple(str(value) for value in values)

    def mapping(self, field: str) -> Entry:
        value = self.data.get(field)
        if not isinstance(value, Mapping):
            raise self.error(field, "应为键值映射")
        return Entry(self.file, self.position, value, self.label)


def entries(file: str, document: object, key: str) -> list[Entry]:
    """The list under ``key`` of a parsed YAML document, each item wrapped as an Entry."""
    if not isinstance(document, Mapping) or not isinstance(document.get(key), list):
        raise ReferenceDataError(f"{file}：顶层应为映射，且含列表 {key}")
    result = []
    for position, item in enumerate(document[key], start=1):
        if not isinstance(item, Mapping):
            raise ReferenceDataError(f"{file} 第{position}条：应为键值映射，实际为 {item!r}")
        result.append(Entry(file, position, item))
    return result


def source_ref(entry: Entry) -> SourceRef:
    """The ``source`` mapping of a list or table; seed, document and location are required."""
    return SourceRef(
        seed=entry.text("seed"),
        document=entry.text("document"),
        doc_number=entry.optional_text("doc_number"),
        issuer=entry.optional_text("issuer"),
        date=entry.optional_text("date"),
        location=entry.text("location"),
    )
