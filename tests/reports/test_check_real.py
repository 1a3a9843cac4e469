"""check-report on reports it has never seen (issue 26): each failure class built from the
REAL text of ../shared/samples/reports, changed in one place the way other agencies write.

Every expected value below was worked out by hand from the sample's own figures; the comment
beside it says how. A change that adds a finding to a clean real report fails here."""

from __future__ import annotations

import re

import pytest

from gongkai.reports.checker.check import check_source
from gongkai.reports.checker.sources import Source, html_text, normalise, plain_text
from gongkai.statute.report_identities import Severity

from .conftest import SAMPLES, requires_samples

pytestmark = requires_samples


def raw(name: str) -> str:
    return (SAMPLES / name).read_text("utf-8")


def read(text: str, kind: str = "text", name: str = "variant"):
    body = html_text(text) if kind == "html" else plain_text(text)
    return check_source(Source(name, kind, normalise(body)))


def problems(report):
    return sorted((f.rule, f.row, f.column) for f in report.problems)


def notes(report, rule: str) -> list[str]:
    return [f.message for f in report.findings if f.severity is Severity.NOTE and f.rule == rule]


def replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# --- 1. row labels as agencies write them ---------------------------------------------------

# Each pair: the format's wording in the sample → a wording seen in other agencies' reports.
LABEL_VARIANTS = [
    ("其他法律行政法规禁止公开", "其他法律和行政法规禁止公开"),  # a connective added
    ("本机关不掌握相关政府信息", "本机关不掌握相关信息"),  # 政府 dropped
    ("属于三类内部事务信息", "属于内部事务信息"),  # the count dropped
    ("没有现成信息需要另行制作", "没有现成信息需另行\n制作"),  # shortened, broken over lines
    ("无正当理由大量反复申请", "无正当理由的大量反复申请"),
]


@pytest.mark.parametrize(("official", "written"), LABEL_VARIANTS)
def test_a_label_written_differently_in_a_real_report_is_read_as_its_row(official, written):
    # shuyang-fgj-2023.html: table 三 has 新收 26 = 予以公开 26, every other outcome 0
    original = read(raw("shuyang-fgj-2023.html"), "html")
    variant = read(replace_once(raw("shuyang-fgj-2023.html"), official, written), "html")
    assert variant.tables == original.tables
    assert problems(variant) == []
    (matched,) = notes(variant, "L1")
    assert official in matched  # says which written label was read as which row


def test_all_label_variants_at_once_and_renumbered_rows_give_no_finding():
    text = raw("shuyang-fgj-2023.html")
    for official, written in LABEL_VARIANTS:
        text = replace_once(text, official, written)
    text = text.replace("1.属于国家秘密", "（1）属于国家秘密").replace("2.重复申请", "2、重复申请")
    report = read(text, "html")
    assert report.tables == read(raw("shuyang-fgj-2023.html"), "html").tables
    assert problems(report) == []
    assert len(notes(report, "L1")) == len(LABEL_VARIANTS)


def test_the_real_error_beside_a_reworded_label_is_found_not_hidden_by_a_missing_row():
    # pingtan-2020.txt with "2.其他法律和行政法规禁止公开": before issue 26 the row was missing
    # (T2) and I3 could not be checked; the sample's own I3 errors (自然人 20 vs 26, 总计 21 vs
    # 27, README) must still be found, and nothing else.
    text = replace_once(
        raw("pingtan-2020.txt"), "2.其他法律行政法规禁止公开", "2.其他法律和行政法规禁止公开"
    )
    report = read(text)
    assert problems(report) == [("I3", "（七）总计", "总计"), ("I3", "（七）总计", "自然人")]
    assert report.tables["三"]["三（三）2"] == [0] * 7


