"""`gongkai selfcheck` as cron runs it: text, JSON and CSV, and an exit status that says
whether a single-veto finding stands."""

import json
from datetime import date

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(*args):
    import io

    out = io.StringIO()
    err = io.StringIO()
    try:
        call_command("selfcheck", *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exit:
        status = exit.code
    return status, out.getvalue(), err.getvalue()


def test_json_lists_each_agency_with_its_score_and_findings(township, publish, own_column):
    publish("青石镇召开秋收工作部署会", date(2026, 11, 2), category=own_column("工作动态"))
    status, out, err = run(
        "--agency",
        township.index_prefix,
        "--format",
        "json",
        "--no-external",
        "--today",
        "2026-11-30",
    )
    data = json.loads(out)
    agency = data["agencies"][0]
    assert agency["name"] == township.name
    assert agency["verdict"] == "不合格（触发单项否决）"
    # nothing new in the 28 days before the check: the home page is not updated (19号)
    assert any(f["indicator"] == "home_not_updated" for f in agency["findings"])
    assert status == 1 and "单项否决" in err


def test_csv_cells_cannot_run_as_formulas(township, publish):
    publish(
        '=HYPERLINK("http://evil")', date(2026, 11, 20), body='<p><a href="/nowhere/">x</a></p>'
    )
    _, out, _ = run(
        "--agency",
        township.index_prefix,
        "--format",
        "csv",
        "--no-external",
        "--today",
        "2026-11-30",
    )
    assert "'=HYPERLINK" in out and ",=HYPERLINK" not in out


def test_the_tree_takes_the_county_and_its_townships(county, township):
    _, out, _ = run(
        "--agency", county.index_prefix, "--tree", "--no-external", "--today", "2026-11-30"
    )
    assert county.name in out and township.name in out


def test_an_unknown_agency_is_a_clear_message():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有索引号前缀为 999 的机构"):
        call_command("selfcheck", "--agency", "999", "--no-external")
