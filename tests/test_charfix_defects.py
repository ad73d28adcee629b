"""Review defects 4, 10, 11, 12 and 14 and the double-escaped HTML item, as a specification.

- ``unicode`` keeps a ZWJ that joins two emoji (one emoji: a family, a rainbow flag, a technologist
  with a skin tone) and still removes joiners inside Arabic words;
- ``cms_markers`` reaches its fixed point in one pass, also when removing a marker joins a ``]``
  before it and one after it into the ``]]`` of an earlier, truncated marker;
- ``html`` reads markup through what the steps after it delete (controls and invisible marks that
  ``unicode`` deletes, CMS markers, Arabic diacritics), so a tag, comment or entity that they would
  complete goes in this run, not the next;
- markup made by decoding (double-escaped HTML) is markup: removed, so the output is plain text.

Every case is also checked for idempotence through every profile, and streamed against whole.
"""

from __future__ import annotations

import random

import pytest

import cleaner
from cleaner import resolve
from cleaner.normalizers.html import html
from cleaner.normalizers.markers import _strip_line, cms_markers
from cleaner.normalizers.unicode import unicode
from cleaner.pipeline import Pipeline
from streaming import split_at, streamed

PROFILES = sorted(cleaner.PROFILES)
M = "[[system-code:ad:autoads]]"

# --- defect 4: emoji ZWJ sequences -------------------------------------------------------------------

FAMILY = "👨\u200d👩\u200d👧"
RAINBOW = "🏳\ufe0f\u200d🌈"
HEART_ON_FIRE = "❤\ufe0f\u200d🔥"
TECHNOLOGIST = "🧑🏽\u200d💻"
PIRATE = "🏴\u200d☠\ufe0f"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (f"عائلة {FAMILY} سعيدة", f"عائلة {FAMILY} سعيدة"),
        (f"علم {RAINBOW} في المسيرة", f"علم {RAINBOW} في المسيرة"),
        (f"قلب {HEART_ON_FIRE}", f"قلب {HEART_ON_FIRE}"),
        (f"مبرمج {TECHNOLOGIST}.", f"مبرمج {TECHNOLOGIST}."),
        (f"{PIRATE}{FAMILY}", f"{PIRATE}{FAMILY}"),
        # joiners inside Arabic words go, as before (ZWJ and ZWNJ)
        ("مدينة ب\u200dعقوبة", "مدينة بعقوبة"),
        ("الاجتماعية\u200c فإن", "الاجتماعية فإن"),
        ("أ\u200c- البند الأول", "أ- البند الأول"),
        # a ZWJ that does not join two emoji goes
        ("😀\u200d نص", "😀 نص"),
        ("نص \u200d😀", "نص 😀"),
        ("a\u200d😀", "a😀"),
        ("1\u200d😀", "1😀"),
        ("😀\u200dب", "😀ب"),
        # two joiners, or a joiner with another invisible mark: not a sequence, all go
        ("😀\u200d\u200d😀", "😀😀"),
        ("😀\u200b\u200d😀", "😀😀"),
        ("😀\x07\u200d😀", "😀😀"),
    ],
)
def test_unicode_keeps_a_zwj_that_joins_emoji(raw: str, expected: str) -> None:
    assert unicode(raw) == expected
    assert unicode(expected) == expected


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("emoji", [FAMILY, RAINBOW, HEART_ON_FIRE, TECHNOLOGIST, PIRATE])
def test_every_profile_keeps_emoji_zwj_sequences(profile: str, emoji: str) -> None:
    for text in (f"شاركت العائلة الصورة {emoji} على الشبكات.", f"{emoji}", f"«{emoji}»، ثم {emoji}!"):
        out = cleaner.clean(text, profile=profile)
        assert out.count(emoji) == text.count(emoji), out
        assert cleaner.clean(out, profile=profile) == out


