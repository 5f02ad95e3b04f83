"""Shared by the pool views: xlsx responses, paging, query strings, the standard notice."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from portal.core.progress import progress_of
from portal.pool.standards import EntryStandard, EntryStandardError, entry_standard
from portal.regions.models import Region

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 30
PROVINCE_CODE = "320000"


def xlsx_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    filename = f"{name}_{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def paged(request: HttpRequest, items: Any, size: int = PAGE_SIZE) -> tuple[Page, str]:
    """One page of ``items`` and the query string without the page number."""
    page = Paginator(items, size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def standard_for(region: Region | None) -> tuple[EntryStandard | None, str]:
    """The entry standard that applies today in ``region`` (the province when None), or the
    reason there is none."""
    try:
        return entry_standard(timezone.localdate(), region.code if region else PROVINCE_CODE), ""
    except EntryStandardError as error:
        return None, str(error)


def selected_ids(request: HttpRequest, name: str = "id") -> list[int]:
    return [int(v) for v in request.POST.getlist(name) if v.isdigit()]


def progress_response(request: HttpRequest, progress_id: str, finished: bool) -> HttpResponse:
    """The progress bar polled by htmx; once the work ends the page reloads (HX-Refresh)."""
    response = render(request, "pool/_progress.html", {"progress": progress_of(progress_id),
                                                       "finished": finished})
    if finished:
        response["HX-Refresh"] = "true"
    return response
