"""Who a sentence names: known actors by name, alias or a close spelling, and new names.

Rules a curator can check (each one refuses a class of junk seen in real drafts):

- a known actor is linked where its name or an alias stands as a name, not inside a
  longer one ("Diori Hamani International Airport" names an airport, not Hamani); where
  two known names overlap, the longer wins ("Mali's military government", not Mali);
- a person is linked only through a name: an alias that is a common noun phrase ("US
  envoy", "US president": an office others hold too) is not trusted; a known person's
  surname after another given name ("Zazia Bazoum" beside Mohamed Bazoum) is a new person;
- a new name is proposed only if it is a name: not a capitalised first word of a sentence
  or quotation ("Unfortunately", "They", "Major"), not a month or weekday (or a
  misspelling of one: "Octover"), not a dateline ("BAMAKO,"), not the outlet itself nor
  its desk ("Sahel Desk") or presenter ("I'm Karim Ouedraogo"), not a place (countries,
  capitals and regions in :mod:`bot.curation.places`; a name after "in", "near",
  "from"…; "the capital Niamey"; an airport, a base, a palace; a name with no body's word
  after "at the"/"in the": "at the Petit Marche"), not an adjective of place
  or nationality ("West African", "Malian"), not a fragment of a known actor's name,
  and not a misspelling of one (as many words, alike: linked to the known actor
  instead), nor another
  grouping word for one ("Confederation of Sahel States": linked, with a comment); not
  an office by its portfolio ("the Minister of Security"), nor capitalised common words
  (every word one the sources use in lower case: "Regional Cooperation"); the outlet is
  recognised with or without its "The";
- a state's government named through the state ("Niger's junta", "Niger's military
  rulers", "the Government of Niger") is that government, when the store has one;
- names joined by "and" that are one ("the Ministry of X and Y", "the X and Y project",
  "X and Y Studies", "the charity X and Y")
  or by a foreign connector ("Les Afriques dans le Monde") are one name, and a known name
  inside one ("Le Monde") is not linked; a single word after "a" ("a Democrat") and a
  first name alone with a person's description ("Seydou, a taxi driver") or after a
  relation ("Her daughter, Rahila") are not proposed; a dateline's agency ("(AFP)") is
  not linked; a lone surname of a person proposed before is that person, even first in its
  sentence ("Sangare said");
- titles, ranks and "X-based" are not part of a name ("Colonel Amadou Abdramane" is
  proposed as Amadou Abdramane, a person; "Prime Minister X of Niger": X);
- a known name matches with or without its acronyms' dots ("U.S. embassy in Bamako"); a
  plural's apostrophe is part of a name ("Peoples' Rights"); an outlet named as the
  channel ("told state television X", then "to X") is not proposed;
- each proposal gets a kind from the noun before it ("the charity X": an organisation),
  a title (a person), or else guessed from its words (a ministry is an organisation, a
  republic a state, a name after "the" not a person, two or three plain words a person).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.curation.drafts import Drafted
from bot.curation.places import CAPITAL_OF, CAPITALS, is_descriptive, is_place
from bot.records.text import simplify
from bot.store.facts import FactStore

_WORD = r"[A-Z][\w’'.-]*[\w](?:(?<=s)[’'](?=\s+[A-Z]))?"
"""A capitalised word, a plural's apostrophe kept before the next ("Peoples' Rights")."""
_NAME = re.compile(
    rf"\b{_WORD}(?:\s+(?:(?:of|for|the|al|de|du|des|la|le|von|van|dans|et|sur|"
    rf"pour|aux|au)\s+)*{_WORD})*"
)
NOT_NAMES = frozenset(
    """a an the this that these those it its in on at by for from to of and or but if as
    however yet while when where after before during since until although though ahead
    according analysts experts officials absent those there here what why how who
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug
    sep sept oct nov dec mr mrs ms dr prof gen lt col maj capt sgt gov sen rep president
    minister general foreign i i'm i’m our my your his her their""".split()
)
_CALENDAR = (
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "june july august september october november december"
).split()
MISSPELT = 85
"""rapidfuzz ratio at which an unknown name is a misspelling of a known name, alias,
month or weekday ("Bazum", "Lessing", "Octover")."""

_FACILITY = re.compile(
    r"\b(?:airport|air base|base|airbase|palace|stadium|street|avenue|square|bridge|"
    r"hospital|camp|prison|hotel|road|boulevard|market|mosque|cathedral|port|harbour|"
    r"barracks|district|province|region|state house|white house)$",
    re.I,
)
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|near|outside|from|across|around|capital|city|town|at|"
    r"village|region|province|district|north of|south of|east of|west of)\s+(?:the\s+)?)$",
    re.I,
)
_NEWSROOM = re.compile(r"\b(?:Desk|Newsroom)$")
_PRESENTING = re.compile(r"\b(?:I[’']m|I am|[Mm]y name is)\s+$")
_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:an|ian|ean|ese|ish|i|ic)s?$")
_ORGANISATION = re.compile(
    r"\b(foundation|bureau|department|ministry|agency|office|company|council|commission|"
    r"institute|embassy|bank|union|centre|center|university|party|committee|court|fund|"
    r"programme|program|organisation|organization|association|society|international|"
    r"watch|network|coalition|league|partners|relief|aid|studies|forum|first|research|"
    r"project|trust|initiative|institution|alliance|action|rights)\b",
    re.I,
)
_MEDIA = re.compile(r"\b(radio|television|tv|news|times|post|press|herald|tribune)\b", re.I)
_ARMED = re.compile(r"\b(front|brigade|militia|army|forces|group|corps|guard|movement)\b", re.I)
_STATE = re.compile(r"\b(republic|kingdom|state of|emirates|federation)\b", re.I)
_GOVERNMENT = re.compile(r"\b(congress|parliament|senate|assembly|government|junta)\b", re.I)


_GOVERNMENT_AFTER = re.compile(
    r"[’']s\s+(?:military\s+)?(?:junta|government|rulers|leaders|authorities|regime)\b"
    r"(?!\s+(?:leader|chief|head|spokes\w+|official|minister|adviser|advisor)s?\b)"
)
"""Not "Niger's junta leader", "the government spokesman": a person of it."""
_GOVERNMENT_BEFORE = re.compile(
    r"\b(?:[Tt]he\s+)?(?:[Mm]ilitary\s+)?(?:[Gg]overnment|[Jj]unta|[Aa]uthorities|[Rr]egime)"
    r"\s+of\s+(?:the\s+)?$"
)
_GOVERNMENT_IN = re.compile(
    r"\b(?:[Mm]ilitary\s+)?(?:[Gg]overnments?|[Jj]untas?|[Aa]uthorities|[Rr]egimes?|[Rr]ulers)"
    r"\s+in\s+$"
)
"""A government by its seat ("the junta in Niamey", "the government in Bamako")."""
_GOVERNMENTS_OF = re.compile(
    r"\b(?:[Mm]ilitary\s+)?(?:[Gg]overnments|[Jj]untas|[Aa]uthorities|[Rr]egimes|[Rr]ulers)"
    r"\s+(?:of|in)\s+(?:the\s+)?(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s*(?:,\s*|\s+and\s+))*$"
)
"""Governments of a list of states ("the military governments of Mali, Burkina Faso and
Niger"): each state's government."""
_GROUPINGS = frozenset(
    "alliance confederation federation union league community coalition bloc".split()
)
_PARTICLES = frozenset({"of", "the", "and", "for", "al", "de", "du", "des", "la", "le"})


