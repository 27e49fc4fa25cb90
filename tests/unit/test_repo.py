"""Repository-level rules: labels complete in every language, CI workflow shape."""

from __future__ import annotations

import re

import yaml
from contenttree import ROOT

LANGS = ("fr", "es", "pt", "ru", "ar")


def test_every_label_file_has_exactly_the_english_keys_and_placeholders():
    english = yaml.safe_load((ROOT / "portal/labels/en.yml").read_text(encoding="utf-8"))
    for lang in LANGS:
        other = yaml.safe_load((ROOT / f"portal/labels/{lang}.yml").read_text(encoding="utf-8"))
        assert list(other) == list(english), lang
        for key, text in english.items():
            assert set(re.findall(r"{\w+}", other[key])) == set(re.findall(r"{\w+}", text)), (
                lang,
                key,
            )


def test_the_portal_name_comes_from_programme_yml_in_every_language():
    programme = yaml.safe_load((ROOT / "programme.yml").read_text(encoding="utf-8"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for lang in ("en", *LANGS):
        assert programme["name"][lang], lang
        assert programme["name"][lang] not in config, "the name belongs to programme.yml only"


def test_github_workflow_checks_builds_tests_and_publishes():
    workflow = yaml.safe_load((ROOT / ".github/workflows/portal.yml").read_text())
    assert set(workflow["jobs"]) == {"check", "publish"}
    steps = " ".join(str(s.get("run", "")) for s in workflow["jobs"]["check"]["steps"])
    for command in ("make check", "make site", "make test"):
        assert command in steps
    assert workflow["jobs"]["publish"]["needs"] == "check"
    assert any(
        "deploy-pages" in str(s.get("uses", "")) for s in workflow["jobs"]["publish"]["steps"]
    )


def test_pull_requests_from_anyone_run_read_only_and_only_main_publishes():
    text = (ROOT / ".github/workflows/portal.yml").read_text()
    workflow = yaml.safe_load(text)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"pull_request", "push"}  # never pull_request_target
    assert triggers["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {"contents": "read"}
    check, publish = workflow["jobs"]["check"], workflow["jobs"]["publish"]
    assert check["permissions"] == {"contents": "read"}
    assert "secrets." not in yaml.safe_dump(check) and "secrets." not in text
    assert publish["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    for job in (check, publish):
        checkouts = [
            s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout")
        ]
        assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)