# --- defect 10: cms_markers in one pass --------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a truncated marker closed by the "]" before and the "]" after a complete one
        (f"نص [[system-code:ad:autoads]{M}] نص", "نص  نص"),
        ("نص [[system-code:a][[system-code:b][[system-code:c]]]] نص", "نص  نص"),
        # with diacritics between the brackets (later steps delete them): still a "]]"
        ("نص [[system-code:a]\u064b[[system-code:b]]\u064b] نص", "نص  نص"),
        # a third "]" is text
        (f"أ{M}{M}]ب", "أ]ب"),
        (f"أ[[system-code:x]{M}]]ب", "أ]ب"),
        # fragments joined on both sides, as before
        ("[[sys[[system-code:x]]tem-code:y]]", ""),
        # nothing to join: brackets stay
        ("نص ]] [[system-code:x]] ] نص", "نص ]]  ] نص"),
        ("نص [[system-code:x] نص", "نص [[system-code:x] نص"),
        (f"[[ملاحظة]{M}] نص", "[[ملاحظة]] نص"),
        ("[[ملاحظة]] نص", "[[ملاحظة]] نص"),
    ],
)
def test_cms_markers_reaches_its_fixed_point_in_one_pass(raw: str, expected: str) -> None:
    assert cms_markers(raw) == expected
    assert cms_markers(expected) == expected


def _removed_repeatedly(line: str) -> str:
    import re

    marker = re.compile(r"\[\[system-code:[^\[\]\n]{0,1000}\]\]")
    while (new := marker.sub("", line, count=1)) != line:
        line = new
    return line


def test_one_pass_equals_repeated_removal_on_bracket_soup() -> None:
    # no two word characters meet at a removed marker here, so no space is added either
    pieces = ["[", "]", "[[system-code:", "]]", "[[sys", "tem-code:", "-", ":", M, "[[system-code:ad:x]"]
    rnd = random.Random(10)
    for _ in range(20000):
        line = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 14)))
        assert _strip_line(line).replace(" ", "") == _removed_repeatedly(line), line


# --- defects 11, 12, 14: markup that a later step would complete -------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # defect 12: a marker inside a tag, an entity or a comment opener
        ("نص<a[[system-code:ad:x]]>رابط</a> نص", "نصرابط نص\n"),
        ("نص <b[[system-code:ad:x]] class=y>مهم</b>", "نص مهم\n"),
        ("إذا كان س &lt[[system-code:ad:x]]; 5", "إذا كان س < 5\n"),
        ("قبل <!-[[system-code:ad:x]]- تعليق --> بعد", "قبل بعد\n"),
        # defect 11: an entity hidden by a character that `unicode` deletes
        ("إذا كان س &lt\u2069; 5", "إذا كان س < 5\n"),
        ("&g\x07t; سهم", "> سهم\n"),
        ("أ &amp\u200b; ب", "ا & ب\n"),
        # ... and a comment's opener or closer hidden the same way
        ("قبل <!-- تعليق -\u200d-> بعد", "قبل بعد\n"),
        ("قبل <\u200b!-- تعليق --> بعد", "قبل بعد\n"),
        # ... or by a diacritic and a tatweel (`diacritics` and `tatweel` delete them after a mark)
        ("<p\u064b\u0640>نص الخبر", "نص الخبر\n"),
        ("قبل <!-- تعليق -\u0640-> بعد", "قبل بعد\n"),
        # a closer that shares an opener's dashes, or stands alone, makes no comment: kept
        ("نص <!--\u064b> نص", "نص <!--\u064b> نص\n"),
        ("نص --\u064b> نص", "نص --\u064b> نص\n"),
        # defect 14: a TREC field that only looked like a record while the mark was ignored
        ("<DOCNO><D\u200bOC>", "<DOCNO><D OC>\n"),
        # negative cases: the mark stands between two letters, where `unicode` writes a space
        ("&l\u200bt; نص", "&l t; نص\n"),
        ("AT\u200b&T", "AT&T\n"),
        ("نص <sp\u200ban> نص", "نص <sp an> نص\n"),
        ("&l[[system-code:ad:x]]t;", "&l t;\n"),
        # negative cases: prose with brackets and comparison signs
        ("إذا كان س < 5 [[ملاحظة]] و ص > 3", "إذا كان س < 5 [[ملاحظة]] و ص > 3\n"),
        ("<< اقتباس >> [[system-code:ad:x]]", "<< اقتباس >>\n"),
    ],
)
def test_markup_completed_by_a_later_step_goes_in_the_first_run(raw: str, expected: str) -> None:
    assert cleaner.clean(raw, profile="preserve") == expected.replace("ا & ب", "أ & ب")
    for profile in PROFILES:
        once = cleaner.clean(raw, profile=profile)
        assert cleaner.clean(once, profile=profile) == once, profile


