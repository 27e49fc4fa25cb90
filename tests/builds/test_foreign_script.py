"""A page holding an inline script the portal did not write fails the build, naming the page
(portal/csp.py): here a second hook stands in for a parser difference that let one through."""

from __future__ import annotations

from sitebuild import copy_fixture, mkdocs_build

INJECT = """
def on_page_content(html, *, page, config, files):
    if page.file.src_uri == "about.md":
        return html + "<script>alert(document.domain)</script>"
    return html
"""


def test_an_injected_script_fails_the_build_naming_its_page(tmp_path):
    project = copy_fixture(tmp_path / "project")
    (project / "inject.py").write_text(INJECT, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    after = text.index("portal_hooks.py", text.index("hooks:\n")) + len('portal_hooks.py"\n')
    config.write_text(text[:after] + '  - "inject.py"\n' + text[after:], encoding="utf-8")
    done = mkdocs_build(project, tmp_path / "site", env={"PDF": "0"})
    assert done.returncode != 0
    assert "about.md: holds an inline script the portal did not write" in done.stderr
    assert "alert(document.domain)" in done.stderr
    assert "Traceback" not in done.stderr
