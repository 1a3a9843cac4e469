"""The pages: both items link each other, 暂无解读, the county's 政策文件库 with its search,
XLSX, API and feed, the public comment form, and the staff pages that call the steps."""

import io
from datetime import UTC, date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.policies import transitions as p
from gongkai.policies.models import Comment, CommentStatus, InterpretationForm
from tests.policies.conftest import (
    draft,
    publish,
    publish_alone,
    register_if_normative,
    registered,
)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def pair(township, clerk, reviewer, today):
    document = registered(
        township,
        clerk,
        reviewer,
        "青石镇农村人居环境整治办法",
        effective=today - timedelta(days=30),
        number="青政规〔2026〕1号",
    )
    interpretation = draft(township, clerk, "一图读懂人居环境整治办法", normative=False)
    p.link_interpretation(interpretation, document.item, by=clerk, form=InterpretationForm.GRAPHIC)
    publish(interpretation, clerk, reviewer, on=today)
    return document, interpretation


def test_the_document_and_its_interpretation_link_each_other(client, pair):
    document, interpretation = pair
    page = client.get(reverse("portal:item", args=[document.item.pk])).content.decode()
    assert "图解" in page and reverse("portal:item", args=[interpretation.pk]) in page
    assert document.registration_number in page and "现行有效" in page
    back = client.get(reverse("portal:item", args=[interpretation.pk])).content.decode()
    assert "本文是《" in back and reverse("portal:item", args=[document.item.pk]) in back


def test_a_normative_document_without_interpretation_says_so(
    client, township, clerk, reviewer, admin
):
    # only where the agency turned 同步 off (国办发〔2016〕80号) is a document out without one
    p.configure(township, by=admin, require_sync=False)
    item = publish_alone(
        draft(township, clerk, "甲办法", written=date(2026, 1, 5)), clerk, reviewer
    )
    page = client.get(reverse("portal:item", args=[item.pk])).content.decode()
    assert "暂无解读" in page


def test_the_library_lists_the_county_and_its_agencies_in_force(
    client, county, township, clerk, reviewer, pair, today
):
    registered(
        township,
        clerk,
        reviewer,
        "已过期办法",
        effective=today - timedelta(days=400),
        valid_until=today - timedelta(days=1),
    )
    url = reverse("portal:policy_library", args=[county.index_prefix])
    page = client.get(url).content.decode()
    assert "青石镇农村人居环境整治办法" in page and "已过期办法" not in page
    found = client.get(url, {"q": "青政规〔2026〕1号"}).content.decode()
    assert "青石镇农村人居环境整治办法" in found
    assert "青石镇农村人居环境整治办法" not in client.get(url, {"q": "没有"}).content.decode()
    assert client.get(url, {"year": "abc", "category": "x", "before": "y"}).status_code == 200


def test_the_library_exports_xlsx(client, county, pair):
    from openpyxl import load_workbook

    response = client.get(reverse("portal:policy_library_xlsx", args=[county.index_prefix]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:3] == ("登记编号", "文件名称", "文号")
    assert rows[2][1:3] == ("青石镇农村人居环境整治办法", "青政规〔2026〕1号")


def test_the_api_and_feed_carry_the_library(client, county, pair):
    data = client.get(f"/api/agencies/{county.index_prefix}/policies").json()
    [document] = data["documents"]
    assert document["currency"] == "现行有效" and document["document_number"] == "青政规〔2026〕1号"
    feed = client.get(reverse("portal:policy_feed", args=[county.index_prefix]))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "青石镇农村人居环境整治办法" in feed.content.decode()


@pytest.fixture
def consultation(township, clerk, reviewer, today):
    item = publish(
        draft(township, clerk, "养犬管理办法（征求意见稿）", normative=False),
        clerk,
        reviewer,
        on=today,
    )
    return p.open_consultation(
        item,
        by=clerk,
        title="养犬管理办法征求意见",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=29),
        today=today - timedelta(days=1),
    )


def test_a_citizen_comments_and_sees_it_only_once_moderated(client, clerk, consultation):
    url = reverse("portal:consultation", args=[consultation.pk])
    response = client.post(url, {"name": "", "contact": "13900000000", "text": "建议限定遛犬时间"})
    assert response.status_code == 302
    assert "建议限定遛犬时间" not in client.get(url).content.decode()
    p.moderate_comment(Comment.objects.get(), by=clerk, show=True)
    page = client.get(url).content.decode()
    assert "建议限定遛犬时间" in page and "13900000000" not in page


