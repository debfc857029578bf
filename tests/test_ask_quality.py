"""/ask answers what the store holds and says plainly when it does not: the labelled set
and each class of defect the issue found."""

from __future__ import annotations

import msgspec
import pytest

from bot.answers import queries, questions
from bot.answers.response import Response
from bot.records.errors import NotFound
from bot.store.facts import FactStore
from bot.store.speakers import speaks_for_problems, voices
from testkit.quality import ASK_QUESTIONS, REFUSE, evaluate_ask, load_questions

PASS_RATE_MIN = 0.95
"""Measured 0.614 before issue 24's changes, 0.929 after (70 questions); with the second
pass's 33 more (103), 0.825 before that pass, 0.961 after; with the third pass's 37 more
(140), 0.879 before that pass, 0.971 after; with the fifth pass's 14 more (154, analyst
trial 3's classes), 0.935 before that pass, 0.974 after; with the sixth pass's 14 more (168,
analyst trial 4's classes), 0.958 before that pass, 0.976 after; with the seventh pass's 8
more (176, analyst trial 5's classes), 0.955 before that pass, 0.977 after; with the ninth
pass's 16 more (192: words no fact holds together, common words, "…, right?" tails, time
words, possessives without an apostrophe), 0.948 before that pass, 0.974 after; with the
tenth pass's 15 more (207: present-state questions, the lead naming the subject, premises
with a verb the store lacks, paraphrased yeses), 0.961 before that pass, 0.976 after; with
the eleventh pass's 10 more (217: a host is no visitor, a state's people, "what does X
want", words never mended into others, a group named by its first words, the longest name
from the start, "what did X do", "why is X doing this"), 0.963 before that pass, 0.991 after."""


def shown(response: Response) -> list[str]:
    return [f for s in response.sections for i in s.items for f in (i.facts or (i.fact,)) if f]


def test_the_labelled_questions_pass(store: FactStore) -> None:
    labelled = load_questions(ASK_QUESTIONS)
    assert len(labelled) >= 60
    assert sum(1 for q in labelled if q["expect"] == REFUSE) >= 15
    assert all(not q["q"].endswith("?") for q in labelled[:20])  # typed as people type
    for question in labelled:
        if question["expect"] != REFUSE:
            assert set(question["expect"]) <= set(store.facts), question
    quality = evaluate_ask(store, labelled)
    assert quality.hit_rate >= PASS_RATE_MIN, quality.misses


# --- who speaks for whom -----------------------------------------------------------------


def test_what_was_said_on_a_bodys_behalf_counts_as_its_own(store: FactStore) -> None:
    """An adviser to the administration speaks for the US; each line names the adviser."""
    response = questions.answer(store, "what did the us say about democracy")
    assert shown(response)[0] == "boulos-le-monde"
    item = response.sections[0].items[0]
    assert item.label is not None and "Massad Boulos" in item.label


def test_an_anonymous_source_is_its_description_never_the_country(store: FactStore) -> None:
    response = questions.answer(store, "what did mali say")
    items = [i for s in response.sections for i in s.items]
    assert [i.fact for i in items] == ["malian-diplomat-counterterrorism"]
    assert items[0].label is not None and "a Malian diplomat" in items[0].label
    assert "Mali" not in items[0].label.replace("Malian", "")
    assert "mali" not in store.facts["malian-diplomat-counterterrorism"].by


def test_a_profile_says_whom_it_speaks_for_both_ways(store: FactStore) -> None:
    from bot.answers import queries

    def lines(name: str) -> list[str]:
        response = queries.actor(store, name)
        return [i.text for s in response.sections if s.title == "Speaks for" for i in s.items]

    assert "Massad Boulos speaks for Trump administration" in lines("Massad Boulos")
    assert "Massad Boulos speaks for Trump administration" in lines("Trump administration")
    said = queries.actor(store, "United States")
    assert "boulos-le-monde" in [
        i.fact for s in said.sections if s.title in ("Said", "Essentials") for i in s.items
    ]


def test_speaks_for_reaches_through_part_of(store: FactStore) -> None:
    # Boulos speaks for the Trump administration, which is part of the United States
    assert "massad-boulos" in voices(store, "united-states")
    assert "massad-boulos" not in voices(store, "mali")
    assert speaks_for_problems(store.actors) == []


