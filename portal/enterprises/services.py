"""Writes on the enterprise registry. Each runs in ``transaction.atomic`` and records its audit
entry in the same transaction; facts are never overwritten, only superseded by new versions.

Fact values cross this API in storage units (money as int 元); ``values.parse_user_value``
turns what people type (万元) into them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db import connection, models, transaction
from django.utils import timezone

from indicators import uscc as uscc_codes
from indicators.vocabulary import TITLE_BY_ID, Period, Source
from portal.audit.services import audit_record
from portal.enterprises import fact_frames, tables, values
from portal.enterprises.derivation import derived_facts
from portal.enterprises.models import (
    Enterprise,
    EnterpriseMember,
    Fact,
    ImportRecord,
    RecordBase,
    Title,
)
from portal.enterprises.values import StoredValue

# Static indicators mirrored onto Enterprise columns for lists and filters.
MIRRORED_FIELDS: dict[str, str] = {
    "founded_on": "founded_on", "niche_since": "niche_since", "sme_size": "sme_size",
    "chain_leader": "is_chain_leader",
}
ENTERPRISE_FIELDS = ("name", "region", "industry", "main_products", "contact_name",
                     "contact_phone", "contact_email")


class RegistryError(ValueError):
    """A registry write was refused; the message is Chinese and says why."""


@dataclass(frozen=True)
class BulkResult:
    written: int  # new versions inserted (first values and corrections)
    corrected: int  # of which replaced a different current value
    unchanged: int  # equal to the current value; nothing written


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


# --- enterprises ----------------------------------------------------------------------------

def enterprise_create(*, uscc: str, name: str, actor: Any, clusters: Iterable[Any] = (),
                      **fields: Any) -> Enterprise:
    """Register an enterprise; ``fields`` are Enterprise columns (region, industry, …)."""
    try:
        uscc_codes.validate(uscc)
    except uscc_codes.USCCError as error:
        raise RegistryError(str(error)) from None
    if Enterprise.objects.filter(uscc=uscc).exists():
        raise RegistryError(f"统一社会信用代码“{uscc}”已登记。")
    with transaction.atomic():
        enterprise = Enterprise.objects.create(uscc=uscc, name=name, **_checked(fields))
        enterprise.clusters.set(list(clusters))
        audit_record(actor=_user(actor), action="enterprise.create", target=enterprise,
                     summary=f"登记企业 {name}（{uscc}）",
                     changes={"uscc": uscc, "name": name, **_audit_fields(fields)})
    return enterprise


def _checked(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(ENTERPRISE_FIELDS)
    if unknown:
        raise RegistryError(f"企业信息不含字段：{'、'.join(sorted(unknown))}"
                            "（成立日期等请通过指标值录入）。")
    return fields


def _audit_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.pk if isinstance(v, models.Model) else v) for k, v in fields.items()}


def enterprise_update(*, enterprise: Enterprise, actor: Any, **fields: Any) -> Enterprise:
    """Change registration data; records old and new values. Unchanged values write nothing."""
    changes = {k: v for k, v in _checked(fields).items() if getattr(enterprise, k) != v}
    if not changes:
        return enterprise
    old = _audit_fields({k: getattr(enterprise, k) for k in changes})
    with transaction.atomic():
        for key, value in changes.items():
            setattr(enterprise, key, value)
        enterprise.save(update_fields=[*changes, "updated_at"])
        audit_record(actor=_user(actor), action="enterprise.update", target=enterprise,
                     summary=f"修改企业信息 {enterprise.name}",
                     changes={"old": old, "new": _audit_fields(changes)})
    return enterprise


def enterprise_clusters_set(*, enterprise: Enterprise, clusters: Iterable[Any],
                            actor: Any) -> None:
    wanted = {c.pk for c in clusters}
    held = set(enterprise.clusters.values_list("pk", flat=True))
    if wanted == held:
        return
    with transaction.atomic():
        enterprise.clusters.set(sorted(wanted))
        audit_record(actor=_user(actor), action="enterprise.clusters", target=enterprise,
                     summary=f"修改所属集群/产业链 {enterprise.name}",
                     changes={"old": sorted(held), "new": sorted(wanted)})


# --- members --------------------------------------------------------------------------------

def enterprise_member_add(*, user: Any, enterprise: Enterprise, actor: Any) -> EnterpriseMember:
    """Let an enterprise user act for ``enterprise`` (one enterprise per user)."""
    with transaction.atomic():
        member, created = EnterpriseMember.objects.update_or_create(
            user=user, defaults={"enterprise": enterprise})
        audit_record(actor=_user(actor), action="enterprise.member_add", target=member,
                     summary=f"关联企业用户 {user} → {enterprise.name}",
                     changes={"user": user.pk, "enterprise": enterprise.pk, "created": created})
    return member


def enterprise_member_ensure_demo(*, user: Any) -> EnterpriseMember | None:
    """Link the demo enterprise login to an enterprise in its region (or the first one);
    idempotent."""
    existing = EnterpriseMember.objects.filter(user=user).first()
    if existing is not None:
        return existing
    candidates = Enterprise.objects.order_by("uscc")
    local = (candidates.filter(region__path__startswith=user.region.path)
             if user.region_id else candidates)
    enterprise = local.first() or candidates.first()
    if enterprise is None:
        return None
    return enterprise_member_add(user=user, enterprise=enterprise, actor=None)


# --- facts ----------------------------------------------------------------------------------

def _check_period(ind: Any, year: int | None) -> None:
    if ind.period is Period.ANNUAL and year is None:
        raise RegistryError(f"“{ind.name}”是年度指标，必须给出年度。")
    if ind.period is Period.STATIC and year is not None:
        raise RegistryError(f"“{ind.name}”不分年度，不应给出年度（收到 {year}）。")
    if year is not None and year > timezone.localdate().year:
        raise RegistryError(f"“{ind.name}”的年度 {year} 晚于当前年份。")


def stored_value(fact: Fact) -> StoredValue | None:
    column = values.value_column(values.indicator(fact.indicator))
    value: StoredValue | None = getattr(fact, column)
    return value


def fact_set(*, enterprise: Enterprise, indicator: str, year: int | None,
             value: StoredValue | None, source: Source | str, actor: Any,
             note: str = "") -> Fact | None:
    """Record a value (storage units) as the current version. Returns the new Fact, or None
    when the value equals the current version's (whatever its source). ``value=None``
    retracts a known value. Attested judgements require a named ``actor``."""
    ind = values.indicator(indicator)
    _check_period(ind, year)
    try:
        values.check_stored(ind, value)
    except values.FactValueError as error:
        raise RegistryError(str(error)) from None
    if ind.attested and _user(actor) is None:
        raise RegistryError(f"“{ind.name}”属于认定判断，必须由具名人员录入。")
    source = Source(source)
    with transaction.atomic():
        current = (Fact.objects.select_for_update()
                   .filter(enterprise=enterprise, indicator=indicator, year=year,
                           superseded_at__isnull=True).first())
        old = stored_value(current) if current else None
        # bool is an int in Python: compare types too so False never equals a count of 0.
        if old == value and type(old) is type(value):
            return None
        return _write_fact(enterprise, ind, year, value, source, actor, note, current, old)


def _write_fact(enterprise: Enterprise, ind: Any, year: int | None, value: StoredValue | None,
                source: Source, actor: Any, note: str, current: Fact | None,
                old: StoredValue | None) -> Fact:
    now = timezone.now()
    if current is not None:
        current.superseded_at = now
        current.save(update_fields=["superseded_at"])
    fact = Fact(enterprise=enterprise, indicator=ind.id, year=year, source=source,
                entered_by=_user(actor), entered_at=now, note=note)
    setattr(fact, values.value_column(ind), value)
    fact.save()
    _mirror(enterprise, ind.id, value)
    period = f"{year}年" if year else ""
    before, after = values.user_text(ind, old) or "（空）", values.user_text(ind, value) or "（空）"
    audit_record(
        actor=_user(actor), action="fact.set", target=enterprise,
        summary=f"{enterprise.name}：{period}{values.header(ind)} {before} → {after}",
        changes={"indicator": ind.id, "year": year, "old": values.user_text(ind, old),
                 "new": values.user_text(ind, value), "source": str(source), "fact": fact.pk},
    )
    return fact


def _mirror(enterprise: Enterprise, indicator: str, value: StoredValue | None) -> None:
    field = MIRRORED_FIELDS.get(indicator)
    if field is None:
        return
    blank = "" if field == "sme_size" else None
    setattr(enterprise, field, blank if value is None else value)
    enterprise.save(update_fields=[field, "updated_at"])


def facts_bulk_set(*, facts: pl.DataFrame, source: Source | str | pl.Series, actor: Any,
                   import_record: ImportRecord | None = None, audit: bool = True) -> BulkResult:
    """Record many values at once (imports, loaders). ``facts`` is a fact frame (see
    fact_frames.FRAME_SCHEMA, storage units, no null values). Values equal to the current
    version are skipped; others become new versions. With ``audit=False`` the caller records
    one audit entry for the whole operation (an import)."""
    if isinstance(source, pl.Series):
        facts = facts.with_columns(source=source)
    else:
        facts = facts.with_columns(source=pl.lit(str(Source(source))))
    with transaction.atomic():
        result = _bulk_write(facts, _user(actor), import_record)
        if audit and result.written:
            audit_record(actor=_user(actor), action="fact.bulk_set", target=import_record,
                         summary=f"批量写入指标值 {result.written} 条（其中更正 "
                                 f"{result.corrected} 条）",
                         changes={"written": result.written, "corrected": result.corrected,
                                  "unchanged": result.unchanged})
    return result


def _bulk_write(facts: pl.DataFrame, actor: Any, import_record: ImportRecord | None,
                ) -> BulkResult:
    current = fact_frames.read_current(
        enterprise_ids=facts["enterprise_id"].unique().to_list(),
        indicators=facts["indicator"].unique().to_list())
    incoming = facts.select(*fact_frames.FRAME_SCHEMA, "source")
    changed, superseded = _diff(incoming, current)
    now = timezone.now()
    fact_frames.supersede(superseded, now)
    fact_frames.insert(changed.drop("source"), source=changed["source"],
                       entered_by_id=actor.pk if actor else None, entered_at=now,
                       import_record_id=import_record.pk if import_record else None)
    _mirror_bulk(changed)
    return BulkResult(written=changed.height, corrected=len(superseded),
                      unchanged=incoming.height - changed.height)


def _diff(incoming: pl.DataFrame, current: pl.DataFrame,
                      ) -> tuple[pl.DataFrame, list[int]]:
    joined = incoming.join(
        current.rename({c: f"{c}_now" for c in (*fact_frames.VALUE_COLUMNS, "source")}),
        on=list(fact_frames.KEY_COLUMNS), how="left", nulls_equal=True)
    # Equality is on the value only: re-importing an unchanged figure under another source
    # label must not create versions (see docs/registry.md, "What counts as a change").
    same = pl.all_horizontal(pl.col(c).eq_missing(pl.col(f"{c}_now"))
                             for c in fact_frames.VALUE_COLUMNS)
    changed = joined.filter(pl.col("id").is_null() | ~same.fill_null(False))
    superseded = changed.filter(pl.col("id").is_not_null())["id"].to_list()
    return changed.select(incoming.columns), superseded


def _mirror_bulk(changed: pl.DataFrame) -> None:
    """Update the Enterprise mirror columns with one prepared UPDATE per mirrored indicator
    (``bulk_update`` builds a CASE expression per row and is far slower at demo scale)."""
    for ind_id, field in MIRRORED_FIELDS.items():
        column = values.value_column(values.indicator(ind_id))
        rows = changed.filter(pl.col("indicator") == ind_id).select(column, "enterprise_id")
        if rows.is_empty():
            continue
        if field == "sme_size":  # a CharField: unknown is "", never NULL
            rows = rows.with_columns(pl.col(column).fill_null(""))
        if column == "value_date" and connection.vendor == "sqlite":
            rows = rows.with_columns(pl.col(column).dt.to_string("%Y-%m-%d"))
        tables.update_column(Enterprise, field, rows.rows())


# --- records --------------------------------------------------------------------------------

def title_add(*, enterprise: Enterprise, tier: str, level: str, valid_from: dt.date,
              actor: Any, valid_until: dt.date | None = None, year: int | None = None,
              certificate_no: str = "", source: Source | str = Source.THIRD_PARTY) -> Title:
    """Record a title held (a certification granted), checked against TITLE_TIERS."""
    title_tier = TITLE_BY_ID.get(tier)
    if title_tier is None:
        raise RegistryError(f"未知称号“{tier}”。")
    if level not in title_tier.levels:
        raise RegistryError(f"称号“{title_tier.name}”没有“{level}”级别。")
    if valid_until is not None and valid_until < valid_from:
        raise RegistryError("称号有效期止早于有效期起。")
    title = record_add(record_type=Title, enterprise=enterprise, actor=actor, source=source,
                       tier=tier, level=level, valid_from=valid_from, valid_until=valid_until,
                       year=year, certificate_no=certificate_no)
    assert isinstance(title, Title)
    return title


def record_add(*, record_type: type[RecordBase], enterprise: Enterprise, actor: Any,
               source: Source | str = Source.THIRD_PARTY, **fields: Any) -> RecordBase:
    """Add a record (title, standard, award, brand, certification, R&D institution) and
    re-derive the indicators it implies (see derivation.py)."""
    with transaction.atomic():
        record = record_type(enterprise=enterprise,  # type: ignore[misc]
                             source=str(Source(source)), entered_by=_user(actor), **fields)
        record.full_clean()
        record.save()
        _audit_record_change(record, actor, "record.add", "新增")
        _derive(record, actor)
    return record


def record_delete(*, record: RecordBase, actor: Any) -> None:
    with transaction.atomic():
        _audit_record_change(record, actor, "record.delete", "删除")
        record.delete()
        _derive(record, actor)


def _audit_record_change(record: RecordBase, actor: Any, action: str, verb: str) -> None:
    enterprise = record.enterprise  # type: ignore[attr-defined]
    audit_record(actor=_user(actor), action=action, target=enterprise,
                 summary=f"{enterprise.name}：{verb}{record._meta.verbose_name} {record}",
                 changes={"model": record._meta.model_name, "id": record.pk,
                          "fields": _record_fields(record)})


def _record_fields(record: RecordBase) -> dict[str, Any]:
    skipped = {"id", "enterprise", "entered_by", "entered_at"}
    return {f.name: _jsonable(getattr(record, f.attname))
            for f in record._meta.concrete_fields if f.name not in skipped}


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _derive(record: RecordBase, actor: Any) -> None:
    enterprise = record.enterprise  # type: ignore[attr-defined]
    for indicator, year, value in derived_facts(type(record), enterprise,
                                                getattr(record, "year", None)):
        fact_set(enterprise=enterprise, indicator=indicator, year=year, value=value,
                 source=record.source, actor=actor, note="由记录推导")
