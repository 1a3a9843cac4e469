"""DESIGN.md's layers hold (the import-linter contracts in pyproject.toml, run by `make
test`), and the contracts are no decoration: an import that runs upward or sideways, or
Django in the statute, breaks them."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    # PYTHONPATH first, so the copy under test is analysed rather than the installed package
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_code_keeps_the_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    "module, line, broken",
    [
        (
            "core/upward.py",
            "from gongkai.catalogue.models import Item\n",
            "gongkai.core is not allowed to import gongkai.catalogue",
        ),
        (
            "catalogue/upward.py",
            "from gongkai.standards.models import Matter\n",
            "gongkai.catalogue is not allowed to import gongkai.standards",
        ),
        (
            "portal/sideways.py",
            "from gongkai.office import views\n",
            "gongkai.portal is not allowed to import gongkai.office",
        ),
        (
            "statute/framework.py",
            "from django.db import models\n",
            "gongkai.statute is not allowed to import django",
        ),
    ],
)
def test_an_import_against_the_layers_breaks_the_contract(tmp_path, module, line, broken):
    shutil.copytree(
        ROOT / "gongkai",
        tmp_path / "gongkai",
        ignore=shutil.ignore_patterns("__pycache__", "static", "templates", "data"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    assert lint_imports(tmp_path).returncode == 0  # the copy keeps them before the change
    (tmp_path / "gongkai" / module).write_text(line)
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert broken in result.stdout