def test_a_speaks_for_naming_no_actor_is_a_problem(store: FactStore) -> None:
    actors = dict(store.actors)
    boulos = actors["massad-boulos"]
    actors["massad-boulos"] = msgspec.structs.replace(
        boulos, speaks_for=("nobody", "massad-boulos")
    )
    problems = speaks_for_problems(actors)
    assert ("massad-boulos", "'speaks_for' names unknown actor 'nobody'") in problems
    assert ("massad-boulos", "'speaks_for' names the actor itself") in problems


# --- answerability -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("what does algeria think about the shift", "“algeria”"),
        ("chinese investment in niger", "“chinese”, “investment”"),
        ("did China comment on the visit", "“China”"),
        ("did the AU comment on the shift", "“AU”"),  # a two-letter name, not an English word
    ],
)
def test_a_subject_the_store_never_names_is_refused_plainly(
    store: FactStore, question: str, missing: str
) -> None:
    with pytest.raises(NotFound) as caught:
        questions.answer(store, question)
    assert caught.value.message == f"The sources in the store do not cover {missing}."
    assert caught.value.suggestions  # what they cover that is closest


def test_only_common_words_is_no_answer(store: FactStore) -> None:
    with pytest.raises(NotFound) as caught:
        questions.answer(store, "sahel us niger")
    assert "common to most facts" in caught.value.message


def test_a_verb_the_store_does_not_use_is_not_a_missing_subject(store: FactStore) -> None:
    response = questions.answer(store, "did the sahel states leave ecowas")
    assert shown(response)[0] == "aes-formed"


def test_a_yes_no_question_opens_with_what_the_sources_say(store: FactStore) -> None:
    said = questions.answer(store, "is bazoum still detained")
    first = said.sections[0].items[0]
    assert first.text.startswith("The sources say: “") and first.fact == "bazoum-still-detained"
    quote = said.citations[first.cites[0] - 1].quote
    assert quote in first.text  # the store's own cited words
    # no source speaks of a release: the nearest words, never "the sources say"
    released = questions.answer(store, "has bazoum been released").sections[0].items[0]
    assert released.text.startswith("The sources do not say so")
    assert released.fact == "bazoum-still-detained"
    unsaid = questions.answer(store, "did the us resume military cooperation")
    first = unsaid.sections[0].items[0]
    assert first.text.startswith("The sources do not say so")
    assert "malian-diplomat-counterterrorism" in shown(unsaid)[:3]  # re-engage ~ resume
    # the first line quotes words that hold the question's subject, not a fact's first quote
    russia = questions.answer(store, "is russia involved in niger").sections[0].items[0].text
    assert "Russia" in russia and "Niger" in russia


def test_a_question_of_numbers_shows_only_figures(store: FactStore) -> None:
    response = questions.answer(store, "how many drivers died")
    assert shown(response) == ["fuel-convoy-attack"]
    with pytest.raises(NotFound) as caught:
        questions.answer(store, "how many troops does the US have in Niger")
    assert caught.value.message.startswith("The sources in the store give no figure")


# --- reading by meaning --------------------------------------------------------------------


def test_what_happens_next_is_what_the_sources_say_is_to_come(store: FactStore) -> None:
    response = questions.answer(store, "what happens next")
    assert response.notes[0].startswith("Answered as what the sources say is to come")
    assert "bureau-signals-openness" in shown(response)[:3]


def test_when_is_a_timeline_in_order(store: FactStore) -> None:
    response = questions.answer(store, "when did checker visit bamako")
    assert response.command == "ask" and shown(response)[0] == "checker-visits-bamako"
    timeline = [i for s in response.sections if s.title == "Timeline" for i in s.items]
    spans = [i.span for i in timeline if i.span]
    assert spans == sorted(spans, key=lambda s: (s[0], s[1]))


def test_the_rarest_word_decides_the_first_result(store: FactStore) -> None:
    """'criticised' is what "who criticised the new US policy" is about, not US or new."""
    response = questions.answer(store, "who criticised the new US policy")
    assert shown(response)[0] == "rights-advocates-criticise"


def test_a_topic_only_match_never_ranks_above_a_visible_one(store: FactStore) -> None:
    hits = store.fact_search.search("bazoum", limit=10)
    visible = [any(not t.startswith("#") for t in h.terms) for h in hits]
    assert visible == sorted(visible, reverse=True) and visible[0]


