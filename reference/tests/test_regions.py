from collections import Counter

import pytest

from reference.catalogue import ReferenceDataError, parse_regions, regions, subtree
from reference.records import RegionKind

CITIES = {
    "320100": "南京市",
    "320200": "无锡市",
    "320300": "徐州市",
    "320400": "常州市",
    "320500": "苏州市",
    "320600": "南通市",
    "320700": "连云港市",
    "320800": "淮安市",
    "320900": "盐城市",
    "321000": "扬州市",
    "321100": "镇江市",
    "321200": "泰州市",
    "321300": "宿迁市",
}
COUNTY_LEVEL = (RegionKind.DISTRICT, RegionKind.COUNTY, RegionKind.COUNTY_CITY)


def by_code():
    return {region.code: region for region in regions()}


def test_the_tree_has_one_root_the_province():
    roots = [region for region in regions() if region.parent is None]
    assert [(r.code, r.name, r.kind) for r in roots] == [("320000", "江苏省", RegionKind.PROVINCE)]


def test_the_province_has_exactly_its_13_cities():
    cities = {r.code: r.name for r in regions() if r.kind is RegionKind.CITY}
    assert cities == CITIES
    assert all(by_code()[code].parent == "320000" for code in cities)


def test_codes_are_unique_and_every_parent_exists():
    codes = [region.code for region in regions()]
    assert len(codes) == len(set(codes))
    assert all(r.parent is None or r.parent in set(codes) for r in regions())


def test_every_region_reaches_the_root_without_a_cycle():
    index = by_code()
    for region in regions():
        seen, node = set(), region
        while node.parent is not None:
            assert node.code not in seen
            seen.add(node.code)
            node = index[node.parent]
        assert node.code == "320000"


def test_jiangsu_has_95_county_level_units_55_districts_21_cities_19_counties():
    kinds = Counter(r.kind for r in regions() if r.kind in COUNTY_LEVEL)
    assert kinds == {RegionKind.DISTRICT: 55, RegionKind.COUNTY_CITY: 21, RegionKind.COUNTY: 19}
    assert all(r.official and r.parent in CITIES for r in regions() if r.kind in COUNTY_LEVEL)


def test_nanjing_has_its_11_current_districts_and_no_baixia_or_xiaguan():
    nanjing = {r.code: r.name for r in regions() if r.parent == "320100"}
    assert nanjing == {
        "320102": "玄武区",
        "320104": "秦淮区",
        "320105": "建邺区",
        "320106": "鼓楼区",
        "320111": "浦口区",
        "320113": "栖霞区",
        "320114": "雨花台区",
        "320115": "江宁区",
        "320116": "六合区",
        "320117": "溧水区",
        "320118": "高淳区",
    }


@pytest.mark.parametrize(
    ("code", "name", "parent"),
    [
        ("320509", "吴江区", "320500"),
        ("320508", "姑苏区", "320500"),
        ("320402", "天宁区", "320400"),
        ("320404", "钟楼区", "320400"),
        ("320411", "新北区", "320400"),
        ("320412", "武进区", "320400"),
        ("320413", "金坛区", "320400"),
        ("320481", "溧阳市", "320400"),
        ("320812", "清江浦区", "320800"),
        ("320613", "崇川区", "320600"),
        ("320614", "海门区", "320600"),
        ("320685", "海安市", "320600"),
    ],
)
def test_well_known_current_codes(code, name, parent):
    region = by_code()[code]
    assert (region.name, region.parent, region.official) == (name, parent, True)


def test_suzhou_industrial_park_is_a_statistical_zone_not_a_gb2260_code():
    park = by_code()["320571"]
    assert (park.name, park.kind, park.parent, park.official) == (
        "苏州工业园区",
        RegionKind.ZONE,
        "320500",
        False,
    )


def test_only_six_digit_non_zone_codes_are_official():
    for region in regions():
        statistical_zone = len(region.code) == 6 and region.code[4] == "7"
        expected = len(region.code) == 6 and not statistical_zone
        assert region.official is expected, region.code


