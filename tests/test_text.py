from bot.store.text import NormalizedText, clean_user_text, fold, simplify

ARTICLE = "Mali’s foreign minister,\n  Abdoulaye Diop – who said “appreciated” – hosted him."


def test_quote_with_straight_quotes_finds_curly_original() -> None:
    text = NormalizedText(ARTICLE)
    span = text.find('Mali\'s foreign minister, Abdoulaye Diop - who said "appreciated"')
    assert span is not None
    assert ARTICLE[span.start : span.end] == (
        "Mali’s foreign minister,\n  Abdoulaye Diop – who said “appreciated”"
    )


def test_runs_of_white_space_match_a_single_space() -> None:
    text = NormalizedText(ARTICLE)
    span = text.find("minister, Abdoulaye")
    assert span is not None
    assert ARTICLE[span.start : span.end] == "minister,\n  Abdoulaye"


def test_case_spelling_and_punctuation_are_not_forgiven() -> None:
    text = NormalizedText(ARTICLE)
    assert text.find("mali’s foreign minister") is None
    assert text.find("Abdulaye Diop") is None
    assert text.find("minister Abdoulaye") is None


def test_empty_quote_is_never_found() -> None:
    assert NormalizedText(ARTICLE).find("   ") is None


def test_fold_and_simplify() -> None:
    assert fold("  “Hi”\u2014there\n ") == '"Hi"-there'
    assert simplify("Alliance des États du Sahel") == "alliance des etats du sahel"
    assert simplify("Jama'at Nusrat") == "jama at nusrat"


def test_clean_user_text_strips_invisible_and_direction_characters() -> None:
    assert clean_user_text("\u200bBa\u200dzoum\u202e  \u2066x\u2069") == "Bazoum x"