def test_the_three_securities_spelled_out_are_the_三安全一稳定_row():
    # excerpt-xinjiang-town-2023.txt, one cell per line, all zeros in table 三
    text = replace_once(
        raw("excerpt-xinjiang-town-2023.txt"),
        "3.危及“三安全一稳定”",
        "3.危及国家安全、公共安全、经济安全和社会稳定",
    )
    report = read(text)
    assert report.tables["三"]["三（三）3"] == [0] * 7
    assert problems(report) == [("R1", "规章", "现行有效件数")]  # the excerpt's own finding
    (matched,) = notes(report, "L1")
    assert "三安全一稳定" in matched


def test_a_line_break_inside_a_label_in_the_project_layouts_is_still_the_whole_label():
    # the alias "（二）部分公开" must not stop the label before "(区分处理的…)"
    text = raw("excerpt-xinjiang-town-2023.txt")
    text = replace_once(text, "部分公开(区分处理的", "部分公开(区\n分处理的")
    report = read(text)
    assert report.tables["三"]["三（二）"] == [0] * 7
    assert problems(report) == [("R1", "规章", "现行有效件数")]  # the excerpt's own finding


# --- 2. where table 四 ends --------------------------------------------------------------

FIVE_HEADING = "## 五、政府信息公开工作存在的主要问题及改进情况"


@pytest.mark.parametrize(
    "heading",
    [
        "五、存在问题及改进措施",
        "五、主要问题和改进措施",
        "五．存在的不足和下一步打算",
        "",  # no heading at all: the prose follows the table
    ],
)
def test_table_four_ends_at_its_own_shape_whatever_follows_it(heading):
    # shuyang-county-2025.md.txt: table 四 is 27,10,9,15,61 / 3,0,0,0,3 / 8,0,1,1,10 (README)
    # and the prose after it begins "2025 年，我县…": with 复议后起诉's 尚未审结 left blank the
    # old reader took "2025" from the prose into the table.
    text = replace_once(raw("shuyang-county-2025.md.txt"), FIVE_HEADING, heading)
    report = read(text)
    assert report.tables["四"]["四"] == [27, 10, 9, 15, 61, 3, 0, 0, 0, 3, 8, 0, 1, 1, 10]
    assert problems(report) == []
    blank = replace_once(text, "| 8 | 0 | 1 | 1 | 10 |", "| 8 | 0 | 1 |  | 10 |")
    report = read(blank)
    assert report.tables["四"]["四"][10:] == [8, 0, 1, None, 10]
    assert problems(report) == []  # 8+0+1+blank = 10 can hold: not checkable, not wrong


@pytest.mark.parametrize(
    "heading",
    ["五、存在问题和改进措施", "五、工作中存在的不足及下一步打算", "（五）存在的主要问题", ""],
)
def test_table_four_on_one_crawled_line_ends_after_its_fifteen_cells(heading):
    # pingtan-2020.txt runs table 四 ("…总计000000000000000") and section 五 into one line;
    # with 五 worded otherwise the prose's figures ("2020年", "1.", …) were taken as cells
    # and table 四 called blank. Expected: fifteen 0s, and only the README's two I3 errors.
    text = replace_once(raw("pingtan-2020.txt"), "五、存在的主要问题及改进情况", heading)
    report = read(text)
    assert report.tables["四"]["四"] == [0] * 15
    assert problems(report) == [("I3", "（七）总计", "总计"), ("I3", "（七）总计", "自然人")]


@pytest.mark.parametrize(
    "heading", ["五、政府信息公开工作存在的主要问题及改进情况", "五、存在问题和改进措施", ""]
)
def test_blank_cells_dropped_by_a_layout_of_spaces_are_not_missing_rows_or_a_blank_table(
    heading,
):
    # shanghai-office-2019.html as text with its cells run together by spaces: the blank
    # cells vanish ("5   2 7 8   1 9" for fifteen cells, 复议后起诉 blank, README), so the
    # columns cannot be told apart. Before issue 26: eight "missing" rows (T2) for rows whose
    # cells are all blank, and table 四 called blank (T3) — ten false findings.
    text = html_text(raw("shanghai-office-2019.html")).replace("\x1f", " ")
    text = replace_once(text, "五、政府信息公开工作存在的主要问题及改进情况", heading)
    report = read(text)
    assert not [f for f in report.problems if f.rule in ("T2", "T3", "I4")]
    assert "四" in report.unread  # not checked, and the outcome says so
    assert report.tables["三"]["三（三）2"] == [None] * 7  # blank, not missing
    assert report.outcome_text.startswith("部分核对（未能核对——")


