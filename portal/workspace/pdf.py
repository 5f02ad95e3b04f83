"""The diagnosis report as PDF: headless Chromium prints the same HTML the print view shows,
with Debian's Noto CJK fonts so Chinese renders (see DESIGN.md §8)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
TIMEOUT_SECONDS = 60


class PdfUnavailable(RuntimeError):
    """No Chromium on this machine, or it failed; the message is Chinese."""


def chromium_path() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def html_to_pdf(html: str) -> bytes:
    """Print self-contained HTML (styles inlined) to PDF."""
    binary = chromium_path()
    if binary is None:
        raise PdfUnavailable("本机未安装 Chromium，无法生成 PDF；请使用打印页面另存为 PDF。")
    with tempfile.TemporaryDirectory(prefix="zjtx-pdf-") as folder:
        source, target = Path(folder) / "report.html", Path(folder) / "report.pdf"
        source.write_text(html, encoding="utf-8")
        command = [binary, "--headless", "--no-sandbox", "--disable-gpu",
                   "--no-pdf-header-footer", f"--user-data-dir={folder}/profile",
                   f"--print-to-pdf={target}", source.as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise PdfUnavailable("生成 PDF 超时，请稍后重试或使用打印页面。") from None
        if not target.exists() or target.stat().st_size == 0:
            raise PdfUnavailable("Chromium 未能生成 PDF，请使用打印页面另存为 PDF。")
        return target.read_bytes()
