"""The saved store: a restart on the same files decodes it, with the same answers; any file
in the cache folder that is not exactly a saved store of these files is a miss."""

from __future__ import annotations

import os
import pickle
import random
import time
from pathlib import Path

import pytest

from bot.answers import queries
from bot.reading import snapshot
from bot.reading.loader import load_store, open_store
from bot.records.errors import StoreInvalid
from bot.store.diff import snapshot as records_of
from bot.store.facts import FactStore
from tests.conftest import StoreCopy


def open_(copy: StoreCopy, cache: Path) -> FactStore:
    return open_store(copy.knowledge, copy.seeds, cache)


def _parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Files this process parses afresh (not those decoded from a saved store)."""
    from bot.reading import parsing

    parsed: list[str] = []
    for name in ("read_seed", "read_knowledge"):
        original = getattr(parsing, name)

        def counting(collected, rel, *args, original=original):  # type: ignore[no-untyped-def]
            parsed.append(rel)
            return original(collected, rel, *args)

        monkeypatch.setattr(parsing, name, counting)
    return parsed


def _answers(store: FactStore) -> list[object]:
    return [
        queries.search(store, "fuel convoy"),
        queries.search(store, "what did the US say about democracy"),
        queries.actor(store, "Bazum"),
        queries.timeline(store, since="2026"),
        queries.brief(store),
        store.actor_names.complete("la"),
        store.topic_names.rank("securty"),
        store.source_names.complete(""),
    ]


def test_a_restart_decodes_the_same_store_and_parses_nothing(
    copy: StoreCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = open_(copy, cache)
    [saved] = cache.glob(f"*{snapshot.SUFFIX}")
    parsed = _parsed(monkeypatch)
    again = open_(copy, cache)
    assert parsed == []
    assert again.version == first.version
    assert records_of(again) == records_of(first)
    assert dict(again.files) == dict(first.files)
    assert again.order == first.order
    assert again.spans_in_order() == first.spans_in_order()
    assert _answers(again) == _answers(first)
    assert sorted(cache.iterdir()) == [saved]


def test_an_edited_file_is_read_again_and_two_saved_stores_are_kept(
    copy: StoreCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = open_(copy, cache)
    for n in range(3):
        copy.edit("knowledge/synonyms.yaml", "synonyms:", f"# edit {n}\nsynonyms:")
        time.sleep(0.01)  # distinct modification times
        edited = open_(copy, cache)
        assert edited.version != first.version
    assert len(list(cache.glob(f"*{snapshot.SUFFIX}"))) == snapshot.KEEP
    parsed = _parsed(monkeypatch)
    assert open_(copy, cache).version == edited.version
    assert parsed == []


def test_a_start_after_an_edit_parses_only_the_edited_file_and_answers_the_same(
    copy: StoreCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files edited while the bot was stopped: the last saved store lends what the
    unchanged files gave, as a reload is lent the served one (a cold start at 100k
    facts took 28 s; lent, 10 s)."""
    cache = tmp_path / "cache"
    open_(copy, cache)
    copy.edit("knowledge/synonyms.yaml", "synonyms:", "# an edit\nsynonyms:")
    parsed = _parsed(monkeypatch)
    lent = open_(copy, cache)
    assert parsed == ["knowledge/synonyms.yaml"]
    monkeypatch.undo()
    fresh = load_store(copy.knowledge, copy.seeds)
    fresh.warm()
    assert lent.version == fresh.version
    assert records_of(lent) == records_of(fresh)
    assert lent.spans_in_order() == fresh.spans_in_order()
    assert _answers(lent) == _answers(fresh)


