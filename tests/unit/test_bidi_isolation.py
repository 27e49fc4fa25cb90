"""Left-to-right runs in right-to-left HTML are isolated; markup and LTR parts are untouched."""

from __future__ import annotations

import pytest

from portal.bidi import isolate, isolate_article


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<p>القانون رقم 27-14 المتعلق</p>",
            '<p>القانون رقم <bdi dir="ltr">27-14</bdi> المتعلق</p>',
        ),
        ("<p>في 7 of 2013 هنا</p>", '<p>في <bdi dir="ltr">7 of 2013</bdi> هنا</p>'),
        ("<p>(Ley 985 de 2005)، و</p>", '<p>(<bdi dir="ltr">Ley 985 de 2005</bdi>)، و</p>'),
        ("<p>قانون No. 350-З</p>", '<p>قانون <bdi dir="ltr">No. 350-З</bdi></p>'),
        ("<td>+212 5 37 00</td>", '<td><bdi dir="ltr">+212 5 37 00</bdi></td>'),
        # An ordinal indicator is part of its address (it read "12B-31 ºCra 8 N").
        ("<p>Cra 8 Nº 12B-31، مبنى</p>", '<p><bdi dir="ltr">Cra 8 Nº 12B-31</bdi>، مبنى</p>'),
        ("<p>عام 2016.</p>", "<p>عام 2016.</p>"),  # a lone number is left as it is
        ("<p>A &amp; B</p>", '<p><bdi dir="ltr">A &amp; B</bdi></p>'),
        (
            '<a href="https://x.org/a-1">x.org</a>',
            '<a href="https://x.org/a-1"><bdi dir="ltr">x.org</bdi></a>',
        ),
        (
            '<span dir="ltr">1-2 <b>3-4</b></span> 5-6',
            '<span dir="ltr">1-2 <b>3-4</b></span> <bdi dir="ltr">5-6</bdi>',
        ),
        ('<i dir="rtl">رقم 1.2</i>', '<i dir="rtl">رقم <bdi dir="ltr">1.2</bdi></i>'),
        ("<code>a-1</code><script>x = 1-2</script>", "<code>a-1</code><script>x = 1-2</script>"),
        ("<bdi>1-2</bdi><br>3-4", '<bdi>1-2</bdi><br><bdi dir="ltr">3-4</bdi>'),
    ],
)
def test_isolate(html, expected):
    assert isolate(html) == expected


def test_only_the_article_is_changed():
    page = "<nav>1-2</nav><article class='x'><p>رقم 1-2</p></article><footer>3-4</footer>"
    assert isolate_article(page) == (
        "<nav>1-2</nav><article class='x'><p>رقم <bdi dir=\"ltr\">1-2</bdi></p></article>"
        "<footer>3-4</footer>"
    )