def test_wujiang_has_the_eight_units_of_seed_000_in_the_attachments_order():
    units = [(r.name, r.kind) for r in regions() if r.parent == "320509"]
    assert units == [
        ("吴江开发区", RegionKind.ZONE),
        ("汾湖高新区（黎里镇）", RegionKind.ZONE),
        ("吴江高新区（盛泽镇）", RegionKind.ZONE),
        ("东太湖度假区（太湖新城）", RegionKind.ZONE),
        ("七都镇", RegionKind.TOWN),
        ("桃源镇", RegionKind.TOWN),
        ("震泽镇", RegionKind.TOWN),
        ("平望镇", RegionKind.TOWN),
    ]


def test_seed_zones_sit_under_the_park_and_xinbei():
    index = by_code()
    assert (index["320571901"].name, index["320571901"].parent) == ("苏相合作区", "320571")
    assert (index["320411901"].name, index["320411901"].parent) == ("滨开区", "320411")


def test_our_own_codes_extend_their_parent_with_a_9xx_suffix():
    own = [r for r in regions() if len(r.code) == 9]
    assert len(own) == 10
    assert all(r.code[:6] == r.parent and r.code[6] == "9" and not r.official for r in own)


def test_subtree_lists_a_node_then_its_descendants_depth_first():
    suzhou = [r.code for r in subtree(regions(), "320500")]
    assert suzhou[0] == "320500"
    assert suzhou.index("320571") < suzhou.index("320571901") < suzhou.index("320581")
    assert len(suzhou) == 1 + 9 + 1 + 8 + 1  # city, 9 county-level, park, 吴江 units, 苏相
    assert [r.code for r in subtree(regions(), "320571901")] == ["320571901"]


def test_subtree_of_an_unknown_code_is_a_key_error():
    with pytest.raises(KeyError, match="999999"):
        subtree(regions(), "999999")


def entry(**fields):
    base = {"code": "320100", "name": "南京市", "kind": "city", "official": True}
    return base | {"parent": "320100" if fields.get("kind") == "district" else "320000"} | fields


PROVINCE = {
    "code": "320000",
    "name": "江苏省",
    "kind": "province",
    "parent": None,
    "official": True,
}


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            entry(code="320102", name="玄武区", kind="district"),
            "第2条（code=320102）：字段 parent：上级代码 320100 不存在",
        ),
        (entry(name=" "), "第2条（code=320100）：字段 name：不能为空"),
        (entry(code=320100), "字段 code：应为文字"),
        (entry(kind="village"), "字段 kind：取值 'village' 无效"),
        (entry(official="yes"), "字段 official：应为 true 或 false"),
        (entry(code="3201"), "应为6位数字"),
        (entry(code="320199"), "设区市代码应为 xxxx00"),
        (entry(code="320100901", kind="town", parent="320100"), "不能标为 official: true"),
    ],
)
def test_a_malformed_region_is_reported_in_chinese_with_file_and_entry(bad, message):
    with pytest.raises(ReferenceDataError, match=r"^regions\.yaml") as caught:
        parse_regions("regions.yaml", {"regions": [PROVINCE, bad]})
    assert message in str(caught.value)


def test_duplicate_codes_and_a_second_root_are_rejected():
    with pytest.raises(ReferenceDataError, match="第2条（code=320000）：代码重复"):
        parse_regions("r.yaml", {"regions": [PROVINCE, PROVINCE]})
    other = PROVINCE | {"code": "310000", "name": "上海市"}
    with pytest.raises(ReferenceDataError, match=r"应有 1 个根节点.*实际 2 个"):
        parse_regions("r.yaml", {"regions": [PROVINCE, other]})


def test_a_file_without_a_regions_list_is_rejected():
    with pytest.raises(ReferenceDataError, match=r"r\.yaml：顶层应为映射，且含列表 regions"):
        parse_regions("r.yaml", [PROVINCE])
