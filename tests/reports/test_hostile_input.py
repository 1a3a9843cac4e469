"""Random, truncated and damaged input never crashes the checker."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.reports.checker.check import check_report, check_source
from gongkai.reports.checker.sources import Source, html_text, normalise, plain_text

from .conftest import SAMPLES, requires_samples, sample_names

FRAGMENTS = [
    "一、本年新收政府信息公开申请数量",
    "（七）总计",
    "四、结转下年度继续办理",
    "结果维持",
    "第二十条第（一）项",
    "规章",
    "|",
    "\n",
    " ",
    "0",
    "12",
    "3.其他",
    "<td>",
    "</tr>",
    "申请人情况",
    "总计",
    "受理申请",
    "件",
    "2023年",
    "政府信息公开工作年度报告",
    "—",
    "/",
]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=80))
def test_random_pieces_of_reports_never_crash(pieces):
    raw = "".join(pieces)
    for reader in (plain_text, html_text):
        report = check_source(Source("random", "text", normalise(reader(raw))))
        assert report.fmt is not None


@requires_samples
@SETTINGS
@given(
    name=st.sampled_from(sample_names() or ["none"]),
    cut=st.floats(0, 1),
)
def test_samples_cut_anywhere_never_crash(name, cut):
    data = (SAMPLES / name).read_text(encoding="utf-8", errors="replace")
    raw = data[: int(len(data) * cut)]
    reader = html_text if name.endswith(".html") else plain_text
    check_source(Source(name, "text", normalise(reader(raw))))


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([".html", ".txt", ".docx", ".pdf"]))
def test_random_bytes_in_any_file_type_give_a_result_or_a_reason(tmp_path_factory, data, suffix):
    path = Path(tmp_path_factory.mktemp("random")) / f"report{suffix}"
    path.write_bytes(data)
    report = check_report(path)
    assert report.error or report.fmt is not None
