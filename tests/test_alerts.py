"""Follow alerts composed from change records (pure; Discord delivery is in tests/discord)."""

from __future__ import annotations

from bot.answers.alerts import ALERT_MAX, Followed, alert
from bot.answers.digest import Change
from bot.store.facts import FactStore


def added(*facts: str) -> list[Change]:
    return [Change(kind="facts", record_id=f, change="added") for f in facts]


def test_an_alert_cites_the_new_facts_about_what_is_followed(store: FactStore) -> None:
    bazoum = Followed("actor", "mohamed-bazoum")
    about = sorted(store.facts_by_actor["mohamed-bazoum"])
    response = alert(store, added(*about), [bazoum])
    assert response is not None and response.title == "New on Mohamed Bazoum"
    items = [i for s in response.sections for i in s.items]
    assert {i.fact for i in items} <= set(about) and items
    assert all(i.cites for i in items) and response.citations


def test_nothing_followed_changed_means_no_alert(store: FactStore) -> None:
    bazoum = Followed("actor", "mohamed-bazoum")
    elsewhere = [f for f in store.facts if f not in store.facts_by_actor["mohamed-bazoum"]]
    assert alert(store, added(*elsewhere), [bazoum]) is None
    removed = [Change(kind="facts", record_id="bazoum-still-detained", change="removed")]
    assert alert(store, removed, [bazoum]) is None
    assert alert(store, added("bazoum-still-detained"), [Followed("actor", "gone")]) is None


def test_a_long_alert_is_capped_with_a_hint(store: FactStore) -> None:
    overview = Followed("topic", "overview")
    facts = sorted(store.facts_by_topic["overview"])
    assert len(facts) > ALERT_MAX
    response = alert(store, added(*facts), [overview])
    assert response is not None
    assert sum(len(s.items) for s in response.sections) == ALERT_MAX
    assert any("/brief topic:" in note for note in response.notes)
