"""Review defects 1, 2, 3, 5 and 13 of ``boilerplate`` and the glued related-headline end: article
text that looked like furniture was removed, and furniture dressed as a heading took two runs.

Each table holds inputs of the shape the review found (written here, not taken from the corpus),
what the step must give, and the furniture of the same shape that must still go.
"""

from __future__ import annotations

import pytest

import cleaner
from cleaner.normalizers.boilerplate import boilerplate, classify_boilerplate, glued_spans

P = "قال الرئيس إن الحكومة ستعمل على حل المشكلات في أقرب وقت ممكن."
Q = "وأضاف أن الحكومة ملتزمة بالإصلاح الكامل في البلاد."
PROFILES = ["default", "preserve", "search", "strict"]


def _kept(text: str) -> list[str]:
    return [line for line in boilerplate(text).split("\n") if line.strip()]


# --- 1. A list the article gives at its end is no closing series of episodes ----------------------

INTRO = "وجاء برنامج اليوم الأول للمؤتمر كما يلي:"
SCHEDULE = ["الساعة 10:00 - افتتاح المؤتمر وكلمة الوزير", "الساعة 11:00 - الجلسة الأولى حول الاقتصاد",
            "الساعة 12:30 - الجلسة الثانية حول التعليم"]
ARTICLES = ["المادة 1 - تسري أحكام هذا القانون على جميع الشركات", "المادة 2 - يعمل بهذا القانون من تاريخ نشره",
            "المادة 3 - على الوزراء كل فيما يخصه تنفيذ هذا القانون"]
GROUPS = [f"المجموعة {g} - {a} 70 في المئة، {b} 55 في المئة، {c} 30 في المئة"
          for g, a, b, c in (("A", "مصر", "تونس", "المغرب"), ("B", "فرنسا", "ألمانيا", "إيطاليا"),
                             ("C", "البرازيل", "الأرجنتين", "تشيلي"), ("D", "اليابان", "كوريا", "الصين"))]
# Items with a shared title of two words, but introduced by the article: its own list.
DAYS = ["يوم الأحد (الأول): وصول الوفود وتسجيل المشاركين", "يوم الأحد (الثاني): جلسات العمل المغلقة للخبراء",
        "يوم الأحد (الثالث): الجلسة الختامية وإعلان التوصيات"]
# Numbered or lettered items, even with a shared title and a part label: the article's own list.
NUMBERED = [f"{n}- خطة الوزارة (المرحلة {w}): تطوير المدارس في المحافظات" for n, w in ((1, "الأولى"), (2, "الثانية"), (3, "الثالثة"))]
LETTERED = [f"{c}) خطة الوزارة (المرحلة {w}): تطوير المدارس في المحافظات" for c, w in (("أ", "الأولى"), ("ب", "الثانية"), ("ج", "الثالثة"))]
EPISODES = [f"مذكرات الفنانة الكبيرة ({n}): عنوان الحلقة رقم {n} عن أيام الطفولة" for n in range(2, 6)]


@pytest.mark.parametrize(
    "items",
    [SCHEDULE, ARTICLES, GROUPS, NUMBERED, LETTERED],
    ids=["times", "numbered articles", "lettered groups", "numbered items", "lettered items"],
)
@pytest.mark.parametrize("intro", [[INTRO], []], ids=["introduced", "not introduced"])
def test_a_list_closing_the_article_stays(items: list[str], intro: list[str]) -> None:
    text = "\n".join([P, *intro, *items])
    assert boilerplate(text) == text


@pytest.mark.parametrize(
    "intro",
    [
        "وحدد المنظمون أيام الملتقى على النحو التالي:",
        # short intros that could pass for a bare name with a colon (second review)
        "وجاء البرنامج كما يلي:",
        "وجاءت النتائج كالتالي:",
        "وتشمل القائمة:",
    ],
)
def test_a_list_the_article_introduces_with_a_colon_stays(intro: str) -> None:
    text = "\n".join([P, intro, *DAYS])
    assert boilerplate(text) == text


