"""Contacts a reader can use: phone numbers in international format, and no "verified" date
on a contact that has no channel (content._contact_channels)."""

from __future__ import annotations

import pytest
from contenttree import VALID_COUNTRY, make_tree, problems_of

CONTACT = """\
  - name: Ana Example
    email: ana@example.org
    verified: 2026-11-01
    source: https://example.org/contact
"""


@pytest.mark.parametrize(
    ("channels", "expected"),
    [
        ("    email: ana@example.org\n", []),
        ("    phone: +212 5 37 00 00 00\n", []),
        ("    website: https://example.org/office\n", []),
        (
            "",
            [
                "countries/morocco/country.yml:26: warning: contacts[0].verified: Ana Example "
                "has no email, phone, website or address, so there is nothing a reader can use "
                "that was verified; add the channel the source gives, or remove `verified`"
            ],
        ),
        (
            '    phone: "2427400"\n',
            [
                "countries/morocco/country.yml:26: warning: contacts[0].phone: expected the "
                "international format, +<country code> <number> (e.g. +43 1 26060), got "
                "'2427400'; readers abroad cannot dial a local number"
            ],
        ),
    ],
)
def test_a_contact_gives_a_channel_a_reader_can_use(tmp_path, channels, expected):
    contact = "  - name: Ana Example\n" + channels + "    verified: 2026-11-01\n"
    country = VALID_COUNTRY.replace(CONTACT, contact + "    source: https://example.org/c\n")
    assert CONTACT in VALID_COUNTRY
    assert problems_of(make_tree(tmp_path, country)) == expected


def test_a_contact_without_channel_and_without_verified_date_is_fine(tmp_path):
    contact = "  - name: Ana Example\n    source: https://example.org/c\n"
    assert problems_of(make_tree(tmp_path, VALID_COUNTRY.replace(CONTACT, contact))) == []
