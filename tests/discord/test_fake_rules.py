"""The fake is as strict as Discord: if these pass, the bot's tests mean something."""

from __future__ import annotations

import json

import aiohttp
import pytest

from testkit.fakediscord.fake import FakeDiscord, Interaction, OpenApi


@pytest.fixture
async def fake(openapi: OpenApi) -> FakeDiscord:
    server = FakeDiscord(openapi)
    await server.start()
    yield server  # type: ignore[misc]
    await server.stop()


def known(fake: FakeDiscord, age: float = 0.0) -> Interaction:
    import time

    state = Interaction("900000000000000001", "tok", 2, time.monotonic() - age)
    fake.interactions[state.id] = state
    return state


MESSAGE = {"type": 4, "data": {"content": "hi", "allowed_mentions": {"parse": []}}}


async def post(fake: FakeDiscord, path: str, body: object) -> tuple[int, dict[str, object]]:
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            fake.url + "/api/v10" + path, json=body, params={"with_response": "1"}
        ) as response,
    ):
        assert response.headers["Content-Type"] == "application/json"
        return response.status, await response.json()


async def test_late_callback_is_unknown_interaction(fake: FakeDiscord) -> None:
    known(fake, age=3.5)
    status, body = await post(fake, "/interactions/900000000000000001/tok/callback", MESSAGE)
    assert (status, body["code"]) == (404, 10062)


async def test_second_callback_is_already_acknowledged(fake: FakeDiscord) -> None:
    known(fake)
    status, body = await post(fake, "/interactions/900000000000000001/tok/callback", MESSAGE)
    assert status == 200 and body["resource"]["message"]["content"] == "hi"
    status, body = await post(fake, "/interactions/900000000000000001/tok/callback", MESSAGE)
    assert (status, body["code"]) == (400, 40060)


async def test_follow_up_needs_an_acknowledged_fresh_interaction(fake: FakeDiscord) -> None:
    known(fake)
    status, _ = await post(fake, "/webhooks/100000000000000001/tok", {"content": "x"})
    assert status == 404
    await post(fake, "/interactions/900000000000000001/tok/callback", MESSAGE)
    status, _ = await post(fake, "/webhooks/100000000000000001/tok", {"content": "x"})
    assert status == 200
    fake.interactions["900000000000000001"].created -= 16 * 60
    status, _ = await post(fake, "/webhooks/100000000000000001/tok", {"content": "x"})
    assert status == 404


async def test_bodies_that_break_discords_schema_are_caught(fake: FakeDiscord) -> None:
    known(fake)
    too_long = {"type": 4, "data": {"embeds": [{"title": "x" * 300}]}}
    await post(fake, "/interactions/900000000000000001/tok/callback", too_long)
    assert any("title" in p for p in fake.schema_problems), fake.schema_problems


def test_component_layout_rules_from_discords_reference() -> None:
    from testkit.fakediscord.limits import component_problems

    select = {
        "type": 3,
        "custom_id": "s",
        "options": [{"label": "a", "value": "1"}, {"label": "b", "value": "1"}],
        "max_values": 3,
    }
    button = {"type": 2, "custom_id": "s", "label": "x", "style": 1}
    problems = component_problems({"components": [{"type": 1, "components": [select, button]}]})
    assert any("holds nothing else" in p for p in problems)
    assert any("used twice" in p for p in problems)
    assert any("unique" in p for p in problems)
    assert any("do not fit 2 options" in p for p in problems)
    fine = {**select, "options": select["options"][:1], "max_values": 1}
    assert component_problems({"components": [{"type": 1, "components": [fine]}]}) == []


async def test_uploads_must_match_their_attachment_entries(fake: FakeDiscord) -> None:
    from testkit.fakediscord.limits import ATTACHMENT_MAX

    known(fake)
    await post(fake, "/interactions/900000000000000001/tok/callback", MESSAGE)

    async def upload(name: str, size: int, image: str) -> None:
        form = aiohttp.FormData()
        payload = {
            "embeds": [{"title": "x", "image": {"url": image}}],
            "attachments": [{"id": 0, "filename": name}],
        }
        form.add_field("payload_json", json.dumps(payload))
        form.add_field("files[0]", b"x" * size, filename=name)
        async with (
            aiohttp.ClientSession() as session,
            session.post(fake.url + "/api/v10/webhooks/100000000000000001/tok", data=form),
        ):
            pass

    await upload("a.png", 10, "attachment://a.png")
    assert fake.schema_problems == []  # a numeric placeholder id, as Discord's docs show
    await upload("b.png", 10, "attachment://c.png")
    assert any("no such file" in p for p in fake.schema_problems)
    await upload("big.png", ATTACHMENT_MAX + 1, "attachment://big.png")
    assert any("over Discord's" in p for p in fake.schema_problems)


def _form(**overrides: object) -> dict[str, object]:
    text = {"type": 4, "custom_id": "what", "style": 1, "label": "What is wrong?"}
    return {
        "custom_id": "f",
        "title": "Report",
        "components": [{"type": 1, "components": [text]}],
    } | overrides


async def test_a_modal_never_answers_a_modal_submission(fake: FakeDiscord) -> None:
    state = known(fake)
    state.type = 5  # MODAL_SUBMIT
    status, _ = await post(
        fake, "/interactions/900000000000000001/tok/callback", {"type": 9, "data": _form()}
    )
    assert status == 400
    assert "a modal answered a modal submission" in fake.schema_problems


async def test_a_modal_answers_a_component_within_its_limits(fake: FakeDiscord) -> None:
    state = known(fake)
    state.type = 3  # MESSAGE_COMPONENT
    long_title = _form(title="x" * 46)
    status, _ = await post(
        fake, "/interactions/900000000000000001/tok/callback", {"type": 9, "data": long_title}
    )
    assert status == 200 and state.modal == long_title
    assert any("title" in p for p in fake.schema_problems), fake.schema_problems


def test_modal_rules_from_discords_reference() -> None:
    from testkit.fakediscord.limits import modal_problems, submission_problems

    assert modal_problems(_form()) == []
    text = {"type": 4, "custom_id": "a", "style": 1, "label": "A"}
    two_in_a_row = _form(components=[{"type": 1, "components": [text, {**text, "custom_id": "b"}]}])
    assert "exactly one text input" in " ".join(modal_problems(two_in_a_row))
    six = _form(
        components=[{"type": 1, "components": [{**text, "custom_id": str(n)}]} for n in range(6)]
    )
    assert "1-5 components" in " ".join(modal_problems(six))
    twice = _form(components=[{"type": 1, "components": [text]}] * 2)
    assert "used twice" in " ".join(modal_problems(twice))
    bounded = _form(
        components=[{"type": 1, "components": [{**text, "min_length": 5, "max_length": 10}]}]
    )
    assert submission_problems(bounded, {"a": "abc"}) == ["'a' is outside its length limits"]
    assert submission_problems(bounded, {}) == ["'a' is required"]
    assert submission_problems(bounded, {"z": "x", "a": "abcdef"}) == ["the form has no input 'z'"]
