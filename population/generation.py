"""``generate``: a synthetic population of Jiangsu enterprises in the engine's columnar layout.

Deterministic for a seed: the same (n, seed, years, regions) gives an identical frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import polars as pl

from indicators.uscc import is_valid
from population.attested import draw_attested
from population.backbone import Backbone, draw_backbone
from population.clusters import draw_clusters, load_cluster_map
from population.columns import Columns
from population.draws import streams, to_int
from population.finance import Figures, draw_figures
from population.identity import NEW_STYLE_FROM, names, usccs
from population.industries import load_industries
from population.layout import CLUSTERS, frame_schema, title_column
from population.management import draw_management
from population.market import draw_market
from population.property import draw_property
from population.recording import Recorder
from population.records import draw_records
from population.regions import Placement, load_units, placement
from population.resources import energy_use, land_area, ratings
from population.titles import draw_titles
from population.workforce import draw_staff

DEFAULT_YEARS: tuple[int, ...] = (2021, 2022, 2023, 2024, 2025)
MAX_ENTERPRISES = 20_000_000


def generate(n: int, seed: int, years: tuple[int, ...] | None = None,
             regions: Sequence[str] | None = None, *,
             extra: pl.DataFrame | None = None) -> pl.DataFrame:
    """``n`` enterprises, reproducible from ``seed``.

    ``years``: fiscal years with annual columns (default 2021–2025). ``regions``: region-code
    prefixes to restrict placement to (a unit matches when its code or an ancestor's starts
    with one). ``extra``: hand-made rows in the same layout, appended after the generated ones.
    """
    fiscal_years = _checked(n, seed, years)
    rngs = streams(seed)
    places = placement(load_units(), regions)
    industries = load_industries()
    b = draw_backbone(rngs, n, fiscal_years, places, industries)
    columns = Columns(n)
    region = np.asarray(places.codes)[b.region]
    columns.text("uscc", usccs(rngs["identity"], np.asarray(places.registration)[b.region],
                               b.founded_year >= NEW_STYLE_FROM))
    columns.text("name", names(rngs["identity"], b.segment, b.region, b.industry, places,
                               industries))
    columns.text("region_code", pl.Series(region.astype(str)))
    columns.text("industry_code", pl.Series(np.asarray(industries.codes)[b.industry]))
    clusters = draw_clusters(rngs["clusters"], b, load_cluster_map(industries.codes))
    columns.lists(CLUSTERS, clusters)
    in_cluster = np.diff(clusters.offsets.to_numpy()) > 0
    _indicators(rngs, b, places, columns, in_cluster)
    frame = columns.frame(frame_schema(fiscal_years))
    return frame if extra is None else with_extra(frame, extra)


def write_parquet(frame: pl.DataFrame, path: str | Path) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # zstd level 1: as small as the default level on this data, and much faster to write.
    frame.write_parquet(target, compression="zstd", compression_level=1, statistics=True)
    return target


def _indicators(rngs: dict[str, np.random.Generator], b: Backbone, places: Placement,
                columns: Columns, in_cluster: np.ndarray) -> None:
    rec = Recorder(columns, rngs["gaps"], b)
    figures, money = draw_figures(rngs["finance"], b)
    for indicator_id, values in money.items():
        rec.annual(indicator_id, to_int(values))
    staff = draw_staff(rngs["staff"], b, figures)
    for indicator_id in ("employees", "rd_staff", "tech_staff"):
        rec.annual(indicator_id, getattr(staff, indicator_id))
    _resources(rngs["resources"], b, figures, rec)
    for indicator_id, (shares, unmeasured) in draw_market(rngs["market"], b).items():
        rec.annual(indicator_id, shares, unmeasured)
    for indicator_id, (record, unreported) in draw_records(rngs["records"], b).items():
        rec.annual(indicator_id, record, unreported, rate=0.01)
    ip = draw_property(rngs["property"], b, figures)
    for indicator_id, counts in ip.items():
        rec.static(indicator_id, counts)
    rec.static("founded_on", b.founded_day, rate=0.005)
    for indicator_id, (values, missing) in draw_management(rngs["management"], b, figures,
                                                           staff).items():
        rec.static(indicator_id, values, missing)
    for indicator_id, (values, missing) in draw_attested(rngs["attested"], b, ip["class1_ip"],
                                                         in_cluster).items():
        rec.static(indicator_id, values, missing, rate=0.0)
    in_suzhou = places.in_suzhou[b.region]
    for (tier, level), (start, end, absent) in draw_titles(
            rngs["titles"], b, figures, staff, ip, in_suzhou).items():
        columns.date(title_column(tier, level, "from"), start, absent)
        columns.date(title_column(tier, level, "until"), end, absent)


def _resources(rng: np.random.Generator, b: Backbone, figures: Figures, rec: Recorder) -> None:
    rec.annual("energy_use", energy_use(rng, b, figures))
    area, renting = land_area(rng, b, figures)
    rec.annual("land_area", area, renting)
    classes, unrated = ratings(b, figures, area, renting)
    rec.annual("resource_rating", classes, unrated)


def _checked(n: int, seed: int, years: tuple[int, ...] | None) -> tuple[int, ...]:
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= MAX_ENTERPRISES:
        raise ValueError(f"企业数量应为1到{MAX_ENTERPRISES}之间的整数，实际为{n!r}")
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"随机种子应为非负整数，实际为{seed!r}")
    chosen = DEFAULT_YEARS if years is None else tuple(years)
    if not chosen or any(not isinstance(y, int) or not 1990 <= y <= 2100 for y in chosen):
        raise ValueError(f"年度应为1990到2100之间的整数，实际为{chosen!r}")
    if len(set(chosen)) != len(chosen):
        raise ValueError(f"年度有重复：{chosen!r}")
    return tuple(sorted(chosen))


def with_extra(frame: pl.DataFrame, extra: pl.DataFrame) -> pl.DataFrame:
    """Append hand-made rows (same layout, any subset of columns) after the generated ones."""
    unknown = [c for c in extra.columns if c not in frame.schema]
    if unknown:
        raise ValueError(f"附加企业数据含版式之外的列：{', '.join(unknown)}")
    absent = [c for c in ("uscc", "name", "region_code") if c not in extra.columns]
    if absent:
        raise ValueError(f"附加企业数据缺少必需列：{', '.join(absent)}")
    bad = [c for c in extra["uscc"].to_list() if not isinstance(c, str) or not is_valid(c)]
    if bad:
        raise ValueError(f"附加企业数据的统一社会信用代码无效：{', '.join(map(str, bad[:5]))}")
    try:
        aligned = extra.select(
            pl.col(c).cast(t) if c in extra.columns else pl.lit(None, dtype=t).alias(c)
            for c, t in frame.schema.items())
    except pl.exceptions.PolarsError as err:
        raise ValueError(f"附加企业数据的列类型与版式不符：{err}") from err
    combined = pl.concat([frame, aligned])
    for column, label in (("uscc", "统一社会信用代码"), ("name", "企业名称")):
        clashes = combined.filter(pl.col(column).is_duplicated())[column].unique().sort()
        if clashes.len():
            raise ValueError(f"附加企业数据的{label}与已有企业重复：{', '.join(clashes[:5])}")
    return combined
