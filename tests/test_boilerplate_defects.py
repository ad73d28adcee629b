"""Review defects 1, 2, 3, 5 and 13 of ``boilerplate`` and the glued related-headline end: article
text that looked like furniture was removed, and furniture dressed as a heading took two runs; and
issue 4 (boilerplate recall): other stories' leads and notes about the text closing the article.

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


# --- Issue 4: other stories' leads closing the article, and notes about the text ----------------------
#
# A page lists other stories under the article by their leads: a verb or a noun first, the weekday
# between commas after the subject, often cut inside a word. The article's own closing paragraphs
# open with connectives, or have no lead's marks, or run longer than a block of leads.

# The article (its own paragraphs: the last opens with "و", or is a background clause).
BODY = [
    "أعلنت وزارة الصحة، الأحد، عن خطة جديدة لتطوير المستشفيات الحكومية في المحافظات خلال العامين المقبلين.",
    "وقال الوزير في مؤتمر صحفي إن الخطة تشمل بناء عشرة مستشفيات جديدة وتحديث الأجهزة الطبية في المستشفيات القائمة.",
    "وأضاف أن الحكومة خصصت ميزانية كبيرة للمشروع الذي يستفيد منه ملايين المواطنين في المناطق النائية.",
]
# Leads of other stories (made up here): weekday marks, a cut line, a bare verb, a number first.
LEADS = [
    "قال رئيس الوزراء، فلان الفلاني، الاثنين، إن الحكومة ستطرح حزمة جديدة من الإصلاحات الاقتصادية خلال الأسابيع المقبلة لدعم الشركات الصغيرة.",
    "أكدت وزارة الخارجية، الاثنين، أن الأنباء التي تم تداولها عن استدعاء السفير غير صحيحة، مشيرة إلى أن العلاقات بين البلدين تشهد تطورا مستمرا في مجالات",
    "وافق مجلس النواب على مشروع قانون جديد لتنظيم الاستثمار الأجنبي بعد نقاشات استمرت عدة أسابيع بين الكتل النيابية.",
    "فاز المنتخب الوطني على نظيره بثلاثة أهداف مقابل هدف في المباراة الودية التي أقيمت في العاصمة مساء أمس.",
    "3 ملفات تصدرت المكالمة الهاتفية بين الرئيسين، السبت، حسبما أعلن المتحدث الرسمي باسم الرئاسة في بيان صحفي مقتضب نشره على",
]


def test_a_block_of_other_stories_leads_closing_the_article_goes() -> None:
    assert _kept("\n".join(["عنوان الخبر", *BODY, *LEADS])) == ["عنوان الخبر", *BODY]
    # three are enough (two of them with a lead's mark), and a blank line before them changes nothing
    assert _kept("\n".join([*BODY, "", *LEADS[:3]])) == BODY


@pytest.mark.parametrize("profile", PROFILES)
def test_the_leads_go_in_every_profile_in_one_run(profile: str) -> None:
    text = "\n".join(["عنوان الخبر", *BODY, *LEADS])
    once = cleaner.clean(text, profile=profile)
    assert "مجلس النواب" not in once and "المستشفيات" in once
    assert cleaner.clean(once, profile=profile) == once


def test_the_block_is_told_by_its_own_lines() -> None:
    # A text made only of such lines (a "news in brief" record) is the content: it stays (no article
    # text above them). Under a title they stay too.
    assert _kept("\n".join(LEADS)) == LEADS
    assert _kept("\n".join(LEADS[:3])) == LEADS[:3]
    assert _kept("\n".join(["عنوان الخبر", *LEADS[:4]])) == ["عنوان الخبر", *LEADS[:4]]
    assert _kept("\n".join([*BODY, "يوم السبت 7 نوفمبر من الساعة الثامنة صباحا إلى الساعة الثانية بعد الظهر في المناطق التالية.", *LEADS[:3]])) == [
        *BODY, "يوم السبت 7 نوفمبر من الساعة الثامنة صباحا إلى الساعة الثانية بعد الظهر في المناطق التالية."]


@pytest.mark.parametrize("above", ["اقرأ أيضاً:", "علماً أن الموقع لا يمكنه التأكد من صحة المعلومات المتناقلة عبر مواقع التواصل الاجتماعي."])
def test_furniture_between_the_article_and_the_leads_goes_with_them(above: str) -> None:
    assert _kept("\n".join([*BODY, above, *LEADS])) == BODY


# Article text of the same shape that must stay.
UNMARKED = [  # bare verbs, no weekday, finished sentences: the article telling its story
    "لم يحدد الوزير موعدا لافتتاح أول المستشفيات، لكنه توقع أن يكون ذلك قبل نهاية العام المقبل.",
    "قال الوزير إن المشروع سيبدأ في الربع الأول من العام المقبل بعد استكمال الدراسات الفنية اللازمة.",
    "أشار إلى أن الحكومة ستتابع تنفيذ المشروع عبر لجنة خاصة تضم ممثلين عن الوزارات المعنية كافة.",
    "شدد على أهمية التعاون بين القطاعين العام والخاص في تمويل المستشفيات الجديدة وإدارتها.",
]
ROUNDUP = [  # six leads in a row: the article's own round-up of the day's news, not a block of teasers
    "أعلنت الحكومة، الأحد، عن زيادة رواتب العاملين في القطاع العام بنسبة عشرة في المئة اعتبارا من الشهر المقبل.",
    "قررت المحكمة، الأحد، تأجيل النظر في القضية إلى جلسة الشهر المقبل لاستكمال الاستماع إلى الشهود.",
    "افتتح وزير النقل، الأحد، الطريق السريع الجديد الذي يربط العاصمة بالمدن الساحلية في الجنوب.",
    "استقبل الرئيس، الأحد، وفدا من رجال الأعمال لبحث فرص الاستثمار في قطاعي الطاقة والسياحة.",
    "وقعت الحكومة، الأحد، اتفاقية مع البنك الدولي لتمويل مشروعات المياه والصرف الصحي في القرى.",
    "أطلقت وزارة التعليم، الأحد، منصة إلكترونية جديدة لتسجيل الطلاب في المدارس الحكومية.",
]


@pytest.mark.parametrize(
    "lines",
    [
        [*BODY, *UNMARKED],  # lead-shaped closing paragraphs without a lead's marks
        [*BODY, *ROUNDUP],  # a longer run: the article's own list
        ["عنوان الخبر", *LEADS[:4]],  # under a title: a short article's own paragraphs
        [*BODY, "تشمل الخطة:", *[f"- {w}" for w in ("مستشفيات جديدة", "أجهزة حديثة", "أطباء جدد")], *LEADS[:3]],  # under a list
        [*BODY[:1], *LEADS[:2], *BODY[1:]],  # leads inside the article, with its text after them
        [*BODY, *LEADS[2:4], LEADS[0]],  # three lead-shaped lines, one with a lead's mark
        [*BODY, *[f"{n}. {line}" for n, line in enumerate(LEADS[:3], 1)]],  # a numbered list
        [*BODY, *[f"المرحلة {w}: {line}" for w, line in zip(("الأولى", "الثانية", "الثالثة"), LEADS)]],  # labelled items
    ],
    ids=["unmarked", "six in a row", "under a title", "under a list", "inside", "one mark", "numbered", "labelled"],
)
@pytest.mark.parametrize("profile", PROFILES)
def test_article_text_shaped_like_leads_stays(lines: list[str], profile: str) -> None:
    text = "\n".join(lines)
    assert boilerplate(text) == text
    once = cleaner.clean(text, profile=profile)
    assert cleaner.clean(once, profile=profile) == once
    assert len([line for line in once.split("\n") if line.strip()]) == len(lines)


NOTES = [
    "علماً أن الموقع لا يمكنه التأكد من صحة المعلومات المتناقلة عبر مواقع التواصل الاجتماعي.",
    "ويشار إلى أن الشبكة لا يمكنها التحقق بشكل مستقل من الأنباء التي يتم تداولها عبر وسائل التواصل.",
]


@pytest.mark.parametrize("note", NOTES)
def test_a_note_about_the_text_closing_it_goes(note: str) -> None:
    assert _kept("\n".join([*BODY, note])) == BODY
    assert _kept("\n".join([*BODY, note, *LEADS])) == BODY  # above the leads
    assert _kept("\n".join([*BODY, *LEADS, note])) == BODY  # under them
    # under a repeat of an earlier paragraph (duplicate_paragraphs drops it): in one run
    once = cleaner.clean("\n".join([*BODY, note, BODY[0]]), profile="default")
    assert "التواصل" not in once and cleaner.clean(once, profile="default") == once


@pytest.mark.parametrize("lines", [LEADS, LEADS[:3], NOTES[:1], NOTES, ["", *LEADS[1:4], " "]], ids=["5", "3", "note", "notes", "blank"])
@pytest.mark.parametrize("profile", PROFILES)
def test_a_text_of_leads_or_notes_alone_is_content(lines: list[str], profile: str) -> None:
    # A "news in brief" record: no article text above the block, nothing goes (whole or streamed).
    text = "\n".join(lines)
    assert boilerplate(text) == text
    once = cleaner.clean(text, profile=profile)
    assert len([line for line in once.split("\n") if line.strip()]) == len([line for line in lines if line.strip()])


@pytest.mark.parametrize(
    "lines",
    [
        [BODY[0], NOTES[0], *BODY[1:]],  # inside the article: the article's own sentence
        [*BODY, "ولم يتسن التأكد من دقة هذه الأعداد من مصادر مستقلة."],  # not about social media
        [*BODY, "وتداول ناشطون على مواقع التواصل مقطعا لم يتسن التأكد منه. وقال شهود إن الشرطة فرقت المحتجين."],
        [*BODY, "وقالت الوزارة إنها لا يمكنها التحقق من صحة ما يتم تداوله عبر مواقع التواصل الاجتماعي بشأن عدد الضحايا في الحادث الذي وقع أمس قرب الحدود الشمالية."],
    ],
    ids=["inside", "not social media", "two sentences", "too long"],
)
def test_article_sentences_like_that_note_stay(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert boilerplate(text) == text


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
    *BODY, *LEADS, *UNMARKED, *ROUNDUP[:3], *NOTES,
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=9), st.sampled_from(PROFILES))
def test_texts_of_these_lines_are_idempotent(lines: list[str], profile: str) -> None:
    once = cleaner.clean("\n".join(lines), profile=profile)
    assert cleaner.clean(once, profile=profile) == once


@pytest.mark.parametrize("closing", [NOTES[:1], LEADS[:3], [*LEADS[:3], NOTES[0]]], ids=["note", "leads", "leads and note"])
@pytest.mark.parametrize("signature", [["محمد أحمد علي"], ["المصدر: وكالات", "محمد أحمد علي"]], ids=["name", "source and name"])
@pytest.mark.parametrize("profile", PROFILES)
def test_a_signature_closing_the_text_does_not_shield_the_block(closing: list[str], signature: list[str], profile: str) -> None:
    """A bare name under the block is looked past: ``strict`` drops it where it closes the text, so a
    second run would otherwise find the block closing it (found by the property above)."""
    once = cleaner.clean("\n".join([*BODY, *closing, *signature]), profile=profile)
    assert cleaner.clean(once, profile=profile) == once
    assert not any(cleaner.clean(line, profile=profile).strip() in once for line in closing)