_ACRONYM = re.compile(r"\b[A-Z]{2,4}\b")


def _spelt(name: str) -> str:
    """A pattern for a known name, its acronyms with or without dots ("US embassy": "U.S.
    embassy" too)."""
    parts, at = [], 0
    for acronym in _ACRONYM.finditer(name):
        parts.append(re.escape(name[at : acronym.start()]))
        letters = acronym.group(0)
        dotted = "".join(f"{letter}\\." for letter in letters)
        parts.append(f"(?:{letters}|{dotted})")
        at = acronym.end()
    return "".join(parts) + re.escape(name[at:])


def _bare(name: str) -> str:
    """A simplified name without its leading "the" ("the meridian review")."""
    return re.sub(r"^the\s+", "", name)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor: str
    note: str | None = None
    """A ``# check:`` comment on how the name was read ("another name for …?")."""


@dataclass
class Proposed:
    id: str
    name: str
    kind: str
    quote: str
    title: str = ""
    """The title the article put before the name ("Deputy Assistant Secretary of State"),
    kept out of the name: a hint for the actor's role."""
    role: str = ""
    """The article's own appositive for the name ("Seydou, a fabric seller,": "a fabric
    seller"; "Niger's prime minister, X,": "Niger's prime minister"), else empty."""


class Names:
    """Known actors' names, and the proposals made so far for one article."""

    def __init__(
        self,
        store: FactStore,
        outlet: str | None,
        drafted: Sequence[Drafted] = (),
        article: str = "",
    ) -> None:
        self.store = store
        self.cities = _cities(article)
        """The cities the article names: where its generic "the US embassy" is."""
        self.outlet = _bare(simplify(outlet)) if outlet else None
        self.common = {
            w.casefold()
            for source in store.sources.values()
            for w in re.findall(r"(?<![\w’'-])[a-z][a-z’'-]+", source.text)
        }
        """Words the sources use in lower case: common words, never a whole name."""
        self.patterns: list[tuple[re.Pattern[str], str]] = []
        self.spellings: dict[str, str] = {}
        self.words: set[str] = set()
        for actor in store.actors.values():
            for name in {actor.name, *actor.aliases}:
                if actor.kind == "person" and name != actor.name and not is_name(name):
                    continue  # "US envoy": an office others hold too, not this person's name
                flags = 0 if len(name) <= 4 or name.isupper() else re.I
                pattern = re.compile(rf"(?<![\w-]){_spelt(name)}(?![\w-])", flags)
                self.patterns.append((pattern, actor.id))
                self.spellings[simplify(name)] = actor.id
                self.words |= set(simplify(name).split())
        self.seats: set[str] = set()
        """``state@capital`` for the capitals linked through the table of seats, not an
        alias: such a capital is its state only as the seat of its government."""
        aliased = {simplify(n) for a in store.actors.values() for n in (a.name, *a.aliases)}
        states = {
            simplify(n): a.id
            for a in store.actors.values()
            if a.kind == "state"
            for n in (a.name, *a.aliases)
        }
        for capital, state in CAPITAL_OF.items():
            # the curated table of seats, not the store's aliases: every capital alike
            if simplify(capital) in aliased or simplify(state) not in states:
                continue
            spelt = _spelt(" ".join(w.capitalize() for w in capital.split()))
            pattern = re.compile(rf"(?<![\w-]){spelt}(?![\w-])")
            self.patterns.append((pattern, states[simplify(state)]))
            self.seats.add(states[simplify(state)] + "@" + capital)
        self.proposed: dict[str, Proposed] = {}
        self.channels: set[str] = set()
        """Outlets the article names only as the channel ("told state television X")."""
        self.drafted = {d.id: d for d in drafted if d.id not in store.actors}
        """Actors other drafts propose: linked under their id, never proposed again."""
        self.met: list[str] = []
        """The persons other drafts propose that this article has named so far in full."""
        self.named: list[str] = []
        """The persons proposed or met, in the order the article names them."""
        self.paragraph = 0
        """Where in :attr:`named` the current paragraph begins."""
        self.people: list[str] = []
        """Every person named so far (known, another draft's or proposed here), in order."""
        self.people_paragraph = 0
        """Where in :attr:`people` the current paragraph begins."""
        self.checks: list[str] = []
        """``# check:`` comments on the last sentence read that no mention carries."""
        self.proposing = True
        """Whether :meth:`find` proposes new names (not for a sentence left out)."""
        for other in self.drafted.values():
            pattern = re.compile(rf"(?<![\w-]){re.escape(other.name)}(?![\w-])")
            self.patterns.append((pattern, other.id))
            self.spellings[simplify(other.name)] = other.id
            self.words |= set(simplify(other.name).split())

    def kind(self, actor_id: str) -> str | None:
        if actor_id in self.store.actors:
            return str(self.store.actors[actor_id].kind)
        if actor_id in self.drafted:
            return self.drafted[actor_id].kind
        found = next((p for p in self.proposed.values() if p.id == actor_id), None)
        return found.kind if found else None

    def find(self, text: str, propose: bool = True) -> list[Mention]:
        """The actors ``text`` names, in order (proposing new names as it goes, unless not
        ``propose``: then only names known or proposed before)."""
        self.checks = []
        self.proposing = propose
        runs = _runs(text, self._standalone)
        known: list[Mention] = []
        for pattern, actor_id in self.patterns:
            for match in pattern.finditer(text):
                if not _inside_place(match.start(), match.end(), runs):
                    known.append(Mention(match.start(), match.end(), actor_id))
        dateline = DATELINE.match(text) or TIMESTAMP.match(text)
        if dateline:  # "BAMAKO, Jan 8 (AFP) - ": the filing agency, the outlet, no actor here
            known = [k for k in known if k.start >= dateline.end()]
        quiet = {(k.start, k.end) for k in known if self._only_described(text, k)}
        known = [
            self._government(text, k)
            for k in known
            if not self._namesake(text, k)
            and not self._elsewhere(text, k)
            and not self._told(text, k)
            and (k.start, k.end) not in quiet
        ]
        kept: list[Mention] = []
        for mention in sorted(known, key=lambda m: m.start - m.end):  # longest first
            if not any(k.start < mention.end and mention.start < k.end for k in kept):
                kept.append(mention)
        first = _first_letter(text, dateline.end() if dateline else 0)
        pieces: list[re.Match[str]] = []
        for run in runs:
            inside = [k for k in kept if k.start < run.end() and run.start() < k.end]
            if (
                inside
                and _CONNECTED.search(run.group(0))
                and all(_within(k, run) for k in inside)
                and not all(self._standalone(p) for p in _PARTS.split(run.group(0)))
            ):
                kept = [k for k in kept if k not in inside]  # "Les Afriques dans le Monde"
                inside = []
            elif inside and all(self._adjective_of(text, k, run) for k in inside):
                kept = [k for k in kept if k not in inside]  # "French Institute of X": a body
                inside = []
            if not inside:
                pieces.append(run)
                continue
            pieces += _titled_of(text, run, min(k.start for k in inside))
            end = max(k.end for k in inside)  # what follows a known name: "Russia's Africa Corps"
            rest = re.match(r"[’']s\s+", text[end : run.end()])
            if rest:
                pieces += _NAME.finditer(text, end + rest.end(), run.end())
        self.met += [
            k.actor
            for k in kept
            if self.drafted.get(k.actor, None) and self.kind(k.actor) == "person"
        ]
        self.named += [k.actor for k in kept if k.actor in self.met]
        for run in pieces:
            name = run.group(0).strip()
            at = run.start() + run.group(0).find(name)
            if (at, at + len(name)) in quiet:
                continue  # "the Nigerien border": an adjective, no actor (known nor new)
            found = self._new(text, run, first)
            if found is not None:
                kept.append(found)
                if self.kind(found.actor) == "person":
                    self.named.append(found.actor)
        kept = self._shared_surnames(text, sorted(kept, key=lambda m: m.start))
        self.people += [k.actor for k in kept if self.kind(k.actor) == "person"]
        return kept

    def _shared_surnames(self, text: str, kept: list[Mention]) -> list[Mention]:
        """A known person's lone surname ("Diop told me") that a person proposed in this
        draft also bears: the one named nearest before it in the paragraph (this sentence
        first); none of them in the paragraph: the known person if he was the one of them
        named last, else blank, a check naming them."""
        resolved: list[Mention] = []
        for k in kept:
            word = text[k.start : k.end].strip()
            actor = self.store.actors.get(k.actor)
            if actor is None or actor.kind != "person" or " " in word:
                resolved.append(k)
                continue
            before = [m.actor for m in kept if m.end <= k.start]
            order = self.people[self.people_paragraph :] + before
            near = [i for i in order if self._surname(i) == word]
            others = [i for i in self.people + before if self._surname(i) == word]
            if near:
                resolved.append(Mention(k.start, k.end, near[-1]))
            elif others and others[-1] != k.actor:
                self.checks.append(
                    f"check: which {word}? "
                    + " or ".join(self._name_of(i) for i in dict.fromkeys([k.actor, *others]))
                    + ", both named before, neither in this paragraph"
                )
            else:
                resolved.append(k)
        return resolved

    def _surname(self, actor_id: str) -> str:
        return self._name_of(actor_id).split()[-1]

    def new_paragraph(self) -> None:
        """A bare surname looks first for the persons named from here on."""
        self.paragraph = len(self.named)
        self.people_paragraph = len(self.people)

    def drain(self) -> list[str]:
        """The checks :meth:`find` left for the sentence it last read, once."""
        checks, self.checks = self.checks, []
        return checks

    def _told(self, text: str, mention: Mention) -> bool:
        """A known outlet named only as the one told ("told AFP on Monday")."""
        actor = self.store.actors.get(mention.actor)
        told = _TOLD_OUTLET.search(text[max(0, mention.start - 30) : mention.start])
        return actor is not None and actor.kind == "media" and told is not None

    def _adjective_of(self, text: str, mention: Mention, run: re.Match[str]) -> bool:
        """A known actor's one-word alias opening a longer name, a body's head word right
        after it ("French Institute of International Relations": an adjective inside the
        institute's name, not France)."""
        actor = self.store.actors.get(mention.actor)
        word = text[mention.start : mention.end]
        opens = text[run.start() : mention.start].strip() in ("", "The")
        if actor is None or not opens or " " in word.strip():
            return False
        if simplify(word) == simplify(actor.name):
            return False  # "Mali Institute": the state's own name, not an adjective
        return _HEAD_AFTER.match(text, mention.end) is not None

    def _standalone(self, name: str) -> bool:
        """A known actor's name or a place by itself ("Mali"): never the end of a longer one."""
        return simplify(name) in self.spellings or is_place(name)

    def _elsewhere(self, text: str, mention: Mention) -> str | None:
        """The city a known actor's name places it in ("US embassy in Bamako"), when the
        sentence names it by a generic alias ("the American embassy") and names another city
        (or, naming none, the article names others but not that one): another embassy,
        never linked to this one."""
        actor = self.store.actors.get(mention.actor)
        placed = _PLACED.search(actor.name) if actor else None
        if placed is None:
            return None
        city = placed.group(1).casefold()
        if city in text[mention.start : mention.end].casefold():
            return None
        here = _cities(text) or self.cities  # the sentence's own city first
        return placed.group(1) if here and city not in here else None

    def unplaced(self, text: str) -> list[str]:
        """A check for each generic name left blank because the article is elsewhere."""
        notes = []
        for pattern, actor_id in self.patterns:
            for match in pattern.finditer(text):
                city = self._elsewhere(text, Mention(match.start(), match.end(), actor_id))
                if city:
                    notes.append(
                        f"check: {match.group(0)!r} left blank: the store's is in {city}, "
                        "the article places it elsewhere"
                    )
        return notes

    def _government(self, text: str, mention: Mention) -> Mention:
        """A state's government named through the state ("Niger's junta", "Niger's military
        rulers", "the Government of Niger"): the one government actor part of that state
        (as the store's alias "Mali's military government" is Mali's junta)."""
        actor = self.store.actors.get(mention.actor)
        if actor is None or actor.kind != "state":
            return mention
        governments = [
            a.id
            for a in self.store.actors.values()
            if a.kind == "government" and mention.actor in a.part_of
        ]
        if len(governments) != 1:
            return mention
        after = _GOVERNMENT_AFTER.match(text, mention.end)
        if after:
            return Mention(mention.start, after.end(), governments[0])
        before = _GOVERNMENT_BEFORE.search(text[: mention.start]) or _GOVERNMENT_IN.search(
            text[: mention.start]
        )
        if before:
            return Mention(before.start(), mention.end, governments[0])
        if _GOVERNMENTS_OF.search(text[: mention.start]):
            return Mention(mention.start, mention.end, governments[0])
        return mention

    def _only_described(self, text: str, mention: Mention) -> bool:
        """A state named only as an adjective of nationality before what is not its agent
        ("Malian traders", "the Nigerien border", not "Malian officers"), or only as the
        place its capital is ("In Washington, …", "met him in Moscow", not "Critics in
        Washington"): the state does not act in the sentence, it is not linked."""
        actor = self.store.actors.get(mention.actor)
        word = text[mention.start : mention.end]
        if actor is None or actor.kind != "state" or " " in word.strip() or word == actor.name:
            return False
        if _ADJECTIVE_FORM.match(word) and word.casefold() not in CAPITALS:
            follows = re.match(r"\s+[a-z]", text[mention.end :])
            return follows is not None and not _AGENT_AFTER.match(text, mention.end)
        if word.casefold() in CAPITALS | _CAPITAL_ALIASES:
            before = text[max(0, mention.start - 80) : mention.start]
            if _GOVERNMENT_IN.search(before) or _GOVERNMENTS_OF.search(before):
                return False  # "the junta in Niamey": its government, linked as that
            if f"{mention.actor}@{word.casefold()}" in self.seats:
                # a capital the store does not give as a name: its state only when it
                # acts ("Bamako rejected…", "Paris and Niamey said…"), never as a place
                # ("the secretariat in Niamey said")
                placed = _AT_PLACE.search(_LISTED_BEFORE.sub("", before)) is not None
                return placed or not _SEAT_ACTS.match(text, mention.end)
            # "from Paris and Moscow": a list's later capitals placed as its first is
            before = _LISTED_BEFORE.sub("", before)
            return _AT_PLACE.search(before) is not None and not _PEOPLE_AT.search(before)
        return False

    def _namesake(self, text: str, mention: Mention) -> bool:
        """A known person's surname after another given name ("Zazia Bazoum" beside
        Mohamed Bazoum): a relative or namesake, a new person, never the known one."""
        actor = self.store.actors.get(mention.actor)
        if (
            actor is None
            or actor.kind != "person"
            or " " in text[mention.start : mention.end].strip()
        ):
            return False
        given = re.search(r"([A-Z][\w’'-]+)\s+$", text[max(0, mention.start - 30) : mention.start])
        if given is None or given.group(1).casefold() in NOT_NAMES | TITLES:
            return False
        adverb = given.group(1).casefold() in _ADVERBS or given.group(1).endswith("ly")
        if (
            adverb
            or re.search(r"[’']s$", given.group(1))
            or simplify(given.group(1)) in self.spellings
        ):
            return False  # "Niger's Bazoum", "Niger Bazoum": a known name before his
        word = simplify(given.group(1))
        own = {w for n in (actor.name, *actor.aliases) for w in simplify(n).split()}
        return not any(fuzz.ratio(word, w) >= MISSPELT for w in own)

    def _new(self, text: str, run: re.Match[str], first: int) -> Mention | None:
        raw = run.group(0)
        name = _trim(raw)
        titled = name != raw and bool(
            re.match(r"(?:[\w’'.-]+\s+)*?(?:" + "|".join(TITLES) + r")\.?\s", raw, re.I)
        )
        start = run.start() + run.group(0).find(name.split()[0]) if name else run.start()
        namesakes = self._surnamed(name)
        if len(namesakes) == 1:  # "Sangare said", "Ba said": the person named before
            return Mention(start, start + len(name), namesakes[0])
        if namesakes:
            self.checks.append(
                f"check: which {name}? "
                + " or ".join(self._name_of(h) for h in namesakes)
                + ", both named before, neither in this paragraph"
            )
            return None
        if len(name) <= 2:
            return None
        if self._channel(text, start, name):
            return None  # "told state television X": where the words went, no actor
        initial = start <= first or text[:start].rstrip().endswith(("“", '"', "‘", "(", "—"))
        if initial and " " not in name:
            return None  # a capitalised first word is not a name by itself
        if name.isupper() and text[run.end() : run.end() + 1] == "," and start <= first:
            return None  # a dateline: "BAMAKO, Jan 30"
        if self.outlet and _bare(simplify(name)) == self.outlet:
            return None  # the outlet itself (a dateline's "(Sahel Wire)", "The Review")
        if _NEWSROOM.search(name) or _PRESENTING.search(text[max(0, start - 20) : start]):
            return None  # the outlet's own desk ("Sahel Desk") or presenter ("I'm X")
        if " " not in name and _DESCRIBED.search(text[:start]):
            return None  # "a Democrat on the committee": a description, not an actor
        if " " not in name and _FIRST_NAME_ONLY.match(text, start + len(name)):
            return None  # "Seydou, a taxi driver": a first name alone, no actor to propose
        if " " not in name and _RELATIVE_BEFORE.search(text[max(0, start - 40) : start]):
            return None  # "Her daughter, Rahila,": a first name alone, no actor to propose
        if _PLACE_THE.search(text[max(0, start - 20) : start]) and not _body(name):
            return None  # "at the Grand Marche", "at the Cite Administrative in X": a place
        if _is_place(text, start, name) or is_descriptive(name):
            return None
        if _AREA_AFTER.match(text, start + len(name)):
            return None  # "the Boucle du Mouhoun region": a place
        if " " not in name and _NATIONALITY.match(name):
            return None  # "American", "Malian": an adjective, not an actor
        if "-" in name and all(simplify(p) in self.spellings for p in name.split("-")):
            return None  # "US-Mali": two known actors joined, not a new one
        key = simplify(name)
        if process.extractOne(key, _CALENDAR, scorer=fuzz.ratio, score_cutoff=MISSPELT):
            return None  # "Octover"
        common = all(w in self.common for w in key.split() if w not in _PARTICLES)
        if common and not _COMMON_BODY.match(name):
            return None  # "Regional Cooperation", "Security": common words capitalised
        variant = self._variant(key)
        if variant:
            note = f"check: {name!r} read as {variant}: another name for it? add it as an alias"
            return Mention(start, start + len(name), variant, note)
        spelt = process.extractOne(key, list(self.spellings), scorer=fuzz.ratio)
        if spelt and spelt[1] >= MISSPELT and len(key) >= 5 and _same_words(key, spelt[0]):
            return Mention(start, start + len(name), self.spellings[spelt[0]])
        grouped = " " in name and re.match(r"\s+group\b", text[start + len(name) :]) is not None
        if self._fragment(key) and not grouped:
            return None  # a fragment of a known actor's name ("Adenauer", "Air Base")
        holders = [
            p for p in self.proposed.values() if set(key.split()) <= set(simplify(p.name).split())
        ]
        if holders:  # part of a name proposed earlier: that actor, if only one has it
            return Mention(start, start + len(name), holders[0].id) if len(holders) == 1 else None
        if re.match(r"\s+group\b", text[start + len(name) :]):
            name += (
                " group"  # "the Wagner group", "the Islamic State group" (though ISWAP holds it)
            )
        proposal = self.proposed.get(name)
        if proposal is None and not self.proposing:
            return None
        if proposal is None:
            role = appositive(text, start, start + len(name))
            kind = (
                "person" if titled or _titled_role(role) else guess_kind(name, text[:start], role)
            )
            title = _title_of(raw, name) if titled else ""
            proposal = Proposed(self._id(name), name, kind, text, title, role)
            self.proposed[name] = proposal
        return Mention(start, start + len(name), proposal.id)

    def _channel(self, text: str, start: int, name: str) -> bool:
        """An outlet named as the channel words went through ("told state broadcaster X",
        "said on national radio X"), and the same name again in the article ("to X"):
        outlets are actors only where they act."""
        if _CHANNEL_BEFORE.search(text[max(0, start - 50) : start]):
            self.channels.add(simplify(name))
        return simplify(name) in self.channels

    def _fragment(self, key: str) -> bool:
        """Whether the name's words run together inside a known name ("Air Base" of "X Air
        Base"); words taken from two names ("African Union": "West African States", "European
        Union") are a name of their own."""
        if not set(key.split()) <= self.words:
            return False
        inside = re.compile(rf"(?<!\S){re.escape(key)}(?!\S)")
        return any(inside.search(spelling) for spelling in self.spellings)

    def _variant(self, key: str) -> str | None:
        """A known body under another grouping word ("Confederation of Sahel States" beside
        the Alliance of Sahel States): the same "of …" of two words or more."""
        head, _, tail = key.partition(" of ")
        if head not in _GROUPINGS or len(tail.split()) < 2:
            return None
        found = {
            actor
            for spelling, actor in self.spellings.items()
            if spelling.partition(" of ")[0] in _GROUPINGS and spelling.partition(" of ")[2] == tail
        }
        return found.pop() if len(found) == 1 else None

    def _surnamed(self, name: str) -> list[str]:
        """Who a lone surname is: of the persons the article named before (proposed here,
        or another draft's named here in full) with that surname, the one named last in
        this paragraph; else the only one; else all of them (two people share it and
        none is nearer: the curator decides)."""
        if not name or " " in name:
            return []
        holders = [i for i in self.named if self._name_of(i).split()[-1] == name]
        here = [i for i in self.named[self.paragraph :] if i in holders]
        if here:
            return [here[-1]]
        return list(dict.fromkeys(holders))

    def _name_of(self, actor_id: str) -> str:
        if actor_id in self.store.actors:
            return self.store.actors[actor_id].name
        if actor_id in self.drafted:
            return self.drafted[actor_id].name
        found = next((p for p in self.proposed.values() if p.id == actor_id), None)
        return found.name if found else actor_id

    def _id(self, name: str) -> str:
        base = re.sub(r"[^a-z0-9]+", "-", simplify(name)).strip("-") or "actor"
        taken = set(self.store.actors) | set(self.drafted) | {p.id for p in self.proposed.values()}
        chosen, counter = base, 2
        while chosen in taken:
            chosen, counter = f"{base}-{counter}", counter + 1
        return chosen