# --- issue 24, second pass: classes found by asking as an analyst --------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what is the us giving mali in return",  # "return": a verb, US and Mali: common
        "why are they doing this",  # no subject at all
    ],
)
def test_matches_on_verbs_and_common_words_alone_are_no_answer(
    store: FactStore, question: str
) -> None:
    with pytest.raises(NotFound) as caught:
        questions.answer(store, question)
    assert caught.value.message.startswith("The sources in the store have nothing specific")
    assert "()" not in caught.value.message


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("how many days has bazoum been held", "bazoum-still-detained"),  # irregular "held"
        ("did the EU pull out of the sahel", "eu-programmes-active"),  # "pull out"
        ("who is brodie", None),  # a surname misspelt
        ("what is jnm", None),  # an acronym with a letter missing
    ],
)
def test_verbs_particles_and_slips_of_names_are_not_missing_subjects(
    store: FactStore, question: str, fact: str | None
) -> None:
    response = questions.answer(store, question)
    if fact is not None:
        assert fact in shown(response)[:5]


def test_the_speaker_is_named_before_what_was_said_about(store: FactStore) -> None:
    """ "About the US" is the subject, never the speaker; "the head of" is no subject."""
    juntas = questions.answer(store, "what did the juntas say about the us")
    assert not juntas.notes[0].startswith("Answered as United States")
    head = questions.answer(store, "what did the head of the state department say about mali")
    assert head.notes[0] == "Answered as US State Department's statements about “mali”"


def test_what_comes_next_lists_nothing_that_already_happened(store: FactStore) -> None:
    """No event (it happened), and no announcement of a visit since made ("would visit")."""
    response = questions.answer(store, "what happens next")
    facts = [store.facts[f] for f in shown(response)]
    assert facts and all(f.kind != "event" for f in facts)
    assert "visit-announced" not in shown(response)


@pytest.mark.parametrize(
    ("question", "not_bearing"),
    [
        ("is bazoum still detained", "rights-advocates-criticise"),  # shares only a name
        ("is germany still in the sahel", "bazoum-still-detained"),  # shares only "still"
    ],
)
def test_a_yes_no_answer_lists_only_facts_bearing_on_it(
    store: FactStore, question: str, not_bearing: str
) -> None:
    response = questions.answer(store, question)
    assert not_bearing not in shown(response)


def test_when_about_an_undated_fact_says_the_sources_give_no_date(store: FactStore) -> None:
    response = questions.answer(store, "when did the aes form")
    assert shown(response)[0] == "aes-formed"
    assert "The sources give no date for this; this is what they say of it." in response.notes


def test_an_indefinite_pronoun_is_no_missing_subject(store: FactStore) -> None:
    response = questions.answer(store, "did anyone criticise boulos")
    assert "rights-advocates-criticise" in shown(response)


def test_an_abbreviation_reads_as_the_word(store: FactStore) -> None:
    response = questions.answer(store, "what did the state dept say")
    assert response.notes[0] == "Answered as US State Department's statements"


def test_a_yes_no_subject_is_held_by_any_name_of_its_actor(store: FactStore) -> None:
    """The source names JNIM by its full name: the sources do say it attacked a convoy."""
    first = questions.answer(store, "did jnim attack a convoy").sections[0].items[0]
    assert first.text.startswith("The sources say: “") and first.fact == "fuel-convoy-attack"


def test_a_verb_never_decides_a_search_that_names_a_subject(store: FactStore) -> None:
    response = questions.answer(store, "what does the us want in return for security cooperation")
    assert "trump-returns" not in shown(response)  # "return" is no subject
    assert shown(response)[0] == "laessing-no-security-for-resources"


def test_mistyped_question_words_are_read_as_meant(store: FactStore) -> None:
    response = questions.answer(store, "wat did laessing say about democrcy")
    assert response.notes[0].startswith("Answered as Ulf Laessing's statements")
    assert shown(response) == ["laessing-americans-not-concerned"]


