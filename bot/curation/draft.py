"""``briefbot draft``: candidate facts for a source, one per sentence worth a fact.

Each candidate is a valid fact record citing its sentence verbatim, so promoting it is a
move, not a rewrite; the curator still rewrites ``text`` neutrally and checks the rest.
Known actors are found by name, alias or a close spelling; other proper names are
proposed as new actors; dates are normalised against the publication date; reported
speech becomes a quote or a claim attributed to its speaker.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot.curation.datefind import find_date
from bot.store.errors import BriefbotError
from bot.store.facts import FactStore
from bot.store.matching import ACCEPT
from bot.store.records import Source
from bot.store.sentences import Sentence, split
from bot.store.text import simplify

SPEECH_VERBS = (
    r"said|says|say|told|tells|noted|notes|argued|argues|warn|warned|warns|added|adds|"
    r"stated|states|explained|insisted|acknowledged|acknowledge|acknowledges|"
    r"claimed|claims|described|caution|cautions|cautioned|announced|announces|"
    r"signalled|signaled|according to"
)
_SPEECH = re.compile(rf"\b({SPEECH_VERBS})\b", re.I)
_QUOTED = re.compile(r"[“\"]([^”\"]{3,}?)[,.;:!?]?[”\"]")
_NAME = re.compile(
    r"\b[A-Z][\w’'.-]*[\w](?:\s+(?:(?:of|for|the|al|de|du|des|la|le|von|van)\s+)*"
    r"[A-Z][\w’'.-]*[\w])*"
)
_NOT_NAMES = frozenset(
    """a an the this that these those it its in on at by for from to of and or but if as
    however yet while when where after before during since until although though ahead
    according analysts experts officials absent those there here what why how who
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december
    mr mrs ms dr prof gen lt col maj capt sgt gov sen rep president minister general""".split()
)
_ORGANISATION = re.compile(
    r"\b(foundation|bureau|department|ministry|agency|office|"
    r"company|council|commission|institute|embassy|bank|union)\b",
    re.I,
)
_ARMED = re.compile(r"\b(province|front|brigade|militia|army|forces|group|corps|guard)\b", re.I)
_STATE = re.compile(r"\b(republic|kingdom|state of|emirates|federation)\b", re.I)
_PEOPLE = (
    r"diplomat|official|source|spokes(?:wo)?man|spokesperson|analyst|expert|aide|adviser|"
    r"advisor|observer|resident|witness|envoy|minister|officer|commander|member|researcher"
)
_ANONYMOUS = re.compile(
    rf"\b(?:an?|one|two|three|several|some|other)\s+(?:[\w’'-]+\s+){{0,3}}?(?:{_PEOPLE})s?"
    r"(?:\s+(?:at|in|of|from|with|for)\s+(?:the\s+)?[^,;]+?)?\s*,?\s*$",
    re.I,
)
"""An unnamed speaker right before the speech verb: "a Malian diplomat", "a diplomat at
the US embassy in Bamako". Drafted as the source's words, never as their country."""
_PRONOUN = frozenset("he she they it we i".split())
_BOUNDARY = re.compile(r",\s*(?:but|while|whereas|although|though|and)\b|;", re.I)
_POSSESSIVE = re.compile(r"\b([A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)[’']s\b[^“\"”]{0,40}$")
_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:an|ian|ean|ese|ish|i|ic)$")
"""A lone adjective of nationality ("American", "Malian"): never proposed as an actor."""


class DraftError(BriefbotError):
    kind = "draft"


@dataclass
class Candidate:
    sentence: Sentence
    kind: str
    actors: list[str] = field(default_factory=list)
    by: list[str] = field(default_factory=list)
    attribution: str | None = None
    words: str | None = None
    date: dict[str, object] | None = None
    restates: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class ProposedActor:
    id: str
    name: str
    kind: str
    quote: str


@dataclass
class Draft:
    source: Source
    candidates: list[Candidate]
    skipped: list[tuple[Sentence, str]]
    proposed: list[ProposedActor]


