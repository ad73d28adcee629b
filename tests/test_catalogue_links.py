"""links: URLs, e-mail addresses, @mentions and #hashtags kept, removed or replaced, never split."""

from __future__ import annotations

import pytest

from cleaner.normalizers.links import links, protected_spans

REMOVE = {"urls": "remove", "emails": "remove", "mentions": "remove", "hashtags": "remove"}
PLACEHOLDER = {"urls": "placeholder", "emails": "placeholder", "mentions": "placeholder", "hashtags": "placeholder"}

CASES = [
    # (input, params, expected)
    ("زوروا https://www.ahram.org.eg/news/1.aspx للمزيد", {}, "زوروا https://www.ahram.org.eg/news/1.aspx للمزيد"),
    ("زوروا https://www.ahram.org.eg/news/1.aspx للمزيد", REMOVE, "زوروا  للمزيد"),
    ("زوروا https://www.ahram.org.eg/news/1.aspx.", REMOVE, "زوروا ."),  # the full stop is not the URL's
    ("زوروا www.site.com، ثم", REMOVE, "زوروا ، ثم"),
    ("انظرhttp://x.com/a", REMOVE, "انظر"),
    ("(https://support.twitter.com/articles/18311-the-twitter-rules)", REMOVE, "()"),
    ("http://www.alarabiya.net/ar/2018/05/20/من-أنت؟-.html", REMOVE, ""),  # ؟ inside the URL
    ("راسلونا tala.odeh@ogilvy.com غدا", REMOVE, "راسلونا  غدا"),
    ("راسلونا tala.odeh@ogilvy.com غدا", PLACEHOLDER, "راسلونا <EMAIL> غدا"),
    ("الحساب @master، حيث", REMOVE, "الحساب ، حيث"),
    ("الحساب @master، حيث", PLACEHOLDER, "الحساب <USER>، حيث"),
    ("a@b.com", {"mentions": "remove"}, "a@b.com"),  # an e-mail is not a mention
    ("نجم الدراما #عبدالله_السدحان يغضب", {"hashtags": "words"}, "نجم الدراما عبدالله السدحان يغضب"),
    ("#وسم_عربي", {"hashtags": "words"}, "وسم عربي"),  # the example
    ("#وسم_عربي", REMOVE, ""),
    ("#وسم_عربي", PLACEHOLDER, "<HASHTAG>"),
    ("## عنوان", REMOVE, "## عنوان"),  # a markdown heading is not a hashtag
    ("المرتبة #1", REMOVE, "المرتبة #1"),  # no letter: not a hashtag
    ("&#1588; C#", REMOVE, "&#1588; C#"),
    ("http://x.com/#section", {"hashtags": "remove"}, "http://x.com/#section"),  # a fragment, not a tag
    ("نص 3.5 و10:30 و1,000", REMOVE, "نص 3.5 و10:30 و1,000"),
]


@pytest.mark.parametrize(("text", "params", "expected"), CASES)
def test_links(text: str, params: dict, expected: str) -> None:
    assert links(text, **params) == expected


def test_keep_is_the_default_and_the_identity() -> None:
    text = "https://a.com a@b.com @user #وسم"
    assert links(text) == text


@pytest.mark.parametrize("kind", ["urls", "emails", "mentions", "hashtags"])
def test_bad_action_is_named(kind: str) -> None:
    with pytest.raises(ValueError, match=f"links: {kind} must be one of"):
        links("x", **{kind: "delete"})


def test_protected_spans() -> None:
    text = "راسلونا a@b.com أو www.site.com."
    assert [text[a:b] for a, b in protected_spans(text)] == ["a@b.com", "www.site.com"]


# --- each line on its own -------------------------------------------------------------------------
# links cleans only the lines holding "://", "w.", "W.", "@" or "#" (nearby ones as one part), each
# to its own fixed point: the result must be that of cleaning every line on its own.

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from strategies import FRAGMENTS  # noqa: E402

SEARCH = {"urls": "remove", "emails": "remove", "mentions": "remove", "hashtags": "words"}
_LINK_BITS = ["https://a.com/x", "www.b.org", "WWW.C.NET", "a@b.com", "@user", "@#tag", "#وسم_عربي", "#@x", "w.", "W.", "://"]
_line = st.lists(st.sampled_from(FRAGMENTS + _LINK_BITS + ["x" * 3000]), max_size=15).map(lambda parts: "".join(parts).replace("\n", " "))


@pytest.mark.parametrize("params", [SEARCH, PLACEHOLDER, {"mentions": "remove", "hashtags": "remove"}])
@settings(max_examples=200, deadline=None)
@given(lines=st.lists(_line, max_size=8))
def test_the_text_is_cleaned_line_by_line(params: dict, lines: list[str]) -> None:
    text = "\n".join(lines)
    assert links(text, **params) == "\n".join(links(line, **params) for line in lines)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("نص\n" * 3 + "@user يقول\n" + "ن" * 5000 + "\nزوروا www.x.com\r\nنص", "نص\n" * 3 + " يقول\n" + "ن" * 5000 + "\nزوروا \r\nنص"),
        ("بلا روابط\nولا وسوم", "بلا روابط\nولا وسوم"),  # nothing to do: the text itself
        ("@#tag يقول\n@@user", " يقول\n@@user"),  # @#tag -> @tag, a mention, removed in a second round
    ],
)
def test_lines_far_apart_and_line_endings(text: str, expected: str) -> None:
    assert links(text, **SEARCH) == expected
