"""The plan reader is pure Python: nothing in ipweek.plantext imports Django."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def test_no_module_of_the_package_imports_django():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {name}" for name in names if name.split(".")[0] == "django"]

    assert offenders == []


def test_importing_and_using_the_reader_loads_no_django():
    code = (
        "import sys; import ipweek.plantext as p; p.parse_plan('一、活动时间\\n4月20日'); "
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)  # noqa: S603

    assert result.stdout.strip() == "[]"