# --- 3. a run-together row with exactly one split ----------------------------------------


def test_glued_digits_with_one_split_that_breaks_the_rows_sum_are_the_finding():
    # pingtan-2020.txt "2.重复申请3000003" → "…3000004": seven digits in seven cells can only
    # be 3,0,0,0,0,0,4, whose 总计 4 ≠ 3 (I2). The README's two I3 errors stay (自然人 20 vs
    # 26); 总计's I3 now reads 21 against 28 (27 + the changed 1).
    text = replace_once(raw("pingtan-2020.txt"), "2.重复申请3000003", "2.重复申请3000004")
    report = read(text)
    assert report.tables["三"]["三（五）2"] == [3, 0, 0, 0, 0, 0, 4]
    assert problems(report) == [
        ("I2", "2.重复申请", "总计"),
        ("I3", "（七）总计", "总计"),
        ("I3", "（七）总计", "自然人"),
    ]
    assert "三" not in report.unread  # read, not "could not be split"


def test_table_four_glued_into_fifteen_digits_with_a_broken_group_is_an_i4_finding():
    # pingtan-2020.txt table 四 is fifteen 0s glued; one of them made 1 (复议 总计)
    text = replace_once(raw("pingtan-2020.txt"), "总计000000000000000", "总计000010000000000")
    report = read(text)
    assert report.tables["四"]["四"] == [0, 0, 0, 0, 1] + [0] * 10
    assert ("I4", "行政复议", "总计") in problems(report)
    assert not any(f.rule == "T3" for f in report.findings)  # not "a blank table"


# --- 4. figures in the narrative ---------------------------------------------------------


def test_a_kind_of_reply_in_the_narrative_is_not_the_number_replied():
    # shuyang-county-2025.md.txt handles 718 (README); "公开答复1件" names one disclosure
    text = raw("shuyang-county-2025.md.txt")
    at = text.index("## 二、")
    text = text[:at] + "收到的申请中公开答复1件，不予公开答复2件。\n\n" + text[at:]
    assert problems(read(text)) == []


def test_prose_about_appeals_in_a_truncated_excerpt_is_not_table_four():
    # excerpt-shitan-town-2024.txt cut before its section 二: the only figures are prose
    # ("被提起行政复议0件、行政诉讼0件"), and there is no table to check
    text = raw("excerpt-shitan-town-2024.txt")
    text = text[: text.index("二、主动公开政府信息情况")]
    text = text.replace("行政复议0件、行政诉讼0件", "行政复议2件、行政诉讼1件")
    report = read(text)
    assert "四" not in report.tables
    assert not any(f.rule.startswith("I") for f in report.findings)


# --- 5. truncation is not a blank --------------------------------------------------------


def test_a_row_cut_off_by_the_end_of_the_text_is_not_checked_never_b2():
    # excerpt-changchun-bureau-2023.txt cut inside its 本年新收 row after 3 | 0 | 0 |
    text = raw("excerpt-changchun-bureau-2023.txt")
    row = "| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 |"
    text = text[: text.index(row) + len(row)]
    assert text.endswith("| 3 | 0 | 0 |")
    report = read(text)
    assert "一" not in report.tables.get("三", {})
    assert not any(f.rule == "B2" for f in report.findings)
    # and the narrative's 受理 2 can no longer be compared with a total that was cut off
    assert problems(report) == []
    assert report.outcome_text.startswith("部分核对")


# --- 6. a page break inside a merged group cell ------------------------------------------


