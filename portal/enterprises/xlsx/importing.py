"""Importing a workbook: read, validate everything, then write everything in one transaction.

With any problem nothing is written but the ``ImportRecord`` (who, when, which file, every
problem). Values equal to the current ones are skipped, so importing the same file twice
writes nothing the second time: no fact versions and no audit entry, only the second
``ImportRecord``. Facts carry the import record as their provenance; the import writes one audit
entry for the whole file (when it changed something), not one per fact.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
from django.db import transaction
from django.utils import timezone

from indicators.vocabulary import Source
from portal.audit.services import audit_record
from portal.enterprises import fact_frames, tables
from portal.enterprises.models import Enterprise, ImportRecord, ImportStatus, Title
from portal.enterprises.services import facts_bulk_set
from portal.enterprises.xlsx import sheets
from portal.enterprises.xlsx.checks import CheckedWorkbook, check_workbook
from portal.enterprises.xlsx.problems import Problem
from portal.enterprises.xlsx.reading import ROW, read_workbook

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]
STORED_PROBLEMS = 10_000  # an import record keeps this many problems (the count is exact)
PLAIN_FIELDS = ("name", "region_code", "industry_code", "main_products", "contact_name",
                "contact_phone", "contact_email")
TITLE_FIELDS = ("year", "valid_until", "certificate_no")


def _quiet(done: int, total: int, message: str) -> None:
    """The default progress sink: imports from the command line report at the end."""


def import_workbook(*, source: Path | bytes, file_name: str, actor: Any, dry_run: bool = False,
                    fact_source: Source | str = Source.SELF_REPORTED,
                    record: ImportRecord | None = None,
                    progress: Progress = _quiet) -> ImportRecord:
    """Import ``source``; returns its ImportRecord (status succeeded, checked, rejected or
    failed)."""
    user = actor if getattr(actor, "pk", None) else None
    if record is None:
        record = ImportRecord.objects.create(actor=user, file_name=file_name, dry_run=dry_run)
    _set_status(record, ImportStatus.RUNNING)
    progress(0, 4, "读取文件")
    data, problems = read_workbook(source)
    progress(1, 4, "校验数据")
    checked = check_workbook(data)
    problems += checked.problems
    counts = _row_counts(checked)
    if problems:
        return _finish(record, ImportStatus.REJECTED, counts, problems)
    if dry_run:
        return _finish(record, ImportStatus.CHECKED, counts, [])
    progress(2, 4, "写入数据")
    try:
        with transaction.atomic():
            counts |= _write(checked, record, user, Source(fact_source))
    except Exception as error:  # the record must say why, whatever failed; the data rolled back
        log.exception("import %s failed", record.pk)
        return _finish(record, ImportStatus.FAILED, counts,
                       [Problem("", None, None, f"写入失败，已全部回滚：{error}")])
    progress(4, 4, "完成")
    return _finish(record, ImportStatus.SUCCEEDED, counts, [])


def _set_status(record: ImportRecord, status: ImportStatus) -> None:
    record.status = status
    record.save(update_fields=["status"])


def _finish(record: ImportRecord, status: ImportStatus, counts: dict[str, int],
            problems: list[Problem]) -> ImportRecord:
    record.status = status
    record.finished_at = timezone.now()
    record.counts = {**counts, "problems": len(problems)}
    record.errors = [p.as_dict() for p in problems[:STORED_PROBLEMS]]
    record.save(update_fields=["status", "finished_at", "counts", "errors"])
    return record


def _row_counts(checked: CheckedWorkbook) -> dict[str, int]:
    keys = {sheets.ENTERPRISES: "enterprise_rows", sheets.ANNUAL_SHEET: "annual_rows",
            sheets.STATIC_SHEET: "static_rows"}
    return {keys[name]: frame.height for name, frame in checked.sheets.items()}


def _write(checked: CheckedWorkbook, record: ImportRecord, user: Any,
           fact_source: Source) -> dict[str, int]:
    counts = _upsert_enterprises(checked)
    ids = _enterprise_ids(checked)
    facts = _facts(checked, ids)
    result = facts_bulk_set(facts=facts, source=fact_source, actor=user, import_record=record,
                            audit=False)
    counts |= {"facts_written": result.written, "facts_corrected": result.corrected,
               "facts_unchanged": result.unchanged}
    counts |= _upsert_titles(checked, ids, user)
    changed = sum(counts[k] for k in ("enterprises_created", "enterprises_updated",
                                      "facts_written", "titles_created", "titles_updated"))
    if changed:
        audit_record(actor=user, action="enterprise.import", target=record,
                     summary=f"导入 {record.file_name}：新登记企业 {counts['enterprises_created']}"
                             f" 家，写入指标值 {result.written} 条（更正 {result.corrected} 条）",
                     changes=counts)
    return counts


# --- enterprises ----------------------------------------------------------------------------

def _upsert_enterprises(checked: CheckedWorkbook) -> dict[str, int]:
    frame = checked.sheets.get(sheets.ENTERPRISES)
    if frame is None:
        return {"enterprises_created": 0, "enterprises_updated": 0}
    present = [f for f in PLAIN_FIELDS if f in checked.present[sheets.ENTERPRISES]]
    existing = Enterprise.objects.in_bulk(frame["uscc"].to_list(), field_name="uscc")
    created: list[dict[str, Any]] = []
    updated: list[Enterprise] = []
    for row in frame.iter_rows(named=True):
        enterprise = existing.get(row["uscc"])
        if enterprise is None:
            created.append({"uscc": row["uscc"], **_fields(row, present)})
        elif _apply(enterprise, _fields(row, present)):
            updated.append(enterprise)
    tables.insert_enterprises(created)
    model_fields = [_model_field(f) for f in present]
    if updated:
        Enterprise.objects.bulk_update(updated, [*model_fields, "updated_at"], batch_size=1_000)
    clusters = _set_clusters(frame) if "clusters" in frame.columns else 0
    return {"enterprises_created": len(created), "enterprises_updated": len(updated),
            "cluster_links_changed": clusters}


def _model_field(name: str) -> str:
    return {"region_code": "region_id", "industry_code": "industry_id"}.get(name, name)


def _fields(row: dict[str, Any], present: list[str]) -> dict[str, Any]:
    # Optional text columns present but empty clear the value; names and codes are required.
    return {_model_field(f): row[f] if row[f] is not None else "" for f in present}


def _apply(enterprise: Enterprise, fields: dict[str, Any]) -> bool:
    changed = False
    for name, value in fields.items():
        if getattr(enterprise, name) != value:
            setattr(enterprise, name, value)
            changed = True
    if changed:
        enterprise.updated_at = timezone.now()
    return changed


def _set_clusters(frame: pl.DataFrame) -> int:
    """Replace the cluster links of enterprises whose cell is filled and differs."""
    through = Enterprise.clusters.through
    wanted = {u: set(c) for u, c in frame.select("uscc", "clusters").iter_rows() if c is not None}
    ids = dict(Enterprise.objects.filter(uscc__in=list(wanted)).values_list("uscc", "id"))
    held: dict[int, set[str]] = {}
    for enterprise_id, slug in through.objects.filter(
            enterprise_id__in=list(ids.values())).values_list("enterprise_id", "cluster_id"):
        held.setdefault(enterprise_id, set()).add(slug)
    changed = {ids[u]: slugs for u, slugs in wanted.items() if held.get(ids[u], set()) != slugs}
    through.objects.filter(enterprise_id__in=list(changed)).delete()
    through.objects.bulk_create([through(enterprise_id=e, cluster_id=s)
                                 for e, slugs in changed.items() for s in sorted(slugs)])
    return len(changed)


def _enterprise_ids(checked: CheckedWorkbook) -> pl.DataFrame:
    usccs: set[str] = set()
    for frame in checked.sheets.values():
        usccs |= set(frame["uscc"].to_list())
    ordered = sorted(usccs)
    rows: list[tuple[str, int]] = []
    for start in range(0, len(ordered), 2_000):
        rows += Enterprise.objects.filter(uscc__in=ordered[start:start + 2_000]).values_list(
            "uscc", "id")
    return pl.DataFrame(rows, orient="row", schema={"uscc": pl.String,
                                                    "enterprise_id": pl.Int64})


# --- facts and titles -----------------------------------------------------------------------

def _indicator_columns(checked: CheckedWorkbook, name: str) -> dict[str, tuple[str, int | None]]:
    return {c.key: (c.key, None) for c in sheets.COLUMNS[name]
            if c.indicator is not None and c.key in checked.present[name]}


def _facts(checked: CheckedWorkbook, ids: pl.DataFrame) -> pl.DataFrame:
    parts = [fact_frames.empty_frame()]
    for name, frame in checked.sheets.items():
        columns = _indicator_columns(checked, name)
        if not columns:
            continue
        keyed = frame.join(ids, on="uscc")
        if name == sheets.STATIC_SHEET:
            # One enterprise may span several rows (one per title); values agree (checked).
            keyed = keyed.sort(ROW).group_by("enterprise_id").agg(
                pl.col(list(columns)).drop_nulls().first())
        year = "year" if name == sheets.ANNUAL_SHEET else None
        parts.append(fact_frames.from_wide(keyed, columns, year_column=year))
    return pl.concat(parts)


def _upsert_titles(checked: CheckedWorkbook, ids: pl.DataFrame, user: Any) -> dict[str, int]:
    frame = checked.sheets.get(sheets.STATIC_SHEET)
    if frame is None or "title_tier" not in frame.columns:
        return {"titles_created": 0, "titles_updated": 0}
    rows = frame.filter(pl.col("title_tier").is_not_null()).join(ids, on="uscc")
    existing = {(t.enterprise_id, t.tier, t.level, t.valid_from): t for t in
                Title.objects.filter(enterprise_id__in=rows["enterprise_id"].unique().to_list())}
    created, updated = [], []
    for row in rows.iter_rows(named=True):
        wanted = {"year": row.get("title_year"), "valid_until": row.get("title_valid_until"),
                  "certificate_no": row.get("title_certificate_no") or ""}
        key = (row["enterprise_id"], row["title_tier"], row["title_level"],
               row["title_valid_from"])
        title = existing.get(key)
        if title is None:
            created.append(Title(enterprise_id=key[0], tier=key[1], level=key[2],
                                 valid_from=key[3], entered_by=user, **wanted))
        elif any(getattr(title, f) != v for f, v in wanted.items()):
            for field, value in wanted.items():
                setattr(title, field, value)
            updated.append(title)
    Title.objects.bulk_create(created, batch_size=1_000)
    Title.objects.bulk_update(updated, list(TITLE_FIELDS), batch_size=1_000)
    return {"titles_created": len(created), "titles_updated": len(updated)}
