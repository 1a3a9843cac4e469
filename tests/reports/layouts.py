"""Consistent report tables made up for tests, and renderings of them into the layouts
agencies publish. The renderers are written from the format's layout, independently of
the reader under test."""

from __future__ import annotations

import io
import random
from decimal import Decimal

from hypothesis import strategies as st

from gongkai.statute.report_format import FORMAT_2021, RESULT_LABELS, outcome_row_keys

FMT = FORMAT_2021
BLOCK_THREE = FMT.tables["三"].blocks[0]
OUTCOMES = outcome_row_keys(FMT)
COLUMNS = [c.label for c in BLOCK_THREE.columns]


def seeded_tables(seed: int, largest: int = 40) -> dict:
    """One fixed consistent report, for tests that run a command rather than many examples."""
    rng = random.Random(seed)
    return _tables(rng.randint, lambda: rng.random() < 0.5, largest)


@st.composite
def consistent_tables(draw, largest: int = 40):
    """Consistent tables; `largest` bounds a cell (small agencies' tables are mostly 0–9)."""
    return _tables(lambda lo, hi: draw(st.integers(lo, hi)), lambda: draw(st.booleans()), largest)


def _tables(integer, coin, largest: int = 40) -> dict:
    three: dict[str, list] = {}
    for key in OUTCOMES:
        three[key] = [integer(0, largest) if coin() else 0 for _ in range(6)]
    total = [sum(three[k][c] for k in OUTCOMES) for c in range(6)]
    carried_out = [integer(0, largest) for _ in range(6)]
    carried_in = [integer(0, total[c] + carried_out[c]) for c in range(6)]
    three["三（七）"] = total
    three["四"] = carried_out
    three["二"] = carried_in
    three["一"] = [total[c] + carried_out[c] - carried_in[c] for c in range(6)]
    for key, cells in three.items():
        three[key] = [*cells, sum(cells)]
    groups = []
    for _ in range(3):
        results = [integer(0, 9) for _ in range(4)]
        groups += [*results, sum(results)]
    two = {
        "规章": [integer(0, 5) for _ in range(3)],
        "行政规范性文件": [integer(0, 50) for _ in range(3)],
        "行政许可": [integer(0, 100000)],
        "行政处罚": [integer(0, 5000)],
        "行政强制": [integer(0, 50)],
        "行政事业性收费": [Decimal(integer(0, 99999)) / 100],
    }
    return {"二": two, "三": three, "四": {"四": groups}}


def narrative(tables) -> str:
    new = tables["三"]["一"][6]
    return f"本年度共受理政府信息公开申请{new}件，均在法定期限内答复。"


def _rows_two(tables):
    for block in FMT.tables["二"].blocks:
        yield ("header", block.header, [])
        yield ("columns", block.corner, [c.label for c in block.columns])
        for row in block.rows:
            yield ("row", row.label, tables["二"][row.key])


def _rows_three(tables):
    for row in BLOCK_THREE.rows:
        yield (
            "group" if row.group else "row",
            row.label,
            [] if row.group else tables["三"][row.key],
        )


def _fmt(value) -> str:
    return f"{value:.2f}" if isinstance(value, Decimal) else str(value)


def _title(agency, year):
    return f"{agency}{year}年政府信息公开工作年度报告"


def html_table_per_block(tables, agency="测试市人民政府", year=2023, with_narrative=True) -> str:
    """The same page with each block of table 二 and each group of table 三 in its own table."""
    page = html(tables, agency, year, with_narrative)
    for block in FMT.tables["二"].blocks[1:]:
        page = page.replace(
            f"<tr><td colspan='4'><p><span>{block.header}",
            f"</table><table border='1'><tr><td colspan='4'><p><span>{block.header}",
        )
    for row in BLOCK_THREE.rows:
        if row.group:
            page = page.replace(
                f"<tr><td colspan='3'><b>{row.label}</b>",
                f"</table><p>续表</p><table><tr><td colspan='3'><b>{row.label}</b>",
            )
    return page


def blank_lines(tables, agency="测试市人民政府", year=2023, with_narrative=True) -> str:
    """Text captured from a page where every cell became a paragraph."""
    return "\n\n".join(
        line if isinstance(line, str) else "\n\n".join(line)
        for line in _text_lines(tables, agency, year, with_narrative)
    )


