"""A deterministic synthetic store: fictional sources, actors, facts and topics at any size.

Every fact cites a real sentence of a generated source, every actor is named in one, dates
are at mixed precision and never after their source, and the result passes
``briefbot validate``. Names are made from syllables, so they are fictional, varied and
easy to misspell. Also writes a labelled query set for search and autocomplete quality.

    python -m testkit.generate --facts 10000 --out /tmp/store10k
"""

from __future__ import annotations

import argparse
import calendar
import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

SYLLABLES = (
    "ka ra ve lo mi sa to nu de li ba go ru fe zi ta mo el an or is ul ne ko da "
    "va re si mu po ga le tu ni ho ja we"
).split()
ORG_NOUNS = (
    "Council",
    "Front",
    "Agency",
    "Institute",
    "Union",
    "Movement",
    "Bureau",
    "Foundation",
    "Commission",
    "Brigade",
    "Assembly",
    "Network",
)
VERBS = (
    "met",
    "criticised",
    "signed an accord with",
    "attacked",
    "supported",
    "warned",
    "negotiated with",
    "sanctioned",
    "welcomed",
    "condemned",
    "funded",
    "visited",
)
OBJECTS = (
    "the customs pact",
    "a fuel convoy",
    "the border crossing",
    "the mining licence",
    "the election calendar",
    "a drone base",
    "the aid programme",
    "the grain corridor",
    "the water treaty",
    "the peace talks",
    "a gold concession",
    "the railway project",
)
TAILS = (
    "after weeks of tension",
    "despite strong objections",
    "amid rising prices",
    "as talks stalled",
    "under heavy security",
    "to the surprise of observers",
    "with at least 15 vehicles involved",
    "for the first time in a decade",
)
KINDS = (
    ("person", 60),
    ("organisation", 14),
    ("government", 8),
    ("armed group", 7),
    ("state", 6),
    ("alliance", 3),
    ("media", 2),
)


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    aliases: list[str]
    cited: tuple[str, str] | None = None


@dataclass
class Fact:
    id: str
    kind: str
    sentence: str
    actors: list[str]
    by: list[str] = field(default_factory=list)
    words: str | None = None
    attribution: str | None = None
    date: dict[str, str] | None = None
    topic: str = ""
    sources: list[str] = field(default_factory=list)


def _actors(rng: random.Random, count: int) -> list[Actor]:
    kinds = [k for k, weight in KINDS for _ in range(weight)]
    actors, seen = [], set()
    while len(actors) < count:
        kind = rng.choice(kinds)
        if kind == "person":
            name = f"{_name(rng, 2)} {_name(rng, rng.choice((2, 3)))}"
        elif kind in ("state",):
            name = f"Republic of {_name(rng, 3)}"
        else:
            name = f"{_name(rng, 3)} {rng.choice(ORG_NOUNS)}"
        if name in seen:
            continue
        seen.add(name)
        aliases = []
        if kind == "person":
            aliases.append(name.split()[-1])
        elif len(name.split()) > 1:
            aliases.append("".join(w[0] for w in name.split() if w[0].isupper()) + "X")
        slug = name.lower().replace(" ", "-")
        actors.append(Actor(f"{slug}-{len(actors)}", name, kind, aliases))
    return actors


def _date(rng: random.Random, year_max: int) -> tuple[str, dict[str, str]]:
    year = rng.randint(2015, year_max)
    month = rng.randint(1, 12)
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    choice = rng.random()
    if choice < 0.35:
        phrase = f"on {day} {calendar.month_name[month]} {year}"
        return phrase, {"when": f"{year}-{month:02d}-{day:02d}", "phrase": phrase}
    if choice < 0.7:
        phrase = f"in {calendar.month_name[month]} {year}"
        return phrase, {"when": f"{year}-{month:02d}", "phrase": phrase}
    if choice < 0.9:
        phrase = f"in {year}"
        return phrase, {"when": str(year), "phrase": phrase}
    start = rng.randint(2010, year - 1) if year > 2010 else 2009
    phrase = f"between {start} and {year}"
    return phrase, {"when": f"{start}..{year}", "phrase": phrase}


def _fact(rng: random.Random, number: int, actors: list[Actor], topic: str) -> Fact:
    a, b = actors[0], actors[-1]
    verb, obj, tail = rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TAILS)
    roll = rng.random()
    fid = f"f{number:06d}"
    if roll < 0.55:
        phrase, date = _date(rng, 2025)
        sentence = f"{a.name} {verb} {b.name} over {obj} {phrase}, {tail}."
        return Fact(fid, "event", sentence, [a.id, b.id], date=date, topic=topic)
    if roll < 0.7:
        sentence = f"{a.name} said that {b.name} had {verb} {obj} {tail}."
        return Fact(fid, "claim", sentence, [b.id], by=[a.id], topic=topic)
    if roll < 0.82:
        words = f"We will not accept {obj} {tail}"
        sentence = f"“{words},” said {a.name}, referring to {b.name}."
        return Fact(fid, "quote", sentence, [b.id], by=[a.id], words=words, topic=topic)
    if roll < 0.92:
        sentence = f"Analysts say {a.name} {verb} {b.name} over {obj} {tail}."
        return Fact(fid, "analysis", sentence, [a.id, b.id], attribution="Analysts", topic=topic)
    sentence = f"{a.name} has long been linked to {b.name} and to {obj}."
    return Fact(fid, "background", sentence, [a.id, b.id], topic=topic)