_KIND_BEFORE = {
    "organisation": re.compile(
        r"\b(?:charity|charities|NGO|organi[sz]ation|group|foundation|company|firm|agency|"
        r"think[- ]tank|institute|association|union|party|network|coalition)\s*,?\s*$",
        re.I,
    ),
    "media": re.compile(
        r"\b(?:newspaper|broadcaster|station|channel|outlet|daily|magazine)\s*,?\s*$", re.I
    ),
    "armed group": re.compile(r"\b(?:militia|rebels?|insurgents?|jihadist group)\s*,?\s*$", re.I),
}
"""The noun a name follows says its kind: "the charity Sahel Rights Watch"."""


_APPOSITIVE_AFTER = re.compile(
    r"\s*,\s*((?:a|an|the|its|his|her|their)\s+(?!(?:same|other)\b)[^,;:“”\"()]{2,80}?|"
    r"(?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'.-]*[’']s\s+[a-z][^,;:“”\"()]{2,60}?)\s*(?:,|\.$)"
)
"""A noun phrase in commas after a name ("X, a fabric seller,", "X, the head of Y,",
"X, Mali's foreign minister,"): the article's own words for who X is."""
_APPOSITIVE_BEFORE = re.compile(
    r"(?:^|[.;:]\s+|,\s+|\b(?:and|but|as)\s+)((?:(?:[Tt]he|[Aa]n?)\s+|(?:[A-Z][\w’'.-]*\s+)*"
    r"[A-Z][\w’'.-]*[’']s\s+)[A-Za-z][\w’'-]*(?:\s+(?:of|for|on|[A-Za-z][\w’'-]*)){0,6}),\s*$"
)
"""A noun phrase and a comma right before a name ("Burkina Faso's prime minister, X",
"The head of the union, X"): the article's own words for who X is."""
_VERB_IN = re.compile(
    r"\b(?:said|says|told|tells|is|was|are|were|has|have|had|will|would|who|which|that|"
    r"\w+ed)\b"
)


