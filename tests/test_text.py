from bot.records.text import NormalizedText, clean_user_text, fold, simplify
from bot.store.facts import FactStore

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


def test_search_words_are_the_words_simplify_gives(store: FactStore) -> None:
    from bot.records.text import simplify
    from bot.store.search import _JOINED, _WORD, STOPWORDS, words

    def by_simplify(text: str) -> list[str]:
        simple = simplify(_JOINED.sub(r"\1", text))
        return [w for w in _WORD.findall(simple) if w not in STOPWORDS]

    tricky = [
        "Ça va? Naïve café—co‑operation “quoted” İstanbul straße ﬁnance Øresund ½ x²",
        "e\u0301te\u0301 𝒜𝓈 \U0001d165x ＡＢＣ ǅ ᾈ re-engage non‐state anti-Western",
        "Ulf Laessing, head of the Konrad Adenauer Foundation’s office — said: “US…”",
        "हिन्दी שָׁלוֹם مُحَمَّد Ω̃x “Bazoùm”",  # marks well beyond U+0300-U+036F
    ]
    texts = tricky + [store.search_text(f) for f in store.facts.values()]
    texts += [s.text for s in store.sources.values()]
    for text in texts:
        assert words(text) == by_simplify(text), text[:80]
