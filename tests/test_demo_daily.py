"""The demo as a newcomer starts it (issue 25, "The demo"): a port of their choice, one Chinese
sentence when it is taken, every account listed with its roles, the catalogue's own count,
and no password page that insists while demo mode does not."""

import io
import re
import socket

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.test_env import run_gongkai


def test_serve_on_a_taken_port_says_so_in_chinese_and_starts_nothing(tmp_path):
    prepared = run_gongkai(tmp_path, "migrate", "--no-input")
    assert prepared.returncode == 0, prepared.stderr
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = run_gongkai(tmp_path, "serve", "--port", str(port))
    assert result.returncode == 1
    assert f"端口 {port} 已被其他程序占用" in result.stderr
    assert f"make demo PORT={port + 1}" in result.stderr
    assert "gunicorn" not in result.stderr.lower() and "Traceback" not in result.stderr
    assert "正在" not in result.stdout  # the "serving on" line was never printed


def test_the_demo_on_a_taken_port_refuses_before_loading_anything(tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = run_gongkai(tmp_path, "demo", "--port", str(port), GONGKAI_DEMO="1")
    assert result.returncode == 1
    assert f"端口 {port} 已被其他程序占用" in result.stderr
    assert "Error" not in result.stderr
    assert "演示机构" not in result.stdout  # nothing was loaded


def test_make_demo_passes_its_port_to_the_demo():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text()
    recipe = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    assert "--port $(PORT)" in recipe and "PORT ?= 8000" in makefile


@pytest.mark.django_db
def test_the_demo_lists_every_account_with_its_agency_and_roles_and_the_catalogues_count(
    client, today
):
    from gongkai.core.models import Agency

    out = io.StringIO()
    call_command("demo", no_serve=True, stdout=out)
    printed = out.getvalue()
    county = "云岭县人民政府"
    township = Agency.objects.get(level="township")
    for username, agency, role in (
        ("jingban", township.name, "经办人"),
        ("shenhe", township.name, "审核人"),
        ("guanli", township.name, "管理员"),
        ("xian", county, "管理员"),
        ("xianjingban", county, "经办人"),
        ("xianshenhe", county, "审核人"),
    ):
        line = next(line for line in printed.splitlines() if line.split()[:1] == [username])
        assert f"{agency} {role}" in line, line
    # the count the demo prints is the total the township's catalogue page states
    printed_count = int(re.search(r"演示数据：(\d+) 条主动公开信息", printed).group(1))
    page = client.get(reverse("portal:items", args=[township.index_prefix])).content.decode()
    shown = int(re.search(r"共 (\d+) 条", page).group(1))
    assert printed_count == shown
    # the county site's 年度报表 on the last finished year, published and on the portal with
    # its HTML, DOCX and CSV (sitereport/demo.py; its cells traced in tests/sitereport)
    year = today.year - 1
    assert f"网站年度报表：{year}年度政府网站工作年度报表已于" in printed
    prefix = Agency.objects.get(name=county).index_prefix
    for name in ("portal:site_report", "portal:site_report_docx", "portal:site_report_csv"):
        assert client.get(reverse(name, args=[prefix, year])).status_code == 200, name


@pytest.mark.django_db
def test_in_demo_mode_the_password_page_does_not_say_it_must_be_changed(client, settings):
    from gongkai.core.demo import load_demo
    from gongkai.core.models import User

    load_demo()
    user = User.objects.get(username="jingban")
    assert user.must_change_password  # the demo's password is printed for all to see
    client.force_login(user)
    settings.DEMO = True
    assert client.get(reverse("office:home")).status_code == 200  # not sent to change it
    page = client.get(reverse("office:password_change")).content.decode()
    assert "请先设置自己的密码" not in page
    settings.DEMO = False  # outside demo mode the page and the redirect agree the other way
    assert client.get(reverse("office:home")).url == reverse("office:password_change")
    page = client.get(reverse("office:password_change")).content.decode()
    assert "请先设置自己的密码" in page
