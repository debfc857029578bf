"""The record cache: same store, only changed files parsed again, never wrong."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.store.diff import snapshot
from bot.store.errors import StoreInvalid
from bot.store.loader import load_store
from tests.conftest import StoreCopy


def load(copy: StoreCopy, cache: Path):  # type: ignore[no-untyped-def]
    return load_store(copy.knowledge, copy.seeds, cache_dir=cache)


def _chunks(blob: bytes) -> list[tuple[bytes, bytes]]:
    """A cache file's (data, tag) chunks, the end mark last, read without checking."""
    from bot.store.cache import LENGTH_BYTES, MAGIC, TAG_BYTES

    assert blob.startswith(MAGIC)
    at, out = len(MAGIC), []
    while at < len(blob):
        length = int.from_bytes(blob[at : at + LENGTH_BYTES], "big")
        at += LENGTH_BYTES
        out.append((blob[at : at + length], blob[at + length : at + length + TAG_BYTES]))
        at += length + TAG_BYTES
    return out


def _payload(blob: bytes) -> bytes:
    return b"".join(data for data, _ in _chunks(blob))


def _signed(payload: bytes, secret: bytes, key: str) -> bytes:
    """``payload`` written as briefbot writes, under ``secret``."""
    import io

    from bot.store.cache import MAGIC, _Signing

    out = io.BytesIO()
    out.write(MAGIC)
    signing = _Signing(out, hmac.new(secret, key.encode() + b"\0", hashlib.sha256))
    for at in range(0, len(payload), 1000):
        signing.write(payload[at : at + 1000])
    signing.close()
    return out.getvalue()