def test_why_shows_the_reasons_given_in_response_to_what_it_matched(store: FactStore) -> None:
    """An analyst's claim answering the shift is its reason; an event's curated cause too."""
    engaging = questions.answer(store, "why is the US engaging the juntas")
    assert engaging.sections[0].title == "Why: the reasons given"
    assert shown(engaging)[0] == "laessing-pragmatic-stance"
    biden = questions.answer(store, "why did biden suspend military cooperation")
    assert biden.sections[0].title.startswith("Why: what it responded to")
    assert shown(biden)[:2] == ["coups-2020-2023", "biden-cuts-military-cooperation"]


def test_why_finds_the_reasons_said_on_the_subject_in_their_own_words(
    store: FactStore,
) -> None:
    """The best match (a diplomat's claim) has no curated response; the reasons given are
    said elsewhere on its topic: a stance "to address past missteps", "in favour of"."""
    answer = questions.answer(store, "why is the us re-engaging with the juntas?")
    reasons = next(s for s in answer.sections if s.title == "Why: the reasons given")
    given = [i.fact for i in reasons.items]
    assert "laessing-pragmatic-stance" in given
    # someone's reasons, or a source's own reason for the change it reports (sixth pass)
    assert all(store.facts[f].kind.attributed or f == "sahel-islamist-insurgency" for f in given)


def test_why_lists_no_reason_the_sources_do_not_give(store: FactStore) -> None:
    """Nothing says why the juntas broke with France: the US shift (an event, made "as they
    turn to Russia") is not offered as the reason."""
    answer = questions.answer(store, "why did mali break with france")
    reasons = [s for s in answer.sections if s.title.startswith("Why")]
    assert not [i for s in reasons for i in s.items if i.fact == "us-declares-policy-shift"]


@pytest.mark.parametrize(
    "question",
    ["did boulos say democracy doesn't matter", "did boulos say democracy doesnt matter"],
)
def test_a_negation_with_or_without_its_apostrophe_is_no_subject(
    store: FactStore, question: str
) -> None:
    assert "boulos-le-monde" in shown(questions.answer(store, question))


# --- issue 24, third pass: a fresh analyst's classes -----------------------------------------


def first_line(response: Response) -> str:
    return response.sections[0].items[0].text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("did the eu expel french troops", False),  # the EU only as the object, later
        ("did the us withdraw from niger", False),  # Niger withdrew (from ECOWAS), not the US
        ("did niger expel french troops", True),
        ("has france left mali", True),  # "While France has withdrawn militarily from Mali"
        ("has bazoum been freed", False),  # no source speaks of freeing him
        ("did the niamey attack succeed", False),  # nor of its success: it was repelled
        ("did russia attack the niamey airport", False),  # Russia described its repelling
        ("did diop host checker", True),
        ("did the us host diop", False),  # Diop hosted the US envoy, not the other way
        ("did the bureau of african affairs visit niger", False),  # a name with "of" in it
    ],
)
def test_a_yes_no_first_line_needs_subject_and_predicate_in_one_clause(
    store: FactStore, question: str, said: bool
) -> None:
    line = first_line(questions.answer(store, question))
    # "The sources say otherwise: … was repelled" denies it: no confirmation
    confirms = line.startswith("The sources say") and not line.startswith("The sources say oth")
    assert confirms is said, line


def test_a_yes_no_about_words_a_silent_actor_said_is_refused(store: FactStore) -> None:
    """ "Did Burkina Faso reply to Washington": Burkina Faso said nothing in the store; the
    US, named after the saying word, is what it would have replied to, not the speaker."""
    with pytest.raises(NotFound) as caught:
        questions.answer(store, "did burkina faso reply to washington")
    assert caught.value.message.startswith("The sources in the store hold nothing Burkina Faso")


@pytest.mark.parametrize(
    ("question", "only"),
    [
        ("which countries formed the aes", ["aes-formed"]),  # not every fact on "countries"
        ("what have rights advocates said", ["rights-advocates-criticise"]),
        ("what did the juntas say about the us", ["malian-diplomat-counterterrorism"]),
    ],
)
def test_results_matching_only_class_or_common_words_are_not_listed(
    store: FactStore, question: str, only: list[str]
) -> None:
    assert shown(questions.answer(store, question)) == only


def test_a_word_matched_only_in_another_actors_name_is_not_shown(store: FactStore) -> None:
    """ "France" is in "Agence France-Presse", which the reader of the AFP line never sees."""
    assert "us-diplomat-jihadists-settling" not in shown(
        questions.answer(store, "has france left mali")
    )


