import pytest

from bot.store.errors import Ambiguous, NotFound
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
