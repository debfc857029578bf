"""/ask, an eleventh pass: the direction of a visit, a state's people, what someone wants,
and real words never "mended" into others. Asked in our own words of the real store."""

from __future__ import annotations

import msgspec
import pytest

from bot.answers import questions
from bot.answers.response import Response
from bot.store.facts import FactStore, peoples


def first_line(response: Response) -> str:
    return response.sections[0].items[0].text


# --- "Diop hosted Checker" is Checker's visit, never Diop's --------------------------------


def test_the_host_is_not_the_visitor(store: FactStore) -> None:
    hosted = first_line(questions.answer(store, "did diop visit checker"))
    assert not hosted.startswith("The sources say so")
    assert "Diop" in hosted and "hosted" in hosted  # the nearest line, shown as such


@pytest.mark.parametrize("question", ["did checker visit diop", "did checker visit mali"])
def test_the_visitor_is_confirmed(store: FactStore, question: str) -> None:
    assert first_line(questions.answer(store, question)).startswith("The sources say so")


# --- a state's people: "the Malians" speak as Mali ----------------------------------------


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("what did the malians say", "What Mali said"),
        ("what did the nigeriens say", None),  # Niger's own words: none, and it says so
        ("what did the americans say", "What United States said"),
    ],
)
def test_a_plural_of_a_nationality_names_the_state(
    store: FactStore, question: str, title: str | None
) -> None:
    if title is None:
        with pytest.raises(Exception, match="Niger said"):
            questions.answer(store, question)
        return
    assert questions.answer(store, question).title == title


def test_only_a_states_adjectives_make_a_people(store: FactStore) -> None:
    mali = store.actors["mali"]
    assert peoples(mali) == ("Malians",)
    # a capital, an abbreviation and a name are no people ("Moscows", "USs")
    assert peoples(store.actors["russia"]) == ("Russians",)
    person = next(a for a in store.actors.values() if a.kind.value == "person")
    assert peoples(msgspec.structs.replace(person, aliases=("Malian",))) == ()


# --- "what does X want": what X said, said so ---------------------------------------------


def test_what_someone_wants_is_what_they_said(store: FactStore) -> None:
    response = questions.answer(store, "what does the us want")
    assert response.title == "What United States said"
    assert any("not intentions" in note for note in response.notes)
    # with more words, what others say it wants counts too: a search
    more = questions.answer(store, "what does washington want from the juntas")
    assert not any("not intentions" in note for note in more.notes)


# --- a real word is never mended into a shorter one ---------------------------------------


def test_a_slip_keeps_its_first_letter(store: FactStore) -> None:
    """ "ground" is one letter from "around", and no slip of it: unknown, and said so."""
    from bot.records.errors import NotFound

    with pytest.raises(NotFound, match="do not cover “ground”"):
        questions.answer(store, "is russia gaining ground in mali")


def test_a_word_with_an_english_ending_is_not_a_slip(store: FactStore) -> None:
    response = questions.answer(store, "is the us ready to work with the juntas")
    assert not any("as “read”" in note for note in response.notes)
    assert "ready" in response.title


def test_a_real_slip_is_still_mended(store: FactStore) -> None:
    response = questions.answer(store, "who critisized the policy")
    assert any("as “criticised”" in note for note in response.notes)


# --- a group named by the first words of its name: that group, not a word match ----------


@pytest.mark.parametrize("question", ["is isis active in niger", "is islamic state active here"])
def test_the_first_words_of_one_actors_name_name_it(store: FactStore, question: str) -> None:
    response = questions.answer(store, question)
    assert "Islamic State West Africa Province" in first_line(response)
    assert "EU development" not in first_line(response)  # matched on "active" alone


def test_first_words_shared_by_several_names_name_none(store: FactStore) -> None:
    from bot.answers import claims

    claimed = claims.claim(store, "is african aid growing")
    assert claimed is not None and not claimed.subject_actors


