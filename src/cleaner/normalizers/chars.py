"""Named character classes shared by the normalizers (regex-ready strings, no logic).

Letter constants come from pyarabic where it names them; the ranges are Unicode's.
"""

import unicodedata

from pyarabic import araby

TATWEEL = araby.TATWEEL  # U+0640

#: Arabic letters proper (hamza to yeh, the extended letters of the main block, Arabic Supplement
#: and Extended-A), excluding tatweel, digits and punctuation. A regex character-class body.
ARABIC_LETTERS = "\u0621-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08c9"

#: Arabic combining marks: Quranic annotation signs, harakat, tanween, shadda, sukun, madda and
#: hamza above/below, dagger alef, small high marks. A regex character-class body.
ARABIC_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u08ca-\u08ff"

ARABIC_INDIC_DIGITS = "\u0660-\u0669"
PERSIAN_DIGITS = "\u06f0-\u06f9"


def is_word_char(char: str) -> bool:
    """True for a letter, digit or combining mark: a character that belongs to a word.

    >>> is_word_char("ب"), is_word_char("\\u064e"), is_word_char(" "), is_word_char("،")
    (True, True, False, False)
    """
    return char.isalnum() or char == TATWEEL or unicodedata.category(char)[0] == "M"