@pytest.mark.parametrize(
    "question",
    [
        "who is the leader of burkina faso",  # an office and a common name: nothing specific
        "who is the defence minister of mali",  # "defence" and "minister", never together
    ],
)
def test_an_office_the_sources_never_name_is_refused(store: FactStore, question: str) -> None:
    with pytest.raises(NotFound) as caught:
        questions.answer(store, question)
    assert caught.value.message.startswith(questions.NOT_COVERED)


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("what is france's role now", "french-troops-expelled"),  # "role": no subject
        ("how does the trump approach differ from biden's", "biden-cuts-military-cooperation"),
        ("what did agence france-presse report", "us-diplomat-jihadists-settling"),  # an outlet
        ("what did the us tell le monde", "boulos-le-monde"),
        ("what is washington proposing to mali", "visit-announced"),
        ("what has changed", "radical-change-evident"),  # the verb is the whole question
        ("were drivers killed near bamako", "fuel-convoy-attack"),  # "near": no subject
    ],
)
def test_question_shaping_words_and_outlets_are_no_missing_subject(
    store: FactStore, question: str, fact: str
) -> None:
    assert fact in shown(questions.answer(store, question))[:5]


def test_how_many_members_lists_the_members_the_sources_name(store: FactStore) -> None:
    response = questions.answer(store, "how many members does the aes have")
    items = [i.text for s in response.sections for i in s.items]
    assert {"Mali", "Niger", "Burkina Faso"} == {i.split(":")[0] for i in items}
    assert all(i.cites for s in response.sections for i in s.items)
    assert "The sources give no figure; these are the members they name." in response.notes


def test_when_gives_only_the_date_of_a_fact_stating_it(store: FactStore) -> None:
    """ "More than 900 days after his removal" dates the detention, not the removal."""
    removed = questions.answer(store, "when was bazoum removed from power")
    assert "When" not in [s.title for s in removed.sections]
    assert "The sources give no date for this; this is what they say of it." in removed.notes
    for question in ("when was bazoum detained", "when was bazoum locked up"):
        held = questions.answer(store, question)  # "remains detained" dates no beginning
        assert held.sections[0].title == queries.ONGOING_TITLE, question
        assert "The sources do not say when this began" in " ".join(held.notes)
    hit = questions.answer(store, "when was the fuel convoy hit")
    assert hit.sections[0].title == "When" and shown(hit)[0] == "fuel-convoy-attack"


def test_an_actor_quoted_only_through_those_speaking_for_it_says_so(store: FactStore) -> None:
    response = questions.answer(store, "what did trump say")
    assert any(n.startswith("Donald Trump is not quoted") for n in response.notes)
    outlet = questions.answer(store, "what did le monde say")
    assert outlet.title == "What Le Monde was told"
    assert outlet.notes[0] == "Answered as what Le Monde was told"


def test_what_bears_on_a_yes_no_names_its_subject_first(store: FactStore) -> None:
    """Not said of the EU, but what the sources say of the EU there is listed."""
    response = questions.answer(store, "did the eu leave mali")
    assert first_line(response).startswith("The sources do not say so")
    assert "eu-programmes-active" in shown(response)[1:5]


def test_an_office_of_a_named_actor_is_its_holders_profile(store: FactStore) -> None:
    """The curated relation answers "who is the head of X"; a "deposed president of"
    Niger is no answer to who its president is."""
    head = questions.answer(store, "whos the head of the bureau of african affairs")
    assert (
        head.notes[0]
        == 'Answered as /actor name:"Nick Checker" (head of Bureau of African Affairs)'
    )
    with pytest.raises(NotFound):
        questions.answer(store, "who is the president of niger")