_BIO = re.compile(r"\s+is\s+((?:a|an|the)\s+[^,;:“”\"()]{2,80}?)\s*(?:\.\s*$|\.\s|,\s+and\b)")
"""A bio line's description after the name: "X is a senior fellow at Y." """
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
_TITLE_LAST = re.compile(r"\b([A-Z][a-z]*\.?)\s+$")


def appositive(text: str, start: int, end: int) -> str:
    """The article's own noun phrase for the name at ``text[start:end]``, in apposition
    ("Seydou, a fabric seller, told me": "a fabric seller"; "Burkina Faso's prime minister,
    X, said": "Burkina Faso's prime minister"), else "" (never a clause: no verb in it)."""
    after = _APPOSITIVE_AFTER.match(text, end)
    if after and not _VERB_IN.search(after.group(1)):
        return after.group(1).strip()
    bio = _BIO.match(text, end)
    if bio and _SENTENCE_START.search(text[:start]) and not _VERB_IN.search(bio.group(1)):
        return bio.group(1).strip()  # a bio line: "X is a senior fellow at Y."
    head = text[:start]
    while (title := _TITLE_LAST.search(head)) and title[1].casefold().rstrip(".") in TITLES:
        head = head[: title.start()]  # "a junta spokesman, Colonel X": past the title
    before = _APPOSITIVE_BEFORE.search(head)
    if before and not _VERB_IN.search(before.group(1)):
        return before.group(1).strip()
    return ""