def test_the_rest_of_a_torn_group_label_before_a_rows_cells_is_not_a_value():
    # excerpt-xinjiang-town-2023.txt, one cell per line; "(三)不予公开" torn by a page break
    # so that "开" lands in the first cell of "1.属于国家秘密"
    text = replace_once(
        raw("excerpt-xinjiang-town-2023.txt"), "1.属于国家秘密\n|\n", "1.属于国家秘密\n|\n开\n|\n"
    )
    report = read(text)
    assert report.tables["三"]["三（三）1"] == [0] * 7
    assert problems(report) == [("R1", "规章", "现行有效件数")]


def test_a_torn_group_label_in_a_cell_of_its_own_between_label_and_cells_is_skipped():
    # shuyang-county-2025.md.txt (one row per line, cells between |): a PDF page break in
    # the merged "（三）不予公开" cell leaves "开" in a cell of its own before the row's cells
    text = replace_once(
        raw("shuyang-county-2025.md.txt"),
        "| 1. 属于国家秘密 | 0 |",
        "| 1. 属于国家秘密 | 开 | 0 |",
    )
    report = read(text)
    assert report.tables["三"]["三（三）1"] == [0] * 7
    assert problems(report) == []


# --- every real sample: the findings written by hand -------------------------------------

# file → (outcome, problems). Outcomes and findings from the README of the samples and a
# reading of each file (the arithmetic is in test_samples.py and the README).
EXPECTED = {
    "shuyang-fgj-2023.html": ("已核对", []),
    "shuyang-county-2025.md.txt": ("已核对", []),
    # 予以公开及部分公开 258 vs 272 + 3; 无法提供 265 vs 337; the 总计 column left blank
    "shanghai-office-2019.html": (
        "已核对",
        [
            ("B2", "（一）予以公开", "总计"),
            ("X1", "予以公开及部分公开", "总计"),
            ("X1", "无法提供", "总计"),
        ],
    ),
    # （七）总计 20/21 while the outcome rows add up to 26/27
    "pingtan-2020.txt": (
        "部分核对",
        [("I3", "（七）总计", "总计"), ("I3", "（七）总计", "自然人")],
    ),
    "excerpt-changchun-bureau-2023.txt": ("部分核对", [("X1", "收到申请", "总计")]),  # 2 vs 3
    "excerpt-xinjiang-town-2023.txt": ("部分核对", [("R1", "规章", "现行有效件数")]),  # 6 at a town
    "excerpt-zhaiwu-town-2024.txt": (
        "部分核对",
        [("F2", "行政事业性收费", "本年收费金额（单位：万元）")],  # 单位:元
    ),
    "excerpt-county-bureau-2023.txt": ("部分核对", [("F1", "", "")]),  # 2019 layout in 2023
    "excerpt-bali-town-2023.txt": ("部分核对", []),  # all zeros once split from the labels
    "excerpt-shitan-town-2024.txt": ("未核对", [("T0", "", "")]),  # headings, no tables
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_real_sample_gives_exactly_its_hand_written_findings(sample, name):
    outcome, expected = EXPECTED[name]
    report = sample(name)
    assert report.outcome_text.startswith(outcome)
    assert problems(report) == sorted(expected)


def test_the_county_bureaus_cell_per_line_table_two_is_read_not_left_blank(sample):
    # excerpt-county-bureau-2023.txt writes "规范性文件 |\n0 |\n0 |\n0 |": three zeros each on
    # its own line; before issue 26 they were taken for stray page lines and left blank
    two = sample("excerpt-county-bureau-2023.txt").tables["二"]
    assert two["规范性文件"] == [0, 0, 0]
    assert two["其他对外管理服务事项"] == [0, 0, 0]


def test_no_sample_names_a_cell_that_is_not_a_number_or_a_missing_row(sample):
    for name in EXPECTED:
        report = sample(name)
        assert not [f for f in report.problems if f.rule in ("N1", "T2", "T3")], name


def test_no_table_is_read_out_of_the_prose_of_the_real_sites_pages():
    # samples/site holds no annual report (its README), but its pages are full of figures
    # beside the format's words (the 规范性文件 清理 notice: "59件区管委会规范性文件", the
    # 公安局's 行政复议 rules): checked as if they were reports, no table may come out of them
    from gongkai.reports.checker.check import check_report
    from tests.shared_material import shared

    site = shared("samples/site")
    if not site.exists():
        pytest.skip("共享材料：已跳过——仓库旁没有 ../shared/samples/site")
    pages = sorted(site.rglob("page.txt"))
    assert len(pages) > 50
    for page in pages:
        report = check_report(page)
        read_cells = [
            v for rows in report.tables.values() for values in rows.values() for v in values
        ]
        assert not [v for v in read_cells if v is not None], page
        assert not [f for f in report.problems if f.rule != "T0"], page


# --- 7. compare-reports checks I7 ---------------------------------------------------------


def two_years_of_zhaiwu(tmp_path, in_force_2023: int):
    """excerpt-zhaiwu-town-2024.txt (规范性文件: 制发 1, 废止 0, 现行有效 3) and the same town's
    2023 report made from it, with 2023's 现行有效 set to `in_force_2023`."""
    text = raw("excerpt-zhaiwu-town-2024.txt")
    earlier = replace_once(
        text.replace("2024", "2023"),
        "规范性文件 | 1 | 0 | 3 |",
        f"规范性文件 | 0 | 0 | {in_force_2023} |",
    )
    (tmp_path / "2023.txt").write_text(earlier, "utf-8")
    (tmp_path / "2024.txt").write_text(text, "utf-8")
    return [tmp_path / "2023.txt", tmp_path / "2024.txt"]


def test_compare_reports_warns_when_documents_in_force_do_not_carry_over(tmp_path):
    from gongkai.reports.checker.check import check_report, compare_years
    from gongkai.reports.checker.compare import compare_paths

    # I7: 现行有效(2024) = 现行有效(2023) + 制发(2024) − 废止(2024) = 1 + 1 − 0 = 2, not 3
    (comparison,), problems_ = compare_paths(two_years_of_zhaiwu(tmp_path, 1))
    assert problems_ == []
    (i7,) = [f for f in comparison.findings if f.rule == "I7"]
    assert (i7.severity, i7.row, i7.expected, i7.found) == (
        Severity.WARNING,
        "行政规范性文件",
        "2",
        "3",
    )
    # check-report given both years says the same
    reports = [check_report(p) for p in two_years_of_zhaiwu(tmp_path, 1)]
    compare_years(reports)
    assert [(f.rule, f.expected, f.found) for f in reports[1].findings if f.rule == "I7"] == [
        ("I7", "2", "3")
    ]


def test_compare_reports_is_quiet_when_documents_in_force_carry_over(tmp_path):
    from gongkai.reports.checker.compare import compare_paths

    (comparison,), _ = compare_paths(two_years_of_zhaiwu(tmp_path, 2))  # 2 + 1 − 0 = 3
    assert not [f for f in comparison.findings if f.rule == "I7"]


# --- 6. a PDF with a text layer and its tables pasted in as pictures ----------------------

PICTURE_CSS = (
    "body{font-family:'Noto Sans CJK SC';font-size:11pt}"
    "table{border-collapse:collapse} td{border:1px solid #000;padding:4px 8px}"
)
DPI = 200


def table_picture(rows: list[list[str]]) -> str:
    """An <img> of the table at its natural size, as a clerk pastes a screenshot into Word."""
    import base64
    import html
    import io

    import numpy
    import pypdfium2
    from weasyprint import HTML

    widest = max(len(row) for row in rows)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td colspan='{widest if len(row) == 1 else 1}'>{html.escape(c)}</td>" for c in row
        )
        + "</tr>"
        for row in rows
    )
    page = (
        f"<html><head><meta charset='utf-8'><style>@page{{size:210mm 400mm;margin:10mm}}"
        f"{PICTURE_CSS}</style></head><body><table>{body}</table></body></html>"
    )
    document = pypdfium2.PdfDocument(HTML(string=page).write_pdf())
    image = document[0].render(scale=DPI / 72).to_pil().convert("RGB")
    document.close()
    ys, xs = numpy.where(numpy.asarray(image.convert("L")) < 200)
    image = image.crop((xs.min() - 12, ys.min() - 12, xs.max() + 12, ys.max() + 12))
    out = io.BytesIO()
    image.save(out, "PNG")
    width = image.size[0] / DPI * 25.4
    data = base64.b64encode(out.getvalue()).decode()
    return f"<p><img style='width:{width:.1f}mm' src='data:image/png;base64,{data}'></p>"


