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
