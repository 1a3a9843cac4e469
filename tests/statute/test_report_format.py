"""The format definition against the statutory text in spec/annual-report.md."""

import re
from pathlib import Path

from gongkai.statute.report_format import (
    APPLICANT_COLUMNS,
    FORMAT_2019,
    FORMAT_2021,
    SECTION_TITLES,
    TABLE_THREE_NOTE,
    format_for_year,
    outcome_row_keys,
)
from tests.shared_material import needs_shared, shared

SPEC = shared("spec/annual-report.md")
needs_spec = needs_shared("spec/annual-report.md")


def spec_table_three_labels() -> list[str]:
    block = SPEC.read_text().split("```")[1]
    return [line.strip().split("  ")[0].strip() for line in block.strip().splitlines()]


@needs_spec
def test_table_three_labels_are_the_specs_word_for_word():
    ours = [row.label for row in FORMAT_2021.tables["三"].blocks[0].rows]
    assert ours == spec_table_three_labels()


@needs_spec
def test_section_titles_and_the_note_cell_are_the_specs():
    spec = SPEC.read_text()
    for number, title in SECTION_TITLES.items():
        assert f"| {number} | {title} |" in spec
    assert TABLE_THREE_NOTE in spec


def test_table_three_has_25_numeric_rows_of_7_columns_in_2021_and_23_in_2019():
    assert len(FORMAT_2021.tables["三"].blocks[0].value_rows) == 25
    assert len(FORMAT_2019.tables["三"].blocks[0].value_rows) == 23
    assert [c.label for c in APPLICANT_COLUMNS] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]


def test_table_two_has_ten_numeric_cells_and_table_four_fifteen():
    two = FORMAT_2021.tables["二"]
    assert sum(len(b.value_rows) * len(b.columns) for b in two.blocks) == 10
    assert [b.header for b in two.blocks] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert len(FORMAT_2021.tables["四"].blocks[0].columns) == 15


def test_the_2019_format_has_the_procurement_block_and_one_other_handling_row():
    assert FORMAT_2019.tables["二"].blocks[-1].header == "第二十条第（九）项"
    assert "三（六）1" not in {r.key for r in FORMAT_2019.tables["三"].blocks[0].rows}


def test_outcome_rows_are_every_numbered_result_but_the_total():
    # I3: （一）+（二）+ 8 + 3 + 5 + 3 = 21 rows in 2021; （六） is one row in 2019: 19
    assert len(outcome_row_keys(FORMAT_2021)) == 21
    assert len(outcome_row_keys(FORMAT_2019)) == 19


def test_reports_on_2021_and_later_use_the_2021_format():
    assert format_for_year(2020) is FORMAT_2019
    assert format_for_year(2021) is FORMAT_2021
    assert FORMAT_2019.applies_to(2019) and not FORMAT_2019.applies_to(2023)


def test_no_other_module_spells_a_table_three_label():
    package = Path(__file__).resolve().parents[2] / "gongkai"
    # the format's own labels (the spec's, word for word: the first test above)
    ours = [row.label for row in FORMAT_2021.tables["三"].blocks[0].rows]
    labels = [label for label in ours if len(label) > 12]
    for path in package.rglob("*.py"):
        # migrations are generated snapshots of model choices, not definitions
        if path.name == "report_format.py" or "migrations" in path.parts:
            continue
        text = path.read_text()
        for label in labels:
            assert label not in text, f"{path} restates “{label}”"
    assert re.search("本年新收", (package / "statute" / "report_format.py").read_text())