def test_a_saved_store_of_other_code_lends_nothing(
    copy: StoreCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    open_(copy, cache)
    copy.edit("knowledge/synonyms.yaml", "synonyms:", "# an edit\nsynonyms:")
    monkeypatch.setattr(snapshot, "code_version", lambda: "other code")
    parsed = _parsed(monkeypatch)
    open_(copy, cache)
    assert len(parsed) == len(list(copy.knowledge.rglob("*.yaml"))) + len(
        list(copy.seeds.glob("*.md"))
    )


def test_a_broken_store_is_never_saved_and_reports_every_problem(
    copy: StoreCopy, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    copy.edit("knowledge/actors.yaml", "id: mohamed-bazoum", "id: Mohamed Bazoum")
    for _ in range(2):
        with pytest.raises(StoreInvalid) as raised:
            open_(copy, cache)
        assert any(p.field == "id" and p.line for p in raised.value.problems)
    assert not list(cache.glob(f"*{snapshot.SUFFIX}"))


def test_files_are_named_the_same_however_the_folders_are_given(
    copy: StoreCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    absolute = open_(copy, cache)
    monkeypatch.chdir(copy.root.parent)
    here = Path(copy.root.name)
    parsed = _parsed(monkeypatch)
    relative = open_store(here / "knowledge", here / "seeds", cache)
    assert parsed == []  # the same files, so the same saved store
    assert dict(relative.files) == dict(absolute.files)
    assert all(rel.startswith(("knowledge/", "seeds/")) for rel in relative.files)


def _saved(cache: Path) -> Path:
    [path] = cache.glob(f"*{snapshot.SUFFIX}")
    return path


def test_a_pickle_under_the_saved_stores_name_never_runs_code(
    copy: StoreCopy, tmp_path: Path
) -> None:
    class Planted:
        def __reduce__(self) -> tuple[object, tuple[str, str]]:
            return (Path.write_text, (str(tmp_path / "pwned"), "code ran"))  # type: ignore[return-value]

    cache = tmp_path / "cache"
    expected = records_of(open_(copy, cache))
    path = _saved(cache)
    for blob in (
        pickle.dumps(Planted()),
        snapshot.MAGIC + pickle.dumps(Planted()),
        snapshot.MAGIC + bytes(32) + pickle.dumps(Planted()),
    ):
        path.write_bytes(blob)
        assert records_of(open_(copy, cache)) == expected
        assert not (tmp_path / "pwned").exists()


def test_damage_anywhere_in_the_saved_store_is_a_miss_never_an_error(
    copy: StoreCopy, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = tmp_path / "cache"
    expected = records_of(open_(copy, cache))
    whole = _saved(cache).read_bytes()
    rng = random.Random(5)
    damaged = [whole[: len(whole) // 2], whole + b"\0", b"", whole[:10]]
    # a bit flipped at random places and at places spread over every frame: the checksum
    # is checked after the last frame, so an index restored from a damaged frame may fail
    # first (it once raised IndexError out of a restart)
    places = [rng.randrange(len(whole)) for _ in range(20)]
    places += range(len(snapshot.MAGIC) + 32, len(whole), max(1, len(whole) // 60))
    for at in places:
        blob = bytearray(whole)
        blob[at] ^= 1 << rng.randrange(8)
        damaged.append(bytes(blob))
    for blob in damaged:
        _saved(cache).write_bytes(blob)
        assert records_of(open_(copy, cache)) == expected
    assert "ignoring the saved store" in caplog.text


def test_records_edited_with_a_matching_checksum_are_decoded_only_as_typed_records(
    copy: StoreCopy, tmp_path: Path
) -> None:
    """The checksum guards against damage, not forgery: a rewritten frame with a fixed
    checksum is decoded, but only into the records' own types (a wrong type is a miss)."""
    import hashlib

    cache = tmp_path / "cache"
    open_(copy, cache)
    path = _saved(cache)
    blob = path.read_bytes()
    body = blob[len(snapshot.MAGIC) + 32 :].replace(b"person", b"persoX")
    path.write_bytes(snapshot.MAGIC + hashlib.sha256(body).digest() + body)
    store = open_(copy, cache)  # "persoX" is no ActorKind: a miss, the files read again
    assert store.actors["mohamed-bazoum"].kind == "person"


def test_a_pipe_or_a_link_under_the_saved_stores_name_is_a_quick_miss(
    copy: StoreCopy, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    expected = records_of(open_(copy, cache))
    path = _saved(cache)
    path.unlink()
    os.mkfifo(path)  # a reader opening it without O_NONBLOCK would wait for a writer
    assert records_of(open_(copy, cache)) == expected
    path.unlink(missing_ok=True)
    other = tmp_path / "elsewhere"
    other.write_bytes(b"x")
    path.symlink_to(other)
    assert records_of(open_(copy, cache)) == expected


def test_an_older_briefbots_cache_and_dead_writers_files_are_removed(
    copy: StoreCopy, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    old = [cache / "a1b2.pickle", cache / "c3d4.seeds", cache / "e5f6.index"]
    for path in old:
        path.write_bytes(b"an older format")
    dead = cache / "abc.123.tmp"
    dead.write_bytes(b"half written")
    stale = time.time() - 2 * snapshot.WRITING_S
    os.utime(dead, (stale, stale))
    writing = cache / "def.456.tmp"  # another process writing now
    writing.write_bytes(b"being written")
    open_(copy, cache)
    assert sorted(p.name for p in cache.iterdir()) == sorted([_saved(cache).name, writing.name])


def test_a_cache_that_cannot_be_written_only_costs_speed(copy: StoreCopy, tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder should be")
    assert records_of(open_(copy, blocked)) == records_of(load_store(copy.knowledge, copy.seeds))


def test_a_retired_store_is_freed_by_reference_counting(copy: StoreCopy, tmp_path: Path) -> None:
    """No cycle between a store and its indexes: the moment its last user lets go, a
    retired store is freed, without waiting for (or stalling in) the cyclic collector."""
    import gc
    import weakref

    for _ in ("built", "decoded"):
        store = open_(copy, tmp_path / "cache")
        _answers(store)
        alive = weakref.ref(store)
        gc.disable()
        try:
            del store
            assert alive() is None
        finally:
            gc.enable()


def test_a_decoded_store_leaves_the_cyclic_collector_little_to_walk(
    copy: StoreCopy, tmp_path: Path
) -> None:
    """Records that hold no containers are never tracked: a restart decodes hundreds of
    thousands of them, and each full collection meanwhile would walk every one."""
    import gc

    open_(copy, tmp_path / "cache")
    store = open_(copy, tmp_path / "cache")  # decoded
    fact = next(f for f in store.facts.values() if f.date is not None)
    postings = next(iter(store.fact_search._postings.values()))
    records = next(iter(store.files.values()))
    for value in (fact, fact.date, fact.citations[0], postings, records):
        assert not gc.is_tracked(value), type(value).__name__


def test_release_frees_a_retired_store_and_not_what_it_lent(copy: StoreCopy) -> None:
    served = open_store(copy.knowledge, copy.seeds, None)
    copy.edit("knowledge/synonyms.yaml", "synonyms:", "# a comment\nsynonyms:")
    reloaded = open_store(copy.knowledge, copy.seeds, None, previous=served)
    assert reloaded.fact_search is not served.fact_search  # a copy of it, lent its parts
    expected = _answers(reloaded)
    served.release()
    assert not served.facts
    assert _answers(reloaded) == expected


@pytest.mark.parametrize("error", [IndexError, AttributeError, OverflowError, RuntimeError])
def test_an_index_that_fails_to_restore_from_damaged_bytes_is_a_miss(
    copy: StoreCopy,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    error: type[Exception],
) -> None:
    """The checksum is checked after the last frame: an index restored from a damaged
    frame may fail first, in any way (a bit flip once raised IndexError out of a restart)."""
    cache = tmp_path / "cache"
    expected = records_of(open_(copy, cache))
    name, (kind, _) = next(iter(snapshot.INDEXES.items()))

    def broken(saved: object) -> object:
        raise error("a damaged number")

    monkeypatch.setitem(snapshot.INDEXES, name, (kind, broken))
    assert records_of(open_(copy, cache)) == expected  # read afresh from the files
    assert "ignoring the saved store" in caplog.text and error.__name__ in caplog.text
