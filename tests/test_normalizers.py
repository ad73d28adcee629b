"""The core normalizers, specified by tables of real inputs and expected outputs."""

from __future__ import annotations

import pytest

from cleaner.registry import REGISTRY, get

ZWSP, ZWNJ, LRM, RLM, ALM, BOM, NBSP = "\u200b", "\u200c", "\u200e", "\u200f", "\u061c", "\ufeff", "\u00a0"


def run(name: str, text: str, **params: object) -> str:
    return get(name).func(text, **params)


def table(name: str, cases: list[tuple[str, str]], ids: list[str] | None = None):  # noqa: ANN201
    return pytest.mark.parametrize(("given", "expected"), cases, ids=ids)


# --- cms_markers -------------------------------------------------------------------------------

CMS_CASES = [
    ("p1\n[[system-code:ad:autoads]]\np2", "p1\np2"),  # a marker line goes with its line
    ("فقرة\n  [[system-code:ad:autoads]]  [[system-code:ad:x]]\t\nفقرة", "فقرة\nفقرة"),
    ("قبل [[system-code:ad:autoads]] بعد", "قبل  بعد"),
    ("قبل[[system-code:ad:autoads]]بعد", "قبل بعد"),  # never glue two words
    ("نهاية.[[system-code:ad:x]]", "نهاية."),
    ("[[sys[[system-code:ad:autoads]]tem-code:ad:x]]", ""),  # fragments joined into a new marker
    ("[[sys[[system-code:ad:autoads]]tem-code:ad:x]] نص", " نص"),
    ("[[sys[[sys[[system-code:a]]tem-code:b]]tem-code:c]]", ""),
    ("وكلمة [[ فرمان ]] العثمانية", "وكلمة [[ فرمان ]] العثمانية"),  # editorial brackets stay
    ("[[system-code]] و [[system-code:", "[[system-code]] و [[system-code:"),  # not markers
    ("[[system-code:a\nb]]", "[[system-code:a\nb]]"),  # a marker never spans lines
    ("[[[system-code:x]]]", "[]"),
    ("p\r\n[[system-code:ad:autoads]]\r\np", "p\r\np"),
    ("[[system-code:ad:autoads]]\n", ""),
    ("p\n[[system-code:ad:autoads]]", "p\n"),  # line-local: each line goes with its own line break
    # marks or tatweel inside a marker (diacritics or tatweel would reveal it later): still a marker
    ("[[systًem-code:]]", ""),
    ("[ً[system-code:x]ـ]", ""),
    ("قبل[[systemـ-code:x]]بعد", "قبل بعد"),
    ("[[sys[[systًem-code:a]]tem-code:b]]", ""),
    ("[[systٓem-code:x]]", "[[systٓem-code:x]]"),  # a combining madda stays in every profile: no marker
    ("", ""),
]


@table("cms_markers", CMS_CASES)
def test_cms_markers(given: str, expected: str) -> None:
    assert run("cms_markers", given) == expected


# --- unicode -----------------------------------------------------------------------------------

UNICODE_CASES = [
    (f"كلمة{RLM}أخرى", "كلمة أخرى"),  # a mark between two words becomes a space
    (f"كلمة{ZWSP}أخرى", "كلمة أخرى"),
    (f"كلمة {LRM}أخرى", "كلمة أخرى"),  # next to a space it just goes
    (f"{RLM},{RLM}", ","),  # Al-Ahram's RLM-wrapped comma: the marks go (punctuation folds it)
    (f"مي{ZWNJ}خواهم", "ميخواهم"),  # a joiner sits inside a word
    (f"{BOM}نص", "نص"),
    (f"نص{ALM}2024", "نص 2024"),
    (f"ذهبَ{RLM}الولد", "ذهبَ الولد"),  # a harakah ends the first word
    (f"أ{NBSP}ب\u2003ج\u202fد", "أ ب ج د"),  # Unicode spaces become plain spaces
    ("a\x00b\x07c\x7f\x9fd", "abcd"),  # NUL and other controls
    ("سطر\x0bسطر\u2028سطر", "سطر\nسطر\nسطر"),  # line-like controls become line breaks
    ("ﻷن ﺍﻟﻌﺮﺑﻴﺔ", "لأن العربية"),  # presentation forms, lam-alef keeps its hamza
    ("ﷲ ﷺ", "الله صلى الله عليه وسلم"),
    ("ا\u0654ن", "أن"),  # NFC composes a decomposed hamza
    ("و\u0654", "ؤ"),
    ("م² ½ ™ ＡＢＣ ①", "م² ½ ™ ＡＢＣ ①"),  # no global NFKC
    ("\uf900 漢字 😀", "\uf900 漢字 😀"),  # CJK compatibility ideographs are not rewritten
    ("\ud800x", "\ufffdx"),  # a lone surrogate becomes U+FFFD (it cannot be written as UTF-8)
    ("\t\n\r", "\t\n\r"),
    ("", ""),
]