def _titled_role(role: str) -> bool:
    """An appositive naming a person's office ("the prime minister", "Niger's foreign
    minister", "a former ambassador"): the name is a person's."""
    words = {w.casefold() for w in re.findall(r"[\w-]+", role)}
    return bool(words & (TITLES | _PERSON_NOUNS))


_PERSON_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson seller trader driver farmer herder teacher
    researcher analyst professor lawyer activist resident mother father son daughter wife
    husband head leader chief director founder chairman chairwoman chair official adviser
    advisor diplomat journalist reporter correspondent economist historian student doctor
    nurse shopkeeper vendor merchant mechanic fisherman widow pastor priest worker""".split()
)
"""Nouns for a person in an appositive ("a fabric seller", "the head of the union")."""


def guess_kind(name: str, before: str = "", role: str = "") -> str:
    for kind, pattern in _KIND_BEFORE.items():
        if pattern.search(before[-40:]):
            return kind
    if _titled_role(role):
        return "person"  # "Burkina Faso's prime minister, X": a person, however long the name
    if _STATE.search(name):
        return "state"
    if _GOVERNMENT.search(name):
        return "government"
    if _MEDIA.search(name):
        return "media"
    if _ORGANISATION.search(name):
        return "organisation"
    if _ARMED.search(name):
        return "armed group"
    if re.search(r"\bthe\s+$", before[-10:], re.I):
        return "organisation"  # "the United Nations": a person's name takes no article
    return "person" if len(name.split()) in (2, 3) else "organisation"


_CONJUNCTION_THE = re.compile(r"(?:But|And|Yet|Or|So)\s+the\s+(?=[A-Z])")
"""A conjunction and "the" opening a sentence before a name: no part of the name."""


def _runs(text: str, standalone: Callable[[str], bool] = lambda _: False) -> list[re.Match[str]]:
    """Capitalised name sequences, split at " of the " ("Lena Sorvik of the Institute…")
    unless a body's head word comes before it ("Consultative Council of the X"), and a
    body's name going on "in Africa" or "on Y" kept whole."""
    found = []
    for match in _NAME.finditer(text):
        opening = _CONJUNCTION_THE.match(match.group(0))
        if opening:  # "But the Malian Federation of …": the body's name after "the"
            match = _NAME.match(text, match.start() + opening.end()) or match
        parts = list(re.finditer(r"(?:(?! of the ).)+", match.group(0)))
        if len(parts) == 1 or _OF_THE_BODY.search(match.group(0)):
            found.append(_tailed(text, match))
            continue
        for part in parts:
            piece = part.group(0).strip()
            start = match.start() + part.start() + part.group(0).index(piece)
            found.extend(_NAME.finditer(text, start, start + len(piece)))
    kept: list[re.Match[str]] = []
    for run in (_tailed(text, run) for run in _joined(text, found, standalone)):
        if not kept or run.start() >= kept[-1].end():
            kept.append(run)  # not the tail of the name before ("… in Africa")
    return kept


