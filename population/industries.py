"""Which industry each enterprise is in (GB/T 4754-2017 classes) and the words its name uses.

Classes come from ``reference/data/industries.yaml`` (entries with ``level: class``) when the
file is present, otherwise from a short built-in list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml

# The C loader when PyYAML was built with libyaml: ten times faster on the reference files.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

INDUSTRIES_FILE = (Path(__file__).resolve().parent.parent / "reference" / "data"
                   / "industries.yaml")

FALLBACK_CLASSES: dict[str, str] = {
    "C1751": "化纤织造加工",
    "C3421": "金属切削机床制造",
    "C3484": "机械零部件加工",
    "C3491": "工业机器人制造",
    "C3562": "半导体器件专用设备制造",
    "C3670": "汽车零部件及配件制造",
    "C3825": "光伏设备及元器件制造",
    "C3841": "锂离子电池制造",
    "C3983": "敏感元件及传感器制造",
    "C4011": "工业自动控制系统装置制造",
}

# Name words by the longest matching code prefix (class beats group beats division).
NAME_WORDS: dict[str, tuple[str, ...]] = {
    "C17": ("纺织", "丝绸", "织造", "纺织科技", "印染", "家纺"),
    "C26": ("化工", "化学", "精细化工", "新材料", "化学科技"),
    "C2641": ("涂料", "涂装材料", "新材料", "化工"),
    "C28": ("化纤", "纤维", "合纤", "新材料"),
    "C33": ("金属制品", "精密铸造", "铸造", "金属科技", "五金"),
    "C3391": ("铸造", "铸业", "精密铸造", "机械铸造"),
    "C34": ("精密机械", "机械", "机械科技", "智能装备", "传动科技", "精工", "机电"),
    "C3421": ("数控机床", "机床", "精密机械", "数控科技"),
    "C3444": ("液压", "液压科技", "流体科技", "精密机械"),
    "C3451": ("轴承", "精密轴承", "传动科技", "机械"),
    "C3491": ("机器人", "智能装备", "自动化", "智能科技"),
    "C35": ("装备", "智能装备", "自动化", "设备科技", "机械"),
    "C3525": ("模具", "精密模具", "模塑科技", "精密机械"),
    "C3562": ("半导体设备", "半导体科技", "微电子装备", "精密装备"),
    "C3581": ("医疗器械", "医疗科技", "医疗设备", "生物医疗"),
    "C36": ("汽车零部件", "汽车部件", "车辆科技", "汽配", "精密机械"),
    "C37": ("船舶配套", "船舶设备", "海洋工程", "船用设备"),
    "C38": ("电气", "电力科技", "电器", "电气科技", "能源科技"),
    "C3825": ("光伏科技", "新能源", "光伏", "能源科技"),
    "C3841": ("锂电", "新能源", "电池科技", "能源科技"),
    "C39": ("电子", "电子科技", "微电子", "光电科技", "半导体"),
    "C3973": ("集成电路", "半导体", "微电子", "芯片科技"),
    "C3976": ("光电", "光电科技", "光电子", "激光科技"),
    "C3983": ("传感", "传感科技", "传感器", "电子科技"),
    "C40": ("仪器仪表", "自动化", "测控技术", "智能科技", "仪表"),
    "": ("科技", "实业", "新材料", "工业科技"),
}
# Textiles and chemical fibre are 吴江 (盛泽)'s home industries.
TEXTILE_PREFIXES = ("C17", "C28")


@dataclass(frozen=True)
class Industries:
    codes: tuple[str, ...]
    words: tuple[tuple[str, ...], ...]  # name words per class, aligned with codes
    textile: np.ndarray  # bool per class


@cache
def load_industries(path: Path = INDUSTRIES_FILE) -> Industries:
    classes = _classes_from_yaml(path) if path.is_file() else dict(FALLBACK_CLASSES)
    if not classes:
        classes = dict(FALLBACK_CLASSES)
    codes = tuple(sorted(classes))
    return Industries(
        codes=codes,
        words=tuple(words_for(code) for code in codes),
        textile=np.array([code.startswith(TEXTILE_PREFIXES) for code in codes]),
    )


def words_for(code: str) -> tuple[str, ...]:
    prefix = max((p for p in NAME_WORDS if code.startswith(p)), key=len)
    return NAME_WORDS[prefix]


def _classes_from_yaml(path: Path) -> dict[str, str]:
    data: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    entries = data.get("industries", []) if isinstance(data, dict) else data
    return {str(e["code"]): str(e["name"]) for e in entries
            if isinstance(e, dict) and e.get("level") == "class" and "code" in e}
