"""Issue 22, "Done means", for the kinds that were still dispatched by `if action ==` in the
office: the standards pages (the agency's 目录 as a whole, a row of it, the register, an
item's standards page, the 公开指南, the 工作要点 with their plans and tasks) and the
administrator's staff accounts. Per kind and role: the steps offered and those refused with
their sentences; per kind a hand-made POST of a step not offered refused with the same
sentence; the irreversible account steps refused without their tick; and a transition called
directly refused with the declaration's sentence. Objects are built through the real
transitions on fixed days of 2025."""

from datetime import date

import pytest
import time_machine
from django.contrib.messages import get_messages

from gongkai.catalogue import transitions as ct
from gongkai.core import accounts
from gongkai.core.models import User
from gongkai.core.steps import step_set_of, steps_for
from gongkai.core.transitions import TransitionError
from gongkai.office.steps import route
from gongkai.standards import guide as g
from gongkai.standards import transitions as s
from gongkai.standards import workpoints as w
from gongkai.standards.models import Adoption
from gongkai.standards.steps import (
    AgencyCatalogue,
    AgencyGuide,
    AgencyRegister,
    AgencyTask,
    AgencyWorkpoints,
    ItemStandards,
)
from tests.office.step_tables import assert_offers
from tests.standards.conftest import county_admin, model, relief  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db
TODAY = date(2025, 3, 10)
MOMENT = "2025-03-10 09:00 +0800"
EDITORS_ONLY = "只有本机关的经办人、管理员可以办理此事项"
ADMINS_ONLY = "只有本机关的管理员可以办理此事项"
NO_SUBORDINATES = "本机关没有下级机关，无需下发"
NOT_EDITED = "指南没有修改过，本来就是按本机关数据自动生成的"
NOT_FROM_ABOVE = "该工作要点不是本机关的上级下发的"
TICK_RESET = "我已知晓：原密码立即失效，该同事须用管理员告知的临时密码登录并立即修改"
TICK_DEACTIVATE = "我已知晓：停用后该同事立即不能登录，其经手的记录仍署其名"


@pytest.fixture
def objects(township, county, clerk, outsider, model, county_admin, relief):  # noqa: F811
    catalogue, _ = model
    with time_machine.travel(MOMENT, tick=False):
        s.adopt_catalogue(township, catalogue, by=clerk, on=TODAY)
        adoption = Adoption.objects.filter(agency=township).order_by("pk").first()
        draft = ct.create_draft(
            township, by=clerk, category=relief, title="低保对象认定结果公示", formed_on=TODAY
        )
        submitted = ct.create_draft(
            township, by=clerk, category=relief, title="低保对象认定结果公示（二）", formed_on=TODAY
        )
        ct.submit(submitted, by=clerk)
        submitted.refresh_from_db()
        plan = w.issue_plan(
            county,
            by=county_admin,
            year=2025,
            title="云岭县2025年政务公开工作要点",
            issued_on=TODAY,
        )
        task = w.add_task(plan, by=county_admin, text="完成标准目录的编制和发布")
    admin = User.objects.get(username="guanli")
    return {
        "catalogue": AgencyCatalogue(township),
        "adoption": adoption,
        "register": AgencyRegister(township),
        "item page": ItemStandards(draft),
        "item page, submitted": ItemStandards(submitted),
        "guide": AgencyGuide(township),
        "county guide": AgencyGuide(county),
        "workpoints": AgencyWorkpoints(township, 2025),
        "county workpoints": AgencyWorkpoints(county, 2025),
        "plan": plan,
        "task": AgencyTask(task, township),
        "task, elsewhere": AgencyTask(task, outsider.memberships.get().agency),
        "account": accounts.StaffAccount(clerk, township),
        "own account": accounts.StaffAccount(admin, township),
        "staff": accounts.AgencyStaff(township),
    }


