"""Hypothesis strategies: arbitrary Unicode and generated Arabic-heavy news text."""

from __future__ import annotations

from hypothesis import strategies as st

_LETTERS = [chr(c) for c in range(0x0621, 0x064B) if c != 0x0640] + list("پچژگکیۀۃېےھہە")
_MARKS = [chr(c) for c in [*range(0x064B, 0x0660), 0x0670, 0x0610, 0x06D6, 0x06E2]]
_PRESENTATION = [chr(c) for c in [0xFEFB, 0xFEF7, 0xFEF9, 0xFEF5, 0xFE8D, 0xFEE7, 0xFDF2, 0xFDFA, 0xFE70, 0xFE71, 0xFB8E, 0xFBFC]]
_INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202c", "\u2066", "\u2069", "\u061c", "\ufeff", "\u2060"]
_SPACES = [" ", " ", " ", "\t", "\u00a0", "\u2003", "\n", "\n", "\n\n", "\r\n", "\r"]
_MARKUP = [
    "[[system-code:ad:autoads]]", "[[", "]]", "[[sys", "tem-code:ad:x]]", "[[system-code:",
    "■ ", "* ", "# ", "## ", "**", ":", " - ", "•\t", "(", ")", "«", "»",
]
_WORDS = [
    "الرئيس", "على", "إلى", "الأولى", "مستمر", "دعم", "كتب", "وأضاف", "جـــديد", "الـ", "بـ",
    "2024", "3.5", "1,000", "٢٠٢٤", "٣٫٥", "10:30", "https://example.com/a?b=1", "info@example.org",
    "CIA", "Reuters", "😀", "漢字", "م²", "½", "www", "...", "؟", "،", ".", "!", "ـ",
]

FRAGMENTS = _LETTERS + _MARKS + _PRESENTATION + _INVISIBLE + _SPACES + _MARKUP + _WORDS

arabic_news = st.lists(st.sampled_from(FRAGMENTS), max_size=80).map("".join)
any_text = st.text(max_size=200)
texts = st.one_of(any_text, arabic_news)

_SENTENCE = st.lists(st.sampled_from(_LETTERS), min_size=2, max_size=7).map("".join)
paragraph = st.lists(_SENTENCE, min_size=1, max_size=25).map(lambda ws: " ".join(ws) + ".")
heading = st.lists(_SENTENCE, min_size=1, max_size=4).map(" ".join)
article = st.lists(st.one_of(paragraph, paragraph, heading, st.just("[[system-code:ad:autoads]]")), max_size=12).map(
    "\n".join
)
