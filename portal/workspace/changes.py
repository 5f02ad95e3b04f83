"""What an audit entry changed, as rows people read on the history page: 项目 · 修改前 · 修改后.

Audit entries store machine values (ids, codes, ISO dates, user-unit numbers as text). Each
action's keys are read through the model field they came from, so a row takes that field's
verbose name and formats its value by the field's kind: choices become their labels, foreign
keys the related record's name, dates 2026年3月1日, booleans 是/否, empty values —. Fact changes
take the indicator vocabulary's name and unit. Keys that only link records (request, membership
and similar ids) are left out: the entry's summary already names what they point to.

This lives with the workspace rather than in ``portal.audit``: every app writes audit entries,
and reading them back needs the registry's, the pool's and certification's vocabularies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models

from indicators.vocabulary import BY_ID
from portal.audit.models import AuditEntry
from portal.core import dates
from portal.enterprises import values
from portal.workspace import display

EMPTY = "—"
RECORD_ACTIONS = ("record.add", "record.delete")


@dataclass(frozen=True)
class ChangeRow:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ReadableEntry:
    entry: AuditEntry
    rows: list[ChangeRow]
    source: str  # where a figure or record came from, else ""


@dataclass(frozen=True)
class Key:
    """Where an audit key's value came from ("app.Model.field"), and an optional label when the
    field's own verbose name would read wrongly in the history."""

    field: str
    label: str = ""


def _fields(model: str, *names: str) -> dict[str, Key]:
    return {name: Key(f"{model}.{name}") for name in names}


ENTERPRISE = _fields("enterprises.Enterprise", "uscc", "name", "region", "industry",
                     "main_products", "contact_name", "contact_phone", "contact_email")
ENTRY_REQUEST = {
    "verdict": Key("pool.EntryScreening.verdict", "入库标准评估"),
    **_fields("pool.EntryRequest", "reason", "nominator_name", "nominator_kind"),
}

# action → the keys of its ``changes`` shown in the history, in display order.
KEYS: dict[str, dict[str, Key]] = {
    "enterprise.create": ENTERPRISE,
    "enterprise.update": ENTERPRISE,
    "enterprise.clusters": {"clusters": Key("enterprises.Enterprise.clusters")},
    "service.commissioner_assign": _fields("services.CommissionerAssignment", "commissioner"),
    "service.expert_assign": _fields("services.ExpertAssignment", "expert", "purpose"),
    "pool.application": ENTRY_REQUEST,
    "pool.selection": ENTRY_REQUEST,
    "pool.nomination": ENTRY_REQUEST,
    "pool.reject": {"note": Key("pool.EntryRequest.decision_note")},
    "pool.enter": {**_fields("pool.PoolMembership", "route", "focus"),
                   "verdict": Key("pool.EntryScreening.verdict", "入库标准评估"),
                   "note": Key("pool.PoolMembership.entry_note")},
    "pool.focus": {"focus": Key("pool.PoolMembership.focus", "重点分类"),
                   "reason": Key("pool.PoolMembership.focus_override_reason")},
    "pool.exit": {**_fields("pool.ReviewItem", "reasons"),
                  "note": Key("pool.ReviewItem.decision_note")},
    "pool.keep": {"note": Key("pool.ReviewItem.decision_note")},
    "certification.revoke": {**_fields("certification.Revocation", "title", "ground", "reason"),
                             "valid_until": Key("enterprises.Title.valid_until"),
                             **_fields("certification.Revocation", "missed_years")},
    "certification.conflict_record": _fields("certification.ConflictOfInterest", "expert",
                                             "relation"),
}


def readable_entries(entries: Iterable[AuditEntry]) -> list[ReadableEntry]:
    """Rows for a page of entries; related records are looked up once per page."""
    names = _Names()
    return [ReadableEntry(entry, change_rows(entry, names), _source(entry))
            for entry in entries]


def _source(entry: AuditEntry) -> str:
    """Where a figure or a record came from (审计报告, 企业自报…); shown beside the summary."""
    changes = entry.changes or {}
    if entry.action == "fact.set":
        return display.source_label(changes.get("source", ""))
    if entry.action in RECORD_ACTIONS:
        return display.source_label((changes.get("fields") or {}).get("source", ""))
    return ""


def change_rows(entry: AuditEntry, names: _Names | None = None) -> list[ChangeRow]:
    changes: dict[str, Any] = entry.changes or {}
    names = names or _Names()
    if entry.action == "fact.set":
        return _fact_rows(changes)
    if entry.action in RECORD_ACTIONS:
        return _record_rows(changes, names, deleted=entry.action == "record.delete")
    return _keyed_rows(KEYS.get(entry.action, {}), _paired(changes), names)


