"""The PDF renderer's URL fetcher: the portal's own files only, refusals never fatal."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image

from portal import pdf, pdf_article


def render(tmp_path: Path, body: str) -> tuple[Path, str | None, list[str]]:
    site = tmp_path / "site"
    (site / "countries/x").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (30, 20), "red").save(site / "countries/x/figure.png")
    html = f'<!doctype html><html lang="en"><head><title>T</title></head><body>{body}</body></html>'
    out = tmp_path / "out.pdf"
    pdf._worker_state.clear()
    path, error, pages, _, refused = pdf._render(
        (html, str(out), site.resolve().as_uri() + "/", str(site))
    )
    return Path(path), error, refused


def test_an_image_of_the_site_is_embedded(tmp_path):
    out, error, refused = render(tmp_path, '<p>x</p><img alt="fig" src="countries/x/figure.png">')
    assert error is None and refused == []
    listing = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True)
    assert " 30    20 " in listing.stdout


def test_local_files_elsewhere_and_the_network_are_refused_without_failing(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    body = (
        f'<p>Text</p><link rel="attachment" href="{secret.as_uri()}">'
        '<link rel="attachment" href="file:///etc/passwd">'
        '<img alt="a" src="https://example.org/tracker.png">'
        '<img alt="b" src="../secret.txt">'
        '<img alt="c" src="data:image/png;base64,iVBORw0KGgo=">'
    )
    out, error, refused = render(tmp_path, body)
    assert error is None, error
    assert out.is_file()
    assert any(secret.as_uri() in r for r in refused), refused
    assert any("file:///etc/passwd" in r for r in refused), refused
    assert any("https://example.org/tracker.png" in r for r in refused), refused
    assert any(r.startswith("data:") for r in refused), refused
    assert len(refused) == 5, refused
    detached = subprocess.run(["pdfdetach", "-list", str(out)], capture_output=True, text=True)
    assert detached.stdout.startswith("0 embedded files"), detached.stdout
    assert b"TOP-SECRET-VALUE" not in out.read_bytes()
    assert b"root:" not in out.read_bytes()


def test_a_symbolic_link_out_of_the_site_is_refused(tmp_path):
    secret = tmp_path / "secret.png"
    Image.new("RGB", (31, 21), "blue").save(secret)
    site = tmp_path / "site"
    (site / "countries/x").mkdir(parents=True)
    (site / "countries/x/link.png").symlink_to(secret)
    out, error, refused = render(tmp_path, '<img alt="l" src="countries/x/link.png">')
    assert error is None
    assert any("outside" in r for r in refused), refused


def test_the_map_s_world_is_drawn_from_the_site_s_file(tmp_path):
    """The map's grey world is an SVG <image> of the site's own file: in the PDF its address is
    resolved like an <img>'s (not printed or rewritten as a link), and the fetcher serves it."""
    body = pdf_article.rewrite_links(
        '<svg viewBox="0 0 100 50"><image href="../../assets/map/world.svg" width="100" '
        'height="50"/><a href="morocco/"><path d="M1,1L9,9Z"/></a></svg>',
        "fr/countries/",
        "",
        {},
        "https://example.org/portal/",
    )
    assert '<image href="assets/map/world.svg"' in body
    assert 'href="https://example.org/portal/fr/countries/morocco/"' in body
    world = tmp_path / "site" / "assets" / "map"
    world.mkdir(parents=True)
    world.joinpath("world.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">'
        '<path d="M0,0L100,0L100,50Z" fill="#123456"/></svg>'
    )
    out, error, refused = render(tmp_path, body)
    assert error is None and refused == []
    picture = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-singlefile", str(out), str(picture)])
    colours = Image.open(f"{picture}.png").convert("RGB").getcolors(1 << 16)
    assert any(rgb == (0x12, 0x34, 0x56) for _, rgb in colours)  # the world's fill, drawn