def markdown_pdf(text: str, pictured: tuple[str, ...]) -> bytes:
    """The Markdown report as a PDF: prose and headings as text, the tables of the sections
    in `pictured` ("二", "四") as pictures, the others drawn as tables."""
    import html

    from weasyprint import HTML

    out: list[str] = []
    rows: list[list[str]] = []
    section = ""

    def flush():
        if not rows:
            return
        if section in pictured:
            out.append(table_picture(rows))
        else:
            out.append(
                "<table>"
                + "".join(
                    "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                    for row in rows
                )
                + "</table>"
            )
        rows.clear()

    for line in text.split("\n"):
        if line.strip().startswith("|"):
            if not re.fullmatch(r"\s*\|[\s:|-]+\|\s*", line):
                rows.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        flush()
        heading = re.match(r"#*\s*([一二三四五六])、", line)
        if heading:
            section = heading.group(1)
        if line.strip():
            out.append(f"<p>{html.escape(line.lstrip('#').strip())}</p>")
    flush()
    page = f"<html><head><meta charset='utf-8'><style>{PICTURE_CSS}</style></head><body>"
    return HTML(string=page + "".join(out) + "</body></html>").write_pdf()


def test_tables_pasted_as_pictures_beside_a_text_layer_are_recognised(tmp_path):
    # shuyang-county-2025.md.txt with tables 二 and 四 as pictures: before issue 26 a page
    # with any text was never recognised, and table 四 was "missing" (a T1 finding)
    from gongkai.reports.checker.check import check_report

    text = raw("shuyang-county-2025.md.txt")
    path = tmp_path / "report.pdf"
    path.write_bytes(markdown_pdf(text, ("二", "四")))
    report = check_report(path)
    assert report.ocr
    # table 四 as the README gives it; table 三 drawn as text, read as from the original
    assert report.tables["四"]["四"] == [27, 10, 9, 15, 61, 3, 0, 0, 0, 3, 8, 0, 1, 1, 10]
    assert report.tables["三"] == read(text).tables["三"]
    assert report.tables["二"]["行政许可"] and report.tables["二"]["行政处罚"]
    assert problems(report) == [] and report.ocr_findings == 0
    # one changed cell inside a picture: 复议 总计 61 → 62 breaks I4, and the finding says
    # that it rests on recognition
    changed = replace_once(text, "| 27 | 10 | 9 | 15 | 61 |", "| 27 | 10 | 9 | 15 | 62 |")
    path.write_bytes(markdown_pdf(changed, ("四",)))
    report = check_report(path)
    assert problems(report) == [("I4", "行政复议", "总计")]
    assert report.ocr_findings == 1