def draft(store: FactStore, source_id: str) -> Draft:
    if source_id not in store.sources:
        raise DraftError(f"There is no source {source_id!r}.", tuple(store.sources))
    source = store.sources[source_id]
    # Only facts count: an actor's citation marks where it is named, not a fact drafted.
    cited = [
        store.span(c) for f in store.facts.values() for c in f.citations if c.source == source_id
    ]
    names = _name_patterns(store)
    proposed: dict[str, ProposedActor] = {}
    candidates: list[Candidate] = []
    skipped, seen = [], set()
    for sentence in split(source.text):
        key = simplify(sentence.text)
        if sentence.heading:
            skipped.append((sentence, "a heading"))
        elif key in seen:
            skipped.append((sentence, "repeats an earlier sentence"))
        elif any(s.start < sentence.end and sentence.start < s.end for s in cited):
            skipped.append((sentence, "already cited by the store"))
        elif len(key.split()) < 4:
            skipped.append((sentence, "too short to state a fact"))
        else:
            previous = next((c for c in reversed(candidates) if c.by), None)
            candidates.append(
                _candidate(
                    store, source, sentence, names, proposed, previous.by if previous else []
                )
            )
        seen.add(key)
    _date_statements(source, candidates)
    return Draft(source, candidates, skipped, list(proposed.values()))


def _date_statements(source: Source, candidates: list[Candidate]) -> None:
    """Undated reported speech is dated by the event it follows in the article, preferring
    one about the same actors (what was said at a visit is dated by the visit), else by the
    article's publication."""
    events: list[Candidate] = []
    for candidate in candidates:
        if candidate.date is not None:
            if candidate.kind == "event":
                events.append(candidate)
            continue
        if candidate.kind not in ("claim", "quote"):
            continue
        involved = {*candidate.actors, *candidate.by}
        shared = [e for e in events if involved & set(e.actors)]
        event = (shared or events)[-1] if events else None
        if event is not None and event.date is not None:
            candidate.date = dict(event.date)
            line = source.text_line + source.text.count("\n", 0, event.sentence.start)
            candidate.notes.append(f"dated by the event on line {line}, as said then: check")
        elif source.published is not None:
            candidate.date = {"when": str(source.published.date), "relative": True}
            candidate.notes.append("dated to the article's publication: check")


