from pathlib import Path

import pytest


def _shared() -> Path:
    """../shared beside the checkout (a worktree may sit one level deeper)."""
    here = Path(__file__).resolve()
    for parent in here.parents[2:]:
        if (parent.parent / "shared" / "samples").is_dir():
            return parent.parent / "shared"
    return here.parents[2].parent / "shared"


SHARED = _shared()
SAMPLES = SHARED / "samples" / "reports"
SEEDS = SHARED / "seeds"
SEED_REPORT = SEEDS / "qipanjing-2023-annual-report.txt"
SAMPLES_SKIP = "真实样本组：已跳过——检出目录旁没有 ../shared/samples/reports"
requires_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason=SAMPLES_SKIP)
requires_seed = pytest.mark.skipif(
    not SEED_REPORT.is_file(), reason="种子报告组：已跳过——没有 ../shared/seeds"
)


def sample_names() -> list[str]:
    if not SAMPLES.is_dir():
        return []
    return sorted(p.name for p in SAMPLES.iterdir() if p.name != "README.md")


@pytest.fixture
def sample():
    from gongkai.reports.checker.check import check_report

    if not SAMPLES.is_dir():
        pytest.skip(SAMPLES_SKIP)

    def check(name: str):
        return check_report(SAMPLES / name)

    return check
