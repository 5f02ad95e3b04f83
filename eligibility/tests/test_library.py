"""Version selection with jurisdiction inheritance, and the public API."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from eligibility.api import LibraryError, OverrideError, evaluate, load_library

FIXTURES = Path(__file__).parent / "fixtures" / "criteria"
SRDI = FIXTURES / "srdi"


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    """The fixtures plus a national srdi_sme set alongside the Jiangsu one."""
    target = tmp_path / "srdi"
    shutil.copytree(SRDI, target)
    text = (SRDI / "srdi_sme_jiangsu_2022.yaml").read_text(encoding="utf-8")
    national = text.replace("id: srdi_sme_jiangsu_2022", "id: srdi_sme_national_2022").replace(
        'jurisdiction: "320000"', 'jurisdiction: "000000"')
    (target / "srdi_sme_national_2022.yaml").write_text(national, encoding="utf-8")
    return tmp_path


def test_it_picks_the_most_specific_jurisdiction(library_dir: Path) -> None:
    library = load_library(library_dir, strict=True)
    in_suzhou = library.sets_in_force(date(2025, 5, 1), "320509", "new")
    in_zhejiang = library.sets_in_force(date(2025, 5, 1), "330100", "new")
    assert [s.id for s in in_suzhou] == [
        "innovative_sme_national_2022", "srdi_sme_jiangsu_2022", "little_giant_national_2022"]
    assert "srdi_sme_national_2022" in [s.id for s in in_zhejiang]


def test_it_selects_by_date_and_application_type(library_dir: Path) -> None:
    library = load_library(library_dir)
    after = library.select("little_giant", "national", date(2026, 5, 1), "320509", "re_review")
    before = library.select("little_giant", "national", date(2026, 3, 31), "320509", "new")
    assert (after and after.id, before and before.id) == (
        "little_giant_national_2026", "little_giant_national_2022")
    assert library.select("single_champion", "national", date(2023, 5, 1), "320509",
                          "re_review") is None


def test_strict_loading_raises_on_findings() -> None:
    with pytest.raises(LibraryError):
        load_library(Path(__file__).parent / "fixtures" / "invalid" / "e004_unit_mismatch",
                     strict=True)


def test_it_applies_what_if_overrides_in_the_parameter_unit() -> None:
    cs = load_library(FIXTURES).get("single_champion_national_2019")
    facts = {"schema": "zjtx.facts/1", "region_code": "320213", "static": {"niche_since": 2010},
             "annual": {"2022": {"revenue": "30000", "global_rank": 2}}}
    on = date(2023, 5, 1)
    assert evaluate(cs, facts, on=on).verdict == "fail"
    assert evaluate(cs, facts, on=on, overrides={"revenue_small": "2.5"}).verdict == "pass"
    assert evaluate(cs, facts, on=on, overrides={"revenue_small": "25000万元"}).verdict == "pass"
    with pytest.raises(OverrideError):
        evaluate(cs, facts, on=on, overrides={"revenue_small": "3%"})


def test_the_outcome_serialises_with_citations_and_gaps() -> None:
    import json

    cs = load_library(FIXTURES).get("little_giant_national_2022")
    facts = json.loads((Path(__file__).parent / "fixtures" / "failing_enterprise.json")
                       .read_text(encoding="utf-8"))
    data = evaluate(cs, facts, on=date(2026, 3, 1)).to_dict()
    assert data["verdict"] == "fail" and data["criteria_set"]["version"] == "2022"
    rd = next(c for c in data["criteria"] if c["id"] == "innovation.rd_intensity")
    assert rd["status"] == "fail" and rd["shortfall"]["text"] == "还差0.31个百分点"
    assert rd["gaps"][0]["needs"]["text"] == "2025年度研发费用还差37.5万元"
    assert rd["citation"]["number"] == "工信部企业〔2022〕63号"
    json.dumps(data, ensure_ascii=False)


def test_parallel_tracks_are_selected_side_by_side(library_dir: Path) -> None:
    text = (SRDI / "srdi_sme_jiangsu_2022.yaml").read_text(encoding="utf-8")
    second = text.replace("id: srdi_sme_jiangsu_2022", "id: srdi_sme_jiangsu_2022_b").replace(
        "application_types:", "track: innovative\ntrack_title: 创新类\napplication_types:")
    (library_dir / "srdi" / "srdi_sme_jiangsu_2022_b.yaml").write_text(second, encoding="utf-8")
    library = load_library(library_dir, strict=True)
    ids = [s.id for s in library.sets_in_force(date(2025, 5, 1), "320509", "new")]
    assert "srdi_sme_jiangsu_2022" in ids and "srdi_sme_jiangsu_2022_b" in ids
    chosen = library.select("srdi_sme", "province", date(2025, 5, 1), "320509", "new",
                            track="innovative")
    assert chosen is not None and chosen.track_title == "创新类"


def test_the_same_track_twice_is_an_overlap(library_dir: Path) -> None:
    text = (SRDI / "srdi_sme_jiangsu_2022.yaml").read_text(encoding="utf-8")
    twin = text.replace("id: srdi_sme_jiangsu_2022", "id: srdi_sme_jiangsu_2022_twin")
    (library_dir / "srdi" / "srdi_sme_jiangsu_2022_twin.yaml").write_text(twin, encoding="utf-8")
    library = load_library(library_dir)
    assert any(i.code.value == "criteria.E007" for i in library.issues)


def test_the_real_library_shows_both_pool_tracks_and_the_wujiang_statement() -> None:
    library = load_library(Path(__file__).parents[2] / "criteria", strict=True)
    ids = {s.id for s in library.sets_in_force(date(2022, 3, 1), "320509", "new")}
    assert {"js-2020-pool-manufacturing", "js-2020-pool-innovative",
            "wj-2022-little-giant-national", "cn-2020-little-giant"} <= ids
    later = {s.id for s in library.sets_in_force(date(2023, 3, 1), "320509", "new")}
    # Wujiang's restatement sits beside the national standard, it does not replace it.
    assert {"cn-2022-little-giant", "wj-2022-little-giant-national"} <= later