@table("unicode", UNICODE_CASES)
def test_unicode(given: str, expected: str) -> None:
    assert run("unicode", given) == expected


# --- tatweel -----------------------------------------------------------------------------------

TATWEEL_CASES = [
    ("جـــديد", "جديد"),
    ("الجـديـد", "الجديد"),
    ("مـحـمـد", "محمد"),
    ("الـ7", "الـ7"),  # a prefix joined to a number stays
    ("بـ 1000", "بـ 1000"),
    ("الـCIA", "الـCIA"),
    ("بـ٢٠٢٤", "بـ٢٠٢٤"),
    ("القاهرة ـ أ ش أ", "القاهرة ـ أ ش أ"),  # a tatweel standing alone is a dash
    ("كلمةـ", "كلمة"),
    ("بَـــيت", "بَيت"),  # after a harakah
    ("ـــ", "ـــ"),
    ("\u0648\u0640\u0654", "\u0648\u0640\u0654"),  # a tatweel carrying a combining hamza is its seat
    ("\u0648\u0640\u064e\u0654", "\u0648\u064e\u0654"),  # one carrying a harakah goes
    ("", ""),
]


@table("tatweel", TATWEEL_CASES)
def test_tatweel(given: str, expected: str) -> None:
    assert run("tatweel", given) == expected


# --- alef, yeh, lookalikes ---------------------------------------------------------------------

ALEF_CASES = [
    ("أحمد إبراهيم آمال ٱلله", "احمد ابراهيم امال الله"),
    ("ٲ ٳ", "ا ا"),
    ("على إلى", "على الى"),  # alef maksura is never touched (pyarabic's normalize_alef makes علا)
    ("لأن", "لان"),
    ("ؤ ئ ء", "ؤ ئ ء"),  # hamza carriers are another normalizer's job
]

YEH_CASES = [
    ("الأولى على", "الأولي علي"),
    ("فی ې", "في ي"),
    ("يا", "يا"),
]

LOOKALIKE_CASES = [
    ("کتاب", "كتاب"),
    ("ہ ە ھ", "ه ه ه"),
    ("فی", "فى"),  # Persian yeh at the end of a word is alef maksura
    ("تجرید", "تجريد"),  # and yeh inside a word (CAMeL's arclean gives تجرىد)
    ("یک", "يك"),
    ("علیٌ", "علىٌ"),  # marks after a final yeh do not make it medial
    ("ی", "ى"),
    ("كتاب", "كتاب"),
]


@table("alef", ALEF_CASES)
def test_alef(given: str, expected: str) -> None:
    assert run("alef", given) == expected


@table("yeh", YEH_CASES)
def test_yeh(given: str, expected: str) -> None:
    assert run("yeh", given) == expected


@table("lookalikes", LOOKALIKE_CASES)
def test_lookalikes(given: str, expected: str) -> None:
    assert run("lookalikes", given) == expected


def test_pyarabic_damage_cases_do_not_happen() -> None:
    """pyarabic's normalize_alef, normalize_ligature and normalize_hamza damage these inputs."""
    from pyarabic import araby

    assert araby.normalize_alef("على") == "علا"  # the damage, still in pyarabic
    assert run("alef", "على") == "على"
    assert araby.normalize_ligature("ﻷ") != "لأ"  # pyarabic drops the hamza
    assert run("unicode", "ﻷ") == "لأ"
    assert araby.normalize_hamza("سأل") != "سأل"
    assert run("alef", run("yeh", "سؤال سئل")) == "سؤال سئل"


