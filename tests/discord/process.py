"""The real ``briefbot run`` in its own process, pointed at the fake Discord in this one.

For tests where the process is the point: signals, kills, a second bot on one database.
The child only points discord.py's two base URLs at the fake, then runs ``bot.cli.main``.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from testkit.fakediscord.fake import CURATORS_ROLE, GUILD_ID, FakeDiscord, Interaction
from tests.conftest import ROOT, StoreCopy

READY_TIMEOUT = 60.0

CHILD = """
import sys
import discord, yarl
url = sys.argv[1]
discord.http.Route.BASE = url + "/api/v10"
discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url + "/gateway")
from bot.cli import main
sys.exit(main(sys.argv[2:]))
"""


def environment(tmp_path: Path, db: Path) -> dict[str, str]:
    store = tmp_path / "store"
    if not store.exists():
        StoreCopy(store)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DISCORD_TOKEN": "fake-token",
        "BRIEFBOT_DB": str(db),
        "BRIEFBOT_KNOWLEDGE_DIR": str(store / "knowledge"),
        "BRIEFBOT_SEEDS_DIR": str(store / "seeds"),
        "BRIEFBOT_GUILD_IDS": GUILD_ID,
        "BRIEFBOT_ADMIN_ROLE_IDS": CURATORS_ROLE,
    }


class BotProcess:
    """One ``briefbot run`` child: its log, its exit status."""

    def __init__(self, child: asyncio.subprocess.Process) -> None:
        self.child = child
        self.log: list[str] = []
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def start(cls, url: str, tmp_path: Path, db: Path, *argv: str) -> BotProcess:
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            CHILD,
            url,
            *(argv or ("run",)),
            cwd=ROOT,
            env=environment(tmp_path, db),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        return cls(child)

    async def _read(self) -> None:
        assert self.child.stderr is not None
        async for line in self.child.stderr:
            self.log.append(line.decode(errors="replace").rstrip("\n"))

    @property
    def text(self) -> str:
        return "\n".join(self.log)

    async def wait_for(self, words: str, timeout: float = READY_TIMEOUT) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        while not any(words in line for line in self.log):
            assert self.child.returncode is None, f"the bot exited:\n{self.text}"
            assert asyncio.get_running_loop().time() < deadline, f"no {words!r}:\n{self.text}"
            await asyncio.sleep(0.05)

    async def ready(self) -> None:
        await self.wait_for("ready as")

    async def exit(self, timeout: float = 30.0) -> int:
        code = await asyncio.wait_for(self.child.wait(), timeout)
        await asyncio.wait_for(self._reader, timeout)
        return code

    async def signal(self, number: signal.Signals) -> int:
        self.child.send_signal(number)
        return await self.exit()

    async def kill(self) -> None:
        if self.child.returncode is None:
            self.child.kill()
        await self.exit()


async def answered(fake: FakeDiscord, payload: dict[str, object], timeout: float = 20.0) -> str:
    """Dispatch one interaction to the child and wait for its final answer's text."""
    state: Interaction = await fake.interact(payload)
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        messages = state.messages()
        if messages and not state.loading:
            message = messages[-1]
            return str(message.get("content") or message.get("embeds"))
        assert asyncio.get_running_loop().time() < deadline, "the bot never answered"
        await asyncio.sleep(0.05)
