"""Which of Jiangsu's 13 advanced manufacturing clusters (先进制造业集群) each enterprise is in.

Memberships follow the industry: ``reference/data/cluster_industries.yaml`` — zjtx's own
mapping, not from the policy texts — lists for each cluster the GB/T 4754 code prefixes that
plausibly belong to it. Most enterprises in a mapped industry are members, those nearer the
tier thresholds more often (clusters are built around their leading firms); the rest, and every
enterprise in an unmapped industry, belong to none. Without the file nobody is a member.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import yaml

from population.backbone import Backbone
from population.draws import IntArray, per_segment

# The C loader when PyYAML was built with libyaml: ten times faster on the reference files.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAPPING_FILE = (Path(__file__).resolve().parent.parent / "reference" / "data"
                / "cluster_industries.yaml")
# Share of enterprises in a mapped industry that are members, per segment
# (ordinary, 专精特新 level, 小巨人 level, single-champion level).
MEMBER_SHARE = (0.7, 0.85, 0.9, 0.9)


@dataclass(frozen=True)
class ClusterMap:
    clusters: tuple[str, ...]  # cluster ids, in file order
    covers: np.ndarray  # bool, industry class × cluster: the class plausibly belongs


@cache
def load_cluster_map(codes: tuple[str, ...], path: Path = MAPPING_FILE) -> ClusterMap:
    """The mapping for the industry classes ``codes`` (aligned with ``Industries.codes``)."""
    prefixes = _prefixes_from_yaml(path) if path.is_file() else {}
    covers = np.array([[code.startswith(p) for p in prefixes.values()] for code in codes],
                      dtype=np.bool_).reshape(len(codes), len(prefixes))
    return ClusterMap(clusters=tuple(prefixes), covers=covers)


def draw_clusters(rng: np.random.Generator, b: Backbone, mapping: ClusterMap) -> pa.Array:
    """Every enterprise's cluster ids (a list, empty for none), in cluster order."""
    candidate = mapping.covers[b.industry]
    # Row-major: pairs come sorted by enterprise, then cluster, as a list array needs them.
    rows, clusters = np.nonzero(candidate)
    member = rng.random(rows.shape[0]) < per_segment(b.segment, MEMBER_SHARE)[rows]
    rows, clusters = rows[member], clusters[member]
    offsets: IntArray = np.zeros(b.n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=b.n), out=offsets[1:])
    ids = pa.array(mapping.clusters, type=pa.string()).take(pa.array(clusters))
    return pa.LargeListArray.from_arrays(pa.array(offsets), ids)


def _prefixes_from_yaml(path: Path) -> dict[str, tuple[str, ...]]:
    data: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    entries = data.get("mappings", []) if isinstance(data, dict) else []
    try:
        return {str(e["cluster"]): tuple(str(code) for code in e["industries"])
                for e in entries}
    except (KeyError, TypeError) as err:
        raise ValueError(f"{path} 的集群行业条目缺少字段或格式不对：{err}") from err
