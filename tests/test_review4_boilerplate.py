"""Review 4 of `boilerplate`: the defects it found, each as a table of inputs and expected outputs.

[2] a sentence that mentions a copyright notice stays; [3] a lead under a standalone prompt is not a
headline; [9] a run of spaces or tabs counts as one space (as `whitespace` leaves it); [13]
navigation tokens go inside a paragraph too; [14] English subscribe/join/related prompts; [15] a
related prompt inside a paragraph goes with its headline where the headline's end is certain.
"""

from __future__ import annotations

import pytest

import cleaner
from cleaner.normalizers.boilerplate import boilerplate, glued_spans, line_kind

BEFORE = "الفقرة الأولى من الخبر تنتهي بنقطة."
AFTER = "وقال وزير الزراعة إن الخطة ستنفذ على ثلاث مراحل تبدأ الشهر المقبل."
PROFILES = ("default", "strict", "preserve")


def _stable(text: str) -> None:
    """Every profile gives its own output back on a second run."""
    for profile in PROFILES:
        once = cleaner.clean(text, profile=profile)
        assert cleaner.clean(once, profile=profile) == once, profile


# --- [2] A copyright notice goes with a notice's shape only ------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "وقال المحامي إن عبارة جميع الحقوق محفوظة لا تكفي وحدها لحماية العمل من السرقة.",
        "وأوضح الخبير أن الرمز © يعني أن العمل محمي بحقوق المؤلف.",
        "جميع الحقوق محفوظة لا تكفي وحدها لحماية الكتاب من النسخ.",
        "وأضاف أن كل الحقوق محفوظة للمؤلفين بموجب القانون الجديد.",
        "The © symbol means the work is protected by law.",
    ],
)
def test_a_sentence_that_mentions_a_copyright_notice_stays(sentence: str) -> None:
    assert line_kind(sentence) is None
    text = f"{BEFORE}\n{sentence}\n{AFTER}"
    assert boilerplate(text) == text
    _stable(text)


@pytest.mark.parametrize(
    "notice",
    [
        "جميع الحقوق محفوظة © 2024",
        "© 2024 موقع الأخبار",
        "موقع الأخبار © 2024",
        "2024 © جميع الحقوق محفوظة لموقع الأخبار",
        "حقوق النشر محفوظة لجميع الصور الواردة في الموقع.",
        "** كل الحقوق محفوظة **",
        "Copyright © 2024 Example News. All rights reserved.",
        "All rights reserved to Example News 2024",
        "(c) 2024 Example News",
    ],
)
def test_a_copyright_notice_goes(notice: str) -> None:
    assert boilerplate(f"{BEFORE}\n{notice}\n{AFTER}") == f"{BEFORE}\n{AFTER}"


# --- [3] Under a standalone prompt, a lead is not a headline ------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "lead"),
    [
        ("اقرأ أيضاً:", "وصل الرئيس الأمريكي إلى الرياض اليوم في زيارة تستغرق يومين يلتقي خلالها كبار المسؤولين"),
        ("للمزيد:", "قال الرئيس في كلمته إن بلاده لن تتراجع عن موقفها"),
        ("ذات صلة", "أعلنت وزارة الصحة تسجيل عشر إصابات جديدة بالفيروس في العاصمة"),
        ("قد يهمك", "أكد المتحدث باسم الحكومة أن الانتخابات ستجرى في موعدها"),
        # 17 words: longer than a related headline is
        ("اقرأ أيضا:", "الحكومة الجديدة تعقد اجتماعها الأول في العاصمة لبحث خطة شاملة لدعم المزارعين في المناطق الريفية والنائية هذا العام"),
    ],
)
def test_a_lead_under_a_standalone_prompt_stays(prompt: str, lead: str) -> None:
    text = f"{BEFORE}\n{prompt}\n{lead}\n{AFTER}"
    assert boilerplate(text) == f"{BEFORE}\n{lead}\n{AFTER}"
    _stable(text)


@pytest.mark.parametrize(
    "headlines",
    [
        ["الخارجية تستدعي السفير بسبب اختفاء الصحفي", "الرئيس يصف قرار المحكمة بأنه خطوة متسرعة"],
        ["مصر تستضيف القمة العربية المقبلة في شرم الشيخ"],
        ["ليبيا: رئيس الحكومة يتفق مع قائد الجيش على التعاون لإنهاء الانقسام السياسي في البلاد قبل الانتخابات"],
        ["من هم الأكراد؟", "حقائق عن إقليم كردستان", "هل يؤثر انسحاب واشنطن من الاتفاق على الدول العربية؟"],
    ],
)
def test_related_headlines_under_a_standalone_prompt_still_go(headlines: list[str]) -> None:
    text = "\n".join([BEFORE, "اقرأ أيضاً:", *headlines, AFTER])
    assert boilerplate(text) == f"{BEFORE}\n{AFTER}"


