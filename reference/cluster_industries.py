"""Reading cluster_industries.yaml: zjtx's own mapping from a cluster list's items to the
GB/T 4754 industries that plausibly belong to them.

The policy texts name clusters but never their industries, so this file is ours and says so.
It is checked against the files it points into: every item of the list is mapped exactly once,
under its own name, and every industry code exists in industries.yaml — an edited mapping that
drifts from the catalogue fails on load instead of silently matching nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reference.fields import Entry, ReferenceDataError, entries
from reference.records import ClusterIndustries, ClusterItem, ClusterList, Industry


def load_cluster_industries(file: str, document: object, lists: Sequence[ClusterList],
                            industries: Sequence[Industry]) -> tuple[ClusterIndustries, ...]:
    items = _items_of_list(file, document, lists)
    codes = {industry.code for industry in industries}
    mappings = tuple(_mapping(entry, items, codes)
                     for entry in entries(file, document, "mappings"))
    mapped = [m.cluster for m in mappings]
    for cluster in mapped:
        if mapped.count(cluster) > 1:
            raise ReferenceDataError(f"{file}：集群 {cluster} 出现多次")
    missing = [item_id for item_id in items if item_id not in mapped]
    if missing:
        raise ReferenceDataError(f"{file}：清单中的集群未给出行业：{'、'.join(missing)}")
    return mappings


def _items_of_list(file: str, document: object,
                   lists: Sequence[ClusterList]) -> dict[str, ClusterItem]:
    if not isinstance(document, Mapping):
        raise ReferenceDataError(f"{file}：顶层应为映射")
    top = Entry(file, 0, document)
    list_id = top.text("list")
    found = next((cl for cl in lists if cl.id == list_id), None)
    if found is None or not found.items:
        raise top.error("list", f"清单 {list_id} 不在 clusters.yaml 中，或未列出条目")
    return {item.id: item for item in found.items}


def _mapping(raw: Entry, items: Mapping[str, ClusterItem],
             codes: set[str]) -> ClusterIndustries:
    entry = raw.labelled("cluster")
    cluster = entry.text("cluster")
    item = items.get(cluster)
    if item is None:
        raise entry.error("cluster", f"{cluster} 不是该清单的条目")
    name = entry.text("name")
    if name != item.name:
        raise entry.error("name", f"应与 clusters.yaml 一致：{item.name}")
    industries = entry.texts("industries")
    if not industries:
        raise entry.error("industries", "至少应列出一个行业代码")
    for code in industries:
        if code not in codes:
            raise entry.error("industries", f"行业代码 {code} 不在 industries.yaml 中")
        if industries.count(code) > 1:
            raise entry.error("industries", f"行业代码 {code} 重复")
    return ClusterIndustries(cluster=cluster, name=name, industries=industries,
                             note=entry.optional_text("note"), position=entry.position)
