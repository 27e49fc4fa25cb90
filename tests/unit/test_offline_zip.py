"""The offline zip stores what is compressed already (PDFs, images, archives) and deflates the
rest: deflating 44 MB of PDFs again took most of the offline step and saved almost nothing."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from portal import exports

FILES = {
    "index.html": b"<html>" + b"text " * 2000,
    "assets/portal.css": b"body{}" * 500,
    "downloads/portal.en.pdf": os.urandom(5000),
    "countries/figure.PNG": os.urandom(3000),
    "media/photo.jpg": os.urandom(3000),
    "downloads/data.json.gz": os.urandom(2000),
    "search/search_index.js": b"var x=1;" * 500,
    "LICENSE": b"words " * 300,
}


def test_compressed_files_are_stored_and_the_others_deflated(tmp_path: Path) -> None:
    edition, site = tmp_path / "edition", tmp_path / "site"
    for name, data in FILES.items():
        (edition / name).parent.mkdir(parents=True, exist_ok=True)
        (edition / name).write_bytes(data)
    target = exports.zip_offline(edition, site, "portal")
    with zipfile.ZipFile(target) as archive:
        entries = {info.filename.removeprefix("portal/"): info for info in archive.infolist()}
        assert set(entries) == set(FILES)
        for name, info in entries.items():
            compressed = Path(name).suffix.lower() in exports.STORED_SUFFIXES
            want = zipfile.ZIP_STORED if compressed else zipfile.ZIP_DEFLATED
            assert info.compress_type == want, name
            assert archive.read(info) == FILES[name]
        assert archive.testzip() is None