# --- a name of several words is read whole: "the US envoy", "the Trump administration" ----


@pytest.mark.parametrize(
    ("question", "actor", "predicate"),
    [
        ("did the us envoy visit niger", "nick-checker", "visit"),
        ("did the trump administration cut aid", "trump-administration", "cut"),
    ],
)
def test_the_longest_name_from_the_start_is_the_subject(
    store: FactStore, question: str, actor: str, predicate: str
) -> None:
    from bot.answers import claims

    claimed = claims.claim(store, question)
    assert claimed is not None
    assert actor in claimed.subject_actors and claimed.predicate == predicate


def test_a_place_the_subject_never_went_is_not_dated_by_another_visit(store: FactStore) -> None:
    from bot.records.errors import NotFound

    with pytest.raises(NotFound, match="no fact holds “niger” with"):
        questions.answer(store, "when did the us envoy visit niger")
    dated = questions.answer(store, "when did the us envoy visit bamako")
    assert dated.sections[0].title == "When"


# --- "what did X do": X's timeline, not a refusal on a common name ------------------------


@pytest.mark.parametrize(
    ("question", "actor"),
    [
        ("what did the us do", "United States"),
        ("what has jnim been doing", "Group for the Support of Islam and Muslims"),
    ],
)
def test_what_an_actor_did_is_its_timeline(store: FactStore, question: str, actor: str) -> None:
    response = questions.answer(store, question)
    assert response.title == f"Timeline: {actor}"
    assert response.notes[0].startswith("Answered as /timeline actor:")


def test_what_an_actor_did_somewhere_is_a_search(store: FactStore) -> None:
    response = questions.answer(store, "what has russia done in niger")
    assert response.notes[0].startswith("Answered as /search")


# --- "why is X doing this": the reasons given for what X does, or plainly none -----------


def test_why_an_actor_acts_gives_the_reasons_given(store: FactStore) -> None:
    response = questions.answer(store, "why is the us doing this")
    assert response.sections[0].title == "Why: the reasons given"
    assert response.sections[0].items


def test_why_with_only_a_name_and_no_reason_given_says_so(store: FactStore) -> None:
    from bot.records.errors import NotFound

    with pytest.raises(NotFound, match="give no reason on"):  # not facts that name Mali
        questions.answer(store, "why is mali doing this")


def test_why_takes_the_reasons_given_for_one_of_the_first_matches(store: FactStore) -> None:
    """The best match is an analyst's comparison nobody gives a reason for; the shift it
    compares, second, has Laessing's reason."""
    response = questions.answer(store, "why did the us shift its policy")
    assert response.sections[0].title == "Why: the reasons given"
    assert "pragmatic stance" in response.sections[0].items[0].text


def test_a_reaction_is_no_reason(store: FactStore) -> None:
    """Russia's description of the repelling responds to the attack; it gives no reason."""
    response = questions.answer(store, "why was the niamey airport attacked")
    assert "The sources give no reason for it: these are the facts that match." in response.notes
    assert all(s.title != "Why: the reasons given" or not s.items for s in response.sections)


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("why have us mining companies stayed away", "because of corruption"),  # its own words
        ("why is the us changing course on the sahel", "pragmatic stance"),  # a change of course
    ],
)
def test_why_gives_the_reason_the_sources_give_for_it(
    store: FactStore, question: str, reason: str
) -> None:
    response = questions.answer(store, question)
    assert response.sections[0].title == "Why: the reasons given"
    assert any(reason in item.text for item in response.sections[0].items)


def test_reasons_for_something_else_are_no_reasons(store: FactStore) -> None:
    """Nobody says why USAID was shut: the policy shift's reasons are not listed as its."""
    response = questions.answer(store, "why did the us shut usaid")
    assert "The sources give no reason for it: these are the facts that match." in response.notes
    assert all(s.title != "Why: the reasons given" for s in response.sections)
