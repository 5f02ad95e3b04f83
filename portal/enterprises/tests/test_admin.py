"""The registry admin: template download, upload-and-import as a background task, export."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from portal.accounts.models import Role, User
from portal.audit.models import AuditEntry
from portal.core.models import TaskProgress
from portal.enterprises.models import Enterprise, ImportRecord, ImportStatus
from portal.enterprises.tests.test_import import good_file
from portal.enterprises.xlsx import sheets
from portal.enterprises.xlsx.reading import read_workbook

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def admin_client(client, regions, industries, clusters, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    admin = User.objects.create_superuser(username="root", password="x" * 12,
                                          role=Role.ADMIN)
    client.force_login(admin)
    return client


def test_the_template_downloads(admin_client):
    response = admin_client.get(reverse("admin:enterprises_enterprise_template"))
    assert response.status_code == 200
    data, problems = read_workbook(response.content)
    assert problems == [] and set(data) == set(sheets.DATA_SHEETS)


@override_settings(TASKS=IMMEDIATE)
def test_an_upload_is_imported_by_the_background_task(admin_client):
    upload = SimpleUploadedFile("企业数据.xlsx", good_file())
    response = admin_client.post(reverse("admin:enterprises_enterprise_import"),
                                 {"file": upload, "fact_source": "statistics"})
    assert response.status_code == 302
    record = ImportRecord.objects.get()
    assert record.status == ImportStatus.SUCCEEDED, record.errors
    assert record.actor.username == "root" and Enterprise.objects.count() == 2
    assert TaskProgress.objects.get(task_id=record.task_id).finished
    page = admin_client.get(reverse("admin:enterprises_importrecord_change", args=[record.pk]))
    assert page.status_code == 200 and "已导入" in page.content.decode()


def test_a_non_xlsx_upload_is_refused(admin_client):
    upload = SimpleUploadedFile("data.csv", b"a,b\n1,2\n")
    response = admin_client.post(reverse("admin:enterprises_enterprise_import"),
                                 {"file": upload, "fact_source": "statistics"})
    assert response.status_code == 200 and "仅支持 .xlsx" in response.content.decode()
    assert not ImportRecord.objects.exists()


def test_selected_enterprises_export_to_excel(admin_client):
    from portal.enterprises.xlsx.importing import import_workbook

    import_workbook(source=good_file(), file_name="x.xlsx", actor=None)
    response = admin_client.post(reverse("admin:enterprises_enterprise_changelist"), {
        "action": "export_selected",
        "_selected_action": list(Enterprise.objects.values_list("pk", flat=True))})
    assert response.status_code == 200
    data, problems = read_workbook(response.content)
    assert problems == [] and data[sheets.ENTERPRISES].frame.height == 2


def test_an_enterprise_added_in_the_admin_is_audited(admin_client, regions, industries):
    from portal.enterprises.tests.codes import make_uscc

    code = make_uscc()
    response = admin_client.post(reverse("admin:enterprises_enterprise_add"), {
        "uscc": code, "name": "后台登记企业", "region": "320509", "industry": "C3484",
        **{f"{prefix}-TOTAL_FORMS": "0" for prefix in _inline_prefixes()},
        **{f"{prefix}-INITIAL_FORMS": "0" for prefix in _inline_prefixes()},
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Enterprise.objects.get(uscc=code).name == "后台登记企业"
    assert AuditEntry.objects.filter(action="enterprise.create").exists()


def _inline_prefixes() -> list[str]:
    return ["titles", "standards", "quality_awards", "brands", "certifications",
            "rd_institutions"]
