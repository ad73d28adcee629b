"""Streaming the strict steps and markup hidden across lines: where a stream is cut, every piece is
cleaned as the whole text would be there (``bylines``' signature and head rules, ``datelines``' head
of the article), and ``html`` sees tags through what later steps delete also across a line break."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import PROFILES, resolve
from cleaner.normalizers.structure import bylines, captions, datelines
from cleaner.pipeline import Pipeline
from cleaner.stream import clean_blocks
from streaming import split_at, strict_cuts, streamed

_PROSE = "قال الوزير إن الحكومة ستعمل على حل المشكلة رقم {} قريبا.\n"
# Lines the strict steps leave alone wherever they stand (the cut finder's "plain" lines) ...
_PLAIN = [
    "قال الوزير إن الحكومة ستعمل على حل المشكلة قريبا.", "وأضاف أن المحادثات مستمرة منذ أسابيع في العاصمة.",
    "عنوان الخبر الرئيسي", "ت", ".", "ك", "ى", "هل هذا سؤال؟", "سطر بلا نهاية",
    # a paragraph that a pull quote (_PULL) restates, and one on another subject
    "وقال رئيس الجمعية إن القراءة اليومية تفتح أبواب المعرفة وتبني جسور التواصل بين الأجيال في المجتمع.",
    "ويستمر المعرض عشرة أيام تقام خلالها أمسيات شعرية وعروض مسرحية وورش عمل للشباب والمبدعين.",
    # a line of a pull quote's shape (a headline): two in a row end what captions compares a line with
    "جوائز المعرض تذهب هذا العام إلى الكتاب الشباب",
]
# A pull quote: it restates a paragraph a few window lines away (captions, see pull_quotes).
_PULL = "القراءة اليومية تفتح أبواب المعرفة وتبني جسور التواصل بين الأجيال"
_FILLER = "وقال الوزير إن الحكومة ستعمل على حل المشكلة رقم {} قريبا بالتعاون مع الجهات المعنية في البلاد."
# ... and lines whose label depends on where they stand, or that label the lines around them.
_LABELLED = [
    "ب ي *", "رويترز", "(رويترز)", "أ ف ب", "محمد أحمد علي", "محمد علي", "فلان بن فلان الفلاني",
    "راشد مفتاح السليطي:", "?راشد مفتاح السليطي:", "ثقافة اليوم:", "الرياض", "القاهرة -", "القاهرة - أ ش أ",
    "الجزيرة - الرياض :", "14 أكتوبر", "26 مارس 2020", "السعودية / جدة", "«الوطن»", "النتيجة 2:10 لصالح الفريق",
    "الثلاثاء 24 جويلية 2012 الساعة 10:40:17 بتوقيت تونس", "كتب - محمد علي", "بقلم: فلان الفلاني",
    "بغداد/ قيس عيدان", "info@example.com", "صورة أرشيفية", "المتظاهرون في الميدان (تصوير أحمد شحاتة)",
    "صورة من الاحتفال", "الصورة: فلان", "إعداد – فلانة الفلانية: تبدأ الفقرة هنا وتطول حتى نهايتها بنقطة ثم تستمر طويلا.",
    "مقابلة مع وزير الشؤون الاجتماعية فلان الفلاني أجرتها فلانة الفلانية.",
    "وقتل خمسة أشخاص في الانفجار الذي وقع صباح اليوم في وسط المدينة. (رويترز)", "", " ", _PULL,
]
_MARKUP = [
    "<p>", "</p>", "<b>", "<a", "href=1>", "<a[[system-code:x]]", "[[system-code:ad:autoads]]", "<!--", "-->",
    "<!-\u064b-", "\u200b", "\u200f", "\x0b", "\u064b", "ـ", "&lt;", "&gt;", "&amp;", "&lt;p&gt;", "<sp\u200can>",
    "<scr\u200bipt>", "</script>", "نص", " ", "<DOC[[system-code:x]]>", "<br>", "\r", "<", ">", "<a\u064b",
]
_lines = st.one_of(
    st.sampled_from(_PLAIN), st.sampled_from(_PLAIN), st.sampled_from(_LABELLED),
    st.lists(st.sampled_from(_MARKUP), min_size=1, max_size=4).map("".join),
)
documents = st.tuples(st.lists(_lines, max_size=40), st.sampled_from(["\n", "\r\n", "\n\n", "\r"])).map(
    lambda t: t[1].join(t[0])
)


def _blocks(text: str, size: int = 37) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


@pytest.mark.parametrize(
    "tail",
    [
        "ت\n.\nك\nى\n.\nع\nب ي *\nرويترز\r",  # review W2: a signature (a name over a dateline) as the 4th line
        "ت\n.\nك\nى\n.\nع\nفلان بن فلان الفلاني\nالرياض\nهل هذا سؤال؟\n",
        "النتيجة 2:10 لصالح الفريق\n" * 7 + "الرياض\n" + _PROSE.format(0) * 3,  # time stamps: the head reaches past them
    ],
    ids=["w2", "signature", "stamps"],
)
@pytest.mark.parametrize("target", [1, 200, 2000])
def test_strict_stream_equals_whole_at_the_end_of_prose(tail: str, target: int) -> None:
    text = "".join(_PROSE.format(i) for i in range(100)) + tail
    pipeline = resolve("strict")
    assert streamed(pipeline, _blocks(text), target) == pipeline(text)


# Runs of plain lines (where the finder may cut) between a few lines of the other kind.
_runs = st.lists(
    st.tuples(st.lists(st.sampled_from(_PLAIN), min_size=2, max_size=8), st.lists(st.sampled_from(_LABELLED), max_size=3)),
    max_size=5,
).map(lambda runs: [line for plain, other in runs for line in plain + other])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=_runs)
def test_every_cut_the_finder_allows_changes_nothing(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    for cut in strict_cuts(text):
        for step in (bylines, captions, datelines):
            assert step(text[:cut]) + step(text[cut:]) == step(text), (step.__name__, cut)


def test_a_pull_quote_is_never_cut_from_the_paragraph_it_restates() -> None:
    # Pull quotes one to four window lines under the paragraph they restate, two and four over it,
    # and right over it (a sub-heading: it stays), at every distance from where the stream may cut:
    # each piece decides as the whole text does.
    restated = _PLAIN[-3]
    lines = [_FILLER.format(n) for n in range(6)]
    for block in range(14):  # (numbered lines: duplicate_paragraphs keeps them all)
        para = restated.replace("المجتمع.", f"المجتمع رقم {block}.")
        fill = [_FILLER.format(100 * block + n) for n in range(8)]
        k = block % 7
        if k < 4:
            lines += [para, *fill[:k], _PULL, *fill[k:]]
        elif k < 6:
            lines += [fill[0], _PULL, *fill[1 : 2 * k - 6], para, *fill[2 * k - 6 :]]
        else:
            lines += [fill[0], _PULL, para, *fill[1:]]
    text = "\n".join(lines) + "\n"
    assert captions(text).count(_PULL + "\n") == 2  # the sub-headings stay
    pipeline = resolve("strict")
    whole = pipeline(text)
    for target in (1, 150, 700, 3000):
        assert streamed(pipeline, _blocks(text), target) == whole
    for cut in strict_cuts(text):
        assert captions(text[:cut]) + captions(text[cut:]) == captions(text)


def test_a_list_of_headlines_is_cut_too() -> None:
    # Lines of a pull quote's shape are no window lines, but two in a row end the window: the strict
    # steps still cut a long list of headlines (with pull quotes around it), in bounded pieces.
    headline = _PLAIN[-1]
    lines = [_FILLER.format(n) for n in range(5)] + [_PLAIN[-3], _PULL]
    lines += [f"{headline} رقم {n}" for n in range(3000)] + [_PLAIN[-3], _FILLER.format(9), _PULL]
    text = "\n".join(lines + [_FILLER.format(n) for n in range(10, 15)]) + "\n"
    pipeline = Pipeline(["bylines", "captions", "datelines"])
    pieces = list(clean_blocks(pipeline, _blocks(text, 4096), target=1 << 13))
    assert len(pieces) > 10 and max(map(len, pieces)) < 1 << 16
    assert "".join(pieces) == pipeline(text)
    # Both quotes stay: the first stands over the list, the second's window ends at it (two window
    # lines above it, not four).
    assert pipeline(text).count(_PULL + "\n") == 2


@pytest.mark.parametrize("profile", list(PROFILES))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=documents, cuts=st.lists(st.integers(min_value=0), max_size=12), target=st.sampled_from([1, 17, 200]))
def test_mixed_documents_stream_as_whole(profile: str, text: str, cuts: list[int], target: int) -> None:
    pipeline = resolve(profile)
    out = streamed(pipeline, split_at(text, cuts), target)
    assert out is None or out == pipeline(text)


_PAD = _PROSE.format(1) * 20
# Tags hidden by what later steps delete (a CMS marker, a diacritic, a tatweel, a control that
# `unicode` makes a line break of), spanning a line break of their own or of the html step.
_HIDDEN = [
    "<a[[system-code:x]]<p>x=-->",  # (attributes that look like markup: "<a -->" is no tag)
    "<a\u064b<b>\x0b<p>b=…>",
    "نص <a[[system-code:x]]\nhref=1>كلمة",
    "نص <a\u064b\nhref=1>كلمة",
    "نص <aـ\nhref=1>كلمة",
    "نص <a[[system-code:x]]\x0bhref=1>كلمة",
    "<b[[system-code:x]]\x0b>y",
    "نص <spa\u200cn\nclass=x>كلمة",
]


@pytest.mark.parametrize("text", _HIDDEN)
@pytest.mark.parametrize("profile", list(PROFILES))
def test_a_tag_hidden_across_a_line_break_goes_in_one_run(text: str, profile: str) -> None:
    pipeline = resolve(profile)
    once = pipeline(text)
    assert pipeline(once) == once
    assert "<" not in once
    long = _PAD + text + "\n" + _PAD
    for target in (1, 64, 600):
        out = streamed(pipeline, _blocks(long, 23), target)
        assert out is None or out == pipeline(long)


@pytest.mark.parametrize("steps", [["html"], ["html", "unicode", "cms_markers", "whitespace"]], ids=str)
def test_a_hidden_tag_across_a_line_break_streams_in_pieces(steps: list[str]) -> None:
    text = (_PAD + "نص <a[[system-code:x]]\nhref=1>كلمة\n") * 5
    pipeline = Pipeline(steps)
    assert streamed(pipeline, _blocks(text, 50), 300) == pipeline(text)


@pytest.mark.parametrize(
    "text",
    [
        "<DOC[[system-code:x]]>\n" + _PAD + "<DOCNO[[system-code:y]]>1</DOCNO>\n" + _PAD,
        "<DOC\u200b>\n" + _PAD + "<DOCNO>1</DOCNO>\n" + _PAD + "<p>x</p>\n",
        _PAD + "<!-\u064b-\n" + _PAD + "-->" + _PAD,  # a comment hidden by a diacritic, across pieces
    ],
    ids=["trec-by-markers", "trec-by-invisible", "comment-by-diacritic"],
)
@pytest.mark.parametrize("profile", ["html", *PROFILES])
def test_fields_and_comments_hidden_across_pieces(text: str, profile: str) -> None:
    pipeline = Pipeline(["html"]) if profile == "html" else resolve(profile)
    once = pipeline(text)
    assert pipeline(once) == once
    for target in (1, 50, 300):
        out = streamed(pipeline, _blocks(text), target)
        assert out is None or out == once