def test_a_speaker_described_beyond_a_name_is_those_so_described(store: FactStore) -> None:
    """ "The diplomat from Mali" is the source's "a Malian diplomat", not all Mali said,
    nor the US embassy's diplomat."""
    response = questions.answer(store, "what did the diplomat from mali say")
    assert shown(response) == ["malian-diplomat-counterterrorism"]
    assert response.notes[0] == "Answered as what those described as “diplomat” said, for Mali"


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        ("will checker visit niger", False),  # "Ahead of Checker's visit to Bamako, … Niger"
        ("did checker visit niger", False),
        ("did checker visit bamako", True),
        ("did france withdraw from mali", True),
    ],
)
def test_a_yes_or_no_is_said_only_by_a_clause_holding_what_it_asks_of_the_subject(
    store: FactStore, question: str, stated: bool
) -> None:
    """A question's further words ("… Niger") are part of the claim: a clause holding the
    subject and the predicate but not them does not say it."""
    first = questions.answer(store, question).sections[0].items[0].text
    assert first.startswith("The sources say") is stated and (
        stated or first.startswith("The sources do not say so")
    ), first


@pytest.mark.parametrize("question", ["latest", "what's new", "any updates", "whats the latest"])
def test_the_latest_is_the_brief_as_of_its_newest_source(store: FactStore, question: str) -> None:
    """ "latest" named no subject and was refused: it asks for the story as it stands."""
    response = questions.answer(store, question)
    assert response.notes[0].startswith("Answered as /brief"), response.notes
    assert any(n.startswith("As of ") for n in response.notes)


def test_the_latest_on_a_named_actor_is_its_profile(store: FactStore) -> None:
    response = questions.answer(store, "what is the latest on bazoum")
    assert response.notes[0] == 'Answered as /actor name:"Mohamed Bazoum"'


@pytest.mark.parametrize(
    ("question", "typed", "meant"),
    [
        ("who critisized the us shift", "critisized", "criticised"),  # was silently dropped
        ("how is the us approach diffrent from bidens", "diffrent", "different"),  # refused
    ],
)
def test_a_slip_in_a_question_word_is_mended_and_said(
    store: FactStore, question: str, typed: str, meant: str
) -> None:
    response = questions.answer(store, question)
    assert f"Read “{typed}” as “{meant}”." in response.notes


def test_a_word_the_search_reads_or_nothing_is_near_is_left_as_typed(store: FactStore) -> None:
    """No note, no guess: a slip the search already reads, or a word near nothing."""
    for question in ("what did the juntaz say", "what about zzzzzzzz"):
        try:
            response = questions.answer(store, question)
        except NotFound:
            continue
        assert not any(n.startswith("Read “") for n in response.notes), question


@pytest.mark.parametrize(
    "question", ["how long has bazoum been detained", "for how long was bazoum held"]
)
def test_how_long_is_a_figure_of_time_about_the_rest(store: FactStore, question: str) -> None:
    """ "long" is no subject: the answer was "Niger was *long* regarded…"."""
    response = questions.answer(store, question)
    assert response.sections[0].title == "Figures the sources give"
    assert "900 days" in response.sections[0].items[0].text


def test_a_yes_or_no_answer_line_says_how_well_it_is_sourced(store: FactStore) -> None:
    first = questions.answer(store, "is bazoum still detained").sections[0].items[0]
    assert first.sourcing == "◆1" and first.independent == 2


@pytest.mark.parametrize(
    "question",
    [
        "did us mining companies invest in the sahel",
        "will the us trade security for minerals",
        "what role does russia play in the sahel",
        "wat did laesing say abt europe",
    ],
)
def test_a_common_verb_or_short_form_the_store_never_uses_refuses_nothing(
    store: FactStore, question: str
) -> None:
    """ "do not cover 'invest'": one ordinary word outside the store's words refused a
    question whose subject it holds."""
    response = questions.answer(store, question)
    assert response.ok and response.sections


def test_a_yes_or_no_nearest_line_holds_the_questions_rare_words(store: FactStore) -> None:
    """ "did the US shut down USAID": the nearest was a line naming only "the US"."""
    first = questions.answer(store, "did the US shut down USAID").sections[0].items[0].text
    assert "USAID" in first, first


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("who leads burkina faso's junta", None),  # was a search listing facts on its words
        ("who is the leader of jnim", None),
        ("who is the president of niger", None),  # its "deposed president" leads no more
        ("who heads the bureau of african affairs", "Nick Checker"),
    ],
)
def test_who_leads_is_the_curated_leader_or_the_sources_do_not_name_one(
    store: FactStore, question: str, answer: str | None
) -> None:
    if answer is None:
        with pytest.raises(NotFound, match="do not name the"):
            questions.answer(store, question)
    else:
        assert questions.answer(store, question).title == answer
