"""/ask, a fifth pass (analyst trial 3): each class the trial found, asked in our own words
of the real store."""

from __future__ import annotations

import pytest

from bot.answers import claims, questions
from bot.answers.response import Response
from bot.records.errors import NotFound
from bot.store.facts import FactStore


def first_line(response: Response) -> str:
    return response.sections[0].items[0].text


def shown(response: Response) -> list[str]:
    return [f for s in response.sections for i in s.items for f in (i.facts or (i.fact,)) if f]


# --- common words that together state a claim --------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "is washington open to talks with niger",
        "was the us open to negotiations with burkina faso",
    ],
)
def test_common_words_stating_a_claim_in_one_clause_answer_it(
    store: FactStore, question: str
) -> None:
    """Every word common in the store ("US", "open", "talks", "Niger"), yet one clause
    says it: "Washington was also open to consultations with … Burkina Faso and Niger"."""
    response = questions.answer(store, question)
    assert first_line(response).startswith("The sources say"), first_line(response)
    assert "bureau-signals-openness" in shown(response)[:2]


@pytest.mark.parametrize(
    "question",
    [
        "did niger sign an agreement",  # a name and a verb: no clause states it
        "is niger open to talks with the us",  # Niger is who the US is open to, not who is
        "did the us talk to niger",
    ],
)
def test_common_words_no_clause_states_are_still_no_answer(store: FactStore, question: str) -> None:
    try:
        response = questions.answer(store, question)
    except NotFound:
        return
    assert first_line(response).startswith("The sources do not say"), first_line(response)


def test_talks_are_consultations_not_only_something_told(store: FactStore) -> None:
    terms = store.fact_search.expand("talks")
    assert "consult" in terms  # "open to consultations"


# --- a yes/no first line: the clause on point; nothing sharing only a name --------------


def test_a_yes_no_first_line_quotes_the_clause_naming_its_subject(store: FactStore) -> None:
    """Not the attack's "…was repelled" alone: the clause where Russia speaks of it."""
    response = questions.answer(store, "did russia help fight off the attack on niamey airport")
    first = response.sections[0].items[0]
    assert first.fact == "russia-claims-joint-action"
    assert "Russia" in first.text and first.cites


def test_what_bears_on_a_yes_no_shares_more_than_its_subjects_name(store: FactStore) -> None:
    """Lines naming Russia but nothing of the attack do not bear on Russia's part in it."""
    response = questions.answer(store, "did russia help fight off the attack on niamey airport")
    assert set(shown(response)) == {"russia-claims-joint-action", "niamey-airport-attack"}


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("did russia sign a mining deal with niger", "no-minerals-deals"),
        ("did russia agree a minerals deal with mali", "no-minerals-deals"),
    ],
)
def test_a_nearest_line_holds_what_is_asked_not_only_the_subjects_name(
    store: FactStore, question: str, fact: str
) -> None:
    """No line names the subject with what is asked of it: the nearest holds what is asked
    (mineral deals; Europe's influence), not the subject's name alone (Russia's partners)."""
    first = questions.answer(store, question).sections[0].items[0]
    assert first.text.startswith("The sources do not say so in those words"), first.text
    assert first.fact == fact


def test_a_predicate_is_not_the_longer_words_it_begins(store: FactStore) -> None:
    """ "sign" is neither "significant" nor "signalled"."""
    claimed = claims.claim(store, "did the us sign an agreement")
    assert claimed is not None and not claimed.predicate_terms


# --- where: the place, in the sources' words ---------------------------------------------


def test_where_leads_with_the_places_the_sources_give(store: FactStore) -> None:
    """Both articles' places for the detention, not a note; no fact that places nothing."""
    response = questions.answer(store, "where is mohamed bazoum being kept")
    assert shown(response) == ["bazoum-still-detained"]
    first = first_line(response)
    assert "“in the presidential palace”" in first and "“in his own residence”" in first
    assert len(response.sections[0].items[0].cites) == 2  # each article's words cited
    assert not any("Read “being”" in n for n in response.notes)  # no slip of "bring"


def test_a_place_is_a_named_place_or_a_noun_of_place() -> None:
    from bot.answers.queries import places

    said = "a diplomat at the US embassy in Bamako told AFP, in a significant shift"
    assert places(said) == ["at the US embassy", "in Bamako"]


