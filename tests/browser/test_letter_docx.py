"""Every kind of letter, issued as DOCX, opens in LibreOffice as an official notice (GB/T
9704-2012): converted headless to PDF, each is A4, carries its 文号 and its dates without
leading zeros, and a reply states the remedy of its outcome (by ground: 法释〔2025〕8号第一条).
Each page carries its number (7.5); the 落款 and 成文日期 never stand alone on a page
(7.3.5.5: the last page has body text besides them) — replies of growing length put the 落款
at every place near a page's foot; the tracking number is never broken across lines. The
first page of each is saved as a PNG under test-artifacts/letters/ for a person to look at."""

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from gongkai.applications import transitions as t
from gongkai.applications.letters import draft_letter, issue_letter
from gongkai.applications.models import LetterKind
from tests.applications.conftest import APPLICANT
from tests.applications.steps import reply_as_the_law_allows
from tests.conftest import LIBREOFFICE

pytestmark = [pytest.mark.libreoffice, pytest.mark.django_db]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "letters"
D = date
A4 = (595.3, 841.9)  # points
ZERO_PADDED = re.compile(r"\d{4}年0\d月|月0\d日")
REFUSAL_REMEDY = "应当自收到本告知书之日起六十日内向云岭县人民政府申请行政复议"
EITHER_REMEDY = "也可以自收到本告知书之日起六个月内依法向人民法院提起行政诉讼"


def _application(township, clerk, on):
    application, _ = t.register_application(
        township, by=clerk, channel=t.Channel.IN_PERSON, submitted_on=on, today=on, **APPLICANT
    )
    return application


def _letters(township, clerk, reviewer):
    """(file stem, letter kind, application, the remedy its text must carry or None)."""
    made = []
    receipt = _application(township, clerk, D(2024, 9, 27))
    made.append(("receipt", LetterKind.RECEIPT, receipt, None))
    t.request_correction(
        receipt, by=clerk, on=D(2024, 10, 8), period_workdays=10, what="请写明所需信息的年份"
    )
    made.append(("correction", LetterKind.CORRECTION, receipt, None))
    extended = _application(township, clerk, D(2024, 9, 27))
    t.request_extension(extended, by=clerk, on=D(2024, 10, 21), workdays=20, reason="需调取档案")
    t.approve_extension(extended, by=reviewer, on=D(2024, 10, 22))
    made.append(("extension", LetterKind.EXTENSION, extended, None))
    consulted = _application(township, clerk, D(2024, 3, 4))
    t.start_consultation(
        consulted, by=clerk, on=D(2024, 3, 6), kind=t.PauseKind.THIRD_PARTY, note="青石建材公司"
    )
    made.append(("third_party", LetterKind.THIRD_PARTY, consulted, None))
    fee = _application(township, clerk, D(2024, 3, 4))
    t.issue_fee_notice(
        fee,
        by=clerk,
        on=D(2024, 3, 5),
        method="per_page",
        pages=250,
        served_on=D(2024, 3, 6),
        served_how="邮寄签收",
    )
    made.append(("fee", LetterKind.FEE, fee, None))
    later = _application(township, clerk, D(2024, 3, 4))
    t.request_reasons(later, by=clerk, on=D(2024, 3, 5), note="请说明理由")
    t.record_reasons(later, by=clerk, on=D(2024, 3, 7), answer="课题研究")
    t.set_later_date(later, by=clerk, on=D(2024, 3, 8), due=D(2024, 5, 31), reason="数量较大")
    made.append(("later_date", LetterKind.LATER_DATE, later, None))
    for outcome, remedy in (("三（一）", EITHER_REMEDY), ("三（二）", REFUSAL_REMEDY),
                            ("三（三）4", REFUSAL_REMEDY), ("三（三）8", EITHER_REMEDY),
                            ("三（四）1", EITHER_REMEDY),
                            ("三（五）4", EITHER_REMEDY)):  # fmt: skip
        replied = _application(township, clerk, D(2024, 3, 4))
        reply_as_the_law_allows(replied, by=clerk, on=D(2024, 3, 20), outcome=outcome)
        made.append((f"reply-{outcome}", LetterKind.REPLY, replied, remedy))
    # replies growing by two lines at a time: one of them ends at each place near the foot
    # of page one, so the 落款 would stand alone somewhere without 7.3.5.5
    for extra_lines in range(0, 26, 2):
        replied = _application(township, clerk, D(2024, 3, 4))
        t.reply(
            replied,
            by=clerk,
            on=D(2024, 3, 20),
            outcome="三（一）",
            text="所申请信息详见附件。" + "附件所列信息按申请的形式提供。" * (extra_lines * 2),
        )
        made.append((f"reply-long-{extra_lines:02d}", LetterKind.REPLY, replied, EITHER_REMEDY))
    no_correction = _application(township, clerk, D(2024, 3, 4))
    t.request_correction(no_correction, by=clerk, on=D(2024, 3, 5), period_workdays=5, what="x")
    t.abandon_for_no_correction(no_correction, by=clerk, on=D(2024, 3, 13))
    made.append(("abandoned-correction", LetterKind.REPLY, no_correction, EITHER_REMEDY))
    unpaid = _application(township, clerk, D(2024, 3, 4))
    t.issue_fee_notice(
        unpaid,
        by=clerk,
        on=D(2024, 3, 5),
        method="per_page",
        pages=40,
        served_on=D(2024, 3, 5),
        served_how="当面送达",
    )
    t.abandon_for_unpaid_fee(unpaid, by=clerk, on=D(2024, 4, 3))
    made.append(("abandoned-fee", LetterKind.REPLY, unpaid, EITHER_REMEDY))
    return made


