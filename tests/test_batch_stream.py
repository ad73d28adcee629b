"""Streaming huge texts: cleaning piece by piece gives exactly what cleaning the whole text gives."""

from __future__ import annotations

import io
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import PROFILES, resolve
from cleaner.pipeline import Pipeline
from cleaner.runner import FileTask, RunOptions, clean_file
from cleaner.stream import LINE_LOCAL, StreamFallback, clean_blocks, stream_plan

from strategies import FRAGMENTS
from streaming import split_at, streamed

_WORDS = "الرئيس أعلن المركز عن جوائز الدورة الجديدة للمبدعين العرب في القاهرة مساء إلى على".split()
_PROSE_END = [".", "؟", "!", ""]
_LINES = st.one_of(
    # prose, short heading-like lines, list items, bylines, furniture, markers, decorated headings
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=30).map(" ".join).flatmap(
        lambda s: st.sampled_from(_PROSE_END).map(lambda end: s + end)
    ),
    st.sampled_from(
        [
            "■ دعم مستمر:", "## عنوان فرعي", "**عنوان**", "- بند أول", "- بند ثان", "1. أولا", "2) ثانيا",
            "كتب - محمد علي", "وأضاف:", "اقرأ أيضاً:", "اقرأ أيضا: عنوان خبر آخر", "تابعونا على فيسبوك",
            "[[system-code:ad:autoads]]", "جميع الحقوق محفوظة ©", "Share on facebook", "عين اليوم – لوس أنجليس",
            "<p>فقرة <b>مهمة</b> &amp; أخرى</p>", "س < 5 و ص > 3", "<br>", "&nbsp;", "<p", "class=x>نص",
            "المقدمة تتكرر في آخر الخبر كما هي هنا تماما وبلا تغيير.", "", "", " ", "\t", "\r",
            # what the strict profile's bylines, captions and datelines look at
            "صورة أرشيفية", "القاهرة - أ ش أ", "محمد أحمد علي", "بغداد/ قيس عيدان", "بقلم: فلان الفلاني",
            "راشد مفتاح السليطي:", "?راشد مفتاح السليطي:", "ثقافة اليوم:",
            "المتظاهرون في الميدان (تصوير أحمد شحاتة)", "26 مارس 2020", "info@example.com",
            "إعداد – فلانة الفلانية: تبدأ الفقرة هنا وتطول حتى نهايتها بنقطة ثم تستمر طويلا.",
            # and the search profile's folds
            "السَّمٰوَاتِ وَهٰذَا كِتَابٌ ٢٠٢٤ ٣٫٥٪ جمييييل https://example.com/a?b=1، @user #وسم_عربي مؤتمر المدرسة",
        ]
    ),
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join),
)
documents = st.lists(_LINES, max_size=40).flatmap(
    lambda lines: st.sampled_from(["\n", "\r\n", "\n\n"]).map(lambda nl: nl.join(lines))
)


@pytest.mark.parametrize("profile", list(PROFILES))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=documents, cuts=st.lists(st.integers(min_value=0), max_size=12), target=st.sampled_from([1, 16, 200]))
def test_streamed_equals_whole_for_every_profile(profile: str, text: str, cuts: list[int], target: int) -> None:
    pipeline = resolve(profile)
    out = streamed(pipeline, split_at(text, cuts), target)
    if out is None:  # only for markup or a <DOC> record, and then the file is cleaned whole
        assert "<" in text or "&" in text
        return
    assert out == pipeline(text)


@pytest.mark.parametrize(
    "steps",
    [[n] for n in sorted(LINE_LOCAL)]
    + [["headings"], ["whitespace"], ["duplicate_paragraphs"], ["boilerplate", "whitespace"], ["html", "whitespace"]]
    + [["related_headlines"], ["boilerplate", "duplicate_paragraphs", "related_headlines", "whitespace"]]
    + [["bylines"], ["captions"], ["datelines"], ["bylines", "captions", "datelines", "headings", "whitespace"]],
    ids=str,
)
@settings(max_examples=100, deadline=None)
@given(text=documents, cuts=st.lists(st.integers(min_value=0), max_size=12))
def test_each_streamable_step(steps: list[str], text: str, cuts: list[int]) -> None:
    pipeline = Pipeline(steps)
    assert stream_plan(pipeline) is not None
    out = streamed(pipeline, split_at(text, cuts), 1)
    assert out is None or out == pipeline(text)


def test_which_profiles_stream() -> None:
    for profile in PROFILES:  # every profile streams: memory stays bounded whatever the profile
        assert stream_plan(resolve(profile)) is not None, profile
    assert stream_plan(Pipeline(["unicode", "whitespace"])) is not None


