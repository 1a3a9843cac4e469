"""The cast for the standard catalogue: the demo county's admin issues a model catalogue, the
demo township's clerk and reviewer adopt and publish against it."""

from datetime import date

import pytest

from gongkai.catalogue.models import Category
from gongkai.core.models import User


@pytest.fixture(autouse=True)
def statutory_subjects(db):
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)


@pytest.fixture
def county_admin(county):
    return User.objects.get(username="xian")


@pytest.fixture
def relief():
    return Category.objects.get(name="社会救助", source="standard")


@pytest.fixture
def model(county, county_admin):
    """The county's model catalogue with three rows of three limit kinds."""
    from gongkai.standards import transitions as s

    catalogue = s.issue_catalogue(
        county, by=county_admin, name="云岭县乡镇基层政务公开标准目录", issued_on=date(2025, 3, 1)
    )
    rows = {
        "低保": dict(
            domain="社会救助",
            level1="最低生活保障",
            level2="城乡低保对象认定结果",
            content="低保对象姓名、保障人数、保障金额",
            basis="《社会救助暂行办法》",
            limit_kind="workdays",
            limit_days=7,
            subject="乡镇人民政府",
            channels="政府网站、公开栏",
            order=1,
        ),
        "财务": dict(
            domain="村级事务",
            level1="村级财务",
            level2="村级财务收支情况",
            limit_kind="quarterly",
            limit_days=10,
            order=2,
        ),
        "补贴": dict(
            domain="涉农补贴",
            level1="耕地地力保护补贴",
            level2="补贴发放结果",
            order=3,
        ),
    }
    return catalogue, {
        key: s.add_matter(catalogue, by=county_admin, **fields) for key, fields in rows.items()
    }
