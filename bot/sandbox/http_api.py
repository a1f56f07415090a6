"""The fake Bot API over real HTTP on loopback, for tests that run ``cydlais run`` as a process.

A small HTTP/1.1 server on asyncio streams: it speaks the Bot API's form-encoded and multipart
requests as PTB sends them and answers from a ``FakeBotApi``, including long-polled
``getUpdates`` with offsets, so a bot process can be killed and restarted against it.
"""

from __future__ import annotations

import asyncio
import json
from email.parser import BytesParser
from email.policy import default as default_policy
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from bot.sandbox.fake_bot_api import FakeBotApi


def _value(raw: str) -> Any:
    """Form values arrive as text; objects and lists arrive as JSON."""
    if raw[:1] in "[{":
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    return raw


def _parse_body(
    content_type: str, body: bytes
) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    params: dict[str, Any] = {}
    files: dict[str, tuple[str, bytes]] = {}
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=default_policy).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body
        )
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            raw = part.get_payload(decode=True)
            payload = raw if isinstance(raw, bytes) else b""
            filename = part.get_filename()
            if filename is not None:
                files[str(name)] = (filename, payload)
            else:
                params[str(name)] = _value(payload.decode())
    elif content_type.startswith("application/json") and body:
        params = json.loads(body)
    elif body:
        params = {
            key: _value(value) for key, value in parse_qsl(body.decode(), keep_blank_values=True)
        }
    return params, files


class FakeBotApiServer:
    """Serves a FakeBotApi at ``http://127.0.0.1:<port>/bot<token>/<method>``."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api
        self._server: asyncio.Server | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        """What to put in the config's ``[telegram] base_url``."""
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self, port: int = 0) -> None:
        """Listen on ``port`` on loopback (0: a free one)."""
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Stop listening; long polls still open are answered (empty) first."""
        self.api.wake_pollers()
        await asyncio.sleep(0.05)
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request_line = await reader.readline()
                if not request_line:
                    break
                _, target, _ = request_line.decode().split(" ", 2)
                headers: dict[str, str] = {}
                while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
                    key, _, value = line.decode().partition(":")
                    headers[key.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                params, files = _parse_body(headers.get("content-type", ""), body)
                query = urlsplit(target).query
                params.update({k: _value(v) for k, v in parse_qsl(query)})
                method = urlsplit(target).path.rstrip("/").rsplit("/", 1)[-1]
                try:
                    status, answer = await self.api.handle(method, params, files)
                except TimeoutError:
                    status, answer = (
                        504,
                        {"ok": False, "error_code": 504, "description": "Gateway Timeout"},
                    )
                payload = json.dumps(answer).encode()
                writer.write(
                    f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(payload)}\r\nConnection: keep-alive\r\n\r\n".encode()
                    + payload
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            pass
        finally:
            writer.close()
