"""Rooms of one sitting (issue 19): every function of the generator reads in one sitting (at
most 60 lines), every module is one job (at most 400 lines), and every template line fits a
review's width (120 characters; `tools/wrap_templates.py` wraps one without changing a byte of
what it renders). A change that outgrows them fails here, naming the place."""

from __future__ import annotations

import ast

from contenttree import ROOT

MAX_FUNCTION, MAX_MODULE, MAX_TEMPLATE_LINE = 60, 400, 120
MODULES = sorted((ROOT / "portal").rglob("*.py"))
TEMPLATES = sorted((ROOT / "portal" / "templates").glob("*.j2")) + sorted(
    (ROOT / "overrides").rglob("*.html")
)


def test_every_function_reads_in_one_sitting():
    long = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({lines})")
    assert long == [], f"split these functions (at most {MAX_FUNCTION} lines): {long}"


def test_every_module_is_one_job():
    large = [
        f"{p.relative_to(ROOT)} ({n})"
        for p in MODULES
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE
    ]
    assert large == [], f"split these modules by job (at most {MAX_MODULE} lines): {large}"


def test_every_template_line_fits_a_review():
    wide = [
        f"{p.relative_to(ROOT)}:{i}"
        for p in TEMPLATES
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > MAX_TEMPLATE_LINE
    ]
    assert wide == [], f"run tools/wrap_templates.py on them: {wide}"
