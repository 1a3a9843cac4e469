"""The annual report format (政府信息公开工作年度报告格式) as data.

Two formats: 国办公开办函〔2021〕30号 for reports on 2021 and later, and the trial format of
国办公开办函〔2019〕60号 for reports on 2019 and 2020 (spec/annual-report.md). The generator, the
validator, the renderers and the published-report checker all read this one definition; no
other module spells a statutory label of the report.

A table is a list of blocks; a block has columns and rows; a row's values line up with its
block's numeric columns. A value is an int or Decimal, None for a blank cell ("not reported",
never 0), or the raw text of a cell that is not a number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

Value = int | Decimal | str | None

SECTION_TITLES = {
    "一": "总体情况",
    "二": "主动公开政府信息情况",
    "三": "收到和处理政府信息公开申请情况",
    "四": "政府信息公开行政复议、行政诉讼情况",
    "五": "存在的主要问题及改进情况",
    "六": "其他需要报告的事项",
}
# 条例第五十条第四项: the reports of 各级人民政府 also carry 工作考核、社会评议和责任追究结果情况
# (in section 一, after 监督保障); section 六 of a government's report also reports these items
# (spec/annual-report.md).
GOVERNMENT_OVERSIGHT = "工作考核、社会评议和责任追究结果情况"
GOVERNMENT_OVERSIGHT_BASIS = "条例第五十条第四项"
GOVERNMENT_SECTION_SIX = (
    "落实上级年度政务公开工作要点情况",
    "人大代表建议和政协提案办理结果公开情况",
    "年度政务公开工作创新情况",
)
# Table 四's counting reading (spec/annual-report.md), printed under the table in every format.
TABLE_FOUR_NOTE = (
    "计数口径：本表统计对本机关政府信息公开行为申请行政复议、提起行政诉讼的案件，计入作出被申请"
    "复议或被起诉的政府信息公开行为的机关，不计入复议机关；本年度申请或起诉的案件按12月31日的"
    "结果计数（尚未作出决定或裁判的计入“尚未审结”），以前年度申请或起诉、本年度审结的案件按"
    "审结结果计入本年度。"
)
# Titles published reports use instead (a parser must accept them).
SECTION_TITLE_ALIASES = {
    "四": (
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "因政府信息公开申请行政复议、提起行政诉讼的情况",
    ),
    "五": ("政府信息公开工作存在的主要问题及改进情况", "存在的主要问题及整改措施"),
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    parent: str = ""  # label of a spanning header above it, if any


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    group: bool = False  # a heading row that carries no numbers
    aliases: tuple[str, ...] = ()

    @property
    def number(self) -> str:
        """The numbering part of the label: "一、", "（三）", "4."."""
        for end in ("、", "）", "."):
            head, sep, _ = self.label.partition(end)
            if sep and len(head) <= 3:
                return head + sep
        return ""

    @property
    def text(self) -> str:
        return self.label[len(self.number) :]


@dataclass(frozen=True)
class Block:
    key: str
    header: str  # the block's heading, e.g. 第二十条第（一）项; "" for a one-block table
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    corner: str = ""  # the top-left cell

    @property
    def value_rows(self) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if not row.group)


@dataclass(frozen=True)
class Table:
    number: str  # the section it belongs to: 二, 三, 四
    title: str
    blocks: tuple[Block, ...]

    def row(self, key: str) -> Row:
        for block in self.blocks:
            for row in block.rows:
                if row.key == key:
                    return row
        raise KeyError(key)

    def block_of(self, row_key: str) -> Block:
        for block in self.blocks:
            if any(row.key == row_key for row in block.rows):
                return block
        raise KeyError(row_key)


@dataclass(frozen=True)
class ReportFormat:
    name: str  # "2021" or "2019"
    basis: str
    tables: dict[str, Table] = field(default_factory=dict)

    def applies_to(self, year: int) -> bool:
        return year >= 2021 if self.name == "2021" else 2019 <= year <= 2020


# --- table 二 -----------------------------------------------------------------------------

INFO = "信息内容"


def _table_two_2021() -> Table:
    issued = (
        Column("made", "本年制发件数"),
        Column("repealed", "本年废止件数"),
        Column("in_force", "现行有效件数"),
    )
    decisions = (Column("decisions", "本年处理决定数量"),)
    return Table(
        "二",
        SECTION_TITLES["二"],
        (
            Block(
                "二（一）",
                "第二十条第（一）项",
                issued,
                (
                    Row("规章", "规章"),
                    Row("行政规范性文件", "行政规范性文件", aliases=("规范性文件",)),
                ),
                INFO,
            ),
            Block(
                "二（五）", "第二十条第（五）项", decisions, (Row("行政许可", "行政许可"),), INFO
            ),
            Block(
                "二（六）",
                "第二十条第（六）项",
                decisions,
                (Row("行政处罚", "行政处罚"), Row("行政强制", "行政强制")),
                INFO,
            ),
            Block(
                "二（八）",
                "第二十条第（八）项",
                (Column("fee_amount", "本年收费金额（单位：万元）"),),
                (Row("行政事业性收费", "行政事业性收费"),),
                INFO,
            ),
        ),
    )


def _table_two_2019() -> Table:
    made = (
        Column("made", "本年新制作数量"),
        Column("published", "本年新公开数量"),
        Column("total", "对外公开总数量"),
    )
    items = (
        Column("previous", "上一年项目数量"),
        Column("change", "本年增/减"),
        Column("decisions", "处理决定数量"),
    )
    return Table(
        "二",
        SECTION_TITLES["二"],
        (
            Block(
                "二（一）",
                "第二十条第（一）项",
                made,
                (Row("规章", "规章"), Row("规范性文件", "规范性文件")),
                INFO,
            ),
            Block(
                "二（五）",
                "第二十条第（五）项",
                items,
                (Row("行政许可", "行政许可"), Row("其他对外管理服务事项", "其他对外管理服务事项")),
                INFO,
            ),
            Block(
                "二（六）",
                "第二十条第（六）项",
                items,
                (Row("行政处罚", "行政处罚"), Row("行政强制", "行政强制")),
                INFO,
            ),
            Block(
                "二（八）",
                "第二十条第（八）项",
                items[:2],
                (Row("行政事业性收费", "行政事业性收费"),),
                INFO,
            ),
            Block(
                "二（九）",
                "第二十条第（九）项",
                (Column("purchases", "采购项目数量"), Column("purchase_amount", "采购总金额")),
                (Row("政府集中采购", "政府集中采购"),),
                INFO,
            ),
        ),
    )


# --- table 三 -----------------------------------------------------------------------------

APPLICANT_COLUMNS = (
    Column("natural", "自然人"),
    Column("business", "商业企业", "法人或其他组织"),
    Column("research", "科研机构", "法人或其他组织"),
    Column("charity", "社会公益组织", "法人或其他组织"),
    Column("legal", "法律服务机构", "法人或其他组织"),
    Column("other", "其他", "法人或其他组织"),
    Column("total", "总计"),
)
APPLICANT_HEADER = "申请人情况"  # the spanning header over table 三's seven columns
TABLE_THREE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

_OUTCOME_ROWS_HEAD = (
    Row("一", "一、本年新收政府信息公开申请数量"),
    Row("二", "二、上年结转政府信息公开申请数量"),
    Row("三", "三、本年度办理结果", group=True),
    Row("三（一）", "（一）予以公开"),
    Row(
        "三（二）",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        aliases=("（二）部分公开",),
    ),
    Row("三（三）", "（三）不予公开", group=True),
    Row("三（三）1", "1.属于国家秘密"),
    Row("三（三）2", "2.其他法律行政法规禁止公开"),
    Row("三（三）3", "3.危及“三安全一稳定”"),
    Row("三（三）4", "4.保护第三方合法权益"),
    Row("三（三）5", "5.属于三类内部事务信息"),
    Row("三（三）6", "6.属于四类过程性信息"),
    Row("三（三）7", "7.属于行政执法案卷"),
    Row("三（三）8", "8.属于行政查询事项"),
    Row("三（四）", "（四）无法提供", group=True),
    Row("三（四）1", "1.本机关不掌握相关政府信息"),
    Row("三（四）2", "2.没有现成信息需要另行制作"),
    Row("三（四）3", "3.补正后申请内容仍不明确"),
    Row("三（五）", "（五）不予处理", group=True),
    Row("三（五）1", "1.信访举报投诉类申请"),
    Row("三（五）2", "2.重复申请"),
    Row("三（五）3", "3.要求提供公开出版物"),
    Row("三（五）4", "4.无正当理由大量反复申请"),
    Row("三（五）5", "5.要求行政机关确认或重新出具已获取信息"),
)
_OUTCOME_ROWS_TAIL = (
    Row("三（七）", "（七）总计"),
    Row("四", "四、结转下年度继续办理"),
)


def _table_three(other_rows: tuple[Row, ...]) -> Table:
    return Table(
        "三",
        SECTION_TITLES["三"],
        (
            Block(
                "三",
                "",
                APPLICANT_COLUMNS,
                (*_OUTCOME_ROWS_HEAD, *other_rows, *_OUTCOME_ROWS_TAIL),
                TABLE_THREE_NOTE,
            ),
        ),
    )


OTHER_HANDLING_2021 = (
    Row("三（六）", "（六）其他处理", group=True, aliases=("（六）其他",)),
    Row("三（六）1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    Row("三（六）2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    Row("三（六）3", "3.其他"),
)
OTHER_HANDLING_2019 = (Row("三（六）", "（六）其他处理"),)

# --- table 四 -----------------------------------------------------------------------------

LITIGATION_HEADER = "行政诉讼"  # spans table 四's two kinds of suit
RESULT_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
APPEAL_GROUPS = (
    ("reconsideration", "行政复议"),
    ("direct_suit", "未经复议直接起诉"),
    ("suit_after_reconsideration", "复议后起诉"),
)


def _table_four() -> Table:
    columns = tuple(
        Column(f"{group}.{index}", label, parent)
        for group, parent in APPEAL_GROUPS
        for index, label in enumerate(RESULT_LABELS)
    )
    return Table(
        "四",
        SECTION_TITLES["四"],
        (Block("四", "", columns, (Row("四", "政府信息公开行政复议、行政诉讼情况"),)),),
    )


FORMAT_2021 = ReportFormat(
    "2021",
    "国办公开办函〔2021〕30号",
    {"二": _table_two_2021(), "三": _table_three(OTHER_HANDLING_2021), "四": _table_four()},
)
FORMAT_2019 = ReportFormat(
    "2019",
    "国办公开办函〔2019〕60号",
    {"二": _table_two_2019(), "三": _table_three(OTHER_HANDLING_2019), "四": _table_four()},
)
FORMATS = {"2021": FORMAT_2021, "2019": FORMAT_2019}


def format_for_year(year: int) -> ReportFormat:
    return FORMAT_2021 if year >= 2021 else FORMAT_2019


# Tables as data: {table number: {row key: [values in column order]}}.
TableValues = dict[str, list[Value]]
ReportTables = dict[str, TableValues]


def outcome_row_keys(fmt: ReportFormat) -> tuple[str, ...]:
    """The rows that （七）总计 adds up: every numeric outcome row (I3)."""
    rows = fmt.tables["三"].blocks[0].value_rows
    return tuple(r.key for r in rows if r.key.startswith("三（") and r.key != "三（七）")
