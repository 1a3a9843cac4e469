"""Benchmark: `gongkai check-report` throughput on generated reports in every layout.

Each layout is measured beside its ceiling in the same run: the least work any checker must
do to read that file (lxml parsing the HTML page; python-docx opening the DOCX; reading and
decoding the text file). HTML pages are wrapped in ~100 KB of portal navigation, scripts and
styles, as real published pages are. Results go to bench/RESULTS.md.

    .venv/bin/python bench/check_report.py [--reports N]
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gongkai.reports.checker.check import check_report  # noqa: E402
from tests.reports import layouts  # noqa: E402

PORTAL_CHROME = (
    "<div class='nav'>" + "".join(f"<a href='/c{i}'>栏目{i}</a>" for i in range(400)) + "</div>"
    "<script>" + "var x = 1;" * 4000 + "</script><style>" + ".a{color:red}" * 2000 + "</style>"
)


def page(tables, index: int) -> str:
    report = layouts.html(tables, agency=f"测试{index}县人民政府")
    return report.replace("<body>", "<body>" + PORTAL_CHROME, 1)


RENDERERS = {
    "html": (".html", page),
    "pipes": (".txt", lambda t, i: layouts.pipes(t, agency=f"测试{i}县人民政府")),
    "markdown": (".md", lambda t, i: layouts.markdown(t, agency=f"测试{i}县人民政府")),
    "cell_per_line": (".txt", lambda t, i: layouts.cell_per_line(t, agency=f"测试{i}县人民政府")),
    "spaces": (".txt", lambda t, i: layouts.spaces(t, agency=f"测试{i}县人民政府")),
    "docx": (".docx", lambda t, i: layouts.docx(t, agency=f"测试{i}县人民政府")),
    "glued": (".txt", lambda t, i: layouts.glued(t, agency=f"测试{i}县人民政府")),
}
DPI = 200


def pdf_pages(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def pdf_ceiling(path: Path) -> None:
    """pdfplumber alone: open the file and take each page's text."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def ocr_ceiling(path: Path) -> None:
    """RapidOCR alone: detect and recognise each whole page image, nothing else."""
    import pypdfium2

    from gongkai.reports.checker.ocr import _engine

    document = pypdfium2.PdfDocument(path.read_bytes())
    for page in document:
        import numpy

        _engine()(numpy.asarray(page.render(scale=DPI / 72).to_pil().convert("RGB")))
    document.close()


def page_rates(files: list[Path], pages: int) -> tuple[float, float]:
    """Pages per second: the checker, and its extraction library alone (the ceiling)."""
    return pages * rate(check_report, files) / len(files), pages * rate(ceiling, files) / len(files)


def ceiling(path: Path) -> None:
    data = path.read_bytes()
    if path.suffix == ".html":
        import lxml.html

        lxml.html.document_fromstring(data)
    elif path.suffix == ".docx":
        import docx

        docx.Document(io.BytesIO(data))
    elif path.suffix == ".pdf":
        (ocr_ceiling if "scan" in path.name else pdf_ceiling)(path)
    else:
        data.decode("utf-8")


def rate(function, files: list[Path]) -> float:
    function(files[0])  # warm caches and imports
    start = time.perf_counter()
    for path in files:
        function(path)
    return len(files) / (time.perf_counter() - start)


def write_files(folder: Path, layout: str, count: int) -> list[Path]:
    suffix, render = RENDERERS[layout]
    files = []
    for index in range(count):
        # glued digits are measured on a small agency's cells (0–9), as crawler text has them
        tables = layouts.seeded_tables(index, 9 if layout == "glued" else 40)
        content = render(tables, index)
        path = folder / layout / f"report-{index:05d}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        files.append(path)
    return files


