from tests.discord.conftest import Harness


async def test_actor_answers(harness: Harness) -> None:
    state = await harness.command("actor", {"name": "Bazoum"})
    assert state.callback_type == 4
    embed = state.callback_body["data"]["embeds"][0]
    assert embed["title"] == "Mohamed Bazoum"