def _tailed(text: str, run: re.Match[str]) -> re.Match[str]:
    """The run with the tail a body's name goes on with ("… Governance in Africa")."""
    tail = _TAIL.match(text, run.end())
    if tail is None or not _TAILED.search(run.group(0)):
        return run
    whole = _SPAN.match(text, run.start(), tail.end())
    return whole if whole is not None else run


_ADVERBS = frozenset(
    "yesterday today tonight meanwhile then now later also still so thus instead earlier".split()
)
"""First words that are no given name ("Yesterday Bazoum said")."""

TITLES = frozenset(
    """captain colonel lieutenant major sergeant corporal general commander admiral marshal
    senator congressman congresswoman representative governor mayor ambassador envoy
    president vice prime minister secretary chancellor premier judge justice imam sheikh
    pastor bishop father sister professor doctor dr mr mrs ms madam sir lord lady king queen
    prince princess chief spokesman spokeswoman deputy former acting interim assistant
    excellency honourable honorable brigadier""".split()
)
"""Titles, ranks and offices before a name: not part of it ("Colonel Amadou Abdramane")."""


def is_name(phrase: str) -> bool:
    """Whether ``phrase`` is a name, not a common noun phrase: every word capitalised (or
    an acronym), bar particles ("of", "al", "de"). "US envoy", "US president" are not."""
    words = phrase.split()
    particles = {"of", "the", "al", "de", "du", "des", "la", "le", "von", "van", "bin", "ibn"}
    return bool(words) and all(w[:1].isupper() or w in particles for w in words)


_OFFICE_OF = re.compile(
    r"^(?:The\s+)?(?:(?:Deputy|Vice|Acting|Interim|Former|Junior)\s+)?"
    r"(?:Minister|Ministers|Secretary|Commissioner|Director|Minister of State)\s+(?:of|for)\s",
    re.I,
)
"""An office named by its portfolio ("the Minister of Security"): no name in it."""


_PORTFOLIO = (
    r"(?:State|Defen[cs]e|Security|Interior|Justice|Finance|Health|Energy|Mines|Transport|"
    r"Commerce|Agriculture|Homeland\s+Security|(?:[A-Z][\w-]+\s+)?Affairs)"
)
_PORTFOLIO_THEN_NAME = re.compile(
    r"^(?:The\s+)?(?:[A-Z][\w-]+\s+){0,3}(?:Secretary|Minister)\s+of\s+(?:the\s+)?"
    rf"{_PORTFOLIO}(?:\s+(?:for|of)\s+(?:the\s+)?{_PORTFOLIO})?"
    r"\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})$"
)
"""An office by its portfolio, with up to three words before it, then the holder's name
("Secretary of State Marco Rubio", "Deputy Assistant Secretary of State X", "Under
Secretary of State for Political Affairs X"): the name."""


def _title_of(raw: str, name: str) -> str:
    """The title before ``name`` in the words the name was cut from ("His Excellency",
    "Deputy Assistant Secretary of State"), without a leading "The"/"His"."""
    before = raw[: raw.rfind(name)] if name in raw else ""
    words = [w for w in before.split() if w.casefold().strip(".") not in _HONORIFICS]
    while words and words[0].casefold() in NOT_NAMES - TITLES:
        words = words[1:]
    return " ".join(words)


_HONORIFICS = frozenset("mr mrs ms dr sir madam lord lady excellency honourable honorable".split())
"""Courtesies before a name, no office: no hint of a role."""


_FOREIGN_BODY = re.compile(
    r"^Foreign\s+[A-Z][\w-]+\s+(?:Committee|Service|Council|Commission|Office|Subcommittee)$"
)
"""A body whose name opens with "Foreign" ("Foreign Trade Committee", "Foreign
Intelligence Service"): not the "Foreign" of "Foreign Minister X"."""


def _trim(name: str) -> str:
    holder = _PORTFOLIO_THEN_NAME.match(name)
    if holder:
        return holder.group(1)
    if _OFFICE_OF.match(name):
        return ""
    words = name.split()
    # an office with its qualifier before a name: "Defence Minister Kassoum Coulibaly"
    titled = [i for i, w in enumerate(words[:3]) if w.casefold() in TITLES and i < len(words) - 1]
    if titled and all(w[:1].isupper() for w in words[: titled[-1] + 2]):
        words = words[titled[-1] + 1 :]
    while words and (
        words[0].casefold().strip("’'.") in NOT_NAMES | TITLES
        or re.fullmatch(r"[\w’'-]+-(?:based|backed|led|linked|aligned|allied)", words[0], re.I)
    ):
        if _FOREIGN_BODY.match(" ".join(words)):
            break  # "Foreign Trade Committee": the body's own first word
        words = words[1:]
    while words and words[-1].casefold() in NOT_NAMES:
        words = words[:-1]
    return re.sub(r"[’']s$", "", " ".join(words))


_AREA_AFTER = re.compile(
    r"(?:\s+\d+)?\s+(?:region|province|district|department|prefecture|commune|county|"
    r"municipality|quarter|neighbou?rhood|suburb)\b"
)
"""An administrative area's word after a name ("in the Seno province"): the name is a place."""