def test_a_doc_without_docno_falls_back_and_html_comments_stream() -> None:
    pipeline = resolve("default")
    with pytest.raises(StreamFallback):  # a <DOC> with no <DOCNO> in its piece: is it a TREC file?
        "".join(clean_blocks(pipeline, ["<DOC>\n<TEXT>\n", "نص.\n</TEXT>\n</DOC>\n"], target=1))
    text = "نص.\n<!-- x\ny -->\nنص.\n"  # comments, scripts and styles: tests/test_stream_markup.py
    assert "".join(clean_blocks(pipeline, ["نص.\n<!-- x\n", "y -->\nنص.\n"], target=1)) == pipeline(text)


def test_real_articles_streamed_in_small_pieces(shared) -> None:  # noqa: ANN001
    from cleaner.textio import decode_auto

    docs = [decode_auto(p.read_bytes())[0] for p in sorted((shared / "corpus" / "articles").glob("*.txt"))]
    rng = random.Random(7)
    for profile in PROFILES:
        pipeline = resolve(profile)
        done = 0
        for _ in range(25):
            text = "\n".join(rng.choice(docs) for _ in range(rng.randint(1, 15)))
            cuts = [rng.randrange(len(text) + 1) for _ in range(rng.randint(0, 40))]
            out = streamed(pipeline, split_at(text, cuts), rng.choice([1, 500, 5000]))
            if out is not None:
                done += 1
                assert out == pipeline(text)
        assert done >= 10


def test_a_file_above_the_threshold_streams_and_matches(tmp_path) -> None:  # noqa: ANN001
    rng = random.Random(3)
    lines = [" ".join(rng.choices(_WORDS, k=rng.randint(2, 30))) + rng.choice([".", ""]) for _ in range(3000)]
    text = "\r\n".join(lines) + "\n* عنوان أخير"
    src = tmp_path / "big.txt"
    src.write_bytes(text.encode("cp1256"))
    options = RunOptions(stream_threshold=1000, block_size=4096)
    result = clean_file(FileTask(src, tmp_path / "out.txt"), resolve("default"), options)
    assert result.error is None and result.encoding == "cp1256"
    assert (tmp_path / "out.txt").read_text("utf-8") == resolve("default")(text)


def test_a_50_mb_line_is_handled(tmp_path) -> None:  # noqa: ANN001
    line = ("كلمة " * 10_000_000).encode()  # 50 MB, no newline at all
    src = tmp_path / "line.txt"
    src.write_bytes(line)
    core = Pipeline(["unicode", "cms_markers", "tatweel", "alef", "yeh", "headings", "whitespace"])
    result = clean_file(FileTask(src, tmp_path / "out.txt"), core, RunOptions(stream_threshold=1 << 20))
    assert result.error is None and result.changed
    out = (tmp_path / "out.txt").read_bytes()
    assert out == line.rstrip(b" ") + b"\n"


def test_streamed_counts_match_the_steps(tmp_path) -> None:  # noqa: ANN001
    text = ("جـــديد  على الطريق.\n" * 2000).encode()
    src = tmp_path / "a.txt"
    src.write_bytes(text)
    options = RunOptions(stream_threshold=100, block_size=1000, counts=True)
    result = clean_file(FileTask(src, None), resolve("default"), options)
    counts = dict(result.counts)
    assert counts["tatweel"] == 3 * 2000 and counts["yeh"] == 2000


def test_stdin_streams_through_a_spool() -> None:
    from cleaner.runner import clean_stream

    text = "سطر أول طويل ينتهي بنقطة.\n" * 5000
    out = io.BytesIO()
    result = clean_stream(io.BytesIO(text.encode()), out, resolve("default"), RunOptions(stream_threshold=1000))
    assert result.error is None and out.getvalue() == resolve("default")(text).encode()


# --- boilerplate's closing rules over a stream: a block of other stories' leads, notes, series ---------
#
# The rules that read the text from its end (a block of 3 to 5 leads with two marks, notes about the
# text, a closing series, a closing furniture block) look past repeats, apparatus and dropped lines;
# the cut finder cuts only where none of them can read across the cut (see stream._boilerplate_ok).
# Texts built from prose, leads (marked and not), headlines, notes, series items, furniture,
# apparatus, repeats and blank lines; every cut the finder may choose, and streams of many cuts.

