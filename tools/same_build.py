"""Do two versions of the generator build the same portals? A refactoring's proof.

    python tools/same_build.py build REV OUT     # build the portals with revision REV into OUT
    python tools/same_build.py compare A B       # list every file that differs between two

`build` checks REV out into a temporary worktree and builds, with it, the shipped portal and
the fixture programmes (tests/fixtures/site, programme2, programme3) without PDFs, online and
offline editions. REV may be `WORKTREE` for the files as they are now. `compare` lists files
present on one side only and files whose bytes differ, with the first differing line.

The PDFs are left out: they are rendered from the same HTML (compared here) by WeasyPrint,
and a cold PDF build takes minutes a portal. What differs because it must (the build date
where a page shows it) is listed by `compare` like anything else: the reader decides.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = ("site", "programme2", "programme3")


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> None:
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"{' '.join(cmd)} failed in {cwd}:\n{result.stderr[-3000:]}")


def _projects(code: Path, scratch: Path) -> dict[str, Path]:
    """The shipped portal (the checkout itself) and each fixture, copied beside it with a
    mkdocs.yml that points at this checkout's generator."""
    out = {"shipped": code}
    for name in FIXTURES:
        dest = scratch / name
        shutil.copytree(code / "tests" / "fixtures" / name, dest)
        template = dest / "mkdocs.yml.in"
        config = template.read_text(encoding="utf-8").replace("@REPO@", str(code))
        (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
        template.unlink()
        out[name] = dest
    return out


def build(rev: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    mkdocs = str(REPO / ".venv" / "bin" / "mkdocs")
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        if rev == "WORKTREE":
            code = REPO
        else:
            code = scratch / "code"
            _run(["git", "worktree", "add", "--detach", str(code), rev], REPO, dict(os.environ))
        try:
            env = {**os.environ, "PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
            env["PYTHONPATH"] = str(code)
            for name, project in _projects(code, scratch).items():
                for edition, extra in (("online", {}), ("offline", {"PORTAL_OFFLINE": "true"})):
                    site = out / name / edition
                    shutil.rmtree(site, ignore_errors=True)
                    _run([mkdocs, "build", "-q", "--site-dir", str(site)], project, env | extra)
                    print(f"built {name} ({edition}) into {site}")
        finally:
            if rev != "WORKTREE":
                _run(["git", "worktree", "remove", "--force", str(code)], REPO, dict(os.environ))


def compare(a: Path, b: Path) -> int:
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    differ = 0
    for rel in sorted(files_a ^ files_b):
        print(f"only in {'first' if rel in files_a else 'second'}: {rel}")
        differ += 1
    for rel in sorted(files_a & files_b):
        one, two = (a / rel).read_bytes(), (b / rel).read_bytes()
        if one == two:
            continue
        differ += 1
        lines_a, lines_b = one.splitlines(), two.splitlines()
        at = next(
            (i for i, (x, y) in enumerate(zip(lines_a, lines_b, strict=False)) if x != y),
            min(len(lines_a), len(lines_b)),
        )
        first = lines_a[at][:200] if at < len(lines_a) else b"(end)"
        second = lines_b[at][:200] if at < len(lines_b) else b"(end)"
        print(f"differs: {rel} line {at + 1}\n  - {first!r}\n  + {second!r}")
    print(f"{differ} file(s) differ of {len(files_a | files_b)}")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("build")
    one.add_argument("rev")
    one.add_argument("out", type=Path)
    two = sub.add_parser("compare")
    two.add_argument("a", type=Path)
    two.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "build":
        build(args.rev, args.out)
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
