"""Checks on uploaded attachments: PDF, JPG or PNG by both extension and content, at most
10 MB. Messages name the file and say why it was refused."""

from __future__ import annotations

from pathlib import PurePath
from typing import Protocol

from portal.certification.errors import CertificationError

MAX_BYTES = 10 * 1024 * 1024
# Extension → the magic bytes every such file starts with.
SIGNATURES: dict[str, tuple[str, bytes]] = {
    ".pdf": ("PDF", b"%PDF-"),
    ".jpg": ("JPG", b"\xff\xd8\xff"),
    ".jpeg": ("JPG", b"\xff\xd8\xff"),
    ".png": ("PNG", b"\x89PNG\r\n\x1a\n"),
}


class UploadError(CertificationError):
    """An attachment was refused; the message is Chinese."""


class Upload(Protocol):
    name: str | None
    size: int | None

    def read(self, size: int = ..., /) -> bytes: ...

    def seek(self, offset: int, whence: int = ..., /) -> int: ...


def check_upload(upload: Upload) -> None:
    name = upload.name or "（未命名）"
    suffix = PurePath(name).suffix.lower()
    if suffix not in SIGNATURES:
        raise UploadError(f"附件“{name}”的类型不受支持：只接受 PDF、JPG、PNG 文件。")
    size = upload.size or 0
    if size == 0:
        raise UploadError(f"附件“{name}”是空文件。")
    if size > MAX_BYTES:
        raise UploadError(f"附件“{name}”大小为 {size / 1024 / 1024:.1f} MB，"
                          "超过 10 MB 的上限。")
    label, magic = SIGNATURES[suffix]
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise UploadError(f"附件“{name}”的内容不是有效的 {label} 文件（扩展名与文件内容不符）。")