# kind -> role -> (the steps offered, in order; {a step refused: its sentence})
TABLE = {
    "catalogue": {
        "clerk": (["adopt", "local"], {}),
        "reviewer": ([], {"adopt": EDITORS_ONLY, "local": EDITORS_ONLY}),
        "admin": (["adopt", "local"], {}),
        "county": ([], {"adopt": EDITORS_ONLY}),
        "outsider": ([], {"local": EDITORS_ONLY}),
    },
    "adoption": {
        "clerk": (["hide"], {"restore": "该事项当前为“适用”，不能恢复"}),
        "reviewer": ([], {"hide": EDITORS_ONLY}),
        "admin": (["hide"], {"restore": "该事项当前为“适用”，不能恢复"}),
        "county": ([], {"hide": EDITORS_ONLY}),
        "outsider": ([], {"hide": EDITORS_ONLY}),
    },
    "register": {
        "clerk": (["entry"], {}),
        "reviewer": ([], {"entry": EDITORS_ONLY}),
        "admin": (["entry"], {}),
        "county": ([], {"entry": EDITORS_ONLY}),
        "outsider": ([], {"entry": EDITORS_ONLY}),
    },
    "item page": {
        "clerk": (["apply_suggestion", "standards", "attribute"], {}),
        "reviewer": ([], {"standards": EDITORS_ONLY, "attribute": EDITORS_ONLY}),
        "admin": (["apply_suggestion", "standards", "attribute"], {}),
        "county": ([], {"standards": EDITORS_ONLY}),
        "outsider": ([], {"apply_suggestion": EDITORS_ONLY}),
    },
    "item page, submitted": {
        # 源头认定: the 公开属性 is decided on the draft, not once it is under review
        "clerk": (
            ["apply_suggestion", "standards"],
            {"attribute": "该信息当前为“待保密审查”，不能认定公开属性"},
        ),
        "reviewer": ([], {"attribute": "该信息当前为“待保密审查”，不能认定公开属性"}),
    },
    "guide": {
        "clerk": (["save"], {"reset": NOT_EDITED, "template": ADMINS_ONLY}),
        "reviewer": ([], {"save": EDITORS_ONLY, "template": ADMINS_ONLY}),
        "admin": (["save"], {"reset": NOT_EDITED, "template": NO_SUBORDINATES}),
        "county": ([], {"save": EDITORS_ONLY, "template": ADMINS_ONLY}),
        "outsider": ([], {"save": EDITORS_ONLY}),
    },
    "county guide": {
        "county": (["save", "template"], {"reset": NOT_EDITED}),
        "admin": ([], {"template": ADMINS_ONLY}),
    },
    "workpoints": {
        "clerk": (["proposals", "training"], {"plan": ADMINS_ONLY}),
        "reviewer": ([], {"plan": ADMINS_ONLY, "training": EDITORS_ONLY}),
        "admin": (["proposals", "training"], {"plan": NO_SUBORDINATES}),
        "county": ([], {"plan": ADMINS_ONLY, "proposals": EDITORS_ONLY}),
        "outsider": ([], {"training": EDITORS_ONLY}),
    },
    "county workpoints": {
        "county": (["plan", "proposals", "training"], {}),
        "clerk": ([], {"plan": ADMINS_ONLY}),
    },
    "plan": {
        "county": (["task"], {}),
        "admin": ([], {"task": ADMINS_ONLY}),
        "clerk": ([], {"task": ADMINS_ONLY}),
    },
    "task": {
        "clerk": (["record"], {}),
        "reviewer": ([], {"record": EDITORS_ONLY}),
        "admin": (["record"], {}),
        "county": ([], {"record": EDITORS_ONLY}),
    },
    "task, elsewhere": {"outsider": ([], {"record": NOT_FROM_ABOVE})},
    "account": {
        "admin": (
            ["roles", "reset", "deactivate"],
            {"unlock": "该账号没有被锁定", "reactivate": "该账号当前为“在用”，不能重新启用"},
        ),
        "clerk": ([], {"roles": ADMINS_ONLY, "deactivate": ADMINS_ONLY}),
        "reviewer": ([], {"reset": ADMINS_ONLY}),
        # the county's administrator reads the township's staff page, read only
        "county": ([], {"deactivate": ADMINS_ONLY, "reset": ADMINS_ONLY}),
        "outsider": ([], {"roles": ADMINS_ONLY}),
    },
    "own account": {
        "admin": (
            ["roles"],
            {"reset": "请在“修改密码”页面修改自己的密码", "deactivate": "不能停用自己的账号"},
        ),
    },
    "staff": {
        "admin": (["create"], {}),
        "clerk": ([], {"create": ADMINS_ONLY}),
        "county": ([], {"create": ADMINS_ONLY}),
    },
}


def person(role, clerk, outsider):
    return {
        "clerk": clerk,
        "reviewer": User.objects.get(username="shenhe"),
        "admin": User.objects.get(username="guanli"),
        "county": User.objects.get(username="xian"),  # the county's administrator
        "outsider": outsider,
    }[role]


def test_each_kind_offers_each_role_its_steps_and_says_why_not_the_others(objects, clerk, outsider):
    assert_offers(TABLE, objects, lambda role: person(role, clerk, outsider), today=TODAY)


# kind, who posts, a step not offered to them, what else the handler reads
POSTS = [
    ("catalogue", "reviewer", "adopt", {}),
    ("adoption", "clerk", "restore", {}),
    ("register", "reviewer", "entry", {}),
    ("item page, submitted", "clerk", "attribute", {"attribute-attribute": "withheld"}),
    ("guide", "clerk", "reset", {}),
    ("guide", "clerk", "template", {"template-text": "模板"}),
    ("workpoints", "admin", "plan", {"plan-title": "本镇工作要点"}),
    ("task", "reviewer", "record", {"record-text": "已完成"}),
    ("account", "admin", "reactivate", {}),
    ("account", "clerk", "deactivate", {"confirmed": "yes"}),
    ("own account", "admin", "deactivate", {"confirmed": "yes"}),
    (
        "own account",
        "admin",
        "reset",
        {"reset-password": "Qingshi-2026-strong", "confirmed": "yes"},
    ),
    ("staff", "clerk", "create", {"create-username": "xinren"}),
]


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(("kind", "role", "step", "data"), POSTS)
def test_a_hand_made_post_of_a_step_not_offered_is_refused_with_the_same_sentence(
    client, objects, clerk, outsider, kind, role, step, data
):
    obj = objects[kind]
    user = person(role, clerk, outsider)
    label = step_set_of(obj).get(step).label
    with time_machine.travel(MOMENT, tick=False):
        sentence = steps_for(obj, user, today=TODAY).refusal(step).sentence
        client.force_login(user)
        response = client.post(route(obj).action(obj, step), data)
    assert response.status_code == 302
    assert said(response) == [f"{label}：{sentence}"]
    # nothing changed: the same step is still refused for the same reason
    assert steps_for(obj, user, today=TODAY).refusal(step).sentence == sentence


