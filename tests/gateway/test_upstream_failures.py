"""The gateway's side of its upstreams: request ids passed on, and plain 503, 504
and 502 answers when the search service is away, slow or broken."""

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import httpx

from tests.conftest import free_port
from tests.gateway.conftest import GatewayFactory


class _Broken(BaseHTTPRequestHandler):
    """A search service that answers every search with an internal error."""

    calls = 0

    def do_GET(self) -> None:
        if self.path == "/healthz":
            self._answer(200, b"{}")
            return
        type(self).calls += 1
        self._answer(500, b"Internal Server Error")

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        return


class _Flaky(_Broken):
    """Every other search fails with a 502 from a proxy in front of it."""

    def do_GET(self) -> None:
        if self.path == "/healthz":
            self._answer(200, b"{}")
            return
        type(self).calls += 1
        if type(self).calls % 2:
            self._answer(502, b"Bad Gateway")
        else:
            self._answer(200, b'{"total": 0, "items": [], "facets": {}}')


class _Recording(_Broken):
    """A search service that answers an empty result and keeps the headers."""

    seen: ClassVar[list[dict[str, str]]] = []

    def do_GET(self) -> None:
        if self.path != "/healthz":
            type(self).seen.append(dict(self.headers.items()))
        self._answer(200, b'{"total": 0, "items": [], "facets": {}}')


@contextmanager
def broken_server(handler: type[_Broken] = _Broken) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def silent_server() -> Iterator[str]:
    """Accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


def search(url: str) -> httpx.Response:
    return httpx.get(f"{url}/api/v1/search", params={"q": "용접"}, timeout=30)


class TestRequestIds:
    def test_passed_on_to_the_upstream(self, gateway_factory: GatewayFactory) -> None:
        with (
            broken_server(_Recording) as recording,
            gateway_factory(search_url=recording, cache_ttl_s="0") as url,
        ):
            _Recording.seen.clear()
            given = httpx.get(
                f"{url}/api/v1/search",
                params={"q": "용접"},
                headers={"X-Request-ID": "5c3e1f0a9b8d4e7f8a6b5c4d3e2f1a0b"},
                timeout=30,
            )
            made = search(url)

        assert given.headers["X-Request-ID"] == "5c3e1f0a9b8d4e7f8a6b5c4d3e2f1a0b"
        sent = [headers.get("X-Request-ID") for headers in _Recording.seen]
        assert sent == [
            "5c3e1f0a9b8d4e7f8a6b5c4d3e2f1a0b",
            made.headers["X-Request-ID"],
        ]


class TestSearchServiceAway:
    def test_unreachable_is_a_503_with_retry_after(
        self, gateway_factory: GatewayFactory
    ) -> None:
        closed = f"http://127.0.0.1:{free_port()}"
        with gateway_factory(search_url=closed, breaker_failure_threshold="2") as url:
            answers = [search(url) for _ in range(4)]

        assert {a.status_code for a in answers} == {503}
        assert all(int(a.headers["Retry-After"]) >= 1 for a in answers)
        assert "cannot be reached" in answers[-1].json()["detail"]

    def test_page_says_so_in_words(self, gateway_factory: GatewayFactory) -> None:
        closed = f"http://127.0.0.1:{free_port()}"
        with gateway_factory(search_url=closed) as url:
            page = httpx.get(f"{url}/?q=용접", timeout=30)

        assert page.status_code == 503
        assert "연결할 수 없습니다" in page.text


class TestSearchServiceSlow:
    def test_no_answer_in_time_is_a_504(self, gateway_factory: GatewayFactory) -> None:
        with (
            silent_server() as silent,
            gateway_factory(search_url=silent, search_timeout_s="0.5") as url,
        ):
            answer = search(url)

        assert answer.status_code == 504
        assert "did not answer in time" in answer.json()["detail"]


class TestSearchServiceBroken:
    def test_its_errors_become_a_502_and_open_the_breaker(
        self, gateway_factory: GatewayFactory
    ) -> None:
        with (
            broken_server() as broken,
            gateway_factory(
                search_url=broken, breaker_failure_threshold="2", breaker_reset_s="60"
            ) as url,
        ):
            _Broken.calls = 0
            failed = [search(url), search(url)]
            calls_while_closed = _Broken.calls
            # The breaker is open now: no call leaves the gateway.
            refused = search(url)
            calls_after = _Broken.calls

        # A 500 is not retried: the same request would fail the same way.
        assert calls_while_closed == 2
        assert [answer.status_code for answer in failed] == [502, 502]
        assert "answered with an error" in failed[0].json()["detail"]
        assert refused.status_code == 503
        assert calls_after == calls_while_closed

    def test_a_passing_failure_is_retried(
        self, gateway_factory: GatewayFactory
    ) -> None:
        with (
            broken_server(_Flaky) as flaky,
            gateway_factory(search_url=flaky, cache_ttl_s="0") as url,
        ):
            _Flaky.calls = 0
            answer = search(url)

        assert answer.status_code == 200
        assert _Flaky.calls == 2
