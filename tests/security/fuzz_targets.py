"""The three doors hostile input comes through, as hypothesis targets shared by the short
runs in `make test` (test_fuzz.py) and the long run under bench/ (bench/fuzz.py): the
published-report checker, the catalogue import and the public application form. Each must
answer with its own refusal — never an unexpected exception, never a 500."""

from __future__ import annotations

import contextlib

from hypothesis import strategies as st

from gongkai.applications.forms import APPLICANT_FIELDS

FRAGMENTS = [
    "名称",
    "分类",
    "发布日期",
    "索引号",
    "012345671/2024-00001",
    "社会救助",
    "2024-03-05",
    "2024/3/5",
    "废止",
    "有效",
    "行政规范性文件",
    ",",
    ";",
    "\n",
    "\r\n",
    '"',
    "\t",
    "\x00",
    "一、本年新收政府信息公开申请数量",
    "（七）总计",
    "|",
    "<td>",
    "</tr>",
    "12",
    "-3",
    "11010519491231002X",
    "6222021234567890128",
    "9" * 30,
    "\u202e",
    "\ufeff",
    "PK\x03\x04",
]
text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60).map(
    "".join
)
raw_bytes = st.one_of(
    st.binary(max_size=400),
    text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    text.map(lambda t: t.encode("gb18030", "replace")),
)
form_data = st.dictionaries(
    st.sampled_from(APPLICANT_FIELDS),
    st.one_of(
        text,
        st.sampled_from(["natural", "business", "resident_id", "paper", "post", "email"]),
        st.text(min_size=300, max_size=3000),
    ),
)


def check_report_text(kind: str, body: str) -> None:
    from gongkai.reports.checker.check import check_source
    from gongkai.reports.checker.sources import Source, html_text, normalise, plain_text

    raw = html_text(body) if kind == "html" else plain_text(body)
    check_source(Source("fuzz", kind, normalise(raw)))


def import_bytes(agency, user, data: bytes) -> None:
    from django.db import transaction

    from gongkai.catalogue.importer import ImportRefused, import_catalogue

    with transaction.atomic():
        with contextlib.suppress(ImportRefused):
            import_catalogue(agency, data, "fuzz.csv", by=user)
        transaction.set_rollback(True)


def post_application(client, prefix: str, data: dict) -> int:
    from django.db import transaction

    with transaction.atomic():
        status = client.post(f"/agency/{prefix}/apply/", data).status_code
        transaction.set_rollback(True)
    assert status in (200, 302, 429), status
    return status
