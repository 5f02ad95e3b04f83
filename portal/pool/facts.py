"""Facts documents for the engine: one enterprise (the JSON document of docs/facts.md) or many
at once (the columnar layout read in one query per chunk, then one document per row)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from eligibility.api import FactsDocument
from eligibility.screening.documents import documents
from indicators.document import parse_facts
from portal.enterprises.documents import facts_document
from portal.enterprises.models import Enterprise
from portal.enterprises.selectors import current_facts_frame

CHUNK = 500


def facts_of(enterprise: Enterprise) -> FactsDocument:
    return parse_facts(facts_document(enterprise))


def facts_of_many(enterprise_ids: Sequence[int], *, chunk: int = CHUNK,
                  ) -> Iterator[tuple[int, FactsDocument]]:
    """(enterprise id, document) for every id, in chunks of ``chunk`` enterprises."""
    for start in range(0, len(enterprise_ids), chunk):
        ids = list(enterprise_ids[start:start + chunk])
        uscc_to_id = dict(Enterprise.objects.filter(pk__in=ids).values_list("uscc", "pk"))
        frame = current_facts_frame(enterprises=Enterprise.objects.filter(pk__in=ids))
        for document in documents(frame):
            yield uscc_to_id[str(document.uscc)], document
