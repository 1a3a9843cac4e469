"""Text captured from PDFs (issue 16): labels out of format order, a group label that must
not take a row's place, blank cells on their own lines, table 四 with its header torn and a
stray line before its row."""

from hypothesis import HealthCheck, given, settings

from gongkai.reports.checker.check import check_source
from gongkai.reports.checker.sources import Source, normalise, plain_text

from . import layouts

EXAMPLES = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read(text: str):
    return check_source(Source("captured.pdf", "text", normalise(plain_text(text))))


def move_line(text: str, line_start: str, after: str) -> str:
    """Move the line that starts with `line_start` to just after the line starting `after`."""
    lines = text.split("\n")
    moved = next(line for line in lines if line.startswith(line_start))
    lines.remove(moved)
    at = next(i for i, line in enumerate(lines) if line.startswith(after))
    lines.insert(at + 1, moved)
    return "\n".join(lines)


@EXAMPLES
@given(tables=layouts.consistent_tables())
def test_group_labels_centred_among_their_rows_are_found_wherever_they_are(tables):
    # a tall merged cell's label comes out of pdftotext in the middle of the rows it spans
    text = layouts.spaces(tables)
    text = move_line(text, "三、本年度办理结果", "2.其他法律行政法规禁止公开")
    text = move_line(text, "（三）不予公开", "4.保护第三方合法权益")
    text = move_line(text, "（四）无法提供", "2.没有现成信息需要另行制作")
    report = read(text)
    assert report.tables["三"] == tables["三"]
    assert report.problems == []


@EXAMPLES
@given(tables=layouts.consistent_tables())
def test_the_other_handling_group_does_not_take_the_place_of_3_other(tables):
    # "（六）其他" as the group heading, printed after its first row: "其他" alone must not be
    # taken for it, or "3.其他" goes missing
    text = layouts.spaces(tables).replace("（六）其他处理", "（六）其他")
    text = move_line(text, "（六）其他", "1.申请人无正当理由逾期不补正")
    report = read(text)
    assert report.tables["三"]["三（六）3"] == tables["三"]["三（六）3"]
    assert report.tables["三"] == tables["三"]
    assert report.problems == []


@EXAMPLES
@given(tables=layouts.consistent_tables())
def test_a_blank_cell_on_its_own_line_keeps_the_cells_after_it_in_their_columns(tables):
    row = tables["三"]["三（三）4"]
    row[2] = "@blank@"
    text = layouts.cell_per_line(tables, with_narrative=False).replace("@blank@", "")
    report = read(text)
    expected = list(row)
    expected[2] = None
    assert report.tables["三"]["三（三）4"] == expected
    assert report.tables["三"]["三（七）"] == tables["三"]["三（七）"]


@EXAMPLES
@given(tables=layouts.consistent_tables())
def test_table_four_with_torn_header_words_and_a_stray_line_is_read(tables):
    text = layouts.spaces(tables)
    header = "   ".join(("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 3)
    torn = (
        "   ".join(("结果", "结果", "其他", "尚未", "总计") * 3)
        + "\n"
        + "   ".join(("维持", "纠正", "结果", "审结", "") * 3)
    )
    values = "   ".join(map(str, tables["四"]["四"]))
    assert header in text and values in text
    text = text.replace(header, torn).replace(values, "- 3 -\n" + values)
    text = text.replace("四、政府信息公开行政复议、行政诉讼情况", "")  # no heading either
    report = read(text)
    assert report.tables["四"]["四"] == tables["四"]["四"]
    assert report.problems == []


def test_a_long_label_wrapped_around_its_own_values_is_matched():
    tables = layouts.seeded_tables(11)
    values = "   ".join(map(str, tables["三"]["三（二）"]))
    label = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    text = layouts.spaces(tables).replace(
        f"{label}   {values}",
        "（二）部分公开（区分处理的，只计这一情形，不计其\n" + values + "\n他情形）",
    )
    report = read(text)
    assert report.tables["三"] == tables["三"]