# --- a quote that names no speaker ---------------------------------------------------------


def test_a_quoted_fragment_names_whose_words_it_gives(store: FactStore) -> None:
    """ "arguing that …" alone does not say who argues."""
    first = first_line(
        questions.answer(store, "would security cooperation be exchanged for resources")
    )
    assert first.startswith("The sources say, from Ulf Laessing: “arguing that"), first


def test_a_denial_is_never_said_so(store: FactStore) -> None:
    """The fact says it "would not be exchanged": the sources say that, not "so"."""
    first = first_line(
        questions.answer(store, "is the us exchanging security cooperation for resources")
    )
    assert first.startswith("The sources say: Ulf Laessing argued"), first


# --- why, with no one's reason given ------------------------------------------------------


def test_why_with_no_reason_given_says_there_is_none_beyond_the_results(
    store: FactStore,
) -> None:
    """Leaving ECOWAS "to form a new alliance" is all the sources say of why."""
    response = questions.answer(store, "why did the three juntas quit ecowas")
    assert shown(response)[0] == "aes-formed"
    assert "The sources give no reason for it beyond the words of the results." in response.notes


def test_why_with_no_reason_at_all_says_so(store: FactStore) -> None:
    response = questions.answer(store, "why is bazoum still detained")
    assert "The sources give no reason for it: these are the facts that match." in response.notes


def test_why_with_a_reason_given_claims_no_absence(store: FactStore) -> None:
    response = questions.answer(store, "why is washington engaging the military governments")
    assert not [n for n in response.notes if n.startswith("The sources give no reason")]


# --- consequences for a topic's subject -----------------------------------------------------


@pytest.mark.parametrize(
    "question", ["what are the implications for the eu", "how does this affect france"]
)
def test_consequences_for_a_topic_list_the_rest_of_the_topic(
    store: FactStore, question: str
) -> None:
    """Not only the lines naming the word asked: what the sources say of Europe besides
    (EU programmes, Germany, France's withdrawal, "crises … without the EU")."""
    response = questions.answer(store, question)
    facts = set(shown(response))
    assert {"eu-programmes-active", "french-troops-expelled", "europe-influence-waning"} <= facts
    assert "laessing-crises-without-eu" in facts
    assert response.sections[-1].title == "More on Europe and France"


# --- how much, with no figure given ----------------------------------------------------------


def test_no_figure_says_so_then_the_nearest_fact_on_the_subject(store: FactStore) -> None:
    """No figure for US aid, but USAID's closure is what the sources hold on it."""
    response = questions.answer(store, "how much assistance does washington give niger")
    assert first_line(response).startswith("The sources do not say: they give no figure")
    assert response.sections[1].title == "Nearest they hold"
    assert shown(response)[0] == "usaid-shuttered"


def test_no_figure_on_a_subject_the_store_lacks_is_still_refused(store: FactStore) -> None:
    with pytest.raises(NotFound, match="do not cover"):
        questions.answer(store, "how much money has the us pledged to niger")


def test_no_figure_lists_nothing_about_another_actor(store: FactStore) -> None:
    """Russian personnel and French troops are not near US troop numbers."""
    with pytest.raises(NotFound, match="give no figure"):
        questions.answer(store, "how many us soldiers are based in niger")


def test_former_describes_a_subject_it_does_not_name(store: FactStore) -> None:
    """ "Former" (a "former colonial ruler") does not outrank "detained" and "president"."""
    response = questions.answer(store, "where is niger's former president detained")
    assert shown(response)[0] == "bazoum-still-detained"


def test_a_claim_of_common_words_lists_only_what_states_it(store: FactStore) -> None:
    """Its words are in most facts: the coups and the shift do not bear on it."""
    response = questions.answer(store, "was the us open to negotiations with burkina faso")
    assert shown(response) == ["bureau-signals-openness"]


@pytest.mark.parametrize(
    "question", ["where does washington stand on democracy", "where is us policy heading"]
)
def test_where_of_a_position_or_a_direction_is_no_place(store: FactStore, question: str) -> None:
    assert not questions.answer(store, question).title.startswith("Where:")