def test_a_warm_load_gives_the_same_store(copy: StoreCopy, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = load(copy, cache)
    entries = sorted(cache.glob("*.pickle"))
    assert len(entries) == len(list(copy.knowledge.rglob("*.yaml")))
    articles = sorted(cache.glob("*.seeds"))  # every article in one entry
    assert len(articles) == 1
    warm = load(copy, cache)
    assert snapshot(warm) == snapshot(cold)
    assert warm.version == cold.version
    assert sorted(cache.glob("*.pickle")) == entries
    assert sorted(cache.glob("*.seeds")) == articles


def test_an_edited_file_is_parsed_again_and_its_old_entry_pruned(
    copy: StoreCopy, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    load(copy, cache)
    before = set(cache.glob("*.pickle"))
    copy.edit("knowledge/facts/events.yaml", "was repelled.", "was repelled, reportedly.")
    store = load(copy, cache)
    assert store.facts["niamey-airport-attack"].text.endswith("was repelled, reportedly.")
    after = set(cache.glob("*.pickle"))
    assert len(after) == len(before) and len(after - before) == 1


def test_a_broken_file_is_never_cached_and_still_reported(copy: StoreCopy, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    copy.edit("knowledge/facts/events.yaml", "recently killed at least 15", "recently killed 15")
    for _ in range(2):
        with pytest.raises(StoreInvalid) as caught:
            load(copy, cache)
        assert [p.record for p in caught.value.problems] == ["fuel-convoy-attack"]
    copy.edit("knowledge/actors.yaml", "    kind: media\n", "    kind: newspaper\n")
    with pytest.raises(StoreInvalid) as caught:
        load(copy, cache)
    assert {p.record for p in caught.value.problems} >= {"le-monde", "fuel-convoy-attack"}


def test_an_unreadable_cache_entry_is_ignored(copy: StoreCopy, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = load(copy, cache)
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert snapshot(load(copy, cache)) == snapshot(cold)


def test_problems_keep_their_lines_when_other_files_come_from_the_cache(
    copy: StoreCopy, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    load(copy, cache)
    copy.write(
        "knowledge/more.yaml",
        "facts:\n  - id: trump-returns\n    kind: background\n"
        "    text: Donald Trump returned to the White House for a second term.\n"
        "    citations:\n      - source: us-shifts-strategy\n"
        "        quote: since Donald Trump returned to the White House\n",
    )
    with pytest.raises(StoreInvalid) as caught:
        load(copy, cache)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.record) == (
        "knowledge/more.yaml",
        2,
        "trump-returns",
    )
    assert "first defined in knowledge/facts/events.yaml:" in problem.message


def test_saved_indexes_serve_a_restart_the_same_answers(copy: StoreCopy, tmp_path: Path) -> None:
    from bot.store import queries

    cache = tmp_path / "cache"
    first = load(copy, cache)
    first.warm(cache)
    assert len(list(cache.glob("*.index"))) == 1
    again = load(copy, cache)
    again.warm(cache)  # loads the saved indexes instead of building them
    for query in ("fuel convoy", "human rights", "what did the US say"):
        assert queries.search(again, query) == queries.search(first, query)
    assert queries.actor(again, "Bazum") == queries.actor(first, "Bazum")
    assert queries.timeline(again, since="2026") == queries.timeline(first, since="2026")


def test_tampered_saved_indexes_are_rebuilt_never_used(copy: StoreCopy, tmp_path: Path) -> None:
    import pickle

    cache = tmp_path / "cache"
    store = load(copy, cache)
    store.warm(cache)
    [saved] = cache.glob("*.index")
    forged = pickle.loads(_payload(saved.read_bytes()))
    forged["actor_names"] = forged["topic_names"]  # would answer actors with topics
    saved.write_bytes(_signed(pickle.dumps(forged), secrets.token_bytes(32), saved.stem))
    again = load(copy, cache)
    again.warm(cache)
    assert again.actor_names.resolve("Bazum") == "mohamed-bazoum"


def test_a_restart_reuses_the_checks_and_order_of_exactly_these_files(
    copy: StoreCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.store.loader as loader

    cache = tmp_path / "cache"
    cold = load(copy, cache)
    assert len(list(cache.glob("*.checked"))) == 1

    def never(*args: object) -> None:
        raise AssertionError("the cross-record checks ran again")

    monkeypatch.setattr(loader, "_check_references", never)
    warm = load(copy, cache)
    assert [f.id for f in warm.timeline] == [f.id for f in cold.timeline]
    assert warm.placement == cold.placement
    for fact in cold.facts.values():
        for citation in fact.citations:
            assert warm.span(citation) == cold.span(citation)
    monkeypatch.undo()

    # a quote that no longer matches is found: edited files are checked again, in full
    copy.edit(
        "knowledge/facts/events.yaml",
        "was repelled\n",
        "was pushed back\n",
    )
    with pytest.raises(StoreInvalid) as refused:
        load(copy, cache)
    assert [p.field for p in refused.value.problems] == ["citations[0].quote"]


def test_saved_spans_in_another_citation_order_are_checked_again(
    copy: StoreCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Spans are saved without their keys, in the order the checks met the citations:
    a save whose order differs from this code's is never paired up, it is checked again."""
    import bot.store.loader as loader

    cache = tmp_path / "cache"
    cold = load(copy, cache)
    real = loader._keys_digest
    monkeypatch.setattr(loader, "_keys_digest", lambda keys: real(reversed(list(keys))))
    again = {"n": 0}
    checks = loader._check_references

    def counted(*args: object) -> object:
        again["n"] += 1
        return checks(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "_check_references", counted)
    warm = load(copy, cache)
    assert again["n"] == 1
    for fact in cold.facts.values():
        for citation in fact.citations:
            assert warm.span(citation) == cold.span(citation)


def test_tampered_saved_checks_are_ignored(copy: StoreCopy, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = load(copy, cache)
    (entry,) = cache.glob("*.checked")
    blob = bytearray(entry.read_bytes())
    blob[-5] ^= 0xFF
    entry.write_bytes(bytes(blob))
    warm = load(copy, cache)
    assert [f.id for f in warm.timeline] == [f.id for f in cold.timeline]


def test_values_the_memo_less_pickler_refuses_are_saved_the_ordinary_way(tmp_path: Path) -> None:
    from bot.store.cache import RecordCache

    cache = RecordCache(tmp_path / "cache")
    shared = ["shared"]
    deep: list[object] = [shared]
    for _ in range(80):  # deeper than the pickler's cycle-check threshold, sharing an object
        deep = [deep, shared]
    cyclic: dict[str, object] = {"name": "loop"}
    cyclic["self"] = cyclic
    cache.put_indexes("v1", {"deep": deep, "cyclic": cyclic})
    loaded = cache.get_indexes("v1")
    assert loaded is not None and loaded["cyclic"]["self"] is loaded["cyclic"]
    assert loaded["deep"] == deep
    assert not list((tmp_path / "cache").glob("*.tmp"))


def test_a_timeline_order_pickles_in_parts_and_loads_equal() -> None:
    import pickle

    from bot.store.facts import PART, TimelineOrder

    ids = tuple(f"fact-{n}" for n in range(2 * PART + 3))
    order = TimelineOrder(ids, {ids[0]: "placed after what it responds to"}, dict.fromkeys(ids, 1))
    again = pickle.loads(pickle.dumps(order, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == order
    assert pickle.loads(pickle.dumps(TimelineOrder((), {}, {}))) == TimelineOrder((), {}, {})


def _secret_of(cache: Path) -> bytes:
    return (cache.parent / f"{cache.name}.key").read_bytes()


@pytest.mark.parametrize(
    "damage",
    ["cut at a chunk's end", "end mark dropped", "chunk appended", "chunks swapped", "bit"],
)
def test_a_cache_file_not_exactly_as_written_is_a_miss(
    copy: StoreCopy, tmp_path: Path, damage: str
) -> None:
    cache = tmp_path / "cache"
    store = load(copy, cache)
    store.warm(cache)
    [saved] = cache.glob("*.index")
    blob = saved.read_bytes()
    chunks = _chunks(blob)
    assert len(chunks) >= 3  # written frame by frame, then the end mark
    from bot.store.cache import LENGTH_BYTES, MAGIC

    def joined(parts: list[tuple[bytes, bytes]]) -> bytes:
        return MAGIC + b"".join(
            len(data).to_bytes(LENGTH_BYTES, "big") + data + tag for data, tag in parts
        )

    damaged = {
        "cut at a chunk's end": joined(chunks[: len(chunks) // 2]),
        "end mark dropped": joined(chunks[:-1]),
        "chunk appended": blob + joined(chunks[1:2])[len(MAGIC) :],
        "chunks swapped": joined([chunks[1], chunks[0], *chunks[2:]]),
        "bit": blob[:-40] + bytes([blob[-40] ^ 1]) + blob[-39:],
    }[damage]
    saved.write_bytes(damaged)
    from bot.store.cache import RecordCache, index_code_version

    assert RecordCache(cache).get_indexes(store.version) is None
    again = load(copy, cache)
    again.warm(cache)
    assert again.actor_names.resolve("Bazum") == "mohamed-bazoum"
    assert index_code_version()  # the saved name was this code's


def test_the_unpickler_is_only_given_bytes_already_checked() -> None:
    """Chunks are checked one by one as read: a forged second chunk is refused before any
    of its bytes are handed out, whatever the first chunk held."""
    import io

    from bot.store.cache import MAGIC, _Checking, _Unsigned

    secret = secrets.token_bytes(32)
    good = _signed(b"A" * 1000 + b"B" * 1000, secret, "k")
    forged = bytearray(good)
    second = len(MAGIC) + 8 + 1000 + 32 + 8  # the second chunk's first byte
    forged[second] = ord("X")
    body = bytes(forged)[len(MAGIC) :]
    reader = _Checking(io.BytesIO(body), hmac.new(secret, b"k\0", "sha256"), len(body))
    assert reader.read(1000) == b"A" * 1000
    with pytest.raises(_Unsigned):
        reader.read(1)


def test_reading_a_saved_value_never_holds_its_file_whole(tmp_path: Path) -> None:
    """A saved index of tens of MB is read a chunk at a time: the peak while loading is
    the value itself, not the value plus its file."""
    import tracemalloc

    from bot.store.cache import RecordCache

    cache = RecordCache(tmp_path / "cache")
    value = {"parts": [bytes([n % 256]) * 100_000 for n in range(200)]}  # 20 MB
    cache.put_indexes("v1", value)
    size = sum(len(p) for p in value["parts"])
    tracemalloc.start()
    loaded = cache.get_indexes("v1")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert loaded == value
    assert peak < size * 1.2, f"peak {peak} for a {size}-byte value"


def test_files_are_named_the_same_however_the_folders_are_given(
    copy: StoreCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Relative folders, from another working directory: the same names, so the same
    cache entries (and a reload compares the same files)."""
    cache = tmp_path / "cache"
    absolute = load(copy, cache)
    monkeypatch.chdir(copy.root.parent)
    here = Path(copy.root.name)
    relative = load_store(here / "knowledge", here / "seeds", cache_dir=cache)
    assert dict(relative.files) == dict(absolute.files)
    assert all(rel.startswith(("knowledge/", "seeds/")) for rel in relative.files)


def test_a_pipe_or_an_impossible_length_under_an_entrys_name_is_a_quick_miss(
    copy: StoreCopy, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Nothing planted in the cache folder can make a load wait or allocate wildly: a pipe
    named like the saved indexes is not opened for reading, and a chunk length larger than
    the file is refused before anything is read."""
    import os

    from bot.store.cache import LENGTH_BYTES, MAGIC, RecordCache

    cache = tmp_path / "cache"
    store = load(copy, cache)
    store.warm(cache)
    [saved] = cache.glob("*.index")
    blob = saved.read_bytes()
    saved.write_bytes(MAGIC + (2**62).to_bytes(LENGTH_BYTES, "big") + blob[len(MAGIC) + 8 :])
    assert RecordCache(cache).get_indexes(store.version) is None
    assert "did not write" in caplog.text  # refused as unsigned, not failing to allocate
    caplog.clear()
    saved.unlink()
    os.mkfifo(saved)  # a reader opening it without O_NONBLOCK would wait for a writer
    assert RecordCache(cache).get_indexes(store.version) is None
    assert "did not write" in caplog.text


# --- the articles, cached together in one entry ----------------------------------------


def _articles_parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Articles this process parses (not those it finds in the cache)."""
    from bot.store import parsing

    parsed: list[str] = []
    read = parsing.read_seed

    def counting(collected, rel, *args):  # type: ignore[no-untyped-def]
        parsed.append(rel)
        return read(collected, rel, *args)

    monkeypatch.setattr(parsing, "read_seed", counting)
    return parsed


def _another_article(copy: StoreCopy) -> None:
    """A valid third article: a copy of one under a new id (same text, same hash)."""
    text = (copy.seeds / "us-shifts-strategy.md").read_text(encoding="utf-8")
    copy.write("seeds/us-shifts-again.md", text.replace("id: us-shifts-strategy", "id: again", 1))


def test_a_restart_parses_no_article_and_a_new_article_alone(
    copy: StoreCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    parsed = _articles_parsed(monkeypatch)
    cold = load(copy, cache)
    assert len(parsed) == 2
    parsed.clear()
    assert snapshot(load(copy, cache)) == snapshot(cold)
    assert parsed == []
    _another_article(copy)
    fresh = load_store(copy.knowledge, copy.seeds)
    parsed.clear()
    assert snapshot(load(copy, cache)) == snapshot(fresh)
    assert parsed == ["seeds/us-shifts-again.md"]
    parsed.clear()
    assert snapshot(load(copy, cache)) == snapshot(fresh)
    assert parsed == [] and len(list(cache.glob("*.seeds"))) == 1


def test_a_removed_article_leaves_the_entry(
    copy: StoreCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.store.cache import RecordCache

    cache = tmp_path / "cache"
    _another_article(copy)
    load(copy, cache)
    (copy.seeds / "us-shifts-again.md").unlink()
    parsed = _articles_parsed(monkeypatch)
    load(copy, cache)
    assert parsed == []  # the others were in the entry, which is written again without it
    kept = RecordCache(cache).get_seeds("seeds")
    assert len(kept) == 2
    assert all(entries[0][1].id != "again" for entries in kept.values())


def test_an_article_with_a_problem_is_never_cached(
    copy: StoreCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    path = copy.seeds / "checker-bamako-visit.md"
    text = path.read_text(encoding="utf-8")
    at = text.index("sha256: ") + len("sha256: ")
    other = "0" if text[at] != "0" else "1"  # still a well-formed hash, of another text
    path.write_text(text[:at] + other + text[at + 1 :], encoding="utf-8")
    parsed = _articles_parsed(monkeypatch)
    for _ in range(2):
        parsed.clear()
        with pytest.raises(StoreInvalid) as caught:
            load(copy, cache)
        assert any(p.field == "sha256" for p in caught.value.problems)
        assert "seeds/checker-bamako-visit.md" in parsed
    assert parsed == ["seeds/checker-bamako-visit.md"]  # the valid article was cached


def test_a_forged_articles_entry_is_a_miss(
    copy: StoreCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    cold = load(copy, cache)
    [entry] = cache.glob("*.seeds")
    blob = bytearray(entry.read_bytes())
    blob[len(blob) // 2] ^= 1
    entry.write_bytes(bytes(blob))
    parsed = _articles_parsed(monkeypatch)
    assert snapshot(load(copy, cache)) == snapshot(cold)
    assert len(parsed) == 2  # read afresh, and the entry written again
    parsed.clear()
    load(copy, cache)
    assert parsed == []


def test_a_fact_failing_its_own_checks_is_reported_on_every_load(
    copy: StoreCopy, tmp_path: Path, line_of: Callable[[Path, str], int]
) -> None:
    """A fact's own checks run when it is parsed (a file is cached only when valid)."""
    cache = tmp_path / "cache"
    load(copy, cache)
    statements = "knowledge/facts/statements.yaml"
    copy.edit(
        statements,
        'date: {when: "2025-10", phrase: "In October, 2025"}',
        'date: {when: "2025-10-14", phrase: "In October, 2025"}',
    )
    for _ in range(2):
        with pytest.raises(StoreInvalid) as caught:
            load(copy, cache)
        [problem] = caught.value.problems
        assert (problem.file, problem.record, problem.field) == (
            statements,
            "boulos-le-monde",
            "date.when",
        )
        assert problem.line == line_of(copy.root / statements, "id: boulos-le-monde")


def test_a_reload_adding_an_article_reads_only_the_served_store(
    copy: StoreCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reload is lent the articles it serves: it never reads the articles' entry (a copy
    of all of them), yet writes it again with the new one, so a restart parses none."""
    from bot.store.cache import RecordCache

    cache = tmp_path / "cache"
    served = load(copy, cache)
    _another_article(copy)
    fresh = load_store(copy.knowledge, copy.seeds)
    parsed = _articles_parsed(monkeypatch)
    with monkeypatch.context() as patched:
        patched.setattr(RecordCache, "get_seeds", lambda *_: pytest.fail("read the entry"))
        reloaded = load_store(copy.knowledge, copy.seeds, cache_dir=cache, previous=served)
    assert snapshot(reloaded) == snapshot(fresh)
    assert parsed == ["seeds/us-shifts-again.md"]
    parsed.clear()
    assert snapshot(load(copy, cache)) == snapshot(fresh)
    assert parsed == []


def test_a_temporary_file_left_by_a_dead_writer_is_pruned(copy: StoreCopy, tmp_path: Path) -> None:
    import os
    import time

    from bot.store.cache import ABANDONED_S

    cache = tmp_path / "cache"
    load(copy, cache)
    old, fresh = cache / "abc.4242.tmp", cache / "def.4243.tmp"
    for path in (old, fresh):
        path.write_bytes(b"half a pickle")
    long_ago = time.time() - ABANDONED_S - 60
    os.utime(old, (long_ago, long_ago))
    load(copy, cache)
    assert not old.exists()
    assert fresh.exists()  # a writer may still be at it
