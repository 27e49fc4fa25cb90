"""Settings in mkdocs.yml's `extra.portal`: every bad one named at once, with what is expected."""

from __future__ import annotations

import pytest
from contenttree import ROOT

from portal import config
from portal.problems import ContentError


def test_the_catalogue_splits_past_a_number_of_rows_the_portal_may_set():
    assert config.resolve(ROOT, ("en",), {}).catalogue_rows == 500
    assert config.resolve(ROOT, ("en",), {"catalogue_rows": 40}).catalogue_rows == 40


def test_bad_settings_are_all_reported_with_what_was_expected():
    with pytest.raises(ContentError) as e:
        config.resolve(ROOT, ("en",), {"catalogue_rows": "many", "contact_max_age_days": 0})
    messages = [str(p) for p in e.value.problems.errors]
    assert any(
        "extra.portal.catalogue_rows" in m and "expected a whole number of instruments" in m
        for m in messages
    ), messages
    assert any("extra.portal.contact_max_age_days" in m for m in messages), messages
