"""The editors' preview (`mkdocs serve`): one language by default, one rebuild per edit.

Speed itself is measured by `make bench` only; these tests check the mechanisms it relies on.
"""

from __future__ import annotations

import pytest
from contenttree import ROOT

from portal import build, config, docs_writer, paths
from portal.problems import ContentError

LANGS = ("fr", "en", "ar")  # French as default, as in the second programme


def resolve(**kw):
    env = kw.pop("env", {})
    return config.resolve(ROOT, LANGS, {}, env=env, **kw)


def test_serve_builds_only_the_default_language():
    settings = resolve(building=False, serving=True)
    assert settings.built == ("fr",)
    assert not settings.builds_all


def test_a_build_builds_every_language_whatever_the_preview_switches():
    settings = resolve(env={"PREVIEW_LANG": "ar"})
    assert settings.built == LANGS
    assert settings.builds_all


def test_preview_all_and_preview_lang():
    assert resolve(serving=True, env={"PREVIEW_ALL": "1"}).built == LANGS
    assert resolve(serving=True, env={"PREVIEW_ALL": "0"}).built == ("fr",)
    assert resolve(serving=True, env={"PREVIEW_LANG": "ar"}).built == ("fr", "ar")


def test_an_unknown_preview_language_is_a_clear_error():
    with pytest.raises(ContentError) as e:
        resolve(serving=True, env={"PREVIEW_LANG": "de"})
    assert "PREVIEW_LANG" in str(e.value.problems.errors[0])
    assert "fr, en, ar" in str(e.value.problems.errors[0])


def test_an_unchanged_tree_writes_nothing(tmp_path):
    generated = {"countries/mali/index.md": "Mali\n", "countries/mali/index.ar.md": "مالي\n"}
    assert docs_writer.write_tree(tmp_path, generated) == 2
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.md")}
    assert docs_writer.write_tree(tmp_path, generated) == 0
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.md")} == stamps


def test_a_preview_keeps_the_pages_of_languages_it_does_not_build(tmp_path):
    every = {
        "countries/mali/index.md": "Mali\n",
        "countries/mali/index.fr.md": "Mali (fr)\n",
        "countries/niger/index.md": "Niger\n",
        "countries/niger/index.fr.md": "Niger (fr)\n",
    }
    docs_writer.write_tree(tmp_path, every)
    # Niger removed while previewing English: its English page goes, its French page stays.
    preview = {"countries/mali/index.md": "Mali\n"}
    assert docs_writer.write_tree(tmp_path, preview, ("en",)) == 1
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md"))
    assert left == [
        "countries/mali/index.fr.md",
        "countries/mali/index.md",
        "countries/niger/index.fr.md",
    ]


def test_serve_does_not_watch_the_folders_the_build_writes(tmp_path):
    for name in ("assets", "countries", "objectives", "translations"):
        (tmp_path / name).mkdir()
    (tmp_path / "about.md").write_text("About\n")
    watched = build.watched(tmp_path)
    assert (tmp_path, False) in watched  # docs/ itself, not recursively: its own pages
    assert (tmp_path / "assets", True) in watched
    assert not [p for p, _ in watched if p.name in paths.GENERATED_DIRS]


class FakeServer:
    def __init__(self, docs: str):
        self.paths = {docs: True}

    def watch(self, path, recursive=True):
        self.paths[str(path)] = recursive

    def unwatch(self, path):
        del self.paths[str(path)]


def test_the_hooks_build_one_language_and_unwatch_generated_folders_when_serving(tmp_path):
    from mkdocs.config import load_config
    from sitebuild import copy_fixture

    project = copy_fixture(tmp_path / "project")
    cfg = load_config(str(project / "mkdocs.yml"))
    cfg.plugins.on_startup(command="serve", dirty=False)
    try:
        cfg = cfg.plugins.on_config(cfg)
        languages = cfg.plugins["i18n"].config.languages
        default = [entry.locale for entry in languages if entry.default]
        assert [entry.locale for entry in languages if entry.build] == default
        docs = cfg.docs_dir
        server = cfg.plugins.on_serve(FakeServer(docs), config=cfg, builder=None)
        assert server.paths[docs] is False
        generated = [p for p in server.paths if p.startswith(f"{docs}/")]
        assert not [p for p in generated if p.split("/")[-1] in paths.GENERATED_DIRS]
    finally:
        cfg.plugins.on_startup(command="build", dirty=False)  # the hooks' state is per process