def html(tables, agency="测试市人民政府", year=2023, with_narrative=True) -> str:
    """A whole portal page: navigation, the report, one table per section, rowspans for the
    group rows, colspans for spanning headers, nested tags in cells."""
    out = [
        f"<html><head><meta charset='utf-8'><title>{_title(agency, year)}</title></head><body>",
        "<div class='nav'><a href='/'>首页</a> &gt; <a>信息公开年报</a></div>",
        f"<h1>{_title(agency, year)}</h1>",
        "<h2>一、总体情况</h2>",
    ]
    if with_narrative:
        out.append(f"<p>{narrative(tables)}</p>")
    out.append("<h2>二、主动公开政府信息情况</h2><table border='1'>")
    for kind, label, values in _rows_two(tables):
        if kind == "header":
            out.append(f"<tr><td colspan='4'><p><span>{label}</span></p></td></tr>")
        elif kind == "columns":
            out.append(
                "<tr>" + f"<td>{label}</td>" + "".join(f"<td>{v}</td>" for v in values) + "</tr>"
            )
        else:
            cells = "".join(f"<td><span>{_fmt(v)}</span></td>" for v in values)
            out.append(f"<tr><td>{label}</td>{cells}</tr>")
    out.append("</table><h2>三、收到和处理政府信息公开申请情况</h2><table border='1'>")
    out.append(
        "<tr><td rowspan='3' colspan='3'>"
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>"
        "<td colspan='7'>申请人情况</td></tr>"
    )
    out.append(
        "<tr><td rowspan='2'>自然人</td><td colspan='5'>法人或其他组织</td>"
        "<td rowspan='2'>总计</td></tr>"
    )
    out.append("<tr>" + "".join(f"<td>{c}</td>" for c in COLUMNS[1:6]) + "</tr>")
    for kind, label, values in _rows_three(tables):
        if kind == "group":
            out.append(f"<tr><td colspan='3'><b>{label}</b></td>" + "<td>&nbsp;</td>" * 7 + "</tr>")
        else:
            out.append(
                f"<tr><td colspan='3'>{label}</td>"
                + "".join(f"<td>{v}</td>" for v in values)
                + "</tr>"
            )
    out.append("</table><h2>四、政府信息公开行政复议、行政诉讼情况</h2><table border='1'>")
    out.append("<tr><td colspan='5' rowspan='2'>行政复议</td><td colspan='10'>行政诉讼</td></tr>")
    out.append("<tr><td colspan='5'>未经复议直接起诉</td><td colspan='5'>复议后起诉</td></tr>")
    out.append("<tr>" + "".join(f"<td>{label}</td>" for label in RESULT_LABELS * 3) + "</tr>")
    out.append("<tr>" + "".join(f"<td>{v}</td>" for v in tables["四"]["四"]) + "</tr></table>")
    out.append(
        "<h2>五、存在的主要问题及改进情况</h2><p>无。</p><h2>六、其他需要报告的事项</h2><p>无。</p>"
    )
    out.append("<div class='footer'>主办：测试市人民政府办公室 网站地图</div></body></html>")
    return "\n".join(out)


def _text_lines(tables, agency, year, with_narrative):
    yield _title(agency, year)
    yield "一、总体情况"
    if with_narrative:
        yield narrative(tables)
    yield "二、主动公开政府信息情况"
    for _kind, label, values in _rows_two(tables):
        yield [label, *map(_fmt, values)]
    yield "三、收到和处理政府信息公开申请情况"
    yield ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]
    yield ["自然人", "法人或其他组织", "总计"]
    yield COLUMNS[1:6]
    for _kind, label, values in _rows_three(tables):
        yield [label, *map(str, values)]
    yield "四、政府信息公开行政复议、行政诉讼情况"
    yield ["行政复议", "行政诉讼"]
    yield ["未经复议直接起诉", "复议后起诉"]
    yield list(RESULT_LABELS * 3)
    yield list(map(str, tables["四"]["四"]))
    yield "五、存在的主要问题及改进情况"
    yield "无。"
    yield "六、其他需要报告的事项"


def glued(tables, agency="测试市人民政府", year=2023, with_narrative=True) -> str:
    """Crawler text that lost the cell separators: table 三 on one line, each label and its
    digits run together ("…申请数量200000121二、上年结转…"); the other tables spaced."""
    out = []
    in_three = False
    for line in _text_lines(tables, agency, year, with_narrative):
        if isinstance(line, str):
            in_three = line.startswith("三、收到")
            out.append("\n" + line + "\n")
        elif in_three:
            out.append(line[0] + "".join(line[1:]))
        else:
            out.append("   ".join(line) + "\n")
    return "".join(out)


