import pytest

from bot.records.errors import Ambiguous, NotFound
from bot.store import matching
from bot.store.facts import FactStore
from bot.store.matching import Entry, NameIndex


@pytest.mark.parametrize(
    ("typed", "actor_id"),
    [
        ("Bazoum", "mohamed-bazoum"),
        ("Bazum", "mohamed-bazoum"),
        ("mohamed bazum", "mohamed-bazoum"),
        ("Laesing", "ulf-laessing"),
        ("Ulf Lessing", "ulf-laessing"),
        ("ulf-laessing", "ulf-laessing"),
        ("JNIM", "jnim"),
        ("jnim", "jnim"),
        ("ISWAP", "iswap"),
        ("AES", "alliance-of-sahel-states"),
        ("Alliance des Etats du Sahel", "alliance-of-sahel-states"),
        ("State Department", "us-state-department"),
        ("Bureau of African Affairs", "bureau-of-african-affairs"),
        ("Trump", "donald-trump"),
        ("US", "united-states"),
        ("Washington", "united-states"),
        ("Konrad Adenauer", "konrad-adenauer-foundation"),
        ("Boulos", "massad-boulos"),
        ("Massad Bolous", "massad-boulos"),
        ("\u200bBazoum\u200f", "mohamed-bazoum"),
        ("ECOWAS", "ecowas"),
    ],
)
def test_names_resolve_by_id_name_alias_or_fuzzily(
    store: FactStore, typed: str, actor_id: str
) -> None:
    assert store.actor_names.resolve(typed) == actor_id


def test_ambiguous_name_lists_the_candidates(store: FactStore) -> None:
    with pytest.raises(Ambiguous) as caught:
        store.actor_names.resolve("junta")
    assert set(caught.value.suggestions) == {
        "Military government of Mali",
        "Military government of Burkina Faso",
        "Military government of Niger",
    }


def test_unknown_name_is_not_a_low_confidence_guess(store: FactStore) -> None:
    with pytest.raises(NotFound) as caught:
        store.actor_names.resolve("Wagner Group")
    assert "No actor matches 'Wagner Group'" in caught.value.message


def test_near_miss_below_the_bar_suggests_instead_of_answering(store: FactStore) -> None:
    with pytest.raises((NotFound, Ambiguous)) as caught:
        store.actor_names.resolve("Bazoo Diopp")
    assert caught.value.suggestions


def test_empty_name_asks_for_one(store: FactStore) -> None:
    with pytest.raises(NotFound, match="Give the actor's name"):
        store.actor_names.resolve("  \u200b ")


def test_autocomplete_puts_prefix_matches_first_and_caps_at_25(store: FactStore) -> None:
    found = store.actor_names.complete("ba")
    assert found[0].label in {"Mohamed Bazoum", "Bureau of African Affairs"}
    assert {m.id for m in found} >= {"mohamed-bazoum"}
    assert len(store.actor_names.complete("")) == min(25, len(store.actors))
    assert store.actor_names.complete("Laesing")[0].id == "ulf-laessing"


def test_autocomplete_and_resolve_agree(store: FactStore) -> None:
    for typed in ("Bazum", "Laesing", "JNIM", "Checker", "Diop"):
        assert store.actor_names.complete(typed)[0].id == store.actor_names.resolve(typed)


def test_two_entries_sharing_an_exact_name_are_ambiguous() -> None:
    index = NameIndex("actor", [Entry("a", "Jean Dupont", ()), Entry("b", "Jean Dupont", ())])
    with pytest.raises(Ambiguous):
        index.resolve("jean dupont")


def test_a_slip_in_the_first_letter_still_resolves(store: FactStore) -> None:
    assert store.actor_names.resolve("Kaessing") == "ulf-laessing"
    assert store.actor_names.resolve("Nick Xhecker") == "nick-checker"
    assert store.actor_names.resolve("Mohamed Vazoum") == "mohamed-bazoum"