_CHANNEL_BEFORE = re.compile(
    r"\b(?:told|to|on|via|through|with|by|in)\s+(?:the\s+)?(?:(?:state|state-run|national|"
    r"public|private|local|independent)\s+)?(?:television|broadcaster|radio|channel|tv|"
    r"station|newspaper|daily|news\s+agency)\s*,?\s*$",
    re.I,
)
"""A broadcaster or paper as the object of telling ("told state broadcaster X", "in an
interview with the daily X", "on national radio X"): the channel, not an actor."""
_TOLD_OUTLET = re.compile(
    r"\b(?:told|tells|telling|said\s+to|speaking\s+to|interview\s+with)\s+(?:the\s+)?$", re.I
)
"""A known outlet only as the one told ("told AFP"): the channel, no actor."""
_DESCRIBED = re.compile(r"\b(?:an?|one)\s+$", re.I)
"""A single word after "a"/"an" ("a Democrat", "a Republican"): a description."""
_FIRST_NAME_ONLY = re.compile(
    r"\s*,\s+an?\s+(?:[a-z]+\s+){0,2}[a-z]+(?:er|or|ist|man|woman|ant|ent)\b"
)
"""A single name with a person's description after it ("Seydou, a taxi driver"): someone
named by a first name alone."""
_RELATIVE_BEFORE = re.compile(
    r"\b(?:his|her|their|my|our|your|whose)\s+(?:\w+\s+)?(?:daughter|son|wife|husband|"
    r"brother|sister|mother|father|neighbou?r|cousin|friend|uncle|aunt|nephew|niece|child|"
    r"grandson|granddaughter|grandmother|grandfather|colleague)\s*,?\s*$",
    re.I,
)
"""A relative named after the relation ("Her daughter, Rahila"): a first name alone."""
_PLACE_THE = re.compile(r"\b(?:at|in|inside|outside|near|around|across)\s+the\s+$", re.I)
"""A name after "at the"/"in the" is a place ("at the Grand Marche"), unless a body's word
says otherwise ("at the Bamako Institute", "in the Wagner group")."""


def _body(name: str) -> bool:
    """Whether a word of the name says it is a body, not a place."""
    return any(p.search(name) for p in (_STATE, _GOVERNMENT, _MEDIA, _ORGANISATION, _ARMED)) or any(
        w.casefold() in _GROUPINGS for w in name.split()
    )


_JOINED = re.compile(r"\s+(?:and|&)\s+")
_HEAD_WORDS = (
    r"(?:Ministry|Minister|Department|Office|Centre|Center|Institute|Council|Commission|"
    r"Committee|Bureau|Agency|School|Faculty|Society|Association|Fund|Bank|Coordination|"
    r"Federation|Confederation|Union|Coalition|Network|Organisation|Organization|Authority|"
    r"Directorate|Secretariat|Board|Forum|Movement|Front|Party|Chamber|Assembly|League|"
    r"Panel|Subcommittee|Caucus|Court|Conference|Observatory|Foundation|Academy|Programme|"
    r"Initiative|Trust)\s+(?:of|for)\s"
)
_HEADED = re.compile(r"^(?:The\s+)?(?:[A-Z][\w-]+\s+){0,2}" + _HEAD_WORDS)
_HEADED_WITHIN = re.compile(r"\b" + _HEAD_WORDS)
"""A body "of" things anywhere in the name ("the Interior Ministry's Office of Roads")."""
_LISTED = re.compile(r",\s+")
_LIST_END = re.compile(r",?\s+(?:and|&)\s+")
_COMMON_BODY = re.compile(
    r"^(?:Centre|Center|Institute|Foundation|Council|Society|Association|Observatory|Forum|"
    r"Network|Coalition|League|Movement)\s+(?:for|of)\s+\S+\s+\S"
)
"""A body's head word, "for" or "of", and more: a name though each word is a common one
("the Centre for Trade and Development")."""
_HEAD_AFTER = re.compile(
    r"\s+(?:Institute|Centre|Center|University|Foundation|School|Academy|Society|"
    r"Association|Observatory|Forum|League|Chamber|Union|Federation|Coalition|Network|"
    r"Council|Committee|Movement)\b"
)
"""A body's head word right after an adjective of nationality ("French Institute")."""
_ADJECTIVE_FORM = re.compile(r"^[A-Z][a-z]+(?:an|ian|ien|ean|ese|ish|i|ic|be|ch)$")
"""An adjective of nationality ("Malian", "Nigerien", "Burkinabe", "French")."""
_AGENT_AFTER = re.compile(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:officials?|officers?|troops|soldiers?|forces|diplomats?|"
    r"diplomacy|delegations?|army|military|government|authorities|ministry|ministries|"
    r"ministers?|junta|envoys?|ambassadors?|embassy|spokes(?:wo)?man|spokesperson|police|"
    r"leaders?|leadership|rulers|regime|president|presidency|state|navy|intelligence|"
    r"negotiators?|counterparts?|side|alliance|partners?|personnel|instructors?|"
    r"mercenaries|contingent|aircraft|jets?|drones?|guards?|administration|"
    r"gendarmes?|gendarmerie|advisers?|advisors?|mission|policy)\b"
)
"""What a state's adjective names its agents by ("Malian officers", "the Russian
alliance", "the Malian transport ministry"): then the state acts."""
_CAPITAL_ALIASES = frozenset({"washington"})
"""Capitals the store gives a state as an alias, not in :data:`CAPITALS` (a US state too)."""
_AT_PLACE = re.compile(r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside|[Ff]rom)\s+$")
_SEAT_ACTS = re.compile(
    r"(?:\s*(?:,\s*|\s+(?:and|or)\s+)[A-Z][\w’'-]*)*"
    r"(?:\s*,\s*(?:for\s+its\s+part|meanwhile|in\s+turn|however|too|by\s+contrast)\s*,)?"
    r"\s+(?:(?:has|have|had|is|was|will|would|"
    r"also|now|then|both)\s+)*(?:said|says|told|tells|announced|warned|rejected|accepted|"
    r"welcomed|condemned|denied|insisted|responded|replied|agreed|refused|demanded|"
    r"signed|ordered|expelled|suspended|recalled|wants|wanted|sees|saw)\b"
)
"""A capital as the subject of what a government does or says ("Bamako rejected…",
"Paris and Moscow both welcomed…", "Bamako, for its part, tells…")."""
_LISTED_BEFORE = re.compile(r"(?:[A-Z][\w’'-]*\s*(?:,\s*|\s+(?:and|or)\s+))+$")
"""The earlier names of a list before a capital ("Paris and " before "Moscow")."""
_PEOPLE_AT = re.compile(
    r"\b(?:critics|officials|lawmakers|legislators|policymakers|diplomats|hawks|"
    r"politicians|voices|promises|pledges|offers|threats|pressure|warnings|demands|"
    r"messages?|signals?)\s+(?:in|at|from)\s+$",
    re.I,
)
"""A capital after "in" as the body its people speak for ("Critics in Washington"), or
after "from" as who makes the promise ("promises from Paris and Moscow")."""
_BODY_AFTER = re.compile(
    r"\s+(?:project|laboratory|lab|programme|program|initiative|institute|centre|center|"
    r"network|foundation|survey|index|database|consortium|partnership)\b"
)
_BODY_END = re.compile(
    r"\s(?:Studies|Forum|First|Institute|Centre|Center|Network|Watch|Project|Foundation|"
    r"Research|Trust|Initiative|Coalition|Fund|Society|Association|Alliance|Council|"
    r"Programme|Program|Action|Relief|Development|Rights)$"
)
"""A body's head word ending the name after "and" ("the X Institute for Peace and Security
Studies", "Atlantic Policy and Security Forum", "Women and Children First"): one name."""
_OF_THE_BODY = re.compile(
    r"\b(?:[A-Z][\w-]+\s+)?" + _HEAD_WORDS.replace(r"(?:of|for)\s", r"of the\s")
)
"""A body "of the" something ("the Advisory Council of the Renewal"): one name."""
_TAIL = re.compile(
    r"\s+(?:(?:in|for)\s+(?:the\s+)?(?:(?:West|East|North|South|Central|Southern|Northern|"
    r"Western|Eastern)\s+)?(?:Africa|Europe|Asia|Americas|Middle\s+East|Sahel|Maghreb)|"
    r"on\s+" + _WORD + r"(?:\s+(?:and\s+)?" + _WORD + r")*)(?![\w-])"
)
"""What a body "for …" or a committee goes on with: "in Africa" (a continent or region,
not a city it sits in: "in Dakar"), "on Africa", "on Ore Exports"."""
_TAILED = re.compile(
    r"(?:" + _HEAD_WORDS + r"|\b(?:Committee|Subcommittee|Panel|Commission|Caucus)$)"
)