@pytest.mark.parametrize(
    ("step", "data", "tick"),
    [
        ("deactivate", {}, TICK_DEACTIVATE),
        ("reset", {"reset-password": "Qingshi-2026-strong"}, TICK_RESET),
    ],
)
def test_an_irreversible_account_step_is_refused_on_the_server_without_its_tick(
    client, objects, clerk, step, data, tick
):
    account = objects["account"]
    admin = User.objects.get(username="guanli")
    password = clerk.password
    client.force_login(admin)
    page = client.get(route(account).page(account)).content.decode()
    assert tick in page  # the page shows the tick before the button
    response = client.post(route(account).action(account, step), data)
    label = step_set_of(account).get(step).label
    assert said(response) == [f"{label}不能撤销：请先勾选“{tick}”，再提交"]
    clerk.refresh_from_db()
    assert clerk.is_active and clerk.password == password
    response = client.post(route(account).action(account, step), {**data, "confirmed": "yes"})
    clerk.refresh_from_db()
    assert (not clerk.is_active) if step == "deactivate" else clerk.must_change_password


def test_the_county_reads_the_townships_staff_with_no_step_offered(client, objects, township):
    client.force_login(User.objects.get(username="xian"))
    page = client.get(route(objects["staff"]).page(objects["staff"])).content.decode()
    assert "只读" in page and "jingban" in page
    assert "data-step=" not in page and "/office/admin/staff/step/" not in page
    # and a POST of theirs finds no account to act on: it is not their agency's
    account = objects["account"]
    assert client.post(route(account).action(account, "deactivate"), {}).status_code == 404


def test_an_outsiders_post_finds_nothing(client, objects, outsider):
    client.force_login(outsider)
    for kind, step in [("item page", "standards"), ("plan", "task"), ("adoption", "hide")]:
        obj = objects[kind]
        assert client.post(route(obj).action(obj, step), {}).status_code == 404, kind


def test_a_transition_called_directly_is_refused_with_the_declarations_sentence(
    objects, township, clerk
):
    from gongkai.standards import register as r

    admin = User.objects.get(username="guanli")
    calls = [
        (lambda: g.reset_guide(township, by=clerk), NOT_EDITED),
        (
            lambda: w.issue_plan(township, by=admin, year=2025, title="本镇要点", issued_on=TODAY),
            NO_SUBORDINATES,
        ),
        (lambda: g.issue_guide_template(township, by=admin, text="模板"), NO_SUBORDINATES),
        (
            lambda: r.decide_attribute(
                objects["item page, submitted"].item,
                by=clerk,
                attribute="withheld",
                reason="内部事务信息",
                basis="条例第十六条第一款",
                review_on=date(2026, 2, 10),
                today=TODAY,
            ),
            "该信息当前为“待保密审查”，不能认定公开属性",
        ),
        (lambda: accounts.unlock(clerk, township, by=admin), "该账号没有被锁定"),
    ]
    for call, sentence in calls:
        with pytest.raises(TransitionError) as refused:
            call()
        assert str(refused.value) == sentence


def test_each_page_posts_exactly_the_steps_offered(client, objects, clerk, outsider):
    """The pages render what the declarations offer, through the one include: every offered
    step's form posts to the one handler; no refused step's does."""
    from django.utils.html import escape

    for kind, rows in TABLE.items():
        obj = objects[kind]
        for role, (offered, refused) in rows.items():
            if role == "outsider" or (kind == "task, elsewhere"):
                continue  # their pages are another agency's: 404, tested above
            client.force_login(person(role, clerk, outsider))
            with time_machine.travel(MOMENT, tick=False):
                response = client.get(route(obj).page(obj))
            if response.status_code == 404:
                # a page of an agency this person neither staffs nor supervises
                assert not offered, (kind, role)
                continue
            page = response.content.decode()
            for step in offered:
                assert f'action="{escape(route(obj).action(obj, step))}"' in page, (
                    kind,
                    role,
                    step,
                )
            for step in refused:
                assert f'action="{escape(route(obj).action(obj, step))}"' not in page, (
                    kind,
                    role,
                    step,
                )
