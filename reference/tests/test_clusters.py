from pathlib import Path

import pytest

from reference.catalogue import (
    ReferenceDataError,
    cluster_list,
    clusters,
    parse_clusters,
    regions,
)
from reference.records import ListKind

# The seed policy texts live in the shared folder beside the repository (as on CI).
POLICY = Path(__file__).resolve().parents[3] / "shared" / "policy"

JS13 = [
    "新型电力（新能源）装备",
    "工程机械",
    "物联网",
    "前沿新材料",
    "生物医药和新型医疗器械",
    "高端纺织",
    "集成电路",
    "海工装备和高技术船舶",
    "高端装备",
    "节能环保",
    "核心信息技术",
    "汽车及零部件",
    "新型显示",
]


def seed(number):
    if not POLICY.is_dir():
        pytest.skip(f"seed texts not found at {POLICY}")
    (path,) = POLICY.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def test_the_13_provincial_clusters_are_listed_in_seed_003s_order():
    js13 = cluster_list("js13")
    assert [item.name for item in js13.items] == JS13
    assert [item.id for item in js13.items] == [f"js13-{n:02d}" for n in range(1, 14)]
    assert [item.position for item in js13.items] == list(range(1, 14))
    assert (js13.kind, js13.declared_count, js13.source.seed) == (ListKind.CLUSTER, 13, "003")
    assert js13.source.doc_number == "苏制造强省办〔2020〕2号"


def test_the_13_cluster_names_are_verbatim_from_table_1():
    assert "以 13 个先进制造业集群为重点：" + "、".join(JS13) in seed("003")


def test_lists_the_texts_only_count_are_empty_and_say_why():
    expected = {"js16": 16, "js50": 50, "wujiang-1-4-2": 7, "xinbei-2-3-1": None}
    for list_id, count in expected.items():
        found = cluster_list(list_id)
        assert (found.items, found.declared_count) == ((), count)
        assert "未列出" in found.note


def test_the_chain_examples_of_seed_002_are_kept_as_mentions_only():
    js50 = cluster_list("js50")
    assert js50.kind is ListKind.CHAIN
    assert js50.mentioned == ("新能源汽车", "动力电池", "纺织服装")
    assert "聚焦新能源汽车、动力电池、纺织服装等重点产业链" in seed("002")


def test_every_list_cites_a_seed_text_that_names_it():
    phrases = {
        "js16": ("002", "16个先进制造业集群"),
        "js50": ("002", "50条重点产业链"),
        "wujiang-1-4-2": ("000", "“1+4+2”7条重点产业链"),
        "xinbei-2-3-1": ("004", "“两特三新一智能”主导产业集群"),
    }
    for list_id, (number, phrase) in phrases.items():
        assert cluster_list(list_id).source.seed == number
        assert phrase in seed(number)


def test_region_names_of_the_seed_units_are_verbatim():
    names = {r.code: r.name for r in regions()}
    for code in (f"320509{n}" for n in range(901, 909)):
        assert names[code] in seed("000")
    assert "苏相合作区" in seed("001")
    assert "滨开区" in seed("004")


def test_list_and_item_ids_are_unique():
    ids = [cl.id for cl in clusters()]
    items = [item.id for cl in clusters() for item in cl.items]
    assert len(ids) == len(set(ids)) and len(items) == len(set(items))


def test_an_unknown_list_is_a_key_error():
    with pytest.raises(KeyError):
        cluster_list("js99")


SOURCE = {"seed": "003", "document": "文件", "location": "表1"}


def a_list(**fields):
    base = {"id": "x", "name": "清单", "kind": "cluster", "source": SOURCE, "declared_count": 2}
    return base | {"items": [{"id": "x-01", "name": "甲"}, {"id": "x-02", "name": "乙"}]} | fields


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (a_list(declared_count=3), "字段 items：声明 3 项，实际列出 2 项"),
        (a_list(items=[], note=None), "字段 note：items 为空时必须说明原因"),
        (a_list(kind="belt"), "字段 kind：取值 'belt' 无效"),
        (a_list(source={"seed": "003"}), "字段 document：缺失"),
        (a_list(items=[{"id": "x-01", "name": ""}]), "items 第1项）：字段 name：不能为空"),
    ],
)
def test_a_malformed_list_is_reported_with_file_and_entry(bad, message):
    with pytest.raises(ReferenceDataError, match=r"^c\.yaml 第1条（id=x") as caught:
        parse_clusters("c.yaml", {"lists": [bad]})
    assert message in str(caught.value)


def test_a_duplicate_item_id_across_lists_is_rejected():
    other = a_list(id="y")
    with pytest.raises(ReferenceDataError, match="条目编号 x-01 重复"):
        parse_clusters("c.yaml", {"lists": [a_list(), other]})
