"""A small, strict fake of Discord: REST under /api/v10 and the gateway, on 127.0.0.1.

The bot runs unmodified against it (``Route.BASE`` and ``DEFAULT_GATEWAY`` point here).
Every request is recorded and every JSON body is validated against Discord's OpenAPI
description. Interactions follow Discord's rules: one callback within 3 s (else 404
code 10062), a second callback is 400 code 40060, follow-ups need an acknowledged
interaction under 15 minutes old. After a deferral (type 5) the response is "loading":
the first follow-up, or an edit of @original, replaces the loading message and keeps the
deferral's visibility whatever flags it sends (Discord: "your first followup will respect
the ephemeral setting set when deferring"); later follow-ups are new messages with their
own flags. ``visible`` tells who could see each message an interaction produced.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from testkit.fakediscord.limits import (
    ATTACHMENT_MAX,
    attachment_problems,
    component_problems,
    modal_problems,
)

OPENAPI = Path(__file__).with_name("openapi.json")
APPLICATION_ID = "100000000000000001"
BOT_USER = {
    "id": APPLICATION_ID,
    "username": "briefbot",
    "discriminator": "0",
    "global_name": None,
    "avatar": None,
    "bot": True,
    "flags": 0,
}
APPLICATION = {
    "id": APPLICATION_ID,
    "name": "briefbot",
    "icon": None,
    "description": "",
    "summary": "",
    "bot_public": False,
    "bot_require_code_grant": False,
    "verify_key": "0" * 64,
    "owner": {**BOT_USER, "id": "500000000000000009", "username": "owner", "bot": False},
    "team": None,
    "flags": 0,
    "rpc_origins": [],
}
GUILD_ID = "200000000000000001"
CHANNEL_ID = "300000000000000001"
OTHER_CHANNEL_ID = "300000000000000002"
FORUM_CHANNEL_ID = "300000000000000003"
ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
EVERYDAY = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 31)  # view, send, embed...

THREAD_EXISTS = 160004
CALLBACK_DEADLINE = 3.0
PING, MODAL_SUBMIT = 1, 5
"""Interaction types (Discord's interaction object) a modal may not answer."""
MODAL = 9
"""The callback type that opens a form."""
FOLLOW_UP_WINDOW = 15 * 60.0
NONCE_WINDOW = 5 * 60.0
"""Discord checks an enforced nonce's uniqueness "in the past few minutes"."""

_ids = itertools.count(400000000000000001)


def snowflake() -> str:
    return str(next(_ids))


def user(user_id: str, name: str) -> dict[str, Any]:
    return {
        "id": user_id,
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": None,
        "bot": False,
        "flags": 0,
    }


ALICE = user("500000000000000001", "alice")
CURATORS_ROLE = "600000000000000001"
BOB = user("500000000000000002", "bob")


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    status: int = 0
    files: dict[str, bytes] = field(default_factory=dict)
    """Files uploaded with the request, by file name."""


@dataclass
class Interaction:
    id: str
    token: str
    type: int
    created: float
    callback_type: int | None = None
    callback_body: Any = None
    original: dict[str, Any] | None = None
    followups: list[dict[str, Any]] = field(default_factory=list)
    ephemeral: bool = False
    acknowledged: float | None = None
    answered: float | None = None
    """When the asker first saw a message with embeds (the answer, not "thinking…")."""
    loading: bool = False
    """Deferred (type 5) and not yet replaced by a follow-up or an edit."""
    deleted: set[str] = field(default_factory=set)
    modal: dict[str, Any] | None = None
    """The form this interaction opened (callback type 9), as the bot sent it."""

    def saw(self, body: Any) -> None:
        if self.answered is None and isinstance(body, dict) and body.get("embeds"):
            self.answered = time.monotonic()

    def messages(self) -> list[dict[str, Any]]:
        """Every message this interaction left in the channel, in order."""
        shown = ([self.original] if self.original else []) + [
            m for m in self.followups if m is not self.original
        ]
        return [m for m in shown if m["id"] not in self.deleted]

    def visible(self) -> list[tuple[bool, dict[str, Any]]]:
        """(ephemeral, message) for every message the interaction left."""
        return [(bool(m.get("flags", 0) & 64), m) for m in self.messages()]


class OpenApi:
    """Validates request bodies against the schemas Discord's description names."""

    def __init__(self, path: Path = OPENAPI) -> None:
        document = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self._registry = Registry().with_resource("urn:discord", resource)
        self._routes: list[tuple[str, re.Pattern[str], dict[str, Any]]] = []
        for template, operations in document["paths"].items():
            pattern = re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$")
            for method, operation in operations.items():
                if method not in ("get", "post", "put", "patch", "delete"):
                    continue
                schema = (
                    operation.get("requestBody", {})
                    .get("content", {})
                    .get("application/json", {})
                    .get("schema")
                )
                if schema is not None:
                    self._routes.append((method.upper(), pattern, schema))
        self._routes.sort(key=lambda route: -route[1].pattern.count("/"))
        self._validators: dict[int, Draft202012Validator] = {}

    def problems(self, method: str, path: str, body: Any) -> list[str]:
        for index, (route_method, pattern, schema) in enumerate(self._routes):
            if route_method == method and pattern.match(path):
                validator = self._validators.get(index)
                if validator is None:
                    validator = Draft202012Validator(_rebase(schema), registry=self._registry)
                    self._validators[index] = validator
                return [
                    f"{method} {path}: {e.json_path}: {e.message}"[:500]
                    for e in validator.iter_errors(body)
                ]
        return [f"{method} {path}: no request schema in the OpenAPI description"]


def _rebase(schema: Any) -> Any:
    """Point the description's local refs at the registered document."""
    if isinstance(schema, dict):
        return {
            k: ("urn:discord" + v if k == "$ref" and v.startswith("#") else _rebase(v))
            for k, v in schema.items()
        }
    if isinstance(schema, list):
        return [_rebase(v) for v in schema]
    return schema


class FakeDiscord:
    def __init__(self, openapi: OpenApi | None) -> None:
        self.openapi = openapi
        """``None`` skips validating bodies (benchmarks measure the bot, not the fake)."""
        self.extra_channels: set[str] = set()
        self.threads: dict[str, dict[str, Any]] = {}
        """Thread id -> the thread channel object."""
        self.thread_post_errors = 0
        self.dm_channels: dict[str, dict[str, Any]] = {}
        """DM channel id -> the channel (type 1) with its one recipient."""
        self.closed_dms: set[str] = set()
        """Users whose privacy settings refuse the bot's direct messages (50007)."""
        """How many more posts in any thread to answer with 502 before accepting."""
        self.requests: list[Recorded] = []
        self.schema_problems: list[str] = []
        self.interactions: dict[str, Interaction] = {}
        self.channel_messages: dict[str, list[dict[str, Any]]] = {}
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.forbidden_channels: set[str] = set()
        self.rate_limited: dict[str, int] = {}
        """Channel id -> how many more posts to answer with 429 before accepting."""
        self.followups_limited = 0
        """How many more interaction follow-ups to answer with 429 before accepting."""
        self.server_errors: dict[str, int] = {}
        """Channel id -> how many more posts to answer with 502 before accepting."""
        self.nonces: dict[tuple[str, str], tuple[float, dict[str, Any]]] = {}
        """(author, nonce) -> when and what was posted, for enforce_nonce: Discord's scope
        is the author ("another message was created by the same author with the same
        nonce"), in any channel, not the channel."""
        self.ready = asyncio.Event()
        self._socket: web.WebSocketResponse | None = None
        self._sequence = 0
        self._runner: web.AppRunner | None = None
        self.url = ""

    # --- lifecycle ---------------------------------------------------------------

    async def start(self, extra_routes: list[web.RouteDef] | None = None) -> str:
        app = web.Application(middlewares=[self._record], client_max_size=64 * 1024 * 1024)
        app.add_routes(extra_routes or [])
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._api)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # --- recording and validation ------------------------------------------------

    @web.middleware
    async def _record(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path == "/gateway":
            return await handler(request)  # type: ignore[no-any-return]
        body: Any = None
        files: dict[str, bytes] = {}
        if request.can_read_body:
            if request.content_type == "application/json":
                body = await request.json()
            elif request.content_type.startswith("multipart/"):
                form = await request.post()
                body = json.loads(str(form["payload_json"])) if "payload_json" in form else {}
                uploads = {
                    name: value for name, value in form.items() if isinstance(value, web.FileField)
                }
                files = {value.filename: value.file.read() for value in uploads.values()}
                self.schema_problems += _upload_problems(body, set(uploads))
        path = request.path.removeprefix("/api/v10")
        record = Recorded(request.method, path, dict(request.query), body, files=files)
        self.requests.append(record)
        if body is not None and self.openapi is not None:
            self.schema_problems += self.openapi.problems(request.method, path, _as_sent(body))
        if isinstance(body, dict):
            message = body.get("data") if isinstance(body.get("data"), dict) else body
            self.schema_problems += component_problems(message)
            self.schema_problems += attachment_problems(message, files)
            for attachment in message.get("attachments") or []:
                data = files.get(attachment.get("filename", ""), b"")
                attachment |= {"size": len(data), "url": f"{self.url}/files/{snowflake()}"}
        if any(len(data) > ATTACHMENT_MAX for data in files.values()):
            record.status = 413
            return _error(413, 40005, "Request entity too large")
        response: web.StreamResponse = await handler(request)
        record.status = response.status
        return response

    # --- REST ----------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.StreamResponse:
        path = request.path.removeprefix("/api/v10")
        body = self.requests[-1].body
        method = request.method
        if method == "GET" and path == "/users/@me":
            return _json(BOT_USER)
        if method == "GET" and path == "/oauth2/applications/@me":
            return _json(APPLICATION)
        if match := re.fullmatch(r"/applications/(\d+)(?:/guilds/(\d+))?/commands", path):
            if method == "PUT":
                return _json(self._register(match[2] or "global", body))
            return _json(self.commands.get(match[2] or "global", []))
        if match := re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", path):
            return self._callback(match[1], match[2], body)
        if match := re.fullmatch(r"/webhooks/(\d+)/([^/]+)(?:/messages/([^/]+))?", path):
            return self._webhook(method, match[2], match[3], body)
        if method == "POST" and path == "/users/@me/channels":
            return _json(self._open_dm(str(body["recipient_id"])))
        if match := re.fullmatch(r"/channels/(\d+)/messages/(\d+)/threads", path):
            return self._thread_from_message(match[1], match[2], body)
        if (match := re.fullmatch(r"/channels/(\d+)/threads", path)) and method == "POST":
            return self._thread_in_channel(match[1], body)
        if re.fullmatch(r"/guilds/\d+/threads/active", path) and method == "GET":
            live = [t for t in self.threads.values() if not t["thread_metadata"]["archived"]]
            return _json({"threads": live, "members": []})
        if (match := re.fullmatch(r"/channels/(\d+)/messages", path)) and method == "POST":
            return self._channel_message(match[1], body)
        if (match := re.fullmatch(r"/channels/(\d+)/messages", path)) and method == "GET":
            limit = int(request.query.get("limit", "50"))
            return _json(list(reversed(self.channel_messages.get(match[1], [])))[:limit])
        if (match := re.fullmatch(r"/channels/(\d+)", path)) and method == "GET":
            channel = self._channel(match[1])
            return _json(channel) if channel else _error(404, 10003, "Unknown Channel")
        return _error(404, 0, f"404: Not Found ({method} {path})")

    def _register(self, scope: str, body: list[dict[str, Any]]) -> list[dict[str, Any]]:
        registered = []
        for command in body:
            registered.append(
                {
                    "id": snowflake(),
                    "application_id": APPLICATION_ID,
                    "version": snowflake(),
                    "type": 1,
                    "default_member_permissions": None,
                    "nsfw": False,
                    **({"guild_id": scope} if scope != "global" else {}),
                    **command,
                }
            )
        self.commands[scope] = registered
        return registered

    def _callback(self, interaction_id: str, token: str, body: dict[str, Any]) -> web.Response:
        state = self.interactions.get(interaction_id)
        if state is None or state.token != token:
            return _error(404, 10062, "Unknown interaction")
        if time.monotonic() - state.created > CALLBACK_DEADLINE:
            return _error(404, 10062, "Unknown interaction")
        if state.callback_type is not None:
            return _error(400, 40060, "Interaction has already been acknowledged.")
        kind = body["type"]
        data = body.get("data") or {}
        if kind == MODAL and state.type in (PING, MODAL_SUBMIT):
            # Discord's callback types: MODAL is "not available for MODAL_SUBMIT and PING
            # interactions"
            self.schema_problems.append("a modal answered a modal submission")
            return _error(400, 50035, "Invalid Form Body: a modal cannot answer this")
        if kind == MODAL:
            self.schema_problems += modal_problems(data)
        state.callback_type, state.callback_body = kind, body
        state.acknowledged = time.monotonic()
        state.saw(data)
        state.ephemeral = bool(data.get("flags", 0) & 64)
        state.loading = kind == 5
        interaction: dict[str, Any] = {"id": interaction_id, "type": state.type}
        resource: dict[str, Any] = {"type": kind}
        if kind in (4, 5):
            message = self._message(
                CHANNEL_ID,
                data if kind == 4 else {"content": ""},
                flags=data.get("flags", 0) | (128 if kind == 5 else 0),
            )
            state.original = message
            interaction |= {
                "response_message_id": message["id"],
                "response_message_loading": kind == 5,
                "response_message_ephemeral": state.ephemeral,
            }
            resource["message"] = message
        elif kind == MODAL:
            state.modal = data
        elif kind == 7 and state.original is not None:
            state.original = {**state.original, **_message_fields(data)}
            resource["message"] = state.original
        return _json({"interaction": interaction, "resource": resource})

    def _webhook(self, method: str, token: str, message_id: str | None, body: Any) -> web.Response:
        state = next((i for i in self.interactions.values() if i.token == token), None)
        if state is None or time.monotonic() - state.created > FOLLOW_UP_WINDOW:
            return _error(404, 10015, "Unknown Webhook")
        if state.callback_type is None:
            return _error(404, 10015, "Unknown Webhook")  # never acknowledged
        if method == "POST" and message_id is None:
            if self.followups_limited > 0:
                self.followups_limited -= 1
                return _rate_limited()
            state.saw(body)
            if state.loading and state.original is not None:
                # replaces the "thinking" message: the deferral decided who sees it
                state.loading = False
                state.original.update(_message_fields(body))
                state.original["flags"] = 64 if state.ephemeral else 0
                state.followups.append(state.original)
                return _json(state.original)
            message = self._message(CHANNEL_ID, body, flags=body.get("flags", 0))
            state.followups.append(message)
            return _json(message)
        target = (
            state.original
            if message_id == "@original"
            else next((m for m in state.followups if m["id"] == message_id), None)
        )
        if target is None or target["id"] in state.deleted:
            return _error(404, 10008, "Unknown Message")
        if method == "DELETE":
            state.deleted.add(target["id"])
            return web.Response(status=204)
        if method == "PATCH":
            state.saw(body)
            if target is state.original:
                state.loading = False
                target["flags"] = target.get("flags", 0) & ~128
            target.update(_message_fields(body))
        return _json(target)

    def _open_dm(self, user_id: str) -> dict[str, Any]:
        """Discord's Create DM: the same channel for the same recipient."""
        for channel in self.dm_channels.values():
            if channel["recipients"][0]["id"] == user_id:
                return channel
        channel = {
            "id": snowflake(),
            "type": 1,
            "last_message_id": None,
            "flags": 0,
            "recipients": [user(user_id, f"user-{user_id[-4:]}")],
        }
        self.dm_channels[channel["id"]] = channel
        return channel

    def _new_thread(self, thread_id: str, parent_id: str, body: dict[str, Any]) -> dict[str, Any]:
        thread = {
            "id": thread_id,
            "type": 11,
            "guild_id": GUILD_ID,
            "parent_id": parent_id,
            "owner_id": BOT_USER["id"],
            "name": body["name"],
            "last_message_id": None,
            "message_count": 0,
            "member_count": 1,
            "total_message_sent": 0,
            "rate_limit_per_user": 0,
            "flags": 0,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": body.get("auto_archive_duration", 4320),
                "archive_timestamp": datetime.now(UTC).isoformat(),
                "locked": False,
            },
        }
        self.threads[thread_id] = thread
        return thread

    def _thread_from_message(
        self, channel_id: str, message_id: str, body: dict[str, Any]
    ) -> web.Response:
        """Discord: the created thread and the message it started from share the same id;
        a message starts at most one thread (160004); not in forum channels."""
        channel = self._channel(channel_id)
        if channel is None:
            return _error(404, 10003, "Unknown Channel")
        if channel["type"] not in (0, 5):
            return _error(400, 50024, "Cannot execute action on this channel type")
        if not any(m["id"] == message_id for m in self.channel_messages.get(channel_id, [])):
            return _error(404, 10008, "Unknown Message")
        if message_id in self.threads:
            return _error(400, THREAD_EXISTS, "A thread has already been created for this message")
        return _json(self._new_thread(message_id, channel_id, body))

    def _thread_in_channel(self, channel_id: str, body: dict[str, Any]) -> web.Response:
        """A forum post (its starter message shares the thread's id), or a bare thread."""
        channel = self._channel(channel_id)
        if channel is None:
            return _error(404, 10003, "Unknown Channel")
        if channel["type"] == 15:
            if not body.get("message"):
                return _error(400, 50035, "Invalid Form Body (message: a forum post needs one)")
            thread = self._new_thread(snowflake(), channel_id, body)
            starter = {**self._message(thread["id"], body["message"]), "id": thread["id"]}
            self.channel_messages[thread["id"]] = [starter]
            return _json({**thread, "message": starter})
        return _json(self._new_thread(snowflake(), channel_id, body))

    def _channel_message(self, channel_id: str, body: dict[str, Any]) -> web.Response:
        if channel_id in self.forbidden_channels:
            return _error(403, 50013, "Missing Permissions")
        channel = self._channel(channel_id)
        if channel is None:
            return _error(404, 10003, "Unknown Channel")
        if channel["type"] == 15:
            return _error(400, 50008, "Cannot send messages in a non-text channel")
        if channel["type"] == 1 and channel["recipients"][0]["id"] in self.closed_dms:
            return _error(403, 50007, "Cannot send messages to this user")
        if channel_id in self.threads and self.thread_post_errors > 0:
            self.thread_post_errors -= 1
            return _error(502, 0, "Bad Gateway")
        if self.rate_limited.get(channel_id, 0) > 0:
            self.rate_limited[channel_id] -= 1
            return _rate_limited()
        if self.server_errors.get(channel_id, 0) > 0:
            self.server_errors[channel_id] -= 1
            return _error(502, 0, "Bad Gateway")
        nonce = body.get("nonce")
        if nonce is not None and body.get("enforce_nonce"):
            # Discord: "If another message was created by the same author with the same
            # nonce, that message will be returned and no new message will be created."
            seen = self.nonces.get((BOT_USER["id"], str(nonce)))
            if seen is not None and time.monotonic() - seen[0] < NONCE_WINDOW:
                return _json(seen[1])
        message = self._message(channel_id, body)
        if nonce is not None:
            message["nonce"] = str(nonce)
            self.nonces[(BOT_USER["id"], str(nonce))] = (time.monotonic(), message)
        self.channel_messages.setdefault(channel_id, []).append(message)
        return _json(message)

    def _channel(self, channel_id: str) -> dict[str, Any] | None:
        if channel_id in self.threads:
            return self.threads[channel_id]
        if channel_id in self.dm_channels:
            return self.dm_channels[channel_id]
        channels = guild()["channels"]
        if channel_id in self.extra_channels:
            return {**channels[0], "id": channel_id, "name": f"channel-{channel_id[-4:]}"}
        return next((c for c in channels if c["id"] == channel_id), None)

    def _message(self, channel_id: str, data: dict[str, Any], flags: int = 0) -> dict[str, Any]:
        in_guild = {} if channel_id in self.dm_channels else {"guild_id": GUILD_ID}
        return {
            "id": snowflake(),
            "channel_id": channel_id,
            **in_guild,
            "type": 0,
            "author": BOT_USER,
            "content": "",
            "embeds": [],
            "components": [],
            "attachments": [],
            "mentions": [],
            "mention_roles": [],
            "mention_everyone": False,
            "pinned": False,
            "tts": False,
            "flags": flags,
            "timestamp": datetime.now(UTC).isoformat(),
            "edited_timestamp": None,
            **_message_fields(data),
        }

    # --- gateway -------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._socket = socket
        await socket.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}}))
        async for frame in socket:
            if frame.type != WSMsgType.TEXT:
                continue
            message = json.loads(frame.data)
            if message["op"] == 1:
                await socket.send_str(json.dumps({"op": 11}))
            elif message["op"] == 2:
                await self._identify()
        return socket

    async def _identify(self) -> None:
        await self.dispatch(
            "READY",
            {
                "v": 10,
                "user": BOT_USER,
                "guilds": [{"id": GUILD_ID, "unavailable": True}],
                "session_id": "fake-session",
                "resume_gateway_url": self.url + "/gateway",
                "application": {"id": APPLICATION_ID, "flags": 0},
                "private_channels": [],
            },
        )
        await self.dispatch("GUILD_CREATE", guild())
        self.ready.set()

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        assert self._socket is not None, "the bot has not connected"
        self._sequence += 1
        await self._socket.send_str(
            json.dumps({"op": 0, "s": self._sequence, "t": event, "d": data})
        )

    # --- interactions ----------------------------------------------------------------

    async def interact(self, payload: dict[str, Any], age: float = 0.0) -> Interaction:
        """Dispatch an INTERACTION_CREATE; ``age`` pretends it was created earlier."""
        state = Interaction(
            payload["id"], payload["token"], payload["type"], time.monotonic() - age
        )
        self.interactions[state.id] = state
        await self.dispatch("INTERACTION_CREATE", payload)
        return state


