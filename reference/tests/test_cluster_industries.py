import pytest

from reference.catalogue import (
    CLUSTER_INDUSTRIES_FILE,
    ReferenceDataError,
    cluster_industries,
    cluster_list,
    clusters,
    industries,
    read_document,
)
from reference.cluster_industries import load_cluster_industries


def by_cluster():
    return {m.cluster: m for m in cluster_industries()}


def test_every_one_of_the_13_clusters_is_mapped_once_under_its_own_name():
    js13 = cluster_list("js13")
    assert [m.cluster for m in cluster_industries()] == [item.id for item in js13.items]
    assert [m.name for m in cluster_industries()] == [item.name for item in js13.items]


def test_every_code_is_in_the_industry_table_and_every_mapping_says_what_it_takes():
    known = {industry.code for industry in industries()}
    for mapping in cluster_industries():
        assert mapping.industries and set(mapping.industries) <= known
        assert mapping.note


@pytest.mark.parametrize(
    ("cluster", "industry", "belongs"),
    [
        ("js13-01", "C3825", True),  # 光伏设备及元器件 → 新型电力（新能源）装备
        ("js13-01", "C3841", True),  # 锂离子电池
        ("js13-02", "C3444", True),  # 液压动力机械及元件 → 工程机械
        ("js13-05", "C3581", True),  # 医疗诊断设备 → 生物医药和新型医疗器械
        ("js13-06", "C2822", True),  # 涤纶纤维 → 高端纺织
        ("js13-07", "C3973", True),
        ("js13-09", "C3421", True),  # 金属切削机床 → 高端装备
        ("js13-12", "C3670", True),
        ("js13-12", "C3484", False),  # generic machined parts: no cluster of their own
        ("js13-07", "C3976", False),
    ],
)
def test_it_covers_industries_by_code_prefix(cluster, industry, belongs):
    assert by_cluster()[cluster].covers(industry) is belongs


def test_the_file_says_it_is_our_mapping_not_the_policy_text():
    from importlib import resources

    text = resources.files("reference.data").joinpath(CLUSTER_INDUSTRIES_FILE).read_text("utf-8")
    assert "zjtx's OWN mapping, NOT from the policy texts" in text


def document(**changes):
    data = read_document(CLUSTER_INDUSTRIES_FILE)
    assert isinstance(data, dict)
    mappings = [dict(m) for m in data["mappings"]]
    for index, fields in changes.items():
        mappings[int(index.removeprefix("m"))].update(fields)
    return {**data, "mappings": mappings}


def load(data):
    return load_cluster_industries("m.yaml", data, clusters(), industries())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (document(m0={"industries": ["C99"]}), "行业代码 C99 不在 industries.yaml 中"),
        (document(m0={"industries": []}), "字段 industries：至少应列出一个行业代码"),
        (document(m1={"name": "工程机械集群"}), "字段 name：应与 clusters.yaml 一致：工程机械"),
        (document(m1={"cluster": "js13-99"}), "字段 cluster：js13-99 不是该清单的条目"),
        (document(m1={"cluster": "js13-01", "name": "新型电力（新能源）装备"}),
         "集群 js13-01 出现多次"),
        ({"list": "js16", "mappings": []}, "字段 list：清单 js16 不在 clusters.yaml 中"),
    ],
)
def test_a_malformed_mapping_is_refused_with_file_and_entry(data, message):
    with pytest.raises(ReferenceDataError, match=r"^m\.yaml") as caught:
        load(data)
    assert message in str(caught.value)


def test_a_cluster_left_out_is_refused():
    data = read_document(CLUSTER_INDUSTRIES_FILE)
    assert isinstance(data, dict)
    with pytest.raises(ReferenceDataError, match="清单中的集群未给出行业：js13-13"):
        load({**data, "mappings": data["mappings"][:-1]})