def test_a_trec_field_escaped_for_a_record_stays_escaped() -> None:
    once = cleaner.clean("<DOCNO\u200d><DOC>")
    assert once == "&lt;DOCNO>&lt;DOC>\n"
    assert cleaner.clean(once) == once


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<p\u064b>نص الخبر", "نص الخبر\n"),  # a diacritic in a tag name: `diacritics` (search) deletes it
        ("س &l\u064bt; 5", "س < 5\n"),
        ("نص مُشكّل <b>مهم</b>", "نص مشكل مهم\n"),
    ],
)
def test_search_profile_markup_hidden_by_a_diacritic(raw: str, expected: str) -> None:
    once = cleaner.clean(raw, profile="search")
    assert once == expected
    assert cleaner.clean(once, profile="search") == once


# --- double-escaped HTML -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("&lt;p&gt;نص الخبر&lt;/p&gt;", "نص الخبر\n"),
        ("&amp;lt;b&amp;gt;مهم&amp;lt;/b&amp;gt; جدا", "مهم جدا\n"),
        ("نص&lt;br&gt;سطر", "نص\n\nسطر\n"),  # a block, as "<br>" makes in the source
        ("<scr<b>ipt>نص</script>", "نص\n"),  # a tag joined by removing another one
        # negative cases: decoded signs that make no tag stay as text
        ("اذا كان س &lt; 5 و ص &gt; 3", "اذا كان س < 5 و ص > 3\n"),
        ("&lt;&lt; اقتباس &gt;&gt;", "<< اقتباس >>\n"),
        ("اسم المستخدم &lt;user&gt; في الرسالة", "اسم المستخدم <user> في الرسالة\n"),
    ],
)
def test_double_escaped_html_becomes_plain_text(raw: str, expected: str) -> None:
    for profile in ("preserve", "default"):
        once = cleaner.clean(raw, profile=profile)
        assert once == expected
        assert cleaner.clean(once, profile=profile) == once


# --- streamed equals whole ---------------------------------------------------------------------------

_PIECES = [
    "<a[[system-code:ad:x]]>", "</a>", "&lt[[system-code:x]];", "&lt\u2069;", "&g\x07t;", "&lt;p&gt;", "&lt;/p&gt;",
    "<<b>p>", "نص عربي قصير.", "كلمة", " ", "\n", "\n", "\n", "<p>", "<!-- x -\u200d->", "<!-[[system-code:x]]-", "-->",
    FAMILY, "\u200d", "<p\u064b>", "&l\u064bt;", M, "]", "[[system-code:a]", "<", ">", "&", "<span", "class=x>", "\u200b",
]


@pytest.mark.parametrize("steps", [["html"], ["html", "whitespace"], "default", "search", "strict"], ids=str)
def test_streamed_equals_whole(steps: list[str] | str) -> None:
    pipeline = resolve(steps) if isinstance(steps, str) else Pipeline(steps)
    rnd = random.Random(4)
    for _ in range(300):
        text = "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 40)))
        cuts = [rnd.randint(0, 10**6) for _ in range(rnd.randint(0, 10))]
        out = streamed(pipeline, split_at(text, cuts), rnd.choice([1, 8, 64]))
        assert out is None or out == pipeline(text), text
