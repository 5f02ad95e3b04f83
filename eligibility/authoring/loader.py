"""One criteria file → a validated ``CriteriaSet`` (or the findings that stop it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from eligibility import ir
from indicators.vocabulary import BY_ID

from .issues import Code, CriteriaError, Issue
from .literals import parse_quantity
from .model import (
    LEVELS,
    TIER_ORDER,
    Citation,
    Confidence,
    CriteriaSet,
    CriterionInfo,
    ParameterInfo,
    Role,
    SourceDocument,
)
from .rules import RuleBuilder
from .shapes import as_list, ir_errors, require
from .yamlsource import LineDict, line_of, load_yaml

_REGION = re.compile(r"^\d{6}(\d{3})*$")
_HEADER = ("id", "version", "title", "tier", "level", "jurisdiction", "application_types",
           "effective_from", "effective_until", "source", "documents", "parameters", "criteria",
           "direct_routes", "edges", "note", "track", "track_title")
_TRACK = re.compile(r"^[a-z][a-z0-9_-]*$")


@dataclass
class FileResult:
    path: str
    criteria_set: CriteriaSet | None
    issues: list[Issue] = field(default_factory=list)


def load_file(path: Path, programme: str | None = None) -> FileResult:
    """Load one ``<set-id>.yaml``; ``criteria_set`` is None when any finding is an error."""
    reader = _FileReader(path, programme or path.parent.name)
    try:
        criteria_set = reader.read()
    except CriteriaError as exc:
        reader.report(exc)
        criteria_set = None
    ok = criteria_set is not None and not reader.issues
    return FileResult(str(path), criteria_set if ok else None, reader.issues)


class _FileReader:
    def __init__(self, path: Path, programme: str) -> None:
        self.path = path
        self.programme = programme
        self.issues: list[Issue] = []
        self.info: dict[str, CriterionInfo] = {}
        self.documents: dict[str, SourceDocument] = {}
        self._parents: list[CriterionInfo] = []
        self.builder = RuleBuilder({}, self._nested_clause)

    def report(self, exc: CriteriaError) -> None:
        self.issues.append(Issue(str(self.path), exc.line or 1, exc.code, exc.message))

    def read(self) -> CriteriaSet | None:
        data = self._parse()
        for key in data:
            if key not in _HEADER:
                self.report(CriteriaError(Code.STRUCTURE, f"未知字段“{key}”", data.line_of(key)))
        header = _Header(data, self.path)
        self.documents = self._documents(data, header.source)
        params = self._parameters(data)
        builder = self.builder = RuleBuilder(params, self._nested_clause)
        criteria = self._clauses(builder, data, "criteria", Role.MAIN, required=True)
        routes = self._clauses(builder, data, "direct_routes", Role.DIRECT_ROUTE)
        if not self.issues:  # a rule that failed to build cannot show what it would use
            self._unused(params, builder.used_params, data)
        if self.issues or not criteria:
            return None
        built = header.build(self.programme, params, criteria, routes, self.info, self.path)
        return replace(built, guards=frozenset(builder.guards))

    def _parse(self) -> LineDict:
        try:
            data = load_yaml(self.path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else 1
            raise CriteriaError(Code.SYNTAX, f"YAML语法错误：{getattr(exc, 'problem', exc)}",
                                line) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CriteriaError(Code.SYNTAX, f"无法读取文件：{exc}", 1) from None
        if not isinstance(data, LineDict):
            raise CriteriaError(Code.SYNTAX, "认定标准文件须为YAML映射", 1)
        return data

    def _documents(self, data: LineDict, source: SourceDocument) -> dict[str, SourceDocument]:
        docs = {"source": source}
        extra = data.get("documents") or {}
        if not isinstance(extra, dict):
            raise CriteriaError(Code.STRUCTURE, "documents 须为映射", data.line_of("documents"))
        for key, node in extra.items():
            docs[key] = read_document(key, node, line_of(extra, key, data.line))
        return docs

    # ---- parameters ---------------------------------------------------------------------
    def _parameters(self, data: LineDict) -> dict[str, ParameterInfo]:
        node = data.get("parameters") or {}
        if not isinstance(node, dict):
            raise CriteriaError(Code.STRUCTURE, "parameters 须为映射", data.line_of("parameters"))
        params: dict[str, ParameterInfo] = {}
        for name, spec in node.items():
            try:
                params[name] = self._parameter(name, spec, line_of(node, name, data.line))
            except CriteriaError as exc:
                self.report(exc)
        return params

    def _parameter(self, name: str, spec: Any, line: int) -> ParameterInfo:
        if name in BY_ID:
            raise CriteriaError(Code.DUPLICATE_ID, f"参数名“{name}”与指标同名", line)
        raw, title = (spec.get("value"), str(spec.get("title", ""))) if isinstance(
            spec, dict) else (spec, "")
        if raw is None:
            raise CriteriaError(Code.STRUCTURE, f"参数“{name}”缺少 value", line)
        base, dim, value = parse_quantity(raw, line)
        unit = _unit_text(raw) or "（纯数）"
        return ParameterInfo(name, title, unit, dim, value, base)

    def _unused(self, params: dict[str, ParameterInfo], used: set[str], data: LineDict) -> None:
        node = data.get("parameters") or {}
        for name in params:
            if name not in used:
                self.report(CriteriaError(
                    Code.UNUSED_PARAM, f"参数“{name}”未被任何条件使用", line_of(node, name, 1)))

    # ---- clauses ------------------------------------------------------------------------
    def _clauses(self, builder: RuleBuilder, data: LineDict, key: str, role: Role,
                 required: bool = False) -> tuple[ir.Clause, ...]:
        if data.get(key) is None and not required:
            return ()
        items = as_list(data.get(key), data.line_of(key), key)
        out = []
        for i, node in enumerate(items):
            try:
                out.append(self._clause(builder, node, items.line_of(i), role))
            except CriteriaError as exc:
                self.report(exc)
        return tuple(out)

    def _clause(self, builder: RuleBuilder, node: Any, line: int, role: Role) -> ir.Clause:
        info = self._info(node, line, role)
        self._parents.append(info)
        try:
            rule = require(node, "rule", line, "条件")
            body = builder.predicate(rule, line_of(node, "rule", line))
            exemptions = self._exemptions(builder, node, line)
        finally:
            self._parents.pop()
        with ir_errors(line):
            return ir.Clause(info.id, info.title, body, exemptions)

    def _nested_clause(self, node: LineDict) -> ir.Clause:
        return self._clause(self.builder, node, node.line, Role.PART)

    def _info(self, node: Any, line: int, role: Role) -> CriterionInfo:
        cid = str(require(node, "id", line, "条件"))
        if cid in self.info:
            raise CriteriaError(
                Code.DUPLICATE_ID, f"条件编号“{cid}”重复", line_of(node, "id", line))
        parent = self._parents[-1] if self._parents else None
        info = CriterionInfo(
            id=cid, title=str(require(node, "title", line, f"条件 {cid} ")),
            clause=str(node.get("clause", "")).strip(),
            citation=self._citation(node, line, parent), role=role,
            confidence=self._confidence(node, line, parent), note=str(node.get("note", "")),
        )
        self.info[cid] = info
        return info

    def _citation(self, node: Any, line: int, parent: CriterionInfo | None) -> Citation:
        raw = node.get("citation")
        if raw is None:
            if parent is not None:
                return parent.citation
            raise CriteriaError(
                Code.MISSING_CITATION, f"条件“{node.get('id')}”缺少出处（citation）", line)
        at = line_of(node, "citation", line)
        if isinstance(raw, str):
            return Citation(self.documents["source"], article=raw)
        key = str(raw.get("document", "source")) if isinstance(raw, dict) else ""
        if key not in self.documents:
            raise CriteriaError(Code.MISSING_CITATION, f"出处引用了未定义的文件“{key}”", at)
        if not any(raw.get(k) for k in ("article", "table", "row")):
            raise CriteriaError(Code.MISSING_CITATION, "出处须写明条款、表或行", at)
        return Citation(self.documents[key], str(raw.get("article", "")),
                        str(raw.get("table", "")), str(raw.get("row", "")))

    @staticmethod
    def _confidence(node: Any, line: int, parent: CriterionInfo | None) -> Confidence:
        raw = node.get("confidence")
        if raw is None and parent is not None:
            return parent.confidence
        try:
            return Confidence(str(raw))
        except ValueError:
            raise CriteriaError(
                Code.STRUCTURE, f"confidence 须为 verified、secondary 或 not_found，而不是“{raw}”",
                line_of(node, "confidence", line)) from None

    def _exemptions(self, builder: RuleBuilder, node: Any, line: int) -> tuple[ir.Exemption, ...]:
        raw = node.get("exceptions")
        if raw is None:
            return ()
        items = as_list(raw, line_of(node, "exceptions", line), "exceptions")
        out = []
        for i, item in enumerate(items):
            at = items.line_of(i)
            info = self._info(item, at, Role.EXEMPTION)
            if item.get("citation") is None:
                raise CriteriaError(Code.MISSING_CITATION, f"豁免“{info.id}”须有自己的出处", at)
            cond = builder.predicate(require(item, "when", at, "豁免"), line_of(item, "when", at))
            out.append(ir.Exemption(info.id, info.title, cond))
        return tuple(out)


def _unit_text(raw: Any) -> str:
    text = str(raw).strip()
    match = re.match(r"^[-+]?\d+(?:\.\d+)?\s*", text)
    return text[match.end():] if match else ""


def read_document(key: str, node: Any, line: int) -> SourceDocument:
    if not isinstance(node, dict):
        raise CriteriaError(Code.STRUCTURE, f"文件“{key}”须为映射（title、number、date）", line)
    issued = node.get("date")
    if issued is not None and not isinstance(issued, date):
        raise CriteriaError(Code.BAD_LITERAL, f"文件日期“{issued}”须为 YYYY-MM-DD", line)
    return SourceDocument(key, str(require(node, "title", line, f"文件“{key}”")),
                          str(node.get("number", "")), issued, str(node.get("url", "")))


class _Header:
    """The set-level fields, checked as they are read."""

    def __init__(self, data: LineDict, path: Path) -> None:
        self.data = data
        self.id = self._text("id")
        if self.id != path.name.removesuffix(".yaml"):
            raise CriteriaError(Code.STRUCTURE, f"id“{self.id}”须与文件名一致",
                                data.line_of("id"))
        self.version = self._text("version")
        self.title = self._text("title")
        self.tier = self._choice("tier", TIER_ORDER)
        self.level = self._choice("level", LEVELS)
        self.jurisdiction = self._jurisdiction()
        self.applications = self._applications()
        self.effective_from, self.effective_until = self._dates()
        self.source = read_document("source", require(data, "source", 1, "认定标准"),
                                    data.line_of("source"))
        self.edges = str(data.get("edges", ""))
        self.track, self.track_title = self._track()

    def _text(self, key: str) -> str:
        value = self.data.get(key)
        if value is None or not str(value).strip():
            raise CriteriaError(Code.STRUCTURE, f"缺少“{key}”", self.data.line_of(key))
        return str(value).strip()

    def _choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self._text(key)
        if value not in choices:
            raise CriteriaError(Code.UNKNOWN_CODE,
                                f"{key}“{value}”无效，可选：{'、'.join(choices)}",
                                self.data.line_of(key))
        return value

    def _track(self) -> tuple[str, str]:
        """Parallel tracks of one tier (制造类/创新类) are selected side by side, not as rivals."""
        track = str(self.data.get("track", "") or "").strip()
        if not track:
            return "", ""
        if not _TRACK.match(track):
            raise CriteriaError(Code.BAD_LITERAL, f"track“{track}”须为小写英文标识",
                                self.data.line_of("track"))
        return track, self._text("track_title")

    def _jurisdiction(self) -> str:
        value = self._text("jurisdiction")
        if not _REGION.match(value):
            raise CriteriaError(Code.BAD_LITERAL,
                                f"jurisdiction“{value}”须为行政区划代码（全国为000000）",
                                self.data.line_of("jurisdiction"))
        return value

    def _applications(self) -> tuple[ir.ApplicationType, ...]:
        raw = require(self.data, "application_types", 1, "认定标准")
        names = raw if isinstance(raw, list) else [raw]
        try:
            return tuple(ir.ApplicationType(str(n)) for n in names)
        except ValueError:
            raise CriteriaError(Code.UNKNOWN_CODE, "application_types 只能包含 new、re_review",
                                self.data.line_of("application_types")) from None

    def _dates(self) -> tuple[date, date | None]:
        start, end = self.data.get("effective_from"), self.data.get("effective_until")
        if not isinstance(start, date):
            raise CriteriaError(Code.BAD_LITERAL, "effective_from 须为日期 YYYY-MM-DD",
                                self.data.line_of("effective_from"))
        if end is not None and not isinstance(end, date):
            raise CriteriaError(Code.BAD_LITERAL, "effective_until 须为日期 YYYY-MM-DD",
                                self.data.line_of("effective_until"))
        if end is not None and end < start:
            raise CriteriaError(Code.BAD_DATES,
                                f"effective_until {end} 早于 effective_from {start}",
                                self.data.line_of("effective_until"))
        return start, end

    def build(self, programme: str, params: dict[str, ParameterInfo],
              criteria: tuple[ir.Clause, ...], routes: tuple[ir.Clause, ...],
              info: dict[str, CriterionInfo], path: Path) -> CriteriaSet:
        specs = tuple(ir.ParamSpec(p.name, p.dim, p.base_value, p.title) for p in params.values())
        program = ir.Program(self.id, self.version, criteria, routes, specs)
        return CriteriaSet(
            id=self.id, version=self.version, title=self.title, programme=programme,
            tier=self.tier, level=self.level, jurisdiction=self.jurisdiction,
            application_types=self.applications, effective_from=self.effective_from,
            effective_until=self.effective_until, source=self.source,
            parameters=tuple(params.values()), program=program, info=MappingProxyType(info),
            path=str(path), edges_note=self.edges, track=self.track,
            track_title=self.track_title,
        )
