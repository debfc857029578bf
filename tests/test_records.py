"""Served records: lean copies of the validated models, the same content and hashes."""

from __future__ import annotations

import gc
import hashlib
import pickle

import pytest

from bot.records import models, served
from bot.records.dates import FuzzyDate
from bot.store.diff import ADDED_LATER, _hash
from bot.store.facts import FactStore

PAIRS = [
    (models.Citation, served.Citation),
    (models.Published, served.Published),
    (models.Skip, served.Skip),
    (models.Grade, served.Grade),
    (models.Credibility, served.Credibility),
    (models.Correction, served.Correction),
    (models.Retraction, served.Retraction),
    (models.Role, served.Role),
    (models.Relation, served.Relation),
    (models.Actor, served.Actor),
    (models.FactDate, served.FactDate),
    (models.Fact, served.Fact),
    (models.Lead, served.Lead),
    (models.Topic, served.Topic),
    (models.Synonyms, served.Synonyms),
]


@pytest.mark.parametrize(("model", "lean"), PAIRS, ids=lambda cls: cls.__name__)
def test_each_served_record_has_its_models_fields_in_order(
    model: type[models.Record], lean: type[served.Record]
) -> None:
    assert lean.__struct_fields__ == tuple(model.model_fields)


def test_a_source_has_its_headers_fields_then_the_text() -> None:
    assert served.Source.__struct_fields__ == (
        *models.SourceHeader.model_fields,
        "text",
        "file",
        "text_line",
    )


AWKWARD = 'Tab\there, a "quote", a back\\slash, a line\nbreak, é, “curly” — and \u2028.'
"""Awkward yet showable (control, zero-width and direction characters are refused)."""


def _awkward_fact() -> models.Fact:
    return models.Fact.model_validate(
        {
            "id": "awkward",
            "kind": "quote",
            "text": AWKWARD,
            "by": ["someone"],
            "words": "“curly”",
            "date": {"when": "2025-W41", "phrase": "last week", "relative": True},
            "note": AWKWARD,
            "citations": [{"source": "a", "quote": AWKWARD}],
        }
    )


def test_a_records_hash_is_that_of_its_models_json() -> None:
    """Recorded histories compare hashes: the served record must hash as the model did."""
    fact = _awkward_fact()
    expected = hashlib.sha256(_recorded_json(fact).encode()).hexdigest()[:16]
    assert _hash(fact.lean()) == expected


def _recorded_json(model: models.Record) -> str:
    """The model's JSON as histories recorded it: fields added later only when set."""
    unset = {n for n in ADDED_LATER if getattr(model, n, None) in (None, ())}
    return model.model_dump_json(exclude=unset)


def test_fields_added_later_keep_old_hashes_until_used() -> None:
    """A fact that does not use the trust fields hashes as before they existed (no flood
    of 'updated' entries after an upgrade); one that does hashes differently."""
    fact = _awkward_fact()
    old_json = fact.model_dump_json(exclude=set(ADDED_LATER))
    assert _hash(fact.lean()) == hashlib.sha256(old_json.encode()).hexdigest()[:16]
    retracted = fact.model_copy(update={"retracted": models.Retraction(reason="Wrong.")})
    assert _hash(retracted.lean()) != _hash(fact.lean())


def test_every_record_of_the_real_store_hashes_as_its_model(store: FactStore) -> None:
    tables = {
        models.Fact: store.all_facts,
        models.Actor: store.actors,
        models.Topic: store.topics,
    }
    for model, table in tables.items():
        for record in table.values():
            again = model.model_validate(_plain(record))
            assert again.lean() == record
            assert _hash(record) == hashlib.sha256(_recorded_json(again).encode()).hexdigest()[:16]


def _plain(value: object) -> object:
    if isinstance(value, served.Record):
        return {name: _plain(getattr(value, name)) for name in value.__struct_fields__}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, FuzzyDate):
        return value.text
    return value


def test_served_records_are_immutable_untracked_and_pickle_equal() -> None:
    fact = _awkward_fact().lean()
    assert isinstance(fact, served.Fact)
    assert isinstance(fact.citations[0], served.Citation)
    assert fact.kind is served.FactKind.QUOTE
    with pytest.raises(AttributeError):
        fact.text = "changed"  # type: ignore[misc]
    assert not gc.is_tracked(fact)
    assert pickle.loads(pickle.dumps(fact)) == fact
