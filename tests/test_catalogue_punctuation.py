"""punctuation: Arabic marks in Arabic text, conservative spacing, runs of one mark; numbers, URLs intact."""

from __future__ import annotations

import pytest

from cleaner.normalizers.punctuation import punctuation

CASES = [
    # Latin , ; ? after an Arabic word
    ("قال الوزير, إن", "قال الوزير، إن"),
    ("أولا; ثانيا", "أولا؛ ثانيا"),
    ("ماذا?", "ماذا؟"),
    ("ماذا?!", "ماذا؟!"),
    ("قال الوزير , إن", "قال الوزير، إن"),
    ("الشفاء للمصابين\u200f,\u200f بشرط", "الشفاء للمصابين، بشرط"),  # Al-Ahram
    ("عام 2024, وقال", "عام 2024, وقال"),  # after a number: not Arabic context
    # never between digits, in URLs, e-mails, Latin text
    ("بلغ 1,000 دولار", "بلغ 1,000 دولار"),
    ("بلغ 3.5 في المئة", "بلغ 3.5 في المئة"),
    ("الساعة 10:30 صباحا", "الساعة 10:30 صباحا"),
    ("زوروا http://site.com/?a=1,2;b=3 الآن", "زوروا http://site.com/?a=1,2;b=3 الآن"),
    ("راسلونا a.b@site.com.", "راسلونا a.b@site.com."),
    ("Hello, world? Yes; no!!!", "Hello, world? Yes; no!!!"),
    ("e.g. file.txt v1.2", "e.g. file.txt v1.2"),
    # spacing
    ("نص ، نص", "نص، نص"),
    ("نص،نص", "نص، نص"),
    ("نص ؛نص", "نص؛ نص"),
    ("نص ؟", "نص؟"),
    ("المصدر : وكالة", "المصدر: وكالة"),
    ("قائلة:ماذا بك", "قائلة: ماذا بك"),
    ("قال:«نعم»", "قال: «نعم»"),
    ("انتهى .", "انتهى."),
    ("رائع !", "رائع!"),
    ("رائع!وقال", "رائع! وقال"),
    ("حقا؟!قالها", "حقا؟! قالها"),
    ("نص،  نص", "نص، نص"),
    ("بيت.كوم", "بيت.كوم"),  # a dot between letters: a name or a domain, kept
    ("مضى...وانتهى", "مضى...وانتهى"),
    ("0 ،\":0", "0، \":0"),  # a word after the quote: the space moves there, never glue two words
    ("نص ،\"!ب", "نص، \"!ب"),
    ("نص ،\")", "نص،\")"),  # nothing but closers: they end the word
    ("ء .@user_1", "ء .@user_1"),  # ".@user" is one token (a mention): no space after its dot
    ("ء ,.@user", "ء ،.@user"),
    ("نص\n، نص", "نص\n، نص"),  # never across lines
    # runs
    ("لماذا؟؟؟", "لماذا؟"),
    ("رائع!!!", "رائع!"),
    ("نص،،", "نص،"),
    ("نص ، ، نص", "نص، نص"),
    ("لماذا??", "لماذا؟"),
    ("حقا؟!", "حقا؟!"),  # kept
    ("وماذا بعد...", "وماذا بعد..."),  # ellipsis kept
    ("وماذا بعد…", "وماذا بعد…"),
    ("جدا.. كنت", "جدا.. كنت"),  # the two-dot pause is kept
    ("وماذا بعد.....", "وماذا بعد..."),
    ("Wait!!! ...", "Wait!!! ..."),  # Latin context: untouched
    # mis-decoded text: ? standing for lost characters is not a question mark
    ("الذي? ?يقوم بشخصية", "الذي? ?يقوم بشخصية"),
    ("الذي? ?يقوم بشخصية, وقال الرئيس , إن", "الذي? ?يقوم بشخصية، وقال الرئيس، إن"),  # only the ? stay
    ("قال الرئيس, إن الوضع? مستقر\nنص ؟", "قال الرئيس، إن الوضع؟ مستقر\nنص؟"),
    # several rules on one line, far apart or next to long runs of marks and brackets
    (
        "بدأ الاجتماع في الساعة 10:30 ثم قال الوزير : نعم ، وقال آخر ،لا",
        "بدأ الاجتماع في الساعة 10:30 ثم قال الوزير: نعم، وقال آخر، لا",
    ),
    ("(" * 70 + "نص ،نص", "(" * 70 + "نص، نص"),
    ("كلمة" + "." * 70 + "كلمة ، كلمة", "كلمة...كلمة، كلمة"),
    ("نص ، \"كلمة\" ،\"كلمة\"", "نص، \"كلمة\"، \"كلمة\""),
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_punctuation(text: str, expected: str) -> None:
    assert punctuation(text) == expected


def test_seed_article_commas(shared) -> None:  # noqa: ANN001
    """The seed article's punctuation is already right: nothing moves."""
    text = (shared / "seed" / "000_ef6d2234d4644e58.txt").read_text(encoding="utf-8")
    assert punctuation(text) == text
