"""Material from ../shared beside the repository — the statutory spec, the real published
reports, the seed — is used when it is there (CI has it) and otherwise skipped with one line
naming the missing path: a fresh clone with nothing beside it passes `make test` alone."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared(relative: str) -> Path:
    """The path of ../shared/`relative` (which may be absent)."""
    return SHARED / relative


def skip_reason(relative: str) -> str:
    return f"共享材料：已跳过——仓库旁没有 ../shared/{relative}"


def needs_shared(relative: str) -> pytest.MarkDecorator:
    """Mark a test (or a module, as pytestmark) that reads ../shared/`relative`."""
    return pytest.mark.skipif(not shared(relative).exists(), reason=skip_reason(relative))


def require_shared(relative: str) -> Path:
    """Inside a fixture or test: the path, or skip the test when it is absent."""
    if not shared(relative).exists():
        pytest.skip(skip_reason(relative))
    return shared(relative)


def names_in(relative: str, *, leave_out: tuple[str, ...] = ("README.md",)) -> list[str]:
    """The file names in ../shared/`relative` for parametrising, or [] when it is absent (the
    test using them is then marked with needs_shared and skipped)."""
    folder = shared(relative)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.name not in leave_out)