def test_every_letter_kind_prints_as_an_a4_notice(township, clerk, tmp_path):
    import pdfplumber

    from gongkai.core.models import User

    reviewer = User.objects.get(username="shenhe")
    issued = {}
    for stem, kind, application, remedy in _letters(township, clerk, reviewer):
        letter = draft_letter(application, kind=kind, by=clerk, on=D(2024, 11, 29))
        letter = issue_letter(letter, by=clerk, on=D(2024, 11, 29))
        (tmp_path / f"{stem}.docx").write_bytes(bytes(letter.document))
        issued[stem] = (letter, remedy)
    kinds = {letter.kind for letter, _ in issued.values()}
    assert kinds == set(LetterKind.values)  # every kind of letter is printed
    done = subprocess.run(
        [
            LIBREOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *sorted(str(p) for p in tmp_path.glob("*.docx")),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pages_of = {}
    for stem, (letter, remedy) in issued.items():
        with pdfplumber.open(tmp_path / "pdf" / f"{stem}.pdf") as pdf:
            first = pdf.pages[0]
            assert (round(first.width, 1), round(first.height, 1)) == A4, stem
            page_texts = [(page.extract_text() or "").replace("\u2011", "-") for page in pdf.pages]
            text = "".join("".join(page.split()) for page in page_texts)
            first.to_image(resolution=60).save(ARTIFACTS / f"{stem}.png")
        pages_of[stem] = len(page_texts)
        _check_pages(stem, letter, page_texts)
        assert re.fullmatch(r"青政依申复〔2024〕\d+号", letter.number)
        assert letter.number in text, stem
        assert "2024年11月29日" in text and not ZERO_PADDED.search(text), stem
        if stem != "third_party":  # the applicant's letters state the receipt date, unpadded
            assert re.search(r"2024年[1-9]月[1-3]?[0-9]日", text), stem
        assert "特此告知" in text or "特此函告" in text, stem
        if remedy:
            assert remedy in text, stem
    # one page when it fits
    for stem in ("receipt", "correction", "extension", "third_party", "later_date"):
        assert pages_of[stem] == 1, stem
    assert max(pages_of.values()) >= 2  # the long replies did cross a page


def _check_pages(stem, letter, page_texts) -> None:
    agency = letter.application.agency.name
    day = "2024年11月29日"
    for number, page in enumerate(page_texts, start=1):
        # GB/T 9704-2012 7.5: "— 1 —" on every page
        assert re.search(rf"—\s*{number}\s*—", page), (stem, number)
    # 7.3.5.5: the last page carries body text besides the 落款, the date and its number
    last = "".join(page_texts[-1].split())
    rest = re.sub(rf"—{len(page_texts)}—", "", last).replace(day, "").replace(agency, "")
    assert len(rest) >= 4, (stem, last)
    # the tracking number on one line, wherever it is printed
    number = letter.application.tracking_number
    if stem != "third_party" or number in "".join("".join(p.split()) for p in page_texts):
        lines = [line.replace(" ", "") for page in page_texts for line in page.splitlines()]
        assert any(number in line for line in lines), (stem, number)
