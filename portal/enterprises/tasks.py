"""Background tasks of the registry (django-tasks): imports of uploaded workbooks."""

from __future__ import annotations

from pathlib import Path

from django_tasks import task

from portal.core.progress import report_progress
from portal.enterprises.models import ImportRecord
from portal.enterprises.xlsx.importing import import_workbook


@task()
def import_workbook_task(record_id: int, path: str, dry_run: bool, fact_source: str) -> str:
    """Import an uploaded workbook saved at ``path``; progress is visible under the import
    record's task id. Returns the record's final status."""
    record = ImportRecord.objects.select_related("actor").get(pk=record_id)
    progress_id = record.task_id or f"import-{record.pk}"

    def progress(done: int, total: int, message: str) -> None:
        report_progress(progress_id, done, total, message, title=f"导入 {record.file_name}",
                        finished=done >= total)

    result = import_workbook(source=Path(path), file_name=record.file_name, actor=record.actor,
                             dry_run=dry_run, fact_source=fact_source, record=record,
                             progress=progress)
    report_progress(progress_id, 4, 4, result.get_status_display(), finished=True)
    return str(result.status)
