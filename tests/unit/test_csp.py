"""The Content-Security-Policy allows the portal's own inline scripts, known before any
content (portal.csp.own_scripts over the real theme), and a page holding any other fails."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from mkdocs.config import load_config

from portal import csp

ROOT = Path(__file__).resolve().parents[2]
NO_JS = 'document.documentElement.classList.replace("no-js","js")'


@pytest.fixture(scope="module")
def own() -> csp.OwnScripts:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return csp.own_scripts(config.theme.get_env(), config)


def _scope(base: str) -> str:
    return (
        f'__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+'
        "_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem("
        't.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem('
        'a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
    )


def _page(*scripts: str) -> str:
    return "<html><head>" + "".join(scripts) + "</head><body><p>x</p></body></html>"


def _sha(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def test_the_theme_and_our_templates_scripts_are_allowed_at_every_depth(own):
    for base in (".", "..", "../../..", "/", "/portal/"):
        assert own.allows(_scope(base)), base
    assert own.allows(NO_JS)
    page = _page(f"<script>{NO_JS}</script>", f"<script>{_scope('../..')}</script>")
    assert csp.script_hashes(page, own) == [_sha(NO_JS), _sha(_scope("../.."))]


def test_a_script_breaking_out_of_the_base_address_is_not_the_themes(own):
    assert not own.allows(_scope('.",alert(1),"'))
    assert not own.allows(_scope("x\\u0022)"))


@pytest.mark.parametrize(
    "script",
    [
        "<script>alert(1)</script>",
        "<SCRIPT>alert(1)</SCRIPT>",
        '<script type="text/ecmascript">alert(1)</script>',
        '<script type="module">import("https://evil.example/x.js")</script>',
        '<script type="speculationrules">{"prefetch":[{"urls":["https://evil.example/"]}]}</script>',
        f"<script>{NO_JS};alert(1)</script>",
        "<script\n>alert(1)</script >",
        "<script/x>alert(1)</script>",
    ],
)
def test_any_other_inline_script_fails_naming_the_page(own, script):
    page = _page(f"<script>{NO_JS}</script>", script)
    with pytest.raises(csp.ForeignScript, match=r"^countries/x/index\.md: .*inline script"):
        csp.add_policy(page, own, where="countries/x/index.md")


def test_data_blocks_and_files_need_no_hash(own):
    page = _page(
        '<script id="__config" type="application/json">{"base": ".."}</script>',
        '<script src="assets/portal.js"></script>',
        f"<script>{NO_JS}</script>",
    )
    out = csp.add_policy(page, own, offline=True)
    assert out.startswith('<html><head><meta http-equiv="Content-Security-Policy" content="')
    assert f"script-src file: {_sha(NO_JS)};" in out