_ARTICLE = [
    "أعلنت وزارة الصحة، الأحد، عن خطة جديدة لتطوير المستشفيات الحكومية في المحافظات خلال العامين المقبلين.",
    "وقال الوزير في مؤتمر صحفي إن الخطة تشمل بناء عشرة مستشفيات جديدة وتحديث الأجهزة الطبية في المستشفيات القائمة.",
    "وأضاف أن الحكومة خصصت ميزانية كبيرة للمشروع الذي يستفيد منه ملايين المواطنين في المناطق النائية.",
    "نص قصير.",
]
_LEADS = [  # marked (a weekday between commas, a cut line) and not
    "قال رئيس الوزراء، فلان الفلاني، الاثنين، إن الحكومة ستطرح حزمة جديدة من الإصلاحات الاقتصادية خلال الأسابيع المقبلة لدعم الشركات الصغيرة.",
    "أكدت وزارة الخارجية، الاثنين، أن الأنباء التي تم تداولها عن استدعاء السفير غير صحيحة، مشيرة إلى أن العلاقات بين البلدين تشهد تطورا مستمرا في مجالات",
    "3 ملفات تصدرت المكالمة الهاتفية بين الرئيسين، السبت، حسبما أعلن المتحدث الرسمي باسم الرئاسة في بيان صحفي مقتضب نشره على",
    "قررت المحكمة، الأحد، تأجيل النظر في القضية إلى جلسة الشهر المقبل لاستكمال الاستماع إلى الشهود.",
    "وافق مجلس النواب على مشروع قانون جديد لتنظيم الاستثمار الأجنبي بعد نقاشات استمرت عدة أسابيع بين الكتل النيابية.",
    "فاز المنتخب الوطني على نظيره بثلاثة أهداف مقابل هدف في المباراة الودية التي أقيمت في العاصمة مساء أمس.",
    "قال الوزير إن المشروع سيبدأ في الربع الأول من العام المقبل بعد استكمال الدراسات الفنية اللازمة.",
]
_UNMARKED = "قال المتحدث الرسمي إن الاجتماع {} ناقش عددا من الملفات المهمة في المنطقة، وأكد ضرورة التعاون."
_OTHERS = [
    "عنوان الخبر", "علماً أن الموقع لا يمكنه التأكد من صحة المعلومات المتناقلة عبر مواقع التواصل الاجتماعي.",
    "اقرأ أيضاً:", "تابعونا على فيسبوك", "المصدر: وكالات", "صورة أرشيفية", "محمد أحمد علي", "- بند أول",
    "مذكرات فلان الفلاني (2): بداية الرحلة", "مذكرات فلان الفلاني (3): في المدينة", "مذكرات فلان الفلاني (4): العودة",
    "", "", " ",
]
_CLOSING_LINES = st.one_of(
    st.sampled_from(_ARTICLE), st.sampled_from(_LEADS), st.sampled_from(_LEADS),
    st.integers(0, 9).map(_UNMARKED.format), st.integers(0, 9).map(_UNMARKED.format), st.sampled_from(_OTHERS),
)
_closing_texts = st.lists(_CLOSING_LINES, max_size=32).map("\n".join)


def _boilerplate_stage() -> tuple:
    from cleaner.stream import _BoilerplateCuts

    _, _, _, extra = next(s for s in stream_plan(Pipeline(["boilerplate", "whitespace"])).stages if s[1] == "boilerplate")
    return extra, lambda: _BoilerplateCuts(extra["ok"], extra["inner"])


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_closing_texts)
def test_boilerplate_streamed_at_every_cut_equals_whole(text: str) -> None:
    from cleaner.normalizers.boilerplate import boilerplate

    spaces = Pipeline(["whitespace"])  # (a piece's lines all dropped leave its newline: a later step's)
    whole = spaces(boilerplate(text))
    extra, cuts_of = _boilerplate_stage()
    end = len(text)
    while end > 0:  # every prefix of whole lines: the cut the finder chooses there
        cuts = cuts_of()
        cut = cuts.find(text[:end])
        if cut <= 0:
            break
        first = cuts.cleaned[text[:cut]]
        _, raw, series = cuts.after[-1]
        assert spaces(first + extra["last"](text[cut:], first[-(1 << 16) - 1 :], raw, series)) == whole, cut
        end = text.rfind("\n", 0, cut - 1) + 1


@pytest.mark.parametrize("steps", [["boilerplate", "whitespace"], "default", "strict"], ids=str)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_closing_texts, cuts=st.lists(st.integers(min_value=0), max_size=12), target=st.sampled_from([1, 16, 300]))
def test_closing_blocks_streamed_equal_whole(steps: list[str] | str, text: str, cuts: list[int], target: int) -> None:
    pipeline = resolve(steps) if isinstance(steps, str) else Pipeline(steps)
    assert streamed(pipeline, split_at(text, cuts), target) == pipeline(text)


def test_a_text_of_unmarked_leads_is_cut_and_a_block_under_six_leads_stays() -> None:
    # Six or more lead-shaped lines in a row are the article's own: a cut may follow the sixth, and
    # a block of marked leads closing the text under them stays, streamed or whole.
    lines = [_UNMARKED.format(i) for i in range(12)] + _LEADS[:3]
    text = "\n".join(lines)
    pipeline = Pipeline(["boilerplate", "whitespace"])
    assert pipeline(text) == "\n\n".join(lines) + "\n"
    pieces = list(clean_blocks(pipeline, [text[i : i + 50] for i in range(0, len(text), 50)], target=1))
    assert "".join(pieces) == pipeline(text)
    _, cuts_of = _boilerplate_stage()
    # the last cut: after the first of the three leads (five lead-shaped lines above it, a complete
    # line after it); the last piece then starts inside a run of over five, which stays
    assert text[: cuts_of().find(text)].count("\n") == 13