def test_a_comment_without_contact_is_refused_in_chinese(client, consultation):
    url = reverse("portal:consultation", args=[consultation.pk])
    response = client.post(url, {"text": "建议"})
    assert response.status_code == 400
    assert "请留下联系方式" in response.content.decode()
    assert Comment.objects.count() == 0


def test_the_clerk_moderates_and_decides_through_the_office_page(client, clerk, consultation):
    comment = p.submit_comment(
        consultation, name="", contact="x@example.cn", text="建议", today=timezone.localdate()
    )
    client.force_login(clerk)
    url = reverse("office:consultation", args=[consultation.pk])
    assert "x@example.cn" in client.get(url).content.decode()  # staff see it to reply

    def step(name):
        return reverse("office:comment_action", args=[consultation.pk, comment.pk, name])

    client.post(step("show"))
    client.post(step("decide"), {"decide-adoption": "not_adopted"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.SHOWN and comment.adoption == ""  # no reason given
    client.post(step("decide"), {"decide-adoption": "not_adopted", "decide-reason": "超出权限"})
    comment.refresh_from_db()
    assert comment.adoption == "not_adopted"


def test_the_register_page_registers_a_draft(client, township, clerk, today):
    item = draft(township, clerk, "甲办法", written=today)
    client.force_login(clerk)
    page = client.get(reverse("office:policy_register"), {"agency": township.pk})
    assert "甲办法" in page.content.decode()
    client.post(
        reverse("office:policy_action", args=["register"]) + f"?agency={township.pk}",
        {"item": item.pk, "effective_on": (today + timedelta(days=30)).isoformat()},
    )
    assert item.normative.registration_number.startswith(f"{township.index_prefix}-{today.year}-")


def test_an_outsider_cannot_see_the_townships_consultation(client, outsider, consultation):
    client.force_login(outsider)
    assert client.get(reverse("office:consultation", args=[consultation.pk])).status_code == 404


def test_the_reviewer_approves_document_and_interpretation_together(
    client, township, clerk, reviewer, admin
):
    p.configure(township, by=admin, require_sync=True)
    document = draft(township, clerk, "甲办法")
    register_if_normative(document, clerk)  # 统一登记 before publication (国办发〔2018〕37号)
    interpretation = draft(township, clerk, "甲办法解读", normative=False)
    p.link_interpretation(interpretation, document, by=clerk, form=InterpretationForm.TEXT)
    from gongkai.catalogue import transitions as t

    t.submit(document, by=clerk)
    t.submit(interpretation, by=clerk)
    client.force_login(reviewer)
    page = client.get(reverse("office:item", args=[document.pk])).content.decode()
    assert "甲办法解读" in page and "文件与解读一并审核公开" in page
    client.post(reverse("office:policy_item", args=[document.pk, "together"]), {"confirmed": "yes"})
    document.refresh_from_db()
    interpretation.refresh_from_db()
    assert (document.status, interpretation.status) == ("published", "published")


def test_the_library_searches_the_title_as_published_and_the_registration_number(
    client, county, township, clerk, reviewer, today
):
    from gongkai.catalogue import transitions as t

    item = draft(township, clerk, "暂定名称", written=today - timedelta(days=10))
    record = p.register_normative(
        item, by=clerk, on=today - timedelta(days=10), effective_on=today - timedelta(days=5)
    )
    item.title = "青石镇河道管理办法"  # renamed while still a draft
    item.save(update_fields=["title"])
    t.submit(item, by=clerk)
    p.publish_with_interpretation(item, by=clerk, reviewer=reviewer, on=today)
    url = reverse("portal:policy_library", args=[county.index_prefix])
    assert "青石镇河道管理办法" in client.get(url, {"q": "河道"}).content.decode()
    assert "青石镇河道管理办法" not in client.get(url, {"q": "暂定"}).content.decode()
    number = record.registration_number.lower()
    assert "青石镇河道管理办法" in client.get(url, {"q": number}).content.decode()


def test_a_number_is_found_however_its_brackets_and_digits_are_written(
    client, county, township, clerk, reviewer, today
):
    registered(
        township,
        clerk,
        reviewer,
        "青石镇河道管理办法",
        effective=today - timedelta(days=5),
        number="青政规〔2026〕7号",
    )
    url = reverse("portal:policy_library", args=[county.index_prefix])
    for typed in ("青政规〔2026〕7号", "青政规[2026]7号", "青政规（２０２６）７号", "青政规[2026]"):
        assert "青石镇河道管理办法" in client.get(url, {"q": typed}).content.decode(), typed
    assert "青石镇河道管理办法" not in client.get(url, {"q": "青政规〔2026〕8号"}).content.decode()


def test_the_office_page_of_an_unregistered_normative_draft_asks_for_registration(
    client, township, clerk
):
    item = draft(township, clerk, "甲办法")
    client.force_login(clerk)
    page = client.get(reverse("office:item", args=[item.pk])).content.decode()
    assert "尚未登记" in page and "国办发〔2018〕37号" in page


def test_the_library_is_kept_by_the_page_cache_and_the_comment_form_is_not(
    client, county, consultation, settings
):
    settings.PUBLIC_PAGE_SECONDS = 30
    library = client.get(reverse("portal:policy_library", args=[county.index_prefix]))
    assert library["X-Accel-Expires"] == "30"
    form = client.get(reverse("portal:consultation", args=[consultation.pk]))
    assert "X-Accel-Expires" not in form  # it carries a form token, different per visitor


def test_looking_up_the_number_of_a_repealed_document_says_it_was_repealed(
    client, county, township, clerk, reviewer, today
):
    old = registered(
        township,
        clerk,
        reviewer,
        "旧办法",
        effective=today - timedelta(days=60),
        number="青政规〔2025〕3号",
    )
    new = registered(township, clerk, reviewer, "新办法", effective=today - timedelta(days=5))
    p.relate(new.item, old.item, by=clerk, kind="repeals", on=today - timedelta(days=5))
    url = reverse("portal:policy_library", args=[county.index_prefix])
    page = client.get(url, {"q": "青政规[2025]3号"}).content.decode()
    assert "没有符合条件的现行有效文件" in page
    assert "《旧办法》</a>已废止，因此不在现行有效文件中" in page


def test_on_postgresql_the_library_search_has_its_trigram_index(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL 的三元组索引：SQLite 上没有")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'normative_search_trigram'")
        assert cursor.fetchone() is not None


def test_the_staff_forms_answer_nonsense_without_a_server_error(client, clerk, consultation):
    client.force_login(clerk)
    url = reverse("office:consultation_action", args=[consultation.pk, "nonsense"])
    assert client.post(url).status_code == 404
    url = reverse("office:comment_action", args=[consultation.pk, 999999, "show"])
    assert client.post(url).status_code == 404
    expire = reverse("office:policy_action", args=["expire"])
    assert client.post(expire, {"record": "x"}).status_code == 404
    register = reverse("office:policy_action", args=["register"])
    response = client.post(register, {"item": "x", "effective_on": "2026-13-01"}, follow=True)
    assert "请选择文件" in response.content.decode()


def test_the_system_administrator_sees_the_register_read_only(client, pair):
    from gongkai.core.models import User

    client.force_login(User.objects.get(username="xitong"))
    listing = client.get("/admin/policies/normativedocument/")
    assert listing.status_code == 200 and "青石镇农村人居环境整治办法" in listing.content.decode()
    assert client.get("/admin/policies/normativedocument/add/").status_code == 403
    assert client.get("/admin/policies/policysettings/").status_code == 200


def test_the_county_administrator_reads_a_townships_register_without_its_forms(
    client, township, pair
):
    from gongkai.core.models import User

    client.force_login(User.objects.get(username="xian"))
    page = client.get(reverse("office:policy_register"), {"agency": township.pk})
    text = page.content.decode()
    assert page.status_code == 200 and "青石镇农村人居环境整治办法" in text
    assert "只读" in text and "登记并编号" not in text


def test_a_comment_late_at_night_is_dated_by_beijing_time(client, clerk, consultation):
    from datetime import datetime

    import time_machine

    with time_machine.travel(datetime(2026, 12, 1, 17, 30, tzinfo=UTC), tick=False):
        comment = p.submit_comment(
            consultation,
            name="",
            contact="13900000000",
            text="夜里的意见",
            today=consultation.starts_on + timedelta(days=1),
        )
    p.moderate_comment(comment, by=clerk, show=True)
    page = client.get(reverse("portal:consultation", args=[consultation.pk])).content.decode()
    assert "2026年12月2日" in page  # 17:30 UTC is 01:30 the next day in Beijing


def test_the_settings_page_keeps_the_provisional_cap_and_the_consultation_minimum(
    client, township, admin
):
    from gongkai.policies.models import PolicySettings

    client.force_login(admin)
    client.post(
        reverse("office:policy_action", args=["settings"]) + f"?agency={township.pk}",
        {
            "require_sync": "on",
            "sync_grace_workdays": "0",
            "max_validity_years": "5",
            "max_provisional_validity_years": "1",
            "consultation_min_days": "20",
            "registration_code": "QSZ",
        },
    )
    saved = PolicySettings.objects.get(agency=township)
    assert (saved.max_provisional_validity_years, saved.consultation_min_days) == (1, 20)