def _name_patterns(store: FactStore) -> list[tuple[re.Pattern[str], str]]:
    patterns = []
    for actor in store.actors.values():
        for name in {actor.name, *actor.aliases}:
            flags = 0 if len(name) <= 4 or name.isupper() else re.I
            patterns.append((re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", flags), actor.id))
    return patterns


def _candidate(
    store: FactStore,
    source: Source,
    sentence: Sentence,
    names: list[tuple[re.Pattern[str], str]],
    proposed: dict[str, ProposedActor],
    last_speaker: list[str],
) -> Candidate:
    text = sentence.text
    mentions: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for pattern, actor_id in names:
        for match in pattern.finditer(text):
            mentions.append((match.start(), actor_id))
            covered.append(match.span())
    for match in _names(text):
        if any(s <= match.start() < e or s < match.end() <= e for s, e in covered):
            continue
        name = _trim_name(match.group(0))
        if not name or (match.start() == 0 and " " not in name):
            continue  # a capitalised first word is not a name by itself
        if " " not in name and _NATIONALITY.match(name) and not _fuzzy(store, name):
            continue  # "American", "Malian": an adjective, not an actor
        resolved = _fuzzy(store, name) or _surname(name, proposed)
        if resolved:
            mentions.append((match.start(), resolved))
        elif len(name) > 2:
            actor = proposed.setdefault(
                name, ProposedActor(_actor_id(name, store, proposed), name, _guess_kind(name), text)
            )
            mentions.append((match.start(), actor.id))
    actors = list(dict.fromkeys(actor_id for _, actor_id in sorted(mentions)))
    candidate = Candidate(sentence, "background", actors=actors)
    found = find_date(text, source.published.date if source.published else None)
    if found:
        candidate.date = {"when": str(found.when), "phrase": found.phrase}
        if found.relative:
            candidate.date["relative"] = True
        candidate.kind = "event"
    kinds = {a.id: str(a.kind) for a in store.actors.values()}
    kinds |= {p.id: p.kind for p in proposed.values()}
    _speech(candidate, text, sorted(mentions), kinds, last_speaker)
    candidate.restates = _restated(store, candidate)
    if candidate.restates:
        candidate.notes.append(
            f"restates {candidate.restates}: promoting adds this sentence to its citations"
        )
    return candidate


RESTATES = 72
"""Similarity (rapidfuzz token set ratio) at which a sentence restates an existing fact."""


def _restated(store: FactStore, candidate: Candidate) -> str | None:
    """An existing fact, about the same actors, that the sentence says again in other words."""
    involved = {*candidate.actors, *candidate.by}
    pool = {f for a in involved for f in store.facts_by_actor.get(a, ())}
    sentence = simplify(candidate.sentence.text)
    best, best_score = None, 0.0
    for fact_id in sorted(pool):
        fact = store.facts[fact_id]
        shared = involved & {*fact.actors, *fact.by}
        if len(shared) < min(2, len(involved)):
            continue
        said = " ".join([fact.text, *(store.quoted(c) for c in fact.citations)])
        score = fuzz.token_set_ratio(sentence, simplify(said))
        if score > best_score:
            best, best_score = fact_id, score
    return best if best_score >= RESTATES else None


def _surname(name: str, proposed: dict[str, ProposedActor]) -> str | None:
    """A lone surname of a person proposed earlier in the article ("Okonde")."""
    if " " in name:
        return None
    for actor in proposed.values():
        if actor.kind == "person" and actor.name.split()[-1] == name:
            return actor.id
    return None


def _names(text: str) -> list[re.Match[str]]:
    """Capitalised name sequences, split at " of the " ("Lena Sorvik of the Institute…")."""
    found = []
    for match in _NAME.finditer(text):
        parts = list(re.finditer(r"(?:(?! of the ).)+", match.group(0)))
        if len(parts) == 1:
            found.append(match)
            continue
        for part in parts:
            piece = part.group(0).strip()
            start = match.start() + part.start() + part.group(0).index(piece)
            found.extend(_NAME.finditer(text, start, start + len(piece)))
    return found


def _trim_name(name: str) -> str:
    words = name.split()
    while words and words[0].casefold().strip("’'") in _NOT_NAMES:
        words = words[1:]
    while words and words[-1].casefold() in _NOT_NAMES:
        words = words[:-1]
    return re.sub(r"[’']s$", "", " ".join(words))


def _fuzzy(store: FactStore, name: str) -> str | None:
    ranked = store.actor_names.rank(name, limit=2)
    if (
        ranked
        and ranked[0].score >= ACCEPT
        and (len(ranked) == 1 or ranked[0].score - ranked[1].score >= 5)
    ):
        return ranked[0].id
    return None


def _speech(
    candidate: Candidate,
    text: str,
    mentions: list[tuple[int, str]],
    kinds: dict[str, str],
    last_speaker: list[str],
) -> None:
    verb = _SPEECH.search(text)
    if verb is None:
        return
    quoted = _QUOTED.search(text)
    after_quote = quoted is not None and quoted.end() <= verb.start()
    lead = text[: verb.start()]
    anonymous = None if after_quote else _ANONYMOUS.search(lead[-90:])
    clause = None if after_quote or anonymous else _speaking_clause(text, verb, mentions)
    pronoun = (lead.split() or [""])[-1].casefold().strip(",;") in _PRONOUN
    speaker = None if clause or anonymous or pronoun else _speaker(verb, quoted, mentions, kinds)
    if anonymous:  # "a Malian diplomat said": the source's words, never the country
        candidate.attribution = " ".join(anonymous.group(0).strip(" ,").split())
    elif clause:
        candidate.attribution = clause
    elif pronoun and last_speaker:
        candidate.by = list(last_speaker)
        candidate.notes.append("speaker taken from the sentence before ('he', 'she'…)")
    elif speaker is not None:
        candidate.by = [speaker]
    else:
        candidate.attribution = _unnamed(text, verb)
    if quoted and len(quoted.group(1).split()) >= 3 and _theirs(text, verb, quoted):
        candidate.kind = "quote"
        candidate.words = quoted.group(1).strip()
    else:
        candidate.kind = "claim"
        if quoted and not _theirs(text, verb, quoted):
            coined = _POSSESSIVE.search(text[: quoted.start()])
            owner = f" ({coined.group(1)}'s)" if coined else ""
            candidate.notes.append(f"the quoted words are not the speaker's{owner}: check")
    candidate.notes.append("reported speech: check who says it")


def _unnamed(text: str, verb: re.Match[str]) -> str:
    """The few words before (or after) the verb, never a conjunction or pronoun alone."""
    skip = {"however", "but", "and", "or", "while", "whereas", "also", "then", "that"}
    before = [w.strip(",;") for w in text[: verb.start()].split()[-3:]]
    words = [w for w in before if w and w.casefold() not in skip | _PRONOUN]
    if words:
        return " ".join(words)
    after = [w.strip(",;") for w in text[verb.end() :].split()[:3]]
    return " ".join(w for w in after if w.casefold() not in skip) or "the source"


def _theirs(text: str, verb: re.Match[str], quoted: re.Match[str]) -> bool:
    """Whether quoted words belong to the speaker: they stand in the speaker's own clause
    (before the verb, or after it with no ", but…" / ";" between), and are not introduced
    as someone else's ("Trump's 'trade, not aid' approach")."""
    if quoted.end() <= verb.start():
        return True
    between = text[verb.end() : quoted.start()]
    if _BOUNDARY.search(between):
        return False
    return _POSSESSIVE.search(text[: quoted.start()][-60:]) is None


def _speaking_clause(text: str, verb: re.Match[str], mentions: list[tuple[int, str]]) -> str | None:
    """ ", the interior ministry said": a short speaker phrase with no actor in it."""
    start = text.rfind(",", 0, verb.start()) + 1
    clause = text[start : verb.start()].strip()
    if start == 0 or not re.search(r"[A-Za-z]", clause) or len(clause.split()) > 5:
        return None
    if any(start <= position < verb.start() for position, _ in mentions):
        return None
    return " ".join(clause.split())


def _speaker(
    verb: re.Match[str],
    quoted: re.Match[str] | None,
    mentions: list[tuple[int, str]],
    kinds: dict[str, str],
) -> str | None:
    """Who speaks: whoever follows "said" after a quotation, else the sentence's subject."""
    after = [m for m in mentions if m[0] >= verb.end() and m[0] - verb.end() <= 40]
    before = [m for m in mentions if m[0] < verb.start()]
    if verb.group(1).casefold() == "according to" or (quoted and quoted.end() <= verb.start()):
        return after[0][1] if after else None
    if before:
        people = [m for m in before if kinds.get(m[1]) in ("person", "group")]
        return (people or before)[0][1]
    return after[0][1] if after else None


def _actor_id(name: str, store: FactStore, proposed: dict[str, ProposedActor]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", simplify(name)).strip("-") or "actor"
    taken = set(store.actors) | {p.id for p in proposed.values()}
    chosen, counter = base, 2
    while chosen in taken:
        chosen, counter = f"{base}-{counter}", counter + 1
    return chosen


def _guess_kind(name: str) -> str:
    if _STATE.search(name):
        return "state"
    if _ORGANISATION.search(name):
        return "organisation"
    if _ARMED.search(name):
        return "armed group"
    return "person" if len(name.split()) in (2, 3) else "organisation"


# --- writing ---------------------------------------------------------------------------


def render_yaml(result: Draft) -> str:
    """The drafts file: valid knowledge YAML, with guidance in comments."""
    source = result.source
    out = [
        f"# Draft facts for {source.id}: {source.title}",
        "# Nothing here is served. Review each entry: rewrite `text` as a neutral sentence,",
        "# check kind, actors, who said it and the date; add topics; then set `reviewed: true`",
        "# (nothing unreviewed is ever promoted or served). Then promote it with",
        f"#   briefbot promote {source.id} ID [ID ...]   (or --all, or --reviewed)",
        "# and check the whole store with `briefbot validate --drafts`.",
        "",
    ]
    if result.skipped:
        out.append("# Sentences left out:")
        out += [f"#   - {_short(s.text)} ({why})" for s, why in result.skipped]
        out.append("")
    if result.proposed:
        out.append("actors:")
        for actor in result.proposed:
            out += [
                f"  - id: {actor.id}",
                "    # proposed: a name the store does not know yet; check name and kind",
                f"    name: {_json(actor.name)}",
                f"    kind: {actor.kind}",
                "    reviewed: false  # set to true once checked",
                "    citations:",
                f"      - source: {source.id}",
                f"        quote: {_json(actor.quote)}",
            ]
        out.append("")
    out.append("facts:")
    if not result.candidates:
        out[-1] = "facts: []"
    for number, candidate in enumerate(result.candidates, 1):
        line = source.text_line + source.text.count("\n", 0, candidate.sentence.start)
        out += [
            f"  - id: {source.id}-{number:02d}",
            f"    # line {line}" + "".join(f"; {n}" for n in candidate.notes),
            f"    kind: {candidate.kind}",
            f"    text: {_json(' '.join(candidate.sentence.text.split()))}  # REWRITE",
            "    reviewed: false  # set to true once text, kind, who and date are checked",
        ]
        if candidate.actors:
            out.append(f"    actors: {_json(candidate.actors)}")
        if candidate.by:
            out.append(f"    by: {_json(candidate.by)}")
        if candidate.attribution:
            out.append(f"    attribution: {_json(candidate.attribution)}")
        if candidate.words:
            out.append(f"    words: {_json(candidate.words)}")
        if candidate.date:
            out.append(f"    date: {_json(candidate.date)}")
        if candidate.restates:
            out.append(f"    restates: {candidate.restates}  # or delete this line: a new fact")
        out += [
            "    citations:",
            f"      - source: {source.id}",
            f"        quote: {_json(candidate.sentence.text)}",
        ]
    return "\n".join(out) + "\n"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 70 else flat[:69] + "…"


HEADING_REASON = "a heading (found by briefbot draft)"


def with_skips(seed_text: str, headings: list[str]) -> str:
    """A seed file with ``headings`` added to its header's ``skip`` list (the article text,
    below the header, is left byte for byte as it was)."""
    end = seed_text.index("\n---\n", 3)
    header, body = seed_text[:end], seed_text[end:]
    items = "".join(
        f"  - quote: {_json(' '.join(h.split()))}\n    reason: {HEADING_REASON}\n" for h in headings
    )
    if re.search(r"^skip:\s*\[\]\s*$", header, re.M):
        header = re.sub(r"^skip:\s*\[\]\s*$", "skip:\n" + items.rstrip("\n"), header, flags=re.M)
    elif re.search(r"^skip:\s*$", header, re.M):
        start = re.search(r"^skip:\s*$", header, re.M)
        assert start is not None
        rest = header[start.end() :]
        stop = re.search(r"^\S", rest, re.M)
        at = start.end() + (stop.start() if stop else len(rest))
        header = header[:at].rstrip("\n") + "\n" + items.rstrip("\n") + "\n" + header[at:]
        header = header.rstrip("\n")
    else:
        header = re.sub(r"^sha256:", "skip:\n" + items + "sha256:", header, count=1, flags=re.M)
    return header + body