# --- whitespace --------------------------------------------------------------------------------

WHITESPACE_CASES = [
    ("سطر\r\nسطر\rسطر", "سطر\n\nسطر\n\nسطر\n"),
    ("  كلمة  \t كلمة  ", "كلمة كلمة\n"),
    ("فقرة\n\n\n\n\nفقرة", "فقرة\n\nفقرة\n"),
    ("\n\n فقرة \n \n", "فقرة\n"),
    ("   \n\t\n", ""),
    ("", ""),
    ("a\u00a0 b", "a\u00a0 b\n"),  # only spaces and tabs: NBSP is the unicode step's job
]


@table("whitespace", WHITESPACE_CASES)
def test_whitespace(given: str, expected: str) -> None:
    assert run("whitespace", given) == expected


# --- headings ----------------------------------------------------------------------------------

P1 = "وقال المتحدث إن الاجتماع تناول عدة ملفات مهمة."
P2 = "وأضاف أن اللجنة ستعقد جلستها المقبلة الأسبوع القادم."
V1 = "سَرَيْنا في الدُّجى نَبغي صَباحاً"  # the two halves of a line of verse, vocalised
V2 = "فَلاحَ الفَجرُ في أُفُقٍ بَعيدِ"
LONG_ORDINAL = "أولا: المشاريع المعتمدة للتنفيذ وعددها أربعة عشر مشروعا في المدن الكبرى تم تسليم مواقعها للمقاولين وهي"