def generate(out: Path, facts: int, seed: int = 7) -> dict[str, int]:
    """Write ``out/knowledge`` and ``out/seeds``; return the counts."""
    rng = random.Random(seed)
    n_actors, n_sources = max(10, facts // 5), max(2, facts // 20)
    actors = _actors(rng, n_actors)
    topics = [f"t{n:03d}" for n in range(max(3, min(60, facts // 200)))]
    generated: list[Fact] = []
    for number in range(facts):
        first = actors[number % len(actors)]  # every actor is named at least once
        second = actors[rng.randrange(len(actors))]
        if second is first:
            second = actors[(number + 1) % len(actors)]
        generated.append(_fact(rng, number, [first, second], rng.choice(topics)))

    (out / "seeds").mkdir(parents=True, exist_ok=True)
    (out / "knowledge" / "facts").mkdir(parents=True, exist_ok=True)
    per_source = -(-facts // n_sources)
    by_id = {a.id: a for a in actors}
    for index in range(n_sources):
        chunk = generated[index * per_source : (index + 1) * per_source]
        if not chunk:
            break
        sid = f"s{index:05d}"
        other = generated[rng.randrange(len(generated))]
        extra = [other] if rng.random() < 0.5 and other not in chunk else []  # corroboration
        sentences = [f.sentence for f in chunk + extra]
        for fact in chunk + extra:
            fact.sources.append(sid)
            for actor_id in (*fact.actors, *fact.by):
                if by_id[actor_id].cited is None:
                    by_id[actor_id].cited = (sid, fact.sentence)
        body = ("\n".join(sentences) + "\n").encode()
        header = {
            "id": sid,
            "title": f"Synthetic report {index}",
            "title_assigned": True,
            "outlet": None,
            "url": None,
        }
        lines = [
            "---",
            *(f"{k}: {json.dumps(v)}" for k, v in header.items()),
            "published:",
            '  date: "2026-01-15"',
            "  precision: day",
            f"sha256: {hashlib.sha256(body).hexdigest()}",
            "---",
        ]
        (out / "seeds" / f"{sid}.md").write_bytes(("\n".join(lines) + "\n").encode() + body)

    _write_chunks(out / "knowledge" / "facts", "facts", [_fact_yaml(f) for f in generated])
    _write_chunks(out / "knowledge", "actors", [_actor_yaml(a) for a in actors])
    topic_lines = ["topics:"]
    for topic in topics:
        listed = [f.id for f in generated if f.topic == topic][:15]
        topic_lines += [
            f"  - id: {topic}",
            f"    title: {json.dumps('Topic ' + topic)}",
            f"    aliases: [{json.dumps('theme ' + topic)}]",
            f"    overview: {'true' if topic == topics[0] else 'false'}",
            f"    facts: {json.dumps(listed)}",
        ]
    (out / "knowledge" / "topics.yaml").write_text("\n".join(topic_lines) + "\n")
    _write_queries(out, rng, generated, actors)
    return {"facts": facts, "actors": len(actors), "sources": n_sources, "topics": len(topics)}


def _write_chunks(folder: Path, section: str, entries: list[str], size: int = 2000) -> None:
    for start in range(0, len(entries), size):
        text = f"{section}:\n" + "".join(entries[start : start + size])
        (folder / f"{section}-{start // size:03d}.yaml").write_text(text)


def _fact_yaml(fact: Fact) -> str:
    lines = [
        f"  - id: {fact.id}",
        f"    kind: {fact.kind}",
        f"    text: {json.dumps(fact.sentence.replace('“', '').replace('”', ''))}",
        f"    actors: {json.dumps(fact.actors)}",
        f"    topics: [{fact.topic}]",
    ]
    if fact.by:
        lines.append(f"    by: {json.dumps(fact.by)}")
    if fact.words:
        lines.append(f"    words: {json.dumps(fact.words)}")
    if fact.attribution:
        lines.append(f"    attribution: {json.dumps(fact.attribution)}")
    if fact.date:
        lines.append(f"    date: {json.dumps(fact.date)}")
    lines.append("    citations:")
    for source in fact.sources:
        lines += [f"      - source: {source}", f"        quote: {json.dumps(fact.sentence)}"]
    return "\n".join(lines) + "\n"


def _actor_yaml(actor: Actor) -> str:
    assert actor.cited is not None, actor
    source, sentence = actor.cited
    return (
        "\n".join(
            [
                f"  - id: {actor.id}",
                f"    name: {json.dumps(actor.name)}",
                f"    aliases: {json.dumps(actor.aliases)}",
                f"    kind: {actor.kind}",
                "    citations:",
                f"      - source: {source}",
                f"        quote: {json.dumps(sentence)}",
            ]
        )
        + "\n"
    )


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i] + word[i:]


def _write_queries(out: Path, rng: random.Random, facts: list[Fact], actors: list[Actor]) -> None:
    """Labelled queries: words of one fact (sometimes misspelt) -> that fact; names -> actors."""
    searches = []
    for fact in rng.sample(facts, min(200, len(facts))):
        words = [w.strip("“”,.") for w in fact.sentence.split() if len(w.strip("“”,.")) > 3]
        chosen = rng.sample(words, min(3, len(words)))
        if rng.random() < 0.3:
            chosen[0] = _typo(rng, chosen[0])
        searches.append({"query": " ".join(chosen), "expected": fact.id})
    names = []
    for actor in rng.sample(actors, min(200, len(actors))):
        roll = rng.random()
        typed = (
            actor.name[: rng.randint(3, 8)]
            if roll < 0.4
            else _typo(rng, actor.name.split()[-1])
            if roll < 0.8
            else actor.aliases[0]
            if actor.aliases
            else actor.name
        )
        names.append({"query": typed, "expected": actor.id})
    (out / "queries.json").write_text(json.dumps({"search": searches, "actors": names}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(generate(args.out, args.facts, args.seed))


if __name__ == "__main__":
    main()