# --- [9] A run of spaces or tabs counts as one space --------------------------------------------------


@pytest.mark.parametrize(
    "furniture",
    [
        "اقرأ أيضا    - وزير الصحة يعلن خطة جديدة لمكافحة الأوبئة في المدن الكبرى والقرى الصغيرة خلال هذا العام",
        "اقرأ أيضا\t\t\t- وزير الصحة يعلن خطة جديدة لمكافحة الأوبئة في المدن الكبرى والقرى الصغيرة خلال هذا العام",
        "اقرأ أيضا \t \t - وزير الصحة يعلن خطة جديدة لمكافحة الأوبئة في المدن الكبرى والقرى الصغيرة خلال هذا العام",
        "اقرأ      أيضا: وزير الصحة يعلن خطة جديدة",
        "*            اقرأ أيضا:",
        "جميع      الحقوق محفوظة",
        "تابعونا      على فيسبوك",
        "قد\tيهمك",
    ],
)
def test_a_furniture_line_with_a_run_of_spaces_goes_in_the_first_run(furniture: str) -> None:
    text = f"{BEFORE}\n{furniture}\n{AFTER}"
    assert boilerplate(text) == f"{BEFORE}\n{AFTER}"
    _stable(text)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "نص الخبر هنا.      اقرأ      أيضاًالعالمعنوان خبر عن حدث آخر كما أعلنت الوزارة أمس.",
            "نص الخبر هنا. كما أعلنت الوزارة أمس.",
        ),
        # the runs elsewhere in the line are the `whitespace` step's: kept here
        (
            "نص   الخبر هنا.  اقرأ    أيضاًالعالمعنوان خبر عن حدث آخر كما أعلنت  الوزارة أمس.",
            "نص   الخبر هنا. كما أعلنت  الوزارة أمس.",
        ),
        ("وانتهى  الموسم بفوز الفريق.     سمات    الفريق الأول الدوري", "وانتهى  الموسم بفوز الفريق."),
    ],
)
def test_a_glued_widget_in_a_line_with_runs_of_spaces(line: str, expected: str) -> None:
    assert boilerplate(line) == expected
    _stable(line)


def test_boilerplate_keeps_the_runs_of_spaces_of_the_lines_it_keeps() -> None:
    text = f"نص  الخبر   هنا.\nاقرأ     أيضا: عنوان آخر\n{AFTER}"
    assert boilerplate(text) == f"نص  الخبر   هنا.\n{AFTER}"


# --- [13] Navigation tokens go wherever they stand -----------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "وأكد الوزير أن الخطة جاهزة.Share on facebookShare on twitterShare on emailMore Sharing Servicesوقال المتحدث إن التنفيذ يبدأ غدا.",
            "وأكد الوزير أن الخطة جاهزة. وقال المتحدث إن التنفيذ يبدأ غدا.",
        ),
        (
            "وأكد الوزير أن الخطة جاهزة. Share on facebook  Share on twitter وقال المتحدث إن التنفيذ يبدأ غدا.",
            "وأكد الوزير أن الخطة جاهزة. وقال المتحدث إن التنفيذ يبدأ غدا.",
        ),
        ("انتهت المباراة بالتعادل.Next Previousوبدأ الموسم الجديد.", "انتهت المباراة بالتعادل. وبدأ الموسم الجديد."),
        ("وأكد الوزير أن الخطة جاهزة More Sharing Services", "وأكد الوزير أن الخطة جاهزة"),
        # English prose, a token running into a longer word, a prefix joined by a tatweel: they stay
        ("You can share on Facebook and Twitter the photos of the event.", None),
        ("It was a great match. Share on Facebook if you liked it.", None),
        ("وقال.Share on printers is cheaper now", None),
        ("بـNext Previous", None),
    ],
)
def test_navigation_inside_a_paragraph(line: str, expected: str | None) -> None:
    assert boilerplate(line) == (line if expected is None else expected)
    _stable(line)


# --- [14] English prompts are whole-line furniture -----------------------------------------------------


@pytest.mark.parametrize(
    "furniture",
    [
        "Subscribe to our newsletter",
        "Subscribe now",
        "Subscribe now!",
        "Join our Telegram channel",
        "Join our Telegram channel: t.me/example",
        "Related: Minister announces a new plan for farmers",
    ],
)
def test_an_english_prompt_line_goes(furniture: str) -> None:
    assert boilerplate(f"{BEFORE}\n{furniture}\n{AFTER}") == f"{BEFORE}\n{AFTER}"


@pytest.mark.parametrize(
    "prose",
    [
        "Subscribe now and you will receive the full report of the ministry next week by mail.",
        "Related to this, the minister said the plan will be announced next week in the capital city.",
        "The readers who subscribe to our newsletter every week receive the full report.",
    ],
)
def test_english_prose_that_opens_like_a_prompt_stays(prose: str) -> None:
    text = f"{BEFORE}\n{prose}\n{AFTER}"
    assert boilerplate(text) == text