HEADING_CASES = [
    (f"{P1}\nدعم مستمر\n{P2}", f"{P1}\n\nدعم مستمر\n\n{P2}"),
    (f"{P1}\n■ دعم مستمر\n{P2}", f"{P1}\n\nدعم مستمر\n\n{P2}"),
    (f"{P1}\n**دعم مستمر**\n{P2}", f"{P1}\n\nدعم مستمر\n\n{P2}"),
    (f"{P1}\n## دعم مستمر\n{P2}", f"{P1}\n\nدعم مستمر\n\n{P2}"),
    (f"{P1}\nدعم مستمر:\n{P2}", f"{P1}\n\nدعم مستمر\n\n{P2}"),
    (f"{P1}\n* دعم مستمر -\n{P2}", f"{P1}\n\nدعم مستمر\n\n{P2}"),
    (f"{P1}\n\nدعم مستمر\n\n{P2}", f"{P1}\n\nدعم مستمر\n\n{P2}"),
    (f"{P1}\n\nعمرو بن حممة\n{P2}", f"{P1}\n\nعمرو بن حممة\n\n{P2}"),
    # after verse, when a blank line parts it from the verse and a paragraph follows
    (f"{P1}\nإذا لم يكن في فعله والخلائق\n\nالمقنع الكندي\n{P2}", f"{P1}\nإذا لم يكن في فعله والخلائق\n\nالمقنع الكندي\n\n{P2}"),
    # a heading over a list of links, and a question closing it
    (f"{P1}\n3 أمثلة لمواقع\nhttp://a.example/\nhttp://b.example/\nكيف تتم العملية؟\n{P1} {P2}",
     f"{P1}\n\n3 أمثلة لمواقع\n\nhttp://a.example/\nhttp://b.example/\n\nكيف تتم العملية؟\n\n{P1} {P2}"),
    (f"{P1}\nالكويت.. دولة نموذج\n{P2}", f"{P1}\n\nالكويت.. دولة نموذج\n\n{P2}"),  # ".." glued: a headline
    (f"- {P1}\nالتجشؤ:\n- {P2}", f"- {P1}\n\nالتجشؤ\n\n- {P2}"),  # between two bulleted lists
    # a numbered section head, up to 14 words; a headline's trailing ellipsis; a label over a label
    (f"{P1}\n1- مسابقة شعر الفصحى ( دورة فلسطين لأفضل ديوان شعر )\n{P2}",
     f"{P1}\n\n1- مسابقة شعر الفصحى ( دورة فلسطين لأفضل ديوان شعر )\n\n{P2}"),
    (f"{P1}\n4: فينيسيوس جونيور (17 عاما، البرازيل ونادي فلامنغو معارا من ريال مدريد)\n{P2}",
     f"{P1}\n\n4: فينيسيوس جونيور (17 عاما، البرازيل ونادي فلامنغو معارا من ريال مدريد)\n\n{P2}"),
    (f"{P1}\nمبارك قبل الحكم..\n{P2}", f"{P1}\n\nمبارك قبل الحكم..\n\n{P2}"),
    (f"{P1}\nأعماله:\nدواوينه الشعرية:\n{P2}", f"{P1}\n\nأعماله\n\nدواوينه الشعرية\n\n{P2}"),
    # verse is body text: a title under a poem (two lines of it) over prose, or over a whole verse
    # line (both halves) or a line naming the verse it quotes; a title over a sub-title over a speaker
    (f"{P1}\n{V1}\n{V2}\nزاوية الأسبوع\n{P2}", f"{P1}\n{V1}\n{V2}\n\nزاوية الأسبوع\n\n{P2}"),
    (f"{P1}\nمن مجالس الأدب\n{V1}.. {V2}\n{P2}", f"{P1}\n\nمن مجالس الأدب\n\n{V1}.. {V2}\n{P2}"),
    (f"{P1}\nعمرو بن كلثوم\nصاحب البيت المشهور:\nسرينا في الدجى نبغي صباحا\n{P2}",
     f"{P1}\n\nعمرو بن كلثوم\n\nصاحب البيت المشهور:\nسرينا في الدجى نبغي صباحا\n{P2}"),
    (f"{P1}\nأحاديث الأربعاء\nمع الناس والحياة\nقال لي صاحبي:\n{P2}",
     f"{P1}\n\nأحاديث الأربعاء\n\nمع الناس والحياة\n\nقال لي صاحبي:\n{P2}"),
    # a list's title: in brackets over item (1); an ordinal and a colon, however long, over item 1
    (f"{P1}\n( إشارات )\n(1) {P2}\n(2) {P1}", f"{P1}\n\n( إشارات )\n\n(1) {P2}\n(2) {P1}"),
    (f"{P1}\n{LONG_ORDINAL}:\n1- {P2}\n2- {P1}", f"{P1}\n\n{LONG_ORDINAL}\n\n1- {P2}\n2- {P1}"),
    # a label opening the text (no title ends in a colon)
    (f"العناوين:\n{P1}\n{P2}", f"العناوين\n\n{P1}\n{P2}"),
    (f"العناوين:\n- {P1}\n- {P2}", f"العناوين\n\n- {P1}\n- {P2}"),
    # Decoration glued to a word, as scraped headings have it, goes ...
    (f"{P1}\n*محاور الخطة\n{P2}", f"{P1}\n\nمحاور الخطة\n\n{P2}"),
    (f"{P1}\n-دعم مستمر\n{P2}", f"{P1}\n\nدعم مستمر\n\n{P2}"),
    (f"{P1}\n_دعم مستمر\n{P2}", f"{P1}\n\nدعم مستمر\n\n{P2}"),
    (f"{P1}\n•دعم مستمر\n{P2}", f"{P1}\n\nدعم مستمر\n\n{P2}"),
    (f"{P1}\nدعم مستمر*\n{P2}", f"{P1}\n\nدعم مستمر\n\n{P2}"),
    (f"{P1}\nدعم مستمر-\n{P2}", f"{P1}\n\nدعم مستمر\n\n{P2}"),
    (f"{P1}\n** دعم مستمر:\n{P2}", f"{P1}\n\nدعم مستمر\n\n{P2}"),
    (f"{P1}\n###افتتاح القناة الجديدة\n{P2}", f"{P1}\n\nافتتاح القناة الجديدة\n\n{P2}"),  # a run of "#"
    (f"{P1}\nدعم مستمر ##\n{P2}", f"{P1}\n\nدعم مستمر\n\n{P2}"),
    # ... but a token keeps its "#" or minus sign: "C#", "F#", "#1", a hashtag, a negative number
    (f"{P1}\n\nلغة C#\n\n{P2}", f"{P1}\n\nلغة C#\n\n{P2}"),
    (f"{P1}\nلغة C#\n{P2}", f"{P1}\n\nلغة C#\n\n{P2}"),
    (f"{P1}\n■ لغة F#:\n{P2}", f"{P1}\n\nلغة F#\n\n{P2}"),
    (f"{P1}\n**C# و F#**\n{P2}", f"{P1}\n\nC# و F#\n\n{P2}"),
    (f"{P1}\n#1 عالميا\n{P2}", f"{P1}\n\n#1 عالميا\n\n{P2}"),
    (f"{P1}\n## #1 عالميا\n{P2}", f"{P1}\n\n#1 عالميا\n\n{P2}"),
    (f"{P1}\n#عاجل\n{P2}", f"{P1}\n\n#عاجل\n\n{P2}"),
    (f"{P1}\n#غلاء_الأسعار يشعل مواقع التواصل\n{P2}", f"{P1}\n\n#غلاء_الأسعار يشعل مواقع التواصل\n\n{P2}"),
    (f"{P1}\n■ #غلاء_الأسعار\n{P2}", f"{P1}\n\n#غلاء_الأسعار\n\n{P2}"),
    (f"{P1}\n#_وسم_:\n{P2}", f"{P1}\n\n#_وسم_\n\n{P2}"),  # the underscores of a hashtag are its own
    (f"{P1}\n-7 درجات تحت الصفر\n{P2}", f"{P1}\n\n-7 درجات تحت الصفر\n\n{P2}"),
    (f"{P1}\n!#z#\n{P2}", f"{P1}\n\n!#z#\n\n{P2}"),  # stripping the last "#" would make "#z" a hashtag
    # Kept as they are:
    (f"{P1}\n{P2}\nبرنامج بوتين", f"{P1}\n{P2}\nبرنامج بوتين"),  # a short last line: never dropped
    (f"{P1}\n{P2}\nبرنامج بوتين\n", f"{P1}\n{P2}\nبرنامج بوتين\n"),
    (f"{P1}\n{P2}\nوالله من وراء القصد", f"{P1}\n{P2}\nوالله من وراء القصد"),  # a closing formula
    (f"{P1}\n■ تفاصيل أخرى", f"{P1}\n■ تفاصيل أخرى"),  # nothing under it: left alone
    # Not headings:
    (f"عنوان المقال\n{P1}", f"عنوان المقال\n{P1}"),  # the title: no paragraph before it
    (f"{P1}\nكتب - ممدوح فهمي:\n{P2}", f"{P1}\nكتب - ممدوح فهمي:\n{P2}"),  # a byline
    (f"{P1}\nكتبت- حسنات الحكيم\n{P2}", f"{P1}\nكتبت- حسنات الحكيم\n{P2}"),
    (f"{P1}\nوأضاف الوزير:\n{P2}", f"{P1}\nوأضاف الوزير:\n{P2}"),  # reported speech
    (f"{P1}\n(تصوير أحمد شحاتة)\n{P2}", f"{P1}\n(تصوير أحمد شحاتة)\n{P2}"),  # a caption
    (f"{P1}\nهل ستنجح الخطة؟\n{P2}", f"{P1}\nهل ستنجح الخطة؟\n{P2}"),  # a sentence
    (f"{P1}\n- البند الأول\n- البند الثاني\n{P2}", f"{P1}\n- البند الأول\n- البند الثاني\n{P2}"),  # a list
    (f"{P1}\nقصيرة أولى\nقصيرة ثانية\n{P2}", f"{P1}\nقصيرة أولى\nقصيرة ثانية\n{P2}"),  # poem-like lines
    (f"{P1}\n{P2}\ntariq@example.com", f"{P1}\n{P2}\ntariq@example.com"),  # a signature is kept
    (f"{P1}\nقلتُ لصاحبي:\n{P2}", f"{P1}\nقلتُ لصاحبي:\n{P2}"),  # reported speech, vocalised
    (f"{P1}\nقال الأستاذ الشيخ لتلميذه الفتي:-\n{P2}", f"{P1}\nقال الأستاذ الشيخ لتلميذه الفتي:-\n{P2}"),
    (f"{P1}\nقلت: وما ذاك؟\n{P2}", f"{P1}\nقلت: وما ذاك؟\n{P2}"),  # a turn of a dialogue
    (f"{P1}\nفي البداية سألناه\n{P2}", f"{P1}\nفي البداية سألناه\n{P2}"),  # introduces a question
    (f"{P1}\nويا لَلْحزن كيف غدا لزيماً\n{P2}", f"{P1}\nويا لَلْحزن كيف غدا لزيماً\n{P2}"),  # vocalised verse
    (f"{P1}\nألا كل ماشية الخيزلي .. فدا لماشية الهيدبي\n{P2}", f"{P1}\nألا كل ماشية الخيزلي .. فدا لماشية الهيدبي\n{P2}"),
    (f"{P1}\nأن نعترف بأخطائنا\n{P2}", f"{P1}\nأن نعترف بأخطائنا\n{P2}"),  # the rest of a sentence
    (f"{P1}\nموضحاً أن الفائزين هذا العام\n{P2}", f"{P1}\nموضحاً أن الفائزين هذا العام\n{P2}"),
    # what a line introduces ("كقول الشاعر:"), a line under a cry ("..") and a short item ending in one
    (f"يأتي الفعل متعديا بحرف كقول التجاني يوسف بشير:\nيا يراعي الذي مضى يخلق السحر\n{P2}",
     f"يأتي الفعل متعديا بحرف كقول التجاني يوسف بشير:\nيا يراعي الذي مضى يخلق السحر\n{P2}"),
    (f"{P1}\nأبناء وطن المجد والعزة والحزم..\nيتسابقون للتبرع بالدم\n{P2}",
     f"{P1}\nأبناء وطن المجد والعزة والحزم..\nيتسابقون للتبرع بالدم\n{P2}"),
    (f"{P1}\nالنهضة الفنية في السودان.\nمن الأعماق 1962م..\n{P2}", f"{P1}\nالنهضة الفنية في السودان.\nمن الأعماق 1962م..\n{P2}"),
    (f"{P1}\nدعم مستمر\nد. سعد البريك\n{P2}", f"{P1}\nدعم مستمر\nد. سعد البريك\n{P2}"),  # "د." alone: no list
    # prose wrapped at a fixed width: as long as the unfinished line above it
    (f"{P1}\nأقول هذا وأنا أتذكر في سياق ذي صلة على الضفة الأخرى للنهر، انعقاد أول\n"
     f"اجتماع لمجلس الوزراء الموريتاني قبل سنوات قليلة بالعاصمة الاقتصادية\n{P2}",
     f"{P1}\nأقول هذا وأنا أتذكر في سياق ذي صلة على الضفة الأخرى للنهر، انعقاد أول\n"
     f"اجتماع لمجلس الوزراء الموريتاني قبل سنوات قليلة بالعاصمة الاقتصادية\n{P2}"),
    (f"{P1}\nمحمد فهمي أستاذ الباطنة\nأن مرض السكر ليست له أعراض مميزة.", f"{P1}\nمحمد فهمي أستاذ الباطنة\nأن مرض السكر ليست له أعراض مميزة."),
    (f"«{P1}»\n- من سورة الحج\n{P2}", f"«{P1}»\n- من سورة الحج\n{P2}"),  # a quotation's source
    (f"(1) {P1}\nأدونيس\n(2) {P2}", f"(1) {P1}\nأدونيس\n(2) {P2}"),  # an author between two items
    (f"{P1}\n{P2}\n\nخولة السليتي\n", f"{P1}\n{P2}\n\nخولة السليتي\n"),  # a signature after a blank line
    (f"{P1}\n{P2}\nالمصدر: وكالات", f"{P1}\n{P2}\nالمصدر: وكالات"),
    # next to verse: a name under one line of it (an epigraph and its poet), a line of the poem
    # over a short exclamation or a line going on ("،"), a half over its other half, a cry ("..")
    (f"{P1}\n{V1}\nسالم بن عمرو\n{P2}", f"{P1}\n{V1}\nسالم بن عمرو\n{P2}"),
    (f"{P1}\n{V1}\n{V2}\nسنمضي للنهاية\nفابتَسِمْ يا صاحِ للخَبَرِ الأَخيرْ!\n{P2}",
     f"{P1}\n{V1}\n{V2}\nسنمضي للنهاية\nفابتَسِمْ يا صاحِ للخَبَرِ الأَخيرْ!\n{P2}"),
    (f"{P1}\n{V1}\n{V2}\nأصب القهوة في فنجانين\nلي ولمن سيأتي بلا موعد،\n{P2}",
     f"{P1}\n{V1}\n{V2}\nأصب القهوة في فنجانين\nلي ولمن سيأتي بلا موعد،\n{P2}"),
    (f"{P1}\nسرينا في الدجى نبغي صباحا\n{V2}\n{P2}", f"{P1}\nسرينا في الدجى نبغي صباحا\n{V2}\n{P2}"),
    (f"{P1}\nأخيراً..\n{V1}.. {V2}\n{P2}", f"{P1}\nأخيراً..\n{V1}.. {V2}\n{P2}"),
    (f"{P1}\nلا بد من عمل شيء الآن\nقال ابنه:\n{P2}", f"{P1}\nلا بد من عمل شيء الآن\nقال ابنه:\n{P2}"),  # dialogue
    # a bracketed line over no list or over a later item; a long ordinal over a paragraph
    (f"{P1}\n( إشارات )\n{P2}", f"{P1}\n( إشارات )\n{P2}"),
    (f"{P1}\n( إشارات )\n(2) {P2}\n(3) {P1}", f"{P1}\n( إشارات )\n(2) {P2}\n(3) {P1}"),
    (f"{P1}\n{LONG_ORDINAL}:\n{P2}", f"{P1}\n{LONG_ORDINAL}:\n{P2}"),
    # the first line ending in a colon: a dateline, a speaker, a clause going on, a label over a title
    (f"القاهرة:\n{P1}", f"القاهرة:\n{P1}"),
    (f"قال الوزير:\n{P1}", f"قال الوزير:\n{P1}"),
    (f"وتشمل:\n{P1}", f"وتشمل:\n{P1}"),
    (f"العناوين:\nعنوان أول\n{P1}", f"العناوين:\nعنوان أول\n{P1}"),
    ("سطر واحد", "سطر واحد"),
    ("", ""),
]