# --- one changed cell of a real report, in every form it is published in -----------------

# shuyang-fgj-2023.html with （一）予以公开's 自然人 26 → 27 (its 总计 stays 26): I2 on that
# row (26 ≠ 27) and I3 in the 自然人 column (（七） 26 ≠ the outcome rows' 27), nothing else.
CHANGED_CELL = [("I2", "（一）予以公开", "总计"), ("I3", "（七）总计", "自然人")]


def fgj_with_one_changed_cell() -> str:
    page = raw("shuyang-fgj-2023.html")
    at = page.index(">26<", page.index("予以公开"))
    return page[:at] + ">27<" + page[at + 4 :]


def test_one_changed_cell_in_the_real_html_is_found():
    assert problems(read(fgj_with_one_changed_cell(), "html")) == CHANGED_CELL


def test_one_changed_cell_in_the_real_report_as_plain_text_is_found():
    # the page's text as a crawler keeps it (cells one per line), then read as text
    text = html_text(fgj_with_one_changed_cell()).replace("\x1f", "|")
    assert problems(read(text)) == CHANGED_CELL


@pytest.mark.browser
def test_one_changed_cell_in_the_real_page_printed_by_chromium_is_found(tmp_path):
    from gongkai.reports.checker.check import check_report

    from . import layouts

    page = tmp_path / "page.html"
    page.write_text(fgj_with_one_changed_cell(), "utf-8")
    pdf = tmp_path / "printed.pdf"
    pdf.write_bytes(layouts.chromium_pdf(page, tmp_path))
    assert problems(check_report(pdf)) == CHANGED_CELL