def pipes(tables, agency="测试市人民政府", year=2023, with_narrative=True) -> str:
    return "\n".join(
        line if isinstance(line, str) else "| " + " | ".join(line) + " |"
        for line in _text_lines(tables, agency, year, with_narrative)
    )


def markdown(tables, agency="测试市人民政府", year=2023, with_narrative=True) -> str:
    out = []
    for line in _text_lines(tables, agency, year, with_narrative):
        if isinstance(line, str):
            out.append(
                f"\n## {line}\n"
                if line[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")
                else line
            )
        else:
            out.append("| " + " | ".join(line) + " |")
            out.append("|" + "---|" * len(line))
    return "\n".join(out)


def cell_per_line(tables, agency="测试市人民政府", year=2023, with_narrative=True) -> str:
    return "\n".join(
        line if isinstance(line, str) else "\n|\n".join(line) + "\n|"
        for line in _text_lines(tables, agency, year, with_narrative)
    )


def spaces(tables, agency="测试市人民政府", year=2023, with_narrative=True) -> str:
    return "\n".join(
        line if isinstance(line, str) else "   ".join(line)
        for line in _text_lines(tables, agency, year, with_narrative)
    )


def docx(tables, agency="测试市人民政府", year=2023, with_narrative=True) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for line in _text_lines(tables, agency, year, with_narrative):
        if isinstance(line, str):
            document.add_paragraph(line)
            continue
        table = document.add_table(rows=1, cols=len(line))
        for cell, text in zip(table.rows[0].cells, line, strict=True):
            cell.text = text
    # a vertically merged label column, as Word users make for the group rows
    merged = document.add_table(rows=2, cols=2)
    merged.cell(0, 0).merge(merged.cell(1, 0))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def fullwidth_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789()", "０１２３４５６７８９（）"))


def half_width_brackets_and_split_labels(text: str, seed: int) -> str:
    """（一） → (一), and a space or line break inside some long labels."""
    rng = random.Random(seed)
    text = text.replace("（", "(").replace("）", ")")
    for row in BLOCK_THREE.rows:
        label = row.label.replace("（", "(").replace("）", ")")
        if len(label) > 8 and rng.random() < 0.5:
            cut = rng.randrange(3, len(label) - 2)
            text = text.replace(label, label[:cut] + rng.choice([" ", "\n"]) + label[cut:], 1)
    return text


def project_document(tables, agency="测试市人民政府", year=2023):
    """The report object the project's own renderers (HTML, DOCX, PDF) draw."""
    from gongkai.reports.document import FeeBlock, ReportDocument

    return ReportDocument(
        agency_name=agency,
        agency_prefix="",
        year=year,
        fmt=FMT,
        sections={"一": narrative(tables), "五": "无。", "六": "无。"},
        tables=tables,
        fee=FeeBlock(0, Decimal(0), Decimal(0)),
    )


def rendered(tables, kind: str, agency="测试市人民政府", year=2023) -> bytes:
    """`tables` as the project renders a report: kind is html, docx or pdf."""
    from gongkai.reports.render import render

    return render(project_document(tables, agency, year), kind)[2]


def chromium_pdf(html_path, out_dir) -> bytes:
    """An HTML page printed to PDF by Chromium, as a person saves a portal page."""
    import subprocess
    from pathlib import Path

    from tests.conftest import CHROMIUM

    out = Path(out_dir) / (Path(html_path).stem + ".chromium.pdf")
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={out_dir}/chromium-profile",
            f"--print-to-pdf={out}",
            Path(html_path).resolve().as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return out.read_bytes()


def libreoffice_convert(path, out_dir, to: str) -> bytes:
    """A file converted by LibreOffice headless (to "docx" or "pdf")."""
    import subprocess
    from pathlib import Path

    from tests.conftest import LIBREOFFICE

    path = Path(path)
    target = Path(out_dir) / "converted"
    target.mkdir(exist_ok=True)
    text_input = path.suffix.lower() in (".txt", ".md")
    subprocess.run(
        [
            LIBREOFFICE,
            f"-env:UserInstallation=file://{out_dir}/lo-profile",
            "--headless",
            *(["--infilter=Text (encoded):UTF8,LF,,,"] if text_input else []),
            "--convert-to",
            "docx:MS Word 2007 XML" if to == "docx" else to,
            "--outdir",
            str(target),
            str(path),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    return (target / (path.name.rsplit(".", 1)[0] + "." + to)).read_bytes()
