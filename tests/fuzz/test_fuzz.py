"""The fuzzer: hostile strings in every text field of every input kind, then every output read
with a parser (tests/fuzz/outputs.py). A refusal with a clear problem is a pass; a traceback,
or anything live in an output, is a failure.

`make test` runs a few examples with a fixed seed; `make fuzz` (FUZZ_EXAMPLES=200) runs
longer. Each example is one build of the fixture portal into which many fields are fuzzed at
once: one build costs seconds, so fields are many per build, not one build per field.
"""

from __future__ import annotations

import os
from pathlib import Path

import fuzzbuild
import inputs
import outputs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from payloads import CORPUS, hostile

from portal import csp

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,  # a fixed seed: the same examples in every run of `make test`
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def own() -> csp.OwnScripts:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return csp.own_scripts(config.theme.get_env(), config)


def _yaml_writer(draw, only: str | None = None):
    def write(root: Path) -> list[inputs.Written]:
        written: list[inputs.Written] = []
        for path in inputs.yaml_files(root):
            if only is None or path.name == only:
                written += inputs.fuzz_yaml(root, path, fuzzbuild.LANGS, draw)
        return written

    return write


def _assert_clean(result: fuzzbuild.Result) -> None:
    assert result.problems == [], "\n".join(result.problems[:30])


def _corpus_draw(offset: int):
    """Each field a different payload of the corpus, in turn."""
    count = iter(range(10**6))
    return lambda label: CORPUS[(next(count) + offset) % len(CORPUS)]


@pytest.mark.parametrize("offset", [0, 17])
def test_every_country_and_objective_field_holds_the_corpus(tmp_path, own, offset):
    def write(root: Path) -> list[inputs.Written]:
        draw, out = _corpus_draw(offset), []
        for path in inputs.yaml_files(root)[1:]:  # countries and objectives
            out += inputs.fuzz_yaml(root, path, fuzzbuild.LANGS, draw)
        return out

    result = fuzzbuild.run(tmp_path, own, write)
    assert result.site.is_dir(), result.refusals[-1][-3000:]
    assert len(result.written) > 30  # many hostile texts are content the build accepts
    _assert_clean(result)


@given(data=st.data())
@FUZZ
def test_fuzzed_country_and_objective_fields(tmp_path_factory, own, data):
    def draw(label: str) -> str:
        return data.draw(hostile(), label=label)

    def write(root: Path) -> list[inputs.Written]:
        out = []
        for path in inputs.yaml_files(root)[1:]:
            out += inputs.fuzz_yaml(root, path, fuzzbuild.LANGS, draw)
        return out

    result = fuzzbuild.run(tmp_path_factory.mktemp("fuzz"), own, write)
    assert result.site.is_dir(), result.refusals[-1][-3000:]
    _assert_clean(result)


def test_every_narrative_holds_the_corpus(tmp_path, own):
    """Paragraphs, headings, list items, link texts and table cells of every narrative and
    docs page: what the check accepts must be inert in every output."""

    def write(root: Path) -> list[inputs.Written]:
        draw = _corpus_draw(5)
        for path in inputs.narratives(root):
            inputs.fuzz_narrative(path, draw, path.relative_to(root).as_posix())
        return []

    result = fuzzbuild.run(tmp_path, own, write)
    assert result.site.is_dir(), result.refusals[-1][-3000:]
    _assert_clean(result)


@given(data=st.data())
@FUZZ
def test_fuzzed_narratives_and_front_matter(tmp_path_factory, own, data):
    def draw(label: str) -> str:
        return data.draw(hostile(), label=label)

    def write(root: Path) -> list[inputs.Written]:
        for path in inputs.narratives(root):
            inputs.fuzz_narrative(path, draw, path.relative_to(root).as_posix())
        for path in sorted((root / "docs").glob("*.md")):
            inputs.fuzz_front_matter(path, draw, path.name)
        return []

    result = fuzzbuild.run(tmp_path_factory.mktemp("fuzz"), own, write)
    _assert_clean(result)


# The input-side classes of issue 18: programme names, labels files, page metadata without
# fences, titles from headings, media names, invisible characters.
def test_programme_fields_hold_the_corpus(tmp_path, own):
    result = fuzzbuild.run(tmp_path, own, _yaml_writer(_corpus_draw(3), "programme.yml"))
    _assert_clean(result)


def test_docs_front_matter_holds_the_corpus(tmp_path, own):
    def write(root: Path) -> list[inputs.Written]:
        draw = _corpus_draw(0)
        for path in sorted((root / "docs").glob("*.md")):
            inputs.fuzz_front_matter(path, draw, path.name)
        return []

    _assert_clean(fuzzbuild.run(tmp_path, own, write))


def test_titles_from_first_headings_hold_the_corpus(tmp_path, own):
    def write(root: Path) -> list[inputs.Written]:
        draw = _corpus_draw(18)
        for path in sorted((root / "docs").glob("*.md")):
            inputs.fuzz_first_heading(path, draw, path.name)
        return []

    _assert_clean(fuzzbuild.run(tmp_path, own, write))


def test_labels_files_hold_the_corpus(tmp_path, own):
    def write(root: Path) -> list[inputs.Written]:
        inputs.fuzz_labels(root, "fr", _corpus_draw(0))
        return []

    _assert_clean(fuzzbuild.run(tmp_path, own, write))


def test_media_names_hold_the_corpus(tmp_path, own):
    from PIL import Image

    def write(root: Path) -> list[inputs.Written]:
        for i, payload in enumerate(CORPUS):
            name = payload.replace("/", "").replace("\x00", "")[:80] + f"{i}.png"
            Image.new("RGB", (4, 4)).save(root / "countries" / "colombia" / name, "PNG")
        return []

    _assert_clean(fuzzbuild.run(tmp_path, own, write))


def test_bidi_and_zero_width_controls_do_not_reach_any_output(tmp_path, own):
    controls = ("\u202eexample.org@evil\u202c", "zero\u200bwidth", "\u2066isolate\u2069")
    count = iter(range(10**6))

    def draw(label: str) -> str:
        return controls[next(count) % len(controls)]

    result = fuzzbuild.run(tmp_path, own, _yaml_writer(draw))
    assert result.site.is_dir(), result.refusals[-1][-3000:]
    assert outputs.invisible_problems(result.site) == []


def test_meta_lines_without_fences_hold_the_corpus(tmp_path, own):
    def write(root: Path) -> list[inputs.Written]:
        draw = _corpus_draw(0)
        for path in sorted((root / "docs").glob("*.md")):
            inputs.fuzz_meta_lines(path, draw, path.name)
        return []

    _assert_clean(fuzzbuild.run(tmp_path, own, write))