def test_scanning_only_possible_lengths_changes_no_ranking(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.store.matching as matching

    queries = ["Bazum", "Laesing", "Nick Cheker", "JNIM", "usaid", "boulos massad", "x", "Diopp"]
    queries += [a.name[: max(3, len(a.name) - 2)] + "x" for a in store.actors.values()]
    narrowed = [store.actor_names.rank(q, limit=50) for q in queries]
    monkeypatch.setattr(matching, "_lengths", lambda n: (0, 10_000))
    assert [store.actor_names.rank(q, limit=50) for q in queries] == narrowed


def _reference_rank(
    entries: list[Entry], query: str, everywhere: bool = True
) -> list[tuple[str, float]]:
    """rank() spelled out: every name of every entry scored, nothing cut short."""
    from rapidfuzz import fuzz

    from bot.records.text import simplify
    from bot.store import matching

    key = simplify(query)
    best: dict[str, float] = {}
    labels = {e.id: e.label for e in entries}
    keyed = []
    for e in entries:
        names = {simplify(n) for n in (e.id.replace("-", " "), e.label, *e.names)} - {""}
        split = {
            w
            for n in names
            if " " in n
            for w in n.split()
            if len(w) >= matching.MIN_WORD and w not in matching._STOPWORDS and w not in names
        }
        keyed += [(e.id, n, True) for n in names] + [(e.id, w, False) for w in split]
        if key in names:
            best[e.id] = 100.0

    def score(part: str, penalty: float, anywhere: bool) -> None:
        for owner, name, whole in keyed:
            second = anywhere and len(part) > 1 and name[1:2] == part[1:2]
            if name[:1] != part[:1] and not second:
                continue
            ratio = fuzz.ratio(part, name)
            value = ratio - penalty - (0 if whole else matching.WORD_PENALTY)
            if ratio >= matching.SUGGEST and (value >= matching.SUGGEST or penalty):
                best[owner] = max(value, best.get(owner, 0.0))
            if matching.vowel_slip(part, name):  # whatever the ratio or the first letters
                slip = matching.VOWEL_SLIP - penalty - (0 if whole else matching.WORD_PENALTY)
                best[owner] = max(slip, best.get(owner, 0.0))

    score(key, 0, everywhere)
    if len(key.split()) > 1:
        for part in key.split():
            score(part, matching.WORD_PENALTY + matching.PART_PENALTY, False)
    ranked = sorted(best.items(), key=lambda item: (-item[1], labels[item[0]]))
    return [(i, round(s, 1)) for i, s in ranked]


def test_ranking_reads_few_names_yet_ranks_as_a_full_scan() -> None:
    """Thousands of names sharing words ("Movement", "Republic of"): only the best few
    keys are read, and each key's first entries, yet every ranking is a full scan's."""
    import random

    rng = random.Random(5)
    syllables = ["ba", "ko", "ri", "ta", "mu", "se", "lo", "ne", "vi", "da", "ga", "pe"]

    def name() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).title()

    patterns = ["Republic of {}", "{} Movement", "{} Bureau", "{} {}", "{}"]
    labels = {rng.choice(patterns).format(name(), name()) for _ in range(3000)}
    entries = [Entry(f"e{i}", label, ()) for i, label in enumerate(sorted(labels))]
    index = NameIndex("actor", entries)
    queries = ["Movemnt", "Republc of", "Bureua", "Republic of", "Movement Bureau"]
    for label in rng.sample(sorted(labels), 20):
        at = rng.randrange(1, len(label) - 1)
        queries += [label[:at] + label[at + 1 :], label[:at] + "x" + label[at:], label[:-2]]
    for query in queries:
        for everywhere in (True, False):
            full = _reference_rank(entries, query, everywhere)
            for limit in (1, 2, 6, 25):
                got = index.rank(query, limit, everywhere=everywhere)
                assert [(m.id, m.score) for m in got] == full[:limit], (query, limit)