_CONNECTED = re.compile(r"\s(?:and|&|dans|et|sur|pour|aux|au)\s")
"""A connector inside one name: "Ministry of Foreign Affairs and International Cooperation",
"Les Afriques dans le Monde"."""
_PARTS = re.compile(r"\s(?:and|&|dans|et|sur|pour|aux|au)\s+(?:(?:le|la|les|l[’'])\s*)?")
"""Where a connected name splits into its parts ("Mali et le Niger": Mali, Niger)."""
_SPAN = re.compile(r".+", re.S)


def _joined(
    text: str, runs: list[re.Match[str]], standalone: Callable[[str], bool]
) -> list[re.Match[str]]:
    """Two names joined by "and" that are one ("the Ministry of X and Y", "the X and Y
    project"): a body "of"/"for" something, or a body's lower-case noun after both; never
    when the second is a known name or a place by itself ("the Ministry of Defence and
    Mali")."""
    found: list[re.Match[str]] = []
    index = 0
    while index < len(runs):
        run = runs[index]
        listed = _serial(text, runs, index, standalone)
        if listed:
            joined = _SPAN.match(text, run.start(), runs[listed].end())
            assert joined is not None
            found.append(joined)
            index = listed + 1
            continue
        after = runs[index + 1] if index + 1 < len(runs) else None
        if (
            after is not None
            and _JOINED.fullmatch(text[run.end() : after.start()])
            and (
                _HEADED.match(run.group(0))
                or _BODY_AFTER.match(text, after.end())
                or _BODY_END.search(after.group(0))
                or _KIND_BEFORE["organisation"].search(text[max(0, run.start() - 40) : run.start()])
            )
            and not standalone(after.group(0))
        ):
            joined = _SPAN.match(text, run.start(), after.end())
            assert joined is not None
            found.append(joined)
            index += 2
        else:
            found.append(run)
            index += 1
    return found


def _serial(
    text: str, runs: list[re.Match[str]], index: int, standalone: Callable[[str], bool]
) -> int:
    """The last run of a body's name "of" a list ("Bureau of Democracy, Human Rights, and
    Labor", "Office of A, B and C"), or 0: the list's parts are joined by commas and end
    with "and", and none is a known name by itself."""
    if not _HEADED_WITHIN.search(runs[index].group(0)):
        return 0
    last = index
    while last + 1 < len(runs) and not standalone(runs[last + 1].group(0)):
        gap = text[runs[last].end() : runs[last + 1].start()]
        if _LIST_END.fullmatch(gap):
            return last + 1 if last > index else 0
        if not _LISTED.fullmatch(gap):
            return 0
        last += 1
    return 0


def _cities(text: str) -> set[str]:
    folded = text.casefold()
    return {c for c in CAPITALS if re.search(rf"(?<!\w){re.escape(c)}(?!\w)", folded)}


_PLACED = re.compile(r"\s(?:in|at)\s+([A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)$")
"""A known actor's name that places it in a city ("US embassy in Bamako")."""

_LETTER = re.compile(r"[^\W\d_]")


def _first_letter(text: str, start: int = 0) -> int:
    found = _LETTER.search(text, start)
    return found.start() if found else 0


DATELINE = re.compile(r"^\s*[A-Z][A-Z .’'-]+(?:,\s+[^-–—()]{3,25}?)?(?:\s*\([^)]*\))?\s*[-–—]+\s")
TIMESTAMP = re.compile(
    r"^\s*\d{1,2}[:.h]\d{2}(?:\s*(?:[ap]\.?m\.?|GMT|UTC|BST|CET|CEST|WAT|EST|EDT|ET|"
    r"local(?:\s+time)?))?\s*[-–—]+\s"
)
"""A live blog's entry time ("16:05 GMT - "): the next word begins a sentence."""
"""A dateline ("BAMAKO, Jan 8, 2026 (AFP) - ", "NIAMEY - "): where the sentence begins; its
date is the filing's, and a date the sentence itself gives comes first."""


def _same_words(name: str, known: str) -> bool:
    """Whether two alike names could be one misspelt: as many words ("Mohamed Bazum" and
    "Mohamed Bazoum"; not "Institute for Peace and Security Studies" and "Dakar Institute
    for Governance and Security Studies", alike in all words but two)."""
    return len(name.split()) == len(known.split())


def _titled_of(text: str, run: re.Match[str], known: int) -> list[re.Match[str]]:
    """The titled name before " of <known name>" in one run ("Prime Minister X of Niger"):
    X's run, proposed as a person of that state; else none."""
    head = text[run.start() : known]
    if not head.endswith(" of ") or head.split()[0].casefold().strip(".") not in TITLES:
        return []
    return list(_NAME.finditer(text, run.start(), known - len(" of ")))


def _is_place(text: str, start: int, name: str) -> bool:
    if is_place(name) or _FACILITY.search(name):
        return True
    return " " not in name and _PLACE_BEFORE.search(text[max(0, start - 30) : start]) is not None


def _within(mention: Mention, run: re.Match[str]) -> bool:
    """A known name strictly inside a longer name."""
    return (
        run.start() <= mention.start
        and mention.end <= run.end()
        and mention.end - mention.start < run.end() - run.start()
    )


def _inside_place(start: int, end: int, runs: list[re.Match[str]]) -> bool:
    """A known name inside a longer capitalised name that is a place ("Diori Hamani
    International Airport")."""
    return any(
        run.start() <= start
        and end <= run.end()
        and run.end() - run.start() > end - start
        and _FACILITY.search(run.group(0))
        for run in runs
    )
