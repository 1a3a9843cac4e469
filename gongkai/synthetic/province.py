"""The agencies of a synthetic province: one provincial government, its departments, cities,
counties and townships, in the proportions of a real province (roughly 4% provincial
departments, 1% cities and 12% their departments, 8% counties, 35% county departments, the
rest townships). Each agency gets a size: how much it publishes and how many people apply
to it, log-normally spread around its level's typical share."""

from __future__ import annotations

import random
from dataclasses import dataclass

from gongkai.core.models import Agency, AgencyLevel
from gongkai.statute.codes import org_code_check_char

L = AgencyLevel
SHARES = [  # level, share of all agencies
    (L.PROVINCE_DEPARTMENT, 0.04),
    (L.CITY_GOVERNMENT, 0.012),
    (L.CITY_DEPARTMENT, 0.12),
    (L.COUNTY_GOVERNMENT, 0.08),
    (L.COUNTY_DEPARTMENT, 0.35),
]
# relative size by level: (items published, applications received)
SIZES = {
    L.PROVINCE_GOVERNMENT: (10.0, 12.0),
    L.PROVINCE_DEPARTMENT: (4.0, 4.0),
    L.CITY_GOVERNMENT: (6.0, 8.0),
    L.CITY_DEPARTMENT: (2.0, 2.0),
    L.COUNTY_GOVERNMENT: (4.0, 6.0),
    L.COUNTY_DEPARTMENT: (1.0, 1.0),
    L.TOWNSHIP: (1.0, 0.5),
}
DEPARTMENTS = [
    "发展和改革委员会", "教育局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局",
    "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局",
    "商务局", "文化和旅游局", "卫生健康委员会", "应急管理局", "审计局", "市场监督管理局",
    "统计局", "医疗保障局", "林业和草原局", "退役军人事务局", "政务服务和数据管理局",
]  # fmt: skip
SYLLABLES = (
    "安宁平和清新长永兴福泰昌明华山川河源江湖云石青白东西南北阳德丰乐寿宝鹤龙凤桃柳梅松林"
    "溪泉峰岭岗坪湾洲桥塘田庄"
)
MAX_AGENCIES = 20_000


class NameTaken(ValueError):
    """A generated name is already an agency's; the message is for the operator."""


@dataclass(frozen=True)
class PlannedAgency:
    pk: int
    level: str
    prefix: str
    place: str  # the place name the agency's titles mention
    item_weight: float
    application_weight: float


def place_name(index: int) -> str:
    """A distinct two-character place name for each index below len(SYLLABLES)**2."""
    first, second = divmod(index, len(SYLLABLES))
    return SYLLABLES[first % len(SYLLABLES)] + SYLLABLES[second]


def counts(total: int) -> dict[str, int]:
    if total < 10:  # a handful: one of each government level, then townships
        levels = [L.PROVINCE_GOVERNMENT, L.CITY_GOVERNMENT, L.COUNTY_GOVERNMENT]
        made = {level: 0 for level, _ in SHARES}
        made |= {level: int(i < total) for i, level in enumerate(levels)}
        return {**made, L.TOWNSHIP: max(0, total - 3)}
    made = {L.PROVINCE_GOVERNMENT: 1, **{level: round(total * s) for level, s in SHARES}}
    made[L.CITY_GOVERNMENT] = max(1, made[L.CITY_GOVERNMENT])
    made[L.COUNTY_GOVERNMENT] = max(1, made[L.COUNTY_GOVERNMENT])
    made[L.TOWNSHIP] = total - sum(made.values())
    return made


def create_agencies(province: str, total: int, rng: random.Random) -> list[PlannedAgency]:
    """Create the tree (parents before children) and return it with each agency's size."""
    planned = counts(total)
    used = set(Agency.objects.values_list("index_prefix", flat=True))
    serial = Agency.objects.count()

    def prefix() -> str:
        nonlocal serial
        while True:
            serial += 1
            body = f"M{serial:07d}"
            code = body + org_code_check_char(body)
            if code not in used:
                return code

    made: list[tuple[Agency, str]] = []

    def add_level(rows: list[tuple]) -> list[tuple[Agency, str]]:
        """One INSERT per level (parents exist by then): (level, name, parent, place)."""
        clash = Agency.objects.filter(name__in=[row[1] for row in rows]).first()
        if clash:
            raise NameTaken(f"数据库中已有名为“{clash.name}”的机构，请用 --province 另取省名")
        agencies = Agency.objects.bulk_create(
            [Agency(name=n, level=lv, parent=p, index_prefix=prefix()) for lv, n, p, _ in rows]
        )
        pairs = [(agency, row[3]) for agency, row in zip(agencies, rows, strict=True)]
        made.extend(pairs)
        return pairs

    [(top, _)] = add_level([(L.PROVINCE_GOVERNMENT, f"{province}人民政府", None, province)])
    add_level(
        [
            (L.PROVINCE_DEPARTMENT, _department(province, n), top, province)
            for n in range(planned[L.PROVINCE_DEPARTMENT])
        ]
    )
    # another province's cities already hold the first names
    taken = Agency.objects.filter(level=L.CITY_GOVERNMENT).count()
    names = [f"{place_name(taken + n)}市" for n in range(planned[L.CITY_GOVERNMENT])]
    cities = add_level([(L.CITY_GOVERNMENT, f"{c}人民政府", top, c) for c in names])
    rows = []
    for n in range(planned[L.CITY_DEPARTMENT]):
        city_government, city = cities[n % len(cities)]
        rows.append((L.CITY_DEPARTMENT, _department(city, n // len(cities)), city_government, city))
    add_level(rows)
    rows = []
    for n in range(planned[L.COUNTY_GOVERNMENT]):
        city_government, city = cities[n % len(cities)] if cities else (top, province)
        county = f"{city}{place_name(n + 300)}县"
        rows.append((L.COUNTY_GOVERNMENT, f"{county}人民政府", city_government, county))
    counties = add_level(rows)
    rows = []
    for n in range(planned[L.COUNTY_DEPARTMENT]):
        county_government, county = counties[n % len(counties)]
        name = _department(county, n // len(counties))
        rows.append((L.COUNTY_DEPARTMENT, name, county_government, county))
    add_level(rows)
    parents = counties or [(top, province)]
    rows = []
    for n in range(planned[L.TOWNSHIP]):
        county_government, county = parents[n % len(parents)]
        town = f"{place_name(n // len(parents) + 600)}镇"
        rows.append((L.TOWNSHIP, f"{county}{town}人民政府", county_government, town))
    add_level(rows)
    result = []
    for agency, place in made:
        items, applications = SIZES[agency.level]
        size = rng.lognormvariate(0, 0.8)
        result.append(
            PlannedAgency(
                agency.pk, agency.level, agency.index_prefix, place, items * size,
                applications * size * rng.lognormvariate(0, 0.5),
            )
        )  # fmt: skip
    return result


def _department(place: str, n: int) -> str:
    name = DEPARTMENTS[n % len(DEPARTMENTS)]
    repeat = n // len(DEPARTMENTS)
    return f"{place}{name}" + (f"（第{repeat + 1}分局）" if repeat else "")
