"""Attachments: PDF/JPG/PNG by extension and content, at most 10 MB, Chinese messages;
stored under MEDIA_ROOT and served only to users who may see the application."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from portal.certification.errors import CertificationError
from portal.certification.models import Attachment
from portal.certification.services.applications import attachment_add
from portal.certification.tests import steps
from portal.certification.tests.fixtures import World
from portal.certification.uploads import MAX_BYTES, UploadError, check_upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
JPG = b"\xff\xd8\xff\xe0" + b"\0" * 32


def upload(name: str, body: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body)


@pytest.mark.parametrize(("name", "body"), [("报告.pdf", steps.PDF), ("证书.PNG", PNG),
                                            ("证书.jpg", JPG), ("证书.jpeg", JPG)])
def test_it_accepts_pdf_png_and_jpg(name: str, body: bytes) -> None:
    check_upload(upload(name, body))


@pytest.mark.parametrize(("name", "body", "message"), [
    ("报告.docx", b"PK\x03\x04", "附件“报告.docx”的类型不受支持：只接受 PDF、JPG、PNG 文件。"),
    ("报告.pdf", b"", "附件“报告.pdf”是空文件。"),
    ("报告.pdf", b"PK\x03\x04 not a pdf",
     "附件“报告.pdf”的内容不是有效的 PDF 文件（扩展名与文件内容不符）。"),
    ("照片.png", JPG, "附件“照片.png”的内容不是有效的 PNG 文件（扩展名与文件内容不符）。"),
])
def test_it_refuses_other_types_and_mismatched_content(name: str, body: bytes,
                                                       message: str) -> None:
    with pytest.raises(UploadError) as caught:
        check_upload(upload(name, body))
    assert str(caught.value) == message


def test_it_refuses_files_over_ten_megabytes() -> None:
    big = upload("审计报告.pdf", steps.PDF + b"0" * (MAX_BYTES - len(steps.PDF) + 1))
    with pytest.raises(UploadError, match=r"大小为 10\.0 MB，超过 10 MB 的上限"):
        check_upload(big)
    check_upload(upload("审计报告.pdf", steps.PDF + b"0" * (MAX_BYTES - len(steps.PDF))))


@pytest.mark.django_db
def test_a_refused_attachment_refuses_the_whole_submission(world: World) -> None:
    with pytest.raises(UploadError):
        steps.apply(world, files=[("audit_report", upload("a.exe", b"MZ"))])
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_attachments_live_under_media_root_and_are_served_only_in_scope(world: World) -> None:
    app = steps.apply(world)
    stored = app.attachments.get()
    path = Path(stored.file.path)
    assert path.is_file() and Path(settings.MEDIA_ROOT) in path.parents
    url = f"/certification/attachments/{stored.pk}/"
    client = Client()
    client.force_login(world.user("town"))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]
    for outsider in ("other_town", "bank", "nanjing"):
        client.force_login(world.user(outsider))
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_enterprise_may_add_attachments_only_before_the_town_decides(world: World) -> None:
    app = steps.apply(world)
    attachment_add(application_id=app.pk, actor=world.user("enterprise"), kind="certificate",
                   upload=upload("高企证书.png", PNG))
    steps.decide(app, world.user("town"))
    with pytest.raises(CertificationError, match="只能在退回补正时补充附件"):
        attachment_add(application_id=app.pk, actor=world.user("enterprise"),
                       kind="other", upload=upload("补充.pdf", steps.PDF))
    assert app.attachments.count() == 2
