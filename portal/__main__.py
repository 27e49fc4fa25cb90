"""Command line: `python -m portal check [--strict] [PATH ...]`.

Validates the content with the same code as the build, without building. Prints one line per
problem and exits non-zero when there is an error (or, with --strict, a warning).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from . import build, changes, config, content, diff, exports, scaffold
from .problems import ContentError, Problem, Problems
from .schema.written import (
    REFERENCE_END,
    REFERENCE_START,
    has_reference,
    out_of_date,
    with_reference,
    write_schemas,
)


def _refused(error: ContentError, closing: str, out: TextIO) -> None:
    for problem in error.problems.errors:
        print(problem, file=out)
    print(f"FAILED: {error.problems.summary()}{closing}", file=out)


def _config(root: Path, out: TextIO | None = None, building: bool = False) -> config.Config | None:
    out = out or sys.stdout  # read at the call: a test may have replaced it since the import
    try:
        return config.from_file(root, building=building)
    except ContentError as e:
        _refused(e, " in the configuration", out)
        return None


def _loaded(settings: config.Config, out: TextIO | None = None) -> content.Content | None:
    """The content, or None after printing its errors: a command that writes files from it
    (a new country, schemas) must not run on content the build would refuse."""
    try:
        return build.validate(settings)
    except ContentError as e:
        _refused(e, "; fix them first (make check)", out or sys.stderr)
        return None


def _count(n: int, one: str, other: str = "") -> str:
    return f"{n} {one if n == 1 else other or one + 's'}"


def check(root: Path, paths: list[str], strict: bool, out: TextIO | None = None) -> int:
    out = out or sys.stdout  # read at the call: a test may have replaced it since the import
    # As `make site` would build (PDFs unless PDF=0): what it would refuse, the check refuses.
    settings = _config(root, out, building=True)
    if settings is None:
        return 1
    loaded = build.load(settings)
    if not loaded.problems.errors:  # pages are rendered from valid content only
        build.check_links(settings, loaded)
    wanted = [Path(p).resolve() for p in paths]

    def selected(file: str) -> bool:
        if not wanted:
            return True
        where = (root / file).resolve()
        return any(where == w or w in where.parents for w in wanted)

    errors = [p for p in loaded.problems.errors if selected(p.file)]
    warnings = [p for p in loaded.problems.warnings if selected(p.file)]
    if not wanted and not loaded.problems.errors:
        for name in out_of_date(root, loaded.programme.vocabulary):
            what = "its list of fields" if name.endswith(".md") else "it"
            warnings.append(
                Problem(
                    name,
                    None,
                    "",
                    f"{what} no longer matches programme.yml and the schema; run `make "
                    "schema` (python -m portal schema) to write it again",
                    "warning",
                )
            )
    for problem in errors + warnings:
        print(problem, file=out)
    n_c = sum(selected(c.meta_file) for c in loaded.countries)
    n_o = sum(selected(o.meta_file) for o in loaded.objectives)
    failed = bool(errors) or (strict and bool(warnings))
    verdict = "FAILED" if failed else "OK"
    print(
        f"{verdict}: {Problems(errors + warnings).summary()} in "
        f"{_count(n_c, 'country', 'countries')} and {_count(n_o, 'objective')}",
        file=out,
    )
    return 1 if failed else 0


def code_changes(root: str, base: str, head: str, annotate: bool) -> int:
    """The changed files of base...head that are not content, as Markdown."""
    try:
        changed = changes.changed_paths(Path(root), base, head)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    sys.stdout.write(changes.markdown(changed))
    if annotate:  # GitHub shows these on the pull request's checks
        for code in (p for p in changed if not changes.is_content(p)):
            print(f"::warning file={code}::code change: a maintainer reviews it", file=sys.stderr)
    return 0


def summary(base: str, head: str, root: str, link_base: str, artifact_url: str, html: bool) -> int:
    """What changes for readers from base to head (folders or git revisions), as Markdown,
    or with --html as a page to put beside the changed pages (links relative to it)."""
    try:
        found = diff.run(base, head, Path(root).resolve())
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if html:
        sys.stdout.write(diff.html_page(diff.markdown(found, link_base or "./")))
    else:
        sys.stdout.write(diff.markdown(found, link_base, artifact_url))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m portal")
    sub = parser.add_subparsers(dest="command", required=True)
    root_help = "folder holding mkdocs.yml (default: .)"
    p_check = sub.add_parser("check", help="validate countries/ and objectives/ without building")
    p_check.add_argument("paths", nargs="*", help="only report on these folders or files")
    p_check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p_check.add_argument("--root", default=".", help=root_help)
    p_schema = sub.add_parser("schema", help="write the JSON Schemas editors' IDEs use")
    p_schema.add_argument("--out", help="folder to write into (default: <root>/schemas)")
    p_schema.add_argument("--root", default=".", help=root_help)
    p_zip = sub.add_parser("offline-zip", help="zip the offline edition into the site's downloads")
    p_zip.add_argument("edition", help="folder of the offline build (PORTAL_OFFLINE=1)")
    p_zip.add_argument("site", help="folder of the site whose Downloads page offers the zip")
    p_zip.add_argument("--root", default=".", help=root_help)
    p_new = sub.add_parser("new-country", help="create a complete, valid country folder")
    p_new.add_argument("--slug", required=True)
    p_new.add_argument("--iso", required=True)
    p_new.add_argument("--name", required=True)
    p_new.add_argument("--region", default="")
    p_new.add_argument(
        "--official-languages",
        "--langs",
        dest="langs",
        default="",
        help="the country's official languages, recorded in country.yml, e.g. 'fr ar'",
    )
    p_new.add_argument("--root", default=".")
    p_diff = sub.add_parser("diff", help="what changes for readers between two versions")
    p_diff.add_argument("base", help="a folder, or a git revision of the portal at --root")
    p_diff.add_argument("head", help="a folder, or a git revision of the portal at --root")
    p_diff.add_argument("--root", default=".", help=root_help)
    p_diff.add_argument("--link-base", default="", help="prefix of the links to changed pages")
    p_diff.add_argument("--artifact-url", default="", help="address of the preview to download")
    p_diff.add_argument("--html", action="store_true", help="a page to open inside the preview")
    p_code = sub.add_parser("code-changes", help="list the changed files that are not content")
    p_code.add_argument("base", help="git revision the change starts from")
    p_code.add_argument("head", help="git revision of the change")
    p_code.add_argument("--root", default=".", help="the git work tree (default: .)")
    p_code.add_argument("--annotate", action="store_true", help="one GitHub warning per file")
    return parser


def _portal(root: str) -> tuple[config.Config, content.Content] | None:
    """The configuration and the validated content of the portal at `root` (problems said)."""
    settings = _config(Path(root).resolve(), sys.stderr)
    loaded = _loaded(settings) if settings is not None else None
    return (settings, loaded) if settings is not None and loaded is not None else None


def new_country(args: argparse.Namespace) -> int:
    found = _portal(args.root)
    if found is None:
        return 2
    settings, loaded = found
    try:
        written = scaffold.new_country(
            settings.root,
            args.slug,
            args.iso,
            args.name,
            args.region,
            args.langs.split(),
            settings.languages,
            loaded.programme,
        )
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for path in written:
        print(f"created {path.relative_to(settings.root)}")
    return 0


def offline_zip(args: argparse.Namespace) -> int:
    # The zip is named after the programme of the portal that was built (--root).
    found = _portal(args.root)
    if found is None:
        return 2
    try:
        target = exports.zip_offline(Path(args.edition), Path(args.site), found[1].programme.slug)
    except FileNotFoundError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"wrote {target} ({exports.human_size(target.stat().st_size)})")
    return 0


def schemas(args: argparse.Namespace) -> int:
    found = _portal(args.root)
    if found is None:
        return 2
    settings, loaded = found
    vocabulary = loaded.programme.vocabulary
    for path in write_schemas(Path(args.out or settings.root / "schemas"), vocabulary):
        print(f"wrote {path}")
    contributing = settings.root / "CONTRIBUTING.md"
    text = contributing.read_text(encoding="utf-8") if contributing.is_file() else ""
    if has_reference(text):
        contributing.write_text(with_reference(text, vocabulary), encoding="utf-8")
        print(f"wrote {contributing.name} (list of fields)")
    elif REFERENCE_START in text or REFERENCE_END in text:
        print(
            f"error: {contributing.name} has one of the lines {REFERENCE_START!r} and "
            f"{REFERENCE_END!r} without the other; put both around the list of fields",
            file=sys.stderr,
        )
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    commands: dict[str, Callable[[], int]] = {
        "code-changes": lambda: code_changes(args.root, args.base, args.head, args.annotate),
        "diff": lambda: summary(
            args.base, args.head, args.root, args.link_base, args.artifact_url, args.html
        ),
        "new-country": lambda: new_country(args),
        "offline-zip": lambda: offline_zip(args),
        "check": lambda: check(Path(args.root).resolve(), args.paths, args.strict),
        "schema": lambda: schemas(args),
    }
    return commands[args.command]()


if __name__ == "__main__":
    sys.exit(main())
