from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "reports"


@pytest.fixture
def sample():
    from gongkai.reports.checker.check import check_report

    def check(name: str):
        return check_report(SAMPLES / name)

    return check