def _attachments(body: Any) -> list[dict[str, Any]]:
    message = body.get("data") if isinstance(body, dict) and "data" in body else body
    return list((message or {}).get("attachments") or []) if isinstance(message, dict) else []


def _upload_problems(body: Any, fields: set[str]) -> list[str]:
    """Discord's "Uploading Files": each ``attachments`` entry's id names its ``files[n]``."""
    wanted = {f"files[{a.get('id')}]" for a in _attachments(body)}
    return [f"attachment {name} refers to no uploaded form field" for name in wanted - fields]


def _as_sent(body: Any) -> Any:
    """The body as Discord reads it: the documented examples give an upload's placeholder
    id as a number (``"id": 0``), and discord.py sends Create DM's ``recipient_id`` as one;
    Discord reads both as snowflakes, which the schema's snowflake string would refuse."""
    if isinstance(body, dict) and isinstance(body.get("recipient_id"), int):
        return {**body, "recipient_id": str(body["recipient_id"])}
    if not _attachments(body):
        return body
    copy = json.loads(json.dumps(body))
    for attachment in _attachments(copy):
        if isinstance(attachment.get("id"), int):
            attachment["id"] = str(attachment["id"])
    return copy


def _message_fields(data: dict[str, Any]) -> dict[str, Any]:
    keys = ("content", "embeds", "components", "allowed_mentions")
    fields = {k: data[k] for k in keys if k in data and data[k] is not None}
    fields.pop("allowed_mentions", None)
    if data.get("attachments"):
        fields["attachments"] = [
            {
                "id": snowflake(),
                "filename": a.get("filename", ""),
                "size": a.get("size", 0),
                "url": a.get("url", ""),
                "proxy_url": a.get("url", ""),
            }
            for a in data["attachments"]
        ]
    return fields