# --- [15] A related prompt inside a paragraph ----------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # glued to its headline, the headline glued to the next sentence's verb of saying
        (
            "زار الوفد المعرض. اقرأ أيضاًمصر تستضيف القمة العربية المقبلة في شرم الشيخوأكد الوزير أن التحضيرات جارية.",
            "زار الوفد المعرض. وأكد الوزير أن التحضيرات جارية.",
        ),
        # after a sentence, with its separator: the headline ends at its full stop
        (
            "وأكدت الوزارة أن الخدمة متاحة للجميع عبر البوابة. اقرأ أيضا: القبض على 3 مقيمين في الرياض. وتوفر البوابة خدمات أخرى للمستفيدين.",
            "وأكدت الوزارة أن الخدمة متاحة للجميع عبر البوابة. وتوفر البوابة خدمات أخرى للمستفيدين.",
        ),
        (
            "وأكدت الوزارة أن الخدمة متاحة للجميع. اقرأ أيضا: القبض على 3 مقيمين في الرياض.",
            "وأكدت الوزارة أن الخدمة متاحة للجميع.",
        ),
        # no headline end for certain: the prompt and its separator go, the text after it stays
        (
            "زار الوفد المعرض. للمزيد: حيث عرضت الشركات الوطنية منتجاتها الجديدة أمام الزوار الذين توافدوا من مختلف المدن "
            "والقرى طوال أيام المعرض الثلاثة وسط إقبال كبير لم يشهده المعرض من قبل",
            "زار الوفد المعرض. حيث عرضت الشركات الوطنية منتجاتها الجديدة أمام الزوار الذين توافدوا من مختلف المدن "
            "والقرى طوال أيام المعرض الثلاثة وسط إقبال كبير لم يشهده المعرض من قبل",
        ),
        (
            "زار الوفد المعرض. اقرأ أيضا: اقرأ أيضا: اقرأ أيضا: حيث عرضت الشركات الوطنية منتجاتها الجديدة أمام الزوار الذين "
            "توافدوا من مختلف المدن والقرى طوال أيام المعرض الثلاثة وسط إقبال كبير لم يشهده المعرض من قبل أبدا",
            "زار الوفد المعرض. حيث عرضت الشركات الوطنية منتجاتها الجديدة أمام الزوار الذين "
            "توافدوا من مختلف المدن والقرى طوال أيام المعرض الثلاثة وسط إقبال كبير لم يشهده المعرض من قبل أبدا",
        ),
        # a sentence opener right after the prompt: no headline, the prompt alone goes
        ("زار الوفد المعرض. اقرأ أيضا: وقال الوزير إن التحضيرات جارية.", "زار الوفد المعرض. وقال الوزير إن التحضيرات جارية."),
        # a phrase opening a longer word ("اخترنا لك" in "اخترنا لكم"): not a glued prompt
        ("اخترنا لكم أبرز اللاعبين الذين يغيبون عن البطولة المقبلة في الصيف.", None),
        ("زار الوفد المعرض. اخترنا لكم أبرز اللاعبين الذين يغيبون عن البطولة المقبلة.", None),
        # glued to a letter with no clear end (no opener, the full stop 16 words on): left as it is
        (
            "زار الوفد المعرض. اقرأ أيضاًمصر تستضيف القمة العربية المقبلة في شرم الشيخ حيث تجري التحضيرات منذ أشهر "
            "بمشاركة واسعة من الوزارات.",
            None,
        ),
        # the words inside a sentence: left as they are
        ("قال إن للمزيد من التفاصيل موعدا آخر.", None),
        ("انتهى الاجتماع. للمزيد من المعلومات يمكن زيارة الموقع.", None),
        # a name ending in "وكان" is no glued verb
        (
            "زار الوفد المعرض. اقرأ أيضاًحرية الصحافة للمصور المعتقل شوكان حتى الآن بلا محاكمة عادلة رغم المطالبات "
            "الدولية المتكررة بالإفراج عنه فورا.",
            None,
        ),
    ],
)
def test_a_related_prompt_inside_a_paragraph(line: str, expected: str | None) -> None:
    assert boilerplate(line) == (line if expected is None else expected)
    _stable(line)


def test_glued_spans_name_the_prompt_and_its_headline() -> None:
    line = "زار الوفد المعرض. اقرأ أيضاًمصر تستضيف القمة العربية المقبلة في شرم الشيخوأكد الوزير أن التحضيرات جارية."
    assert [line[s:e] for s, e in glued_spans(line)] == ["اقرأ أيضاًمصر تستضيف القمة العربية المقبلة في شرم الشيخ"]