def test_a_saved_name_index_restores_answering_the_same_with_each_string_once(
    store: FactStore,
) -> None:
    """A saved store keeps an index as its typed state (see snapshot.py): numbers and each
    string once, its lookups rebuilt from those same strings when restored."""
    import msgspec

    built = store.actor_names
    raw = msgspec.msgpack.encode(built.save())
    loaded = NameIndex.restore(msgspec.msgpack.decode(raw, type=NameIndex.Saved))
    typed = ["Bazum", "Laesing", "Nick Cheker", "JNIM", "us", "boulos", "x", "Diopp", "", "mo"]
    typed += [a.name for a in store.actors.values()]
    for text in typed:
        assert loaded.rank(text, 10) == built.rank(text, 10)
        assert loaded.complete(text) == built.complete(text)
        assert loaded.mentions(f"what did {text} say") == built.mentions(f"what did {text} say")
    first_key = next(iter(loaded._exact))
    assert first_key is loaded._keys[loaded._exact[first_key]]
    names, numbers, _ = next(iter(loaded._buckets.values()))
    assert all(name is loaded._keys[n] for name, n in zip(names, numbers, strict=True))


def test_hostile_queries_rank_without_error() -> None:
    """Lone surrogates, astral characters, controls and very long text are ranked only as
    simplified keys: no error, and only names scoring what a suggestion needs."""
    entries = [Entry(f"e{i}", f"Name{i} Movement", ()) for i in range(600)]
    index = NameIndex("actor", entries)
    for query in ["Na\ud800me1 Mov", "😀" * 40, "\x00\x1b[31mName2", "N" * 5000, "ß" * 300]:
        for match in index.rank(query, 5):
            assert match.score >= matching.SUGGEST - matching.WORD_PENALTY - matching.PART_PENALTY
        index.complete(query)
        index.mentions(query)


@pytest.mark.parametrize(
    ("typed", "actor"),
    [
        ("jnm", "jnim"),  # an acronym with a letter missing
        ("brodie", "reed-brody"),  # a surname alone, its vowels misspelt
        ("Reed Brodie", "reed-brody"),
        ("Mohamad Bazoum", "mohamed-bazoum"),
    ],
)
def test_a_name_misspelt_only_in_its_vowels_resolves(
    store: FactStore, typed: str, actor: str
) -> None:
    assert store.actor_names.resolve(typed) == actor


@pytest.mark.parametrize("typed", ["male", "nigeria", "iraq"])
def test_a_vowel_slip_needs_the_same_consonants_and_length(store: FactStore, typed: str) -> None:
    """ "male" is not Mali (a name under five letters only loses a letter), "nigeria" is not
    Niger (two letters longer)."""
    with pytest.raises(NotFound):
        store.actor_names.resolve(typed)


def test_mentions_are_remembered_per_text_within_a_bound(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A question reads its results' texts many times: each text is read once, the answer
    the same, a caller's changes to it not kept, and no more than the bound remembered."""
    index = store.actor_names
    monkeypatch.setattr(matching, "MENTIONS_KEPT", 3)
    index._mentioned.clear()
    first = index.mentions("Laessing spoke to Diop")
    assert [m.id for m in first] == ["ulf-laessing", "abdoulaye-diop"]
    first.clear()
    assert index.mentions("Laessing spoke to Diop") == index.mentions("Laessing spoke to Diop")
    assert len(index.mentions("Laessing spoke to Diop")) == 2
    for text in ("Bazoum", "Checker", "Boulos", "Brody"):
        index.mentions(text)
    assert len(index._mentioned) <= 3


def test_a_word_spelled_close_to_a_name_is_guessed_once_within_a_bound(
    store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Texts share their words: each word's closest name is looked for once, the answer
    the same as the first time, and no more words remembered than the bound."""
    index = store.actor_names
    monkeypatch.setattr(matching, "GUESSES_KEPT", 2)
    index._guessed.clear()
    index._mentioned.clear()
    assert [m.id for m in index.mentions("Lessing spoke")] == ["ulf-laessing"]
    calls: list[str] = []
    rank = index.rank
    monkeypatch.setattr(index, "rank", lambda word, **kw: calls.append(word) or rank(word, **kw))
    assert [m.id for m in index.mentions("as Lessing spoke")] == ["ulf-laessing"]
    assert "lessing" not in calls  # remembered from the first text
    for text in ("Bazum", "Boulus", "Checkker"):
        index.mentions(text)
    assert len(index._guessed) <= 2
