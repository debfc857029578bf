"""The fake Discord in its own process, with controls for load tests.

Prints its URL, then serves until killed. ``POST /_bench/burst`` dispatches many slash
commands at once; ``GET /_bench/acks`` says how long each took to be acknowledged and
to be answered.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from aiohttp import web

from testkit.fakediscord import payloads
from testkit.fakediscord.fake import FakeDiscord


async def serve() -> None:
    fake = FakeDiscord(openapi=None)
    dispatched: dict[str, float] = {}
    routes = web.RouteTableDef()

    @routes.post("/_bench/burst")
    async def burst(request: web.Request) -> web.Response:
        spec: dict[str, Any] = await request.json()
        made = [payloads.slash(spec["command"], spec["options"]) for _ in range(spec["count"])]
        for payload in made:
            dispatched[payload["id"]] = time.monotonic()
            await fake.interact(payload)
        return web.json_response({"dispatched": len(made)})

    @routes.get("/_bench/acks")
    async def acks(request: web.Request) -> web.Response:
        def since(moments: list[tuple[str, float | None]]) -> list[float]:
            return [(t - dispatched[i]) * 1000 for i, t in moments if i in dispatched and t]

        states = fake.interactions.values()
        return web.json_response(
            {
                "acknowledged_ms": since([(s.id, s.acknowledged) for s in states]),
                "answered_ms": since([(s.id, s.answered) for s in states]),
            }
        )

    @routes.post("/_bench/channels")
    async def channels(request: web.Request) -> web.Response:
        fake.extra_channels.update(str(i) for i in (await request.json())["ids"])
        return web.json_response({"channels": len(fake.extra_channels)})

    @routes.get("/_bench/posts")
    async def posts(request: web.Request) -> web.Response:
        return web.json_response({c: len(m) for c, m in fake.channel_messages.items()})

    url = await fake.start(list(routes))
    print(url, flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(serve())
