"""A translation service on 127.0.0.1 speaking the APIs of LibreTranslate (POST /translate),
MyMemory (GET with langpair), DeepL (GET /translate with auth_key) and Google's mobile page
(GET with tl, answering HTML), for deep-translator's real classes to talk to in tests.

It "translates" Chinese by a phrase table (what it does not know it leaves out) and English by
prefixing it; it counts the requests it gets, and can be told to mistreat placeholders, to
answer 429, 403 or 500, to send a malformed reply, or to answer too late.
"""

from __future__ import annotations

import json
import re
import threading
import time
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PHRASES = {
    "上海交通大学": "Shanghai Jiaotong University",  # a forbidden rendering, on purpose
    "浦江创新论坛": "Pujiang Forum on Innovation",  # forbidden too
    "张江科学会堂": "Zhangjiang Science Hall",
    "举行": " was held ",
    "论坛": " forum ",
    "开幕": " opened ",
    "今天": " today ",
    "在": " at ",
    "的": " of ",
    "和": " and ",
    "项目": " project ",
    "代码": " code ",
    "图片": " picture ",
    "链接": " link ",
    "第一": " first ",
    "第二": " second ",
    "加粗": " bold ",
    "标题": " title ",
    "摘要": " summary ",
    "注意": " note ",
    "。": ". ",
    "，": ", ",
    "：": ": ",
}
_PLACEHOLDER = re.compile(r"\[\[(\d+)\]\]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")


def fake_translate(text: str, target: str, placeholders: str) -> str:
    """What the fake service answers for ``text``."""
    if target.startswith("zh"):
        out = "译文：" + text
    else:
        out = text
        for zh, en in sorted(PHRASES.items(), key=lambda item: -len(item[0])):
            out = out.replace(zh, en)
        out = _HAN_RUN.sub(" word ", out)
        out = re.sub(r" ([.,:])", r"\1", " ".join(out.split()))
    if placeholders == "space":
        out = _PLACEHOLDER.sub(lambda m: f"[[ {m.group(1)} ]]", out)
    elif placeholders == "fullwidth":
        out = _PLACEHOLDER.sub(lambda m: f"【【{m.group(1)}】】", out)
    elif placeholders == "drop":
        out = _PLACEHOLDER.sub("", out)
    elif placeholders == "reorder":
        found = _PLACEHOLDER.findall(out)
        out = _PLACEHOLDER.sub("", out) + "".join(f"[[{n}]]" for n in reversed(found))
    return out


class Service:
    """The server and what it is told to do."""

    def __init__(self) -> None:
        self.requests: list[dict[str, str]] = []
        #: keep, space, fullwidth, drop or reorder.
        self.placeholders = "keep"
        #: Statuses to answer with, one per request, before answering normally.
        self.failures: list[int] = []
        #: ``json`` (not JSON), ``key`` (no translatedText) or "" (a proper reply).
        self.malformed = ""
        self.delay = 0.0
        self.lock = threading.Lock()
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode()
                query = {**parse_qs(urlparse(self.path).query), **parse_qs(body)}
                service.answer(self, "libre", {k: v[0] for k, v in query.items()})

            def do_GET(self) -> None:
                query = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
                api = "deepl" if "auth_key" in query else "google" if "tl" in query else "mymemory"
                service.answer(self, api, query)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def answer(self, handler: BaseHTTPRequestHandler, api: str, query: dict[str, str]) -> None:
        with self.lock:
            self.requests.append({"api": api, **query})
            status = self.failures.pop(0) if self.failures else 200
        if self.delay:
            time.sleep(self.delay)
        text = query.get("q") or query.get("text", "")
        target = (
            query.get("target")
            or query.get("tl")
            or query.get("target_lang")
            or query.get("langpair", "|en").split("|")[1]
        )
        translated = fake_translate(text, target, self.placeholders)
        if status != 200:
            payload = json.dumps({"error": f"status {status}"}).encode()
        elif self.malformed == "json":
            payload = b"<html>gateway says hello</html>"
        elif self.malformed == "key":
            payload = json.dumps({"result": translated}).encode()
        elif api == "libre":
            payload = json.dumps({"translatedText": translated}).encode()
        elif api == "google":  # the mobile page deep-translator reads
            payload = f'<html><body><div class="result-container">{escape(translated)}</div>'
            payload = (payload + "</body></html>").encode()
        elif api == "deepl":
            payload = json.dumps({"translations": [{"text": translated}]}).encode()
        else:
            payload = json.dumps(
                {"responseData": {"translatedText": translated}, "matches": []}
            ).encode()
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
        except OSError:
            pass  # the client gave up (a timeout test)

    @property
    def texts(self) -> list[str]:
        """The texts sent, in order."""
        return [r.get("q") or r.get("text", "") for r in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