# --- figures and records --------------------------------------------------------------------

def _fact_rows(changes: dict[str, Any]) -> list[ChangeRow]:
    ind = BY_ID.get(changes.get("indicator", ""))
    if ind is None:
        return []
    year = changes.get("year")
    label = f"{year}年{values.header(ind)}" if year else values.header(ind)
    return [ChangeRow(label, _fact_text(ind, changes.get("old")),
                      _fact_text(ind, changes.get("new")))]


def _fact_text(ind: Any, text: Any) -> str:
    """The stored user text (plain 1300.5, ISO dates) as the figures page shows it."""
    try:
        stored = values.parse_user_value(ind, text)
    except values.FactValueError:
        return str(text)
    return display.fact_text(ind.id, stored) or EMPTY


def _record_rows(changes: dict[str, Any], names: _Names, deleted: bool) -> list[ChangeRow]:
    try:
        model = apps.get_model("enterprises", changes.get("model", ""))
    except LookupError:
        return []
    rows = []
    for name, value in (changes.get("fields") or {}).items():
        field = _field(model, name)
        if field is None or name == "source" or _blank(value):
            continue
        text = names.text(field, value)
        rows.append(ChangeRow(str(field.verbose_name), text if deleted else EMPTY,
                              EMPTY if deleted else text))
    return rows


# --- everything else: keys read through the field they came from ----------------------------

def _paired(changes: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """key → (old, new) whatever the entry's shape: {"old": {...}, "new": {...}} (a field
    diff), {"old": [...], "new": [...]} (one many-to-many field), {"from", "to"} (a relabel),
    {"key": {"old", "new"}} or a plain value (set by the event, nothing before)."""
    old, new = changes.get("old"), changes.get("new")
    if isinstance(old, dict) and isinstance(new, dict):
        return {key: (old.get(key), value) for key, value in new.items()}
    if isinstance(old, list) and isinstance(new, list):
        return {"clusters": (old, new)}
    pairs = {}
    for key, value in changes.items():
        if isinstance(value, dict) and set(value) == {"old", "new"}:
            pairs[key] = (value["old"], value["new"])
        else:
            pairs[key] = (None, value)
    if "from" in changes or "to" in changes:
        pairs["focus"] = (changes.get("from"), changes.get("to"))
    return pairs


def _keyed_rows(keys: dict[str, Key], pairs: dict[str, tuple[Any, Any]],
                names: _Names) -> list[ChangeRow]:
    rows = []
    for name, key in keys.items():
        if name not in pairs:
            continue
        old, new = pairs[name]
        if _blank(old) and _blank(new):
            continue
        field = _ref(key.field)
        rows.append(ChangeRow(key.label or str(field.verbose_name),
                              names.text(field, old), names.text(field, new)))
    return rows


def _ref(ref: str) -> Any:
    app_label, model_name, field_name = ref.split(".")
    return apps.get_model(app_label, model_name)._meta.get_field(field_name)


def _field(model: type[models.Model], name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except LookupError:
        return None


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == []


class _Names:
    """Formats a value by its field; remembers related records so a page asks once each."""

    def __init__(self) -> None:
        self._seen: dict[tuple[type[models.Model], Any], str] = {}

    def text(self, field: Any, value: Any) -> str:
        if _blank(value):
            return EMPTY
        if field.many_to_many:
            return "、".join(self._related(field.related_model, pk) for pk in value)
        if field.is_relation:
            return self._related(field.related_model, value)
        return _plain(field, value)

    def _related(self, model: type[models.Model], pk: Any) -> str:
        if not isinstance(pk, (int, str)):
            return EMPTY  # not an id: nothing to name
        if (model, pk) not in self._seen:
            found = model._default_manager.filter(pk=pk).first()
            self._seen[(model, pk)] = str(found) if found is not None else "（已删除）"
        return self._seen[(model, pk)]


def _plain(field: Any, value: Any) -> str:
    choices = dict(field.flatchoices) if field.choices else {}
    if isinstance(value, list):
        return "；".join(_item(item) for item in value)
    if isinstance(value, dict):
        return _item(value)
    if value in choices:
        return str(choices[value])
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:
            return dates.cn_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def _item(item: Any) -> str:
    """One element of a stored list: review reasons are {"text": …}, years are numbers."""
    if isinstance(item, dict):
        return str(item.get("text") or "、".join(str(v) for v in item.values()))
    return str(item)
