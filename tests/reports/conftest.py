import pytest

from tests.shared_material import names_in, needs_shared, require_shared, shared, skip_reason

SAMPLES_FOLDER = "samples/reports"
SEED_FILE = "seeds/qipanjing-2023-annual-report.txt"
SAMPLES = shared(SAMPLES_FOLDER)
SEEDS = shared("seeds")
SEED_REPORT = shared(SEED_FILE)
SAMPLES_SKIP = skip_reason(SAMPLES_FOLDER)
needs_samples = requires_samples = needs_shared(SAMPLES_FOLDER)
requires_seed = needs_shared(SEED_FILE)


def sample_names() -> list[str]:
    return names_in(SAMPLES_FOLDER)


@pytest.fixture
def sample():
    from gongkai.reports.checker.check import check_report

    require_shared(SAMPLES_FOLDER)

    def check(name: str):
        return check_report(SAMPLES / name)

    return check