@pytest.mark.parametrize("profile", PROFILES)
def test_the_review_schedule_stays_in_every_profile(profile: str) -> None:
    text = "قال المنظمون إن المؤتمر سيعقد في العاصمة بمشاركة واسعة.\n" + "\n".join([INTRO, *SCHEDULE])
    once = cleaner.clean(text, profile=profile)
    assert all(time in once for time in ("10:00", "11:00", "12:30"))
    assert cleaner.clean(once, profile=profile) == once


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([P, Q, *EPISODES], [P, Q]),  # links to the other episodes of a series: furniture
        ([P, *DAYS], [P]),  # the same shape, not introduced: a series
        ([P, *EPISODES, f"{P} {Q}"], [P, *EPISODES, f"{P} {Q}"]),  # a paragraph under it: it closes nothing
    ],
)
def test_a_closing_series_of_episodes_still_goes(lines: list[str], expected: list[str]) -> None:
    assert _kept("\n".join(lines)) == expected


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(
    "lines",
    [
        [P, INTRO, *SCHEDULE],
        [P, "وحدد المنظمون أيام الملتقى على النحو التالي:", *DAYS],
        [P, "البرنامج:", *DAYS],  # a label a later step may free of its colon
        [P, "المصدر: وكالات", *DAYS],  # apparatus above the list (strict drops it)
        [P, "وحدد المنظمون أيام الملتقى على النحو التالي:", "المصدر: وكالات", *DAYS],
        [P, *EPISODES],
    ],
)
def test_closing_lists_are_idempotent(lines: list[str], profile: str) -> None:
    once = cleaner.clean("\n".join(lines), profile=profile)
    assert cleaner.clean(once, profile=profile) == once


# --- 2. A related prompt standing alone takes headlines, not the article's text after them ------

HEADLINES = ["وفاة ممثل مسرحي كبير عن عمر يناهز التسعين", "من هم أبرز نجوم المسرح العربي؟",
             "مهرجان القاهرة يكرم رواد الفن: جوائز وتكريمات"]


@pytest.mark.parametrize(
    "article",
    [
        "ولم تخل أعماله التلفزيونية من أدوار بارزة منها:",  # introduces what follows
        "إذاً، ما سبب غيابه الطويل عن الشاشة في السنوات الأخيرة؟",  # a connective and a comma
        "لكن الفنان عاد إلى المسرح في عرض جديد",  # a connective
        "وقال المخرج إن العرض سيستمر شهرا كاملا",  # a sentence opener
        "وقائمة الأعمال التي شارك فيها طويلة:",  # ends with a colon
        "من جهة أخرى قرر الفنان الابتعاد عن الشاشة",  # a connective phrase (second review)
        "وفي المقابل عاد الفنان إلى المسرح",
    ],
)
def test_a_standalone_prompt_stops_at_the_articles_text(article: str) -> None:
    text = "\n".join([P, "اقرأ أيضاً:", *HEADLINES, article, Q])
    assert _kept(text) == [P, article, Q]


@pytest.mark.parametrize(
    "headline",
    [
        "من هم أبرز نجوم المسرح العربي؟",  # a question is a headline too
        "دميرتاش: المرشح الذي يخوض الانتخابات من خلف القضبان",
        "وفاة ممثل مسرحي كبير",  # a word opening with "و"
        "واشنطن تفرض عقوبات جديدة",
    ],
)
def test_a_standalone_prompt_still_takes_its_headlines(headline: str) -> None:
    lines = [P, "اقرأ أيضاً:", headline, HEADLINES[0], Q]
    assert classify_boilerplate(lines) == [False, True, True, True, False]


def test_the_review_case_keeps_the_line_after_the_headlines() -> None:
    text = "\n".join([
        "وقدم الراحل عشرات الأفلام التي لاقت نجاحا كبيرا.", "اقرأ أيضا:", "وفاة الممثل المصري نور الشريف",
        "رحيل الممثل المصري حسن مصطفى", "ولم تخل الدراما المصرية من مشاركته في أعمال غاية في الأهمية منها:",
        "أحلام الفتى الطائر وزينب والعرش وغيرها العديد من المسلسلات.",
    ])
    out = cleaner.clean(text, profile="preserve")
    assert "ولم تخل الدراما" in out and "وفاة الممثل" not in out


