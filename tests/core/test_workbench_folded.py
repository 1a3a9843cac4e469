"""Many 工作台 lines that send the clerk to one page (a county's overdue 标准目录 matters) are
cut to the most urgent and one line counting the rest, linked to that page (issue 25: a
wall of forty alike buried the other lines and was most of the page's rendering)."""

from datetime import date

from gongkai.core.workbench import MAX_ALIKE, DueLine, Urgency, folded

PAGE = "/office/standards/?agency=1"


def _matters(n: int, *, overdue: int, url=PAGE, agency="青石镇人民政府") -> list[DueLine]:
    return [
        DueLine(
            Urgency.OVERDUE if i < overdue else Urgency.DUE_SOON,
            agency,
            "标准目录",
            f"“事项{i:02d}”的信息尚未公开",
            url,
            date(2024, 12, 1 + i),
        )
        for i in range(n)
    ]


def test_a_long_group_keeps_its_most_urgent_and_counts_the_rest():
    lines = _matters(MAX_ALIKE + 5, overdue=10)
    shown = folded(lines)
    assert shown[:MAX_ALIKE] == lines[:MAX_ALIKE]
    assert len(shown) == MAX_ALIKE + 1
    rest = shown[-1]
    assert rest.text == "另有5条标准目录事项（其中已逾期2条），点击查看全部"
    assert (rest.url, rest.urgency, rest.due_on) == (PAGE, Urgency.OVERDUE, lines[MAX_ALIKE].due_on)
    assert rest.roles == frozenset()  # the matters' lines are everyone's


def test_one_line_more_than_kept_stays_whole_and_other_pages_are_not_grouped():
    assert folded(_matters(MAX_ALIKE + 1, overdue=0)) == _matters(MAX_ALIKE + 1, overdue=0)
    # each application's line has a page of its own: never folded, however many
    own_pages = [
        DueLine(Urgency.OVERDUE, "青石镇人民政府", "依申请公开", f"申请 {i}", f"/a/{i}/")
        for i in range(20)
    ]
    assert folded(own_pages) == own_pages
    # the same page of two agencies: two groups, each whole
    two = _matters(6, overdue=6) + _matters(6, overdue=6, agency="云岭县人民政府")
    assert folded(two) == two


def test_the_folded_line_takes_the_place_of_the_first_it_counts():
    others = [DueLine(Urgency.WAITING, "青石镇人民政府", "保密审查", "《某文》待保密审查", "/i/1/")]
    lines = sorted(_matters(MAX_ALIKE + 3, overdue=MAX_ALIKE + 3) + others, key=DueLine.sort_key)
    shown = folded(lines)
    assert [line.kind for line in shown] == ["标准目录"] * (MAX_ALIKE + 1) + ["保密审查"]
    assert shown[MAX_ALIKE].text == "另有3条标准目录事项（其中已逾期3条），点击查看全部"
