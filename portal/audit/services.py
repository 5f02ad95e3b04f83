"""Recording audit entries. Callers invoke this inside their own transaction.atomic block."""

from __future__ import annotations

from typing import Any

from django.db import models

from portal.audit.models import AuditEntry


def audit_record(
    *, actor: Any, action: str, target: models.Model | None, summary: str,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Store one audit row; anonymous or system writes pass actor=None."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        summary=summary[:500],
        changes=changes or {},
    )