# --- 3. Short article lines opening with a common verb stay; widgets of that verb go -------------


@pytest.mark.parametrize(
    "line",
    [
        "شارك على الأقل 500 شخص في المسيرة",
        "شارك على مدى يومين آلاف الطلاب",
        "شَارَكَ على الأقل 500 شخص في المسيرة",  # vocalised
        "اشترك في الحملة آلاف المتطوعين من مختلف المحافظات",
        "اشتركوا في تنظيم المهرجان مع البلدية",
        "نقلا عن مصادر مطلعة: الحكومة ستستقيل غدا",
        "نقلا عن الوزير، فإن الخطة جاهزة",
        "حمل تطبيق الشرطة الجديد أكثر من مليون مستخدم",
        "حملوا تطبيق القانون مسؤولية التأخير في الأحكام",
        "مشاركة على نطاق واسع في الانتخابات",
        "مشاركة على مستوى الوزراء في القمة",
    ],
)
@pytest.mark.parametrize("profile", ["default", "preserve"])
def test_an_article_line_opening_with_a_common_verb_stays(line: str, profile: str) -> None:
    out = cleaner.clean(f"{P}\n{line}\n{Q}", profile=profile)
    assert cleaner.clean(line, profile=profile).strip() in out
    assert len([x for x in out.split("\n") if x.strip()]) == 3


@pytest.mark.parametrize(
    "widget",
    [
        "شارك على فيسبوك",
        "شارك على: فيسبوك | تويتر | واتساب",
        "شارك على فيسبوك وتويتر",
        "شـارك علـى تويتر",  # tatweel
        "شَارِكْ على فيسبوك",  # vocalised
        "شارك على",
        "مشاركة على Facebook Twitter",
        "شارك على مواقع التواصل الاجتماعي",
        "اشترك في النشرة البريدية",
        "اشترك في قناتنا على يوتيوب",
        "اشتركوا في خدمة الرسائل القصيرة",
        "حمل تطبيق الموقع على أندرويد وآيفون",
        "حمل تطبيق الصحيفة",
        "حمّل تطبيق الموقع على أندرويد",
        "حملوا تطبيق الصحيفة من متجر جوجل بلاي",
        "حمل تطبيق الموقع https://example.com/app",
        "نقلا عن الأيام البحرينية",
        "*نقلاً عن اليوم السابع المصرية",
        "نقلا عن: وكالة الأنباء",
        "تابعونا على فيسبوك",
        "شارك المقال",
        "اشترك الآن",
    ],
)
@pytest.mark.parametrize("profile", ["default", "preserve"])
def test_a_widget_line_of_those_verbs_still_goes(widget: str, profile: str) -> None:
    out = cleaner.clean(f"{P}\n{widget}\n{Q}", profile=profile)
    assert len([x for x in out.split("\n") if x.strip()]) == 2


# --- 5. A tail widget that is a common noun takes a tag list, not a sentence ----------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("وقال المتحدث إن الاجتماع كان مثمرا. سمات القائد الناجح كثيرة ومنها الحزم والمرونة",) * 2,
        ("انتهى العرض. سمات هذا الجيل تختلف عن سابقه",) * 2,
        ("وأنهى الفريق الموسم. سمات اللاعب المحترف في الملعب",) * 2,
        ("انتهى العرض. سِمَات القائد كثيرة ومنها الحزم",) * 2,  # vocalised
        # tags after the end of a sentence still go
        ("وانتهى الموسم بفوز الفريق. سمات الفريق الأول الدوري", "وانتهى الموسم بفوز الفريق."),
        ("وانتهى الموسم بفوز الفريق. سمات: الدوري، الكأس، النادي", "وانتهى الموسم بفوز الفريق."),
        ("وانتهى الموسم بفوز الفريق. وسوم الفريق في الدوري", "وانتهى الموسم بفوز الفريق."),  # a tag label only
    ],
)
def test_a_tail_widget_of_a_common_noun(line: str, expected: str) -> None:
    assert boilerplate(line) == expected