def _rate_limited(retry_after: float = 0.05) -> web.Response:
    """Discord's 429: a JSON body with retry_after, and the rate-limit headers."""
    response = _json(
        {
            "message": "You are being rate limited.",
            "retry_after": retry_after,
            "global": False,
            "code": 0,
        },
        status=429,
    )
    response.headers.update(
        {
            "Retry-After": str(retry_after),
            "Via": "1.1 google",
            "X-RateLimit-Scope": "user",
            "X-RateLimit-Bucket": "fake",
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset-After": str(retry_after),
        }
    )
    return response


def _json(data: Any, status: int = 200) -> web.Response:
    # Exactly application/json: with a charset, discord.py reads the body as text.
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


def _error(status: int, code: int, message: str) -> web.Response:
    return _json({"code": code, "message": message}, status=status)


def _role(role_id: str, name: str, position: int) -> dict[str, Any]:
    return {
        "id": role_id,
        "name": name,
        "permissions": str(EVERYDAY),
        "position": position,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
        "icon": None,
        "unicode_emoji": None,
    }


def guild() -> dict[str, Any]:
    channel = {
        "type": 0,
        "guild_id": GUILD_ID,
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
    }
    return {
        "id": GUILD_ID,
        "name": "Newsroom",
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "owner_id": ALICE["id"],
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "features": [],
        "mfa_level": 0,
        "application_id": None,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "vanity_url_code": None,
        "description": None,
        "banner": None,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "unavailable": False,
        "member_count": 2,
        "large": False,
        "joined_at": "2026-01-01T00:00:00+00:00",
        "emojis": [],
        "stickers": [],
        "voice_states": [],
        "members": [],
        "presences": [],
        "threads": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "roles": [_role(GUILD_ID, "@everyone", 0), _role(CURATORS_ROLE, "Curators", 1)],
        "channels": [
            {**channel, "id": CHANNEL_ID, "name": "briefings"},
            {**channel, "id": OTHER_CHANNEL_ID, "name": "newsroom", "position": 1},
            {
                **channel,
                "id": FORUM_CHANNEL_ID,
                "type": 15,
                "name": "digests",
                "position": 2,
                "available_tags": [],
                "default_reaction_emoji": None,
                "default_sort_order": None,
                "default_forum_layout": 0,
                "default_thread_rate_limit_per_user": 0,
            },
        ],
    }
