"""The shipped portal: one strict build, and its content checked like `make check --strict`.

Nothing here names a country or an objective: an editor's pull request that adds or removes one
must not break a test. What the generator does is tested on the fixtures.
"""

from __future__ import annotations

import subprocess
import sys

from contenttree import ROOT
from sitebuild import html_pages

from portal import build, config, paths


def test_the_shipped_content_passes_the_strict_check():
    result = subprocess.run(
        [sys.executable, "-m", "portal", "check", "--strict"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_every_folder_becomes_a_page_in_every_language(shipped_site):
    settings = config.from_file(ROOT)
    loaded = build.load(settings)
    pages = set(html_pages(shipped_site))
    for lang in settings.languages:
        prefix = "" if lang == settings.default else f"{lang}/"
        for section in paths.SECTIONS:
            if section.in_nav:
                inner = "" if section.key == "index" else f"{section.key}/"
                assert f"{prefix}{inner}index.html" in pages, (lang, section.key)
        for entry in loaded.countries + loaded.objectives:
            assert f"{prefix}{entry.folder}/index.html" in pages, (lang, entry.folder)


def test_every_fact_in_the_shipped_content_has_a_source():
    loaded = build.load(config.from_file(ROOT))
    missing = []
    for c in loaded.countries:
        for key, treaty in c.data.treaties.items():
            if (treaty.status or treaty.date) and not treaty.source:
                missing.append(f"{c.slug} treaties.{key}")
        for field in ("instruments", "contacts", "activities", "coordinating_bodies"):
            for i, item in enumerate(getattr(c.data, field)):
                if not item.source:
                    missing.append(f"{c.slug} {field}[{i}]")
    for o in loaded.objectives:
        for i, item in enumerate(o.data.contacts):
            if not item.source:
                missing.append(f"{o.slug} contacts[{i}]")
        for i, item in enumerate(o.data.model_policies):
            if not item.url:
                missing.append(f"{o.slug} model_policies[{i}]")
    assert missing == []


def test_numbered_documents_are_named_by_their_number():
    """Two documents of a publisher of numbered documents (a treaty series, the UN's
    documents) never share a link's name: each is named by its number."""
    from urllib.parse import urlsplit

    from portal.model import plain
    from portal.sources import DOCUMENTS, publisher

    loaded = build.load(config.from_file(ROOT))
    urls: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            urls.update(u for u in [value.get("source"), *(value.get("sources") or [])] if u)
            for sub in value.values():
                walk(sub)
        elif isinstance(value, list):
            for sub in value:
                walk(sub)

    for entry in loaded.entries:
        walk(plain(entry.data))
    hosts = tuple(suffix for suffix, _, _ in DOCUMENTS)
    named: dict[str, set[str]] = {}
    for url in urls:
        if (urlsplit(url).hostname or "").endswith(hosts):
            named.setdefault(publisher(url), set()).add(url)
    assert named and all(len(found) == 1 for found in named.values()), named