@pytest.mark.parametrize("profile", PROFILES)
def test_the_review_tail_case_keeps_its_sentence(profile: str) -> None:
    out = cleaner.clean("وقال المتحدث إن الاجتماع كان مثمرا. سمات القائد الناجح كثيرة ومنها الحزم والمرونة", profile=profile)
    assert "الناجح" in out and "والمرونه" in out.replace("ة", "ه")


# --- 13. Navigation dressed as a heading goes in the first run ----------------------------------


@pytest.mark.parametrize(
    "nav",
    ["■ Next Previous", "Next Previous:", "** Next Previous **", "## Previous Next ##", "• Next Previous •",
     "Next Previous", "- More Sharing Services:", "[Next Previous]"],
)
@pytest.mark.parametrize("profile", PROFILES)
def test_navigation_dressed_as_a_heading_goes_in_one_run(nav: str, profile: str) -> None:
    once = cleaner.clean(f"{P}\n{nav}\n{Q}", profile=profile)
    assert "Next" not in once and "Sharing" not in once
    assert cleaner.clean(once, profile=profile) == once


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Next Previous فلان الفلاني – جدة", "فلان الفلاني – جدة"),  # navigation before a byline: it alone goes
        ("Next Previous 2024", "2024"),  # a digit is no decoration
        ("Next Previous 🙂", "🙂"),  # nor an emoji: the navigation alone goes
    ],
)
def test_navigation_with_more_than_decoration(line: str, expected: str) -> None:
    assert boilerplate(line) == expected


# --- Minor: a glued related headline ends before the sentence that follows it --------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "وذلك عبر بوابة القبول الموحد.   اقرأ أيضاًالمجتمعأمير المنطقة يطلع على برنامج لتأهيل وتوظيف ذوي"
            " الإعاقة كما تم فتح باب التقديم للبنات عبر البوابة نفسها",
            "وذلك عبر بوابة القبول الموحد. كما تم فتح باب التقديم للبنات عبر البوابة نفسها",
        ),
        (  # a verb in the present still ends the headline
            "نص الخبر هنا.  اقرأ أيضاًالعالمعنوان خبر عن حدث آخر وتوفر الوزارة خدمات جديدة.",
            "نص الخبر هنا. وتوفر الوزارة خدمات جديدة.",
        ),
    ],
)
def test_a_glued_headline_takes_its_verbal_nouns(line: str, expected: str) -> None:
    assert boilerplate(line) == expected
    assert glued_spans(expected) == []


# --- Every profile stays idempotent on texts built from the lines these rules look at -------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_LINES = [
    P, Q, f"{P} {Q}", INTRO, "البرنامج:", "المصدر: وكالات", "اقرأ أيضاً:", "شكرا", "محمد أحمد علي", "",
    *SCHEDULE, *ARTICLES[:2], *GROUPS[:2], *DAYS, *EPISODES[:3], *HEADLINES,
    "ولم تخل أعماله التلفزيونية من أدوار بارزة منها:", "إذاً، ما سبب غيابه الطويل عن الشاشة؟",
    "شارك على الأقل 500 شخص في المسيرة", "شارك على فيسبوك وتويتر", "اشترك في النشرة البريدية",
    "اشترك في الحملة آلاف المتطوعين", "حمل تطبيق الموقع على أندرويد", "حمل تطبيق الشرطة الجديد أكثر من مليون مستخدم",
    "نقلا عن الأيام البحرينية", "نقلا عن مصادر مطلعة: الحكومة ستستقيل غدا", "■ Next Previous", "Next Previous:",
    "وانتهى الموسم. سمات القائد الناجح كثيرة ومنها الحزم", "وانتهى الموسم. سمات الفريق الأول الدوري",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=9), st.sampled_from(PROFILES))
def test_texts_of_these_lines_are_idempotent(lines: list[str], profile: str) -> None:
    once = cleaner.clean("\n".join(lines), profile=profile)
    assert cleaner.clean(once, profile=profile) == once