def write_pdfs(folder: Path, kind: str, count: int) -> list[Path]:
    """Reports rendered by the project's PDF renderer; "scan": rasterised, pictures only."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    django.setup()
    files = []
    for index in range(count):
        pdf = layouts.rendered(layouts.seeded_tables(index), "pdf", agency=f"测试{index}县人民政府")
        path = folder / kind / f"{kind}-{index:04d}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "scan":
            import pypdfium2

            document = pypdfium2.PdfDocument(pdf)
            images = [p.render(scale=DPI / 72).to_pil().convert("RGB") for p in document]
            document.close()
            images[0].save(path, save_all=True, append_images=images[1:], resolution=DPI)
        else:
            path.write_bytes(pdf)
        files.append(path)
    return files


SAMPLES = ROOT.parent / "shared" / "samples" / "reports"


def real_samples() -> list[Path]:
    """The real reports beside the repository (issue 26); none when ../shared is absent."""
    if not SAMPLES.is_dir():
        print("共享材料：已跳过——仓库旁没有 ../shared/samples/reports")
        return []
    return sorted(p for p in SAMPLES.iterdir() if p.name != "README.md")


def pictured_pdfs(folder: Path) -> list[Path]:
    """shuyang-county-2025.md.txt as a PDF: prose as text, tables 二 and 四 as pictures."""
    source = SAMPLES / "shuyang-county-2025.md.txt"
    if not source.exists():
        return []
    from tests.reports.test_check_real import markdown_pdf

    path = folder / "pictured-scan.pdf"  # "scan": its ceiling is the OCR engine alone
    path.write_bytes(markdown_pdf(source.read_text("utf-8"), ("二", "四")))
    return [path]


def command_run(folder: Path) -> tuple[float, int]:
    """The whole command over a folder, in a child process: seconds and peak RSS in MB."""
    gongkai = Path(sys.executable).parent / "gongkai"
    # A fresh measuring process per run: RUSAGE_CHILDREN keeps the maximum of all children.
    measure = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter();"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE);"
        "print(r.returncode, time.perf_counter() - t,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)"
    )
    result = subprocess.run(
        [sys.executable, "-c", measure, gongkai, "check-report", str(folder), "--format", "csv"],
        capture_output=True,
        text=True,
    )
    returncode, seconds, peak = result.stdout.split()
    if returncode != "0":
        raise SystemExit(f"check-report failed ({returncode}): {result.stderr[-500:]}")
    return float(seconds), int(peak)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=300, help="reports per layout")
    count = parser.parse_args().reports
    lines = [
        "## check-report throughput",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {count} generated reports per layout, one process.",
        "",
        "| layout | reports/s | ceiling reports/s | ratio | ms per report |",
        "|---|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for layout in RENDERERS:
            files = write_files(folder, layout, count)
            ours = rate(check_report, files)
            best = rate(ceiling, files)
            lines.append(
                f"| {layout} | {ours:.0f} | {best:.0f} | {ours / best:.1%} | {1000 / ours:.1f} |"
            )
            print(lines[-1], flush=True)
        lines += [
            "",
            "| input | pages/s | ceiling pages/s (library alone) | ratio |",
            "|---|---:|---:|---:|",
        ]
        for kind, number in (("pdf", max(4, count // 25)), ("scan", 1)):
            files = write_pdfs(folder, kind, number)
            pages = sum(pdf_pages(p) for p in files)
            ours, best = page_rates(files, pages)
            library = "pdfplumber text" if kind == "pdf" else "RapidOCR det+rec"
            name = "PDF (WeasyPrint)" if kind == "pdf" else "image-only PDF, OCR"
            lines.append(f"| {name} | {ours:.2f} | {best:.2f} ({library}) | {ours / best:.1%} |")
            print(lines[-1], flush=True)
        pictured = pictured_pdfs(folder)
        if pictured:
            pages = sum(pdf_pages(p) for p in pictured)
            ours, best = page_rates(pictured, pages)
            lines.append(
                f"| PDF with a text layer, tables as pictures (real sample), OCR | {ours:.2f} | "
                f"{best:.2f} (RapidOCR det+rec) | {ours / best:.1%} |"
            )
            print(lines[-1], flush=True)
        real = real_samples()
        if real:
            ours, best = rate(check_report, real), rate(ceiling, real)
            lines += [
                "",
                "| real published reports (../shared/samples/reports) | reports/s | "
                "ceiling reports/s | ratio | ms per report |",
                "|---|---:|---:|---:|---:|",
                f"| {len(real)} files: HTML pages, PDF/OCR text, crawler text, excerpts | "
                f"{ours:.0f} | {best:.0f} | {ours / best:.1%} | {1000 / ours:.1f} |",
            ]
            print(lines[-1], flush=True)
        html_size = sum(p.stat().st_size for p in (folder / "html").iterdir()) // count // 1024
        small, small_peak = command_run(folder / "pipes")
        for index in range(count, count * 4):  # four times the input, same layout
            path = folder / "pipes" / f"report-{index:05d}.txt"
            path.write_text(layouts.pipes(layouts.seeded_tables(index)), encoding="utf-8")
        large, large_peak = command_run(folder / "pipes")
    lines += [
        "",
        f"HTML pages average {html_size} KB. Target (issue 6): at least 100 HTML reports per "
        "second per core. PDF and OCR are per page, beside the extraction library alone on "
        "the same files in the same run (issue 16); the checker's PDF reader rebuilds tables "
        "from ruling lines, which the text-only ceiling does not.",
        "",
        f"Whole command over a folder (start-up included, CSV out): {count} reports in "
        f"{small:.1f} s, peak RSS {small_peak} MB; {count * 4} reports in {large:.1f} s, "
        f"peak RSS {large_peak} MB.",
        "",
    ]
    results = ROOT / "bench" / "RESULTS.md"
    existing = results.read_text() if results.exists() else "# Benchmark results\n\n"
    start = existing.find("## check-report throughput")
    if start >= 0:
        end = existing.find("\n## ", start + 1)
        existing = existing[:start] + existing[end + 1 if end >= 0 else len(existing) :]
    results.write_text(existing.rstrip() + "\n\n" + "\n".join(lines))
    print("\n".join(lines[-4:]))


if __name__ == "__main__":
    main()