@table("headings", HEADING_CASES)
def test_headings(given: str, expected: str) -> None:
    assert run("headings", given) == expected


def test_headings_markdown() -> None:
    given = f"{P1}\n■ دعم مستمر\n{P2}"
    assert run("headings", given, style="markdown") == f"{P1}\n\n## دعم مستمر\n\n{P2}"
    assert run("headings", run("headings", given, style="markdown"), style="markdown") == (
        f"{P1}\n\n## دعم مستمر\n\n{P2}"
    )


def test_headings_max_words() -> None:
    line = "عنوان من خمس كلمات هنا"
    assert run("headings", f"{P1}\n{line}\n{P2}", max_words=4) == f"{P1}\n{line}\n{P2}"
    assert run("headings", f"{P1}\n{line}\n{P2}", max_words=5) == f"{P1}\n\n{line}\n\n{P2}"


def test_headings_rejects_an_unknown_style() -> None:
    with pytest.raises(ValueError, match="style"):
        run("headings", "x", style="html")


ALL_TABLES = {
    "cms_markers": CMS_CASES,
    "unicode": UNICODE_CASES,
    "tatweel": TATWEEL_CASES,
    "alef": ALEF_CASES,
    "yeh": YEH_CASES,
    "lookalikes": LOOKALIKE_CASES,
    "whitespace": WHITESPACE_CASES,
    "headings": HEADING_CASES,
}


@pytest.mark.parametrize("name", sorted(ALL_TABLES))
def test_every_table_case_is_a_fixed_point(name: str) -> None:
    """Idempotence on the real cases: cleaning the expected output changes nothing."""
    for _given, expected in ALL_TABLES[name]:
        assert run(name, expected) == expected, expected


def test_registry_entries_are_documented() -> None:
    for entry in REGISTRY.values():
        assert entry.summary and entry.func.__doc__ and ">>>" in entry.func.__doc__, entry.name