@pytest.mark.libreoffice
def test_one_changed_cell_in_the_real_page_converted_to_docx_is_found(tmp_path):
    from gongkai.reports.checker.check import check_report

    from . import layouts

    page = tmp_path / "page.html"
    page.write_text(fgj_with_one_changed_cell(), "utf-8")
    docx = tmp_path / "converted.docx"
    docx.write_bytes(layouts.libreoffice_convert(page, tmp_path, "docx"))
    assert problems(check_report(docx)) == CHANGED_CELL


def test_one_changed_cell_in_a_png_of_a_real_table_is_found(tmp_path):
    # shuyang-county-2025.md.txt's table 四, 复议后起诉 尚未审结 1 → 2: 8+0+1+2 ≠ 10 (I4)
    import base64

    from gongkai.reports.checker.check import check_report

    rows = [
        ["行政复议"],
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
        ["27", "10", "9", "15", "61"],
        ["行政诉讼（未经复议直接起诉）"],
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
        ["3", "0", "0", "0", "3"],
        ["行政诉讼（复议后起诉）"],
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
        ["8", "0", "1", "2", "10"],
    ]
    assert "| 8 | 0 | 1 | 1 | 10 |" in raw("shuyang-county-2025.md.txt")  # the real row
    picture = table_picture(rows)
    png = tmp_path / "table-four.png"
    png.write_bytes(base64.b64decode(re.search(r"base64,([^']+)", picture).group(1)))
    report = check_report(png)
    assert report.tables["四"]["四"] == [27, 10, 9, 15, 61, 3, 0, 0, 0, 3, 8, 0, 1, 2, 10]
    assert [(f.rule, f.row, f.column) for f in report.problems if f.rule == "I4"] == [
        ("I4", "复议后起诉", "总计")
    ]
    assert report.ocr_findings == len(report.problems) >= 1
    # what a person and a program read: the count of findings resting on recognition
    import io

    from gongkai.reports.checker.output import report_as_dict, write_text

    out = io.StringIO()
    write_text([report], out)
    assert f"其中依据图片识别的问题：{report.ocr_findings} 项" in out.getvalue()
    assert report_as_dict(report)["ocr_findings"] == report.ocr_findings


def test_the_command_says_per_real_sample_checked_partly_or_not_and_exits_1():
    import json
    import subprocess

    from tests.test_env import GONGKAI

    result = subprocess.run(
        [GONGKAI, "check-report", str(SAMPLES), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1  # findings in some of them (the README's)
    outcomes = {
        row["file"].rsplit("/", 1)[-1]: (row["outcome_text"], row["ocr_findings"])
        for row in json.loads(result.stdout)
    }
    for name, (outcome, _) in EXPECTED.items():
        text, ocr_findings = outcomes[name]
        assert text.startswith(outcome), name
        assert ocr_findings == 0  # nothing here was recognised from an image
    # partly checked says which table and why
    assert outcomes["excerpt-zhaiwu-town-2024.txt"][0] == (
        "部分核对（未能核对——表三：文本截断，缺少此表；表四：文本截断，缺少此表）"
    )
