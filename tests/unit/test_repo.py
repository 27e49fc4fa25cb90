"""Repository-level rules: labels complete in every language, CI workflow shape."""

from __future__ import annotations

import yaml
from contenttree import ROOT

from portal import config, i18n, labelcheck
from portal.problems import Problems

LANGS = ("fr", "es", "pt", "ru", "ar")


def test_every_label_file_has_exactly_the_english_keys_and_placeholders():
    """The package's files pass the check a portal's own labels files get (plural categories,
    placeholders as in English), and have every English key, in the same order."""
    english = i18n.read_labels(ROOT / "portal/labels/en.yml")
    for lang in ("en", *LANGS):
        path = ROOT / f"portal/labels/{lang}.yml"
        problems = Problems()
        labelcheck.check_file(path, f"portal/labels/{lang}.yml", english, problems)
        assert [str(p) for p in problems.items] == [], lang
        assert list(i18n.read_labels(path)) == list(english), lang


def test_counts_take_the_plural_form_of_their_language():
    def count(lang: str, key: str, n: int) -> str:
        return i18n.counted(i18n.GENERIC(lang)[key], lang, n).format(n=n)

    assert count("en", "count_countries", 1) == "1 country"
    assert count("en", "count_countries", 13) == "13 countries"
    assert count("fr", "count_instruments", 0) == "0 instrument"  # French: 0 and 1 are singular
    assert [count("ru", "count_instruments", n) for n in (1, 3, 5, 21, 112)] == [
        "1 документ",
        "3 документа",
        "5 документов",
        "21 документ",
        "112 документов",
    ]
    assert count("es", "count_countries", 1) == "1 país"


def test_the_portal_name_comes_from_programme_yml_in_every_language():
    # In the languages of this repository's mkdocs.yml, whichever they are.
    programme = yaml.safe_load((ROOT / "programme.yml").read_text(encoding="utf-8"))
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for lang in config.from_file(ROOT).languages:
        assert programme["name"][lang], lang
        assert programme["name"][lang] not in mkdocs, "the name belongs to programme.yml only"


def test_github_workflow_checks_builds_tests_and_publishes():
    workflow = yaml.safe_load((ROOT / ".github/workflows/portal.yml").read_text())
    assert set(workflow["jobs"]) == {"code-changes", "check", "deploy"}
    steps = " ".join(str(s.get("run", "")) for s in workflow["jobs"]["check"]["steps"])
    # tools/ci_preview.sh runs `python -m portal check --strict` and builds the preview.
    for command in ("tools/ci_preview.sh build", "tools/ci_preview.sh summary", "make site"):
        assert command in steps
    assert "make test" in steps
    assert workflow["jobs"]["deploy"]["needs"] == "check"
    assert any(
        "deploy-pages" in str(s.get("uses", "")) for s in workflow["jobs"]["deploy"]["steps"]
    )


def test_pull_requests_from_anyone_run_read_only_and_only_main_publishes():
    text = (ROOT / ".github/workflows/portal.yml").read_text()
    workflow = yaml.safe_load(text)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"pull_request", "push"}  # never pull_request_target
    assert triggers["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    deploy = jobs.pop("deploy")
    assert "secrets." not in text
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    # The only job that may write runs nothing of the repository: no checkout, no `run`.
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert all("run" not in s and "checkout" not in s["uses"] for s in deploy["steps"])
    for job in jobs.values():
        assert job["permissions"] == {"contents": "read"}
        checkouts = [
            s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout")
        ]
        assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)


def test_gitignore_lists_exactly_the_folders_the_generator_writes_into_docs():
    """docs/<section>/ folders are rewritten by every build (portal.pages.write_tree): each is
    git-ignored, and nothing else of docs/ is (editors' pages must be committed)."""
    from portal import paths

    ignored = {
        line.strip().strip("/").split("/", 1)[1]
        for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("/docs/")
    }
    assert ignored == set(paths.GENERATED_DIRS)


def test_the_home_page_names_the_portal_as_programme_yml_does():
    """One name for the portal per language: the home page's title (header, <title>, PDFs'
    covers come from programme.yml) read «بوابة سياسات» where the header said «بوابة السياسات
    لبرنامج»."""
    import re

    import yaml

    names = yaml.safe_load((ROOT / "programme.yml").read_text(encoding="utf-8"))["name"]
    for page in sorted((ROOT / "docs").glob("index*.md")):
        lang = page.name.split(".")[1] if page.name.count(".") == 2 else "en"
        heading = re.search(r"^# (.+)$", page.read_text(encoding="utf-8"), re.M)[1]
        assert heading == names[lang], f"{page.name}: '# {heading}', programme.yml: {names[lang]}"


def test_no_two_test_modules_share_a_name():
    """pytest imports test modules by their base name (no packages): two of one name in two
    folders stop the whole suite at collection."""
    names = [p.name for p in (ROOT / "tests").rglob("test_*.py")]
    assert sorted({n for n in names if names.count(n) > 1}) == []
