import pytest

from tests.shared_material import needs_shared, require_shared, shared

SAMPLES_FOLDER = "samples/reports"
SAMPLES = shared(SAMPLES_FOLDER)
needs_samples = needs_shared(SAMPLES_FOLDER)


@pytest.fixture
def sample():
    from gongkai.reports.checker.check import check_report

    require_shared(SAMPLES_FOLDER)

    def check(name: str):
        return check_report(SAMPLES / name)

    return check
