import pytest

from reference.catalogue import ReferenceDataError, industries, parse_industries, subtree
from reference.records import IndustryLevel


def of_level(level):
    return [industry for industry in industries() if industry.level is level]


def names():
    return {industry.code: industry.name for industry in industries()}


def test_the_twenty_sections_a_to_t_are_the_roots():
    sections = of_level(IndustryLevel.SECTION)
    assert [s.code for s in sections] == list("ABCDEFGHIJKLMNOPQRST")
    assert all(s.parent is None for s in sections)
    assert names()["C"] == "制造业"
    assert names()["I"] == "信息传输、软件和信息技术服务业"


def test_manufacturing_has_every_division_c13_to_c43():
    divisions = of_level(IndustryLevel.DIVISION)
    assert [d.code for d in divisions] == [f"C{n}" for n in range(13, 44)]
    assert all(d.parent == "C" for d in divisions)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("C13", "农副食品加工业"),
        ("C26", "化学原料和化学制品制造业"),
        ("C34", "通用设备制造业"),
        ("C35", "专用设备制造业"),
        ("C37", "铁路、船舶、航空航天和其他运输设备制造业"),
        ("C39", "计算机、通信和其他电子设备制造业"),
        ("C43", "金属制品、机械和设备修理业"),
    ],
)
def test_division_names_are_the_standards(code, name):
    assert names()[code] == name


def test_there_are_179_groups_each_under_an_existing_division():
    groups = of_level(IndustryLevel.GROUP)
    divisions = {d.code for d in of_level(IndustryLevel.DIVISION)}
    assert len(groups) == 179
    assert all(g.parent in divisions and g.code.startswith(g.parent) for g in groups)
    assert {g.parent for g in groups} == divisions  # no division is left without its groups


def test_every_class_sits_under_its_group():
    groups = {g.code for g in of_level(IndustryLevel.GROUP)}
    classes = of_level(IndustryLevel.CLASS)
    assert 10 <= len(classes) <= 20
    assert all(c.parent in groups and c.code[:-1] == c.parent for c in classes)


def test_machine_parts_processing_is_c3484_under_general_parts():
    # GB/T 4754-2017: bearings are 345x; 348 通用零部件制造 is seals, fasteners, springs, parts.
    chain = [(i.code, i.name) for i in industries() if i.code in ("C34", "C348", "C3484")]
    assert chain == [
        ("C34", "通用设备制造业"),
        ("C348", "通用零部件制造"),
        ("C3484", "机械零部件加工"),
    ]
    assert names()["C345"] == "轴承、齿轮和传动部件制造"


def test_subtree_of_a_division_holds_its_groups_and_classes():
    codes = [i.code for i in subtree(industries(), "C39")]
    assert codes[0] == "C39"
    assert {"C397", "C3973", "C3976", "C398", "C3983"} <= set(codes)
    assert all(code.startswith("C39") for code in codes)


C_SECTION = {"code": "C", "name": "制造业", "level": "section", "parent": None}


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"code": "C34", "name": "通用设备制造业", "level": "group", "parent": "C"}, "层级"),
        (
            {"code": "C348", "name": "通用零部件制造", "level": "group", "parent": "C"},
            "上级应为 C34",
        ),
        ({"code": "34", "name": "通用设备制造业", "level": "division", "parent": "C"}, "门类字母"),
        ({"code": "C34", "name": "", "level": "division", "parent": "C"}, "字段 name：不能为空"),
    ],
)
def test_a_malformed_industry_is_reported_with_file_and_entry(bad, message):
    with pytest.raises(ReferenceDataError, match=r"^i\.yaml 第2条") as caught:
        parse_industries("i.yaml", {"industries": [C_SECTION, bad]})
    assert message in str(caught.value)


def test_a_class_whose_group_is_missing_is_rejected():
    orphan = {"code": "C3484", "name": "机械零部件加工", "level": "class", "parent": "C348"}
    with pytest.raises(ReferenceDataError, match="上级代码 C348 不存在"):
        parse_industries("i.yaml", {"industries": [C_SECTION, orphan]})
