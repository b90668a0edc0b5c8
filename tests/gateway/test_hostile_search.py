"""Hostile search words, through the gateway and straight at the search service.

No answer is a 5xx; what is refused is a 400 that names the field and says why in
Korean and English. Words never reach OpenSearch as query syntax: the search
service sends them only to ``match``-family queries, so ``*:*`` matches no
document, ``NOT 용접`` still finds welders, and a field name is just a word.
"""

import http.client
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
import pytest

HOSTILE = {
    "match all": "*:*",
    "regular expression": "/.*/",
    "dangling operator": "a AND",
    "unbalanced quote": '"용접',
    "unbalanced parentheses": "용접) ((",
    "backslash": "\\",
    "two backslashes": "\\\\",
    "field syntax": "title:용접 OR _exists_:key",
    "range syntax": "pay_month_min:[0 TO *]",
    "boost and fuzziness": "용접^1000 용접~2",
    "emoji": "👩‍🔧🔥 용접",
    "emoji only": "🔥" * 50,
    "zero-width and bidi": "\u200b\u202e용접\ufeff",
    "markup": "<script>alert(1)</script>",
    "lookup syntax": "${jndi:ldap://127.0.0.1/x}",
}
TOO_LONG = "a" * 10_000
MANY_SHORT_TERMS = " ".join(["일"] * 30)  # short enough, but too many words
REFUSED = {
    "10,000 characters": TOO_LONG,
    "1,000 terms": " ".join(["용접"] * 1_000),
    "30 short terms": MANY_SHORT_TERMS,
}
# Percent-encoded, these make URLs of 90 and 120 KB.
URL_TOO_LONG = {"10,000 Hangul": "가" * 10_000, "10,000 emoji": "🔥" * 10_000}


def get(url: str, path: str, **params: Any) -> httpx.Response:
    return httpx.get(f"{url}{path}", params=params, timeout=30)


def raw_get(url: str, target: str) -> tuple[int, bytes]:
    """A GET sent with the standard library: httpx refuses URLs over 64 KiB."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", target)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def everything(search_url: str) -> int:
    """How many open items a search without words finds."""
    answer = get(search_url, "/v1/search", size=1)
    total = int(answer.json()["total"])
    assert total > 10
    return total


class TestThroughTheGateway:
    @pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
    @pytest.mark.parametrize("path", ["/search", "/suggest", "/map"])
    def test_never_a_server_error(self, gateway: str, path: str, text: str) -> None:
        answer = get(gateway, f"/api/v1{path}", q=text)

        assert answer.status_code == 200, answer.text
        assert answer.headers["Content-Type"] == "application/json"

    @pytest.mark.parametrize("text", REFUSED.values(), ids=REFUSED.keys())
    @pytest.mark.parametrize("path", ["/search", "/suggest", "/map"])
    def test_too_much_is_a_clear_400(self, gateway: str, path: str, text: str) -> None:
        answer = get(gateway, f"/api/v1{path}", q=text)

        assert answer.status_code == 400, answer.text
        assert answer.json()["field"] == "q"
        korean, english = answer.json()["detail"].split(" / ")
        assert korean
        assert english

    @pytest.mark.parametrize("text", URL_TOO_LONG.values(), ids=URL_TOO_LONG.keys())
    def test_a_url_over_64_kib_is_a_400_and_harms_nothing(
        self, gateway: str, text: str
    ) -> None:
        """uvicorn's HTTP parser refuses such a URL before the gateway sees it, so
        the answer is its plain-text 400 (see the README's limitations)."""
        status, _body = raw_get(gateway, "/api/v1/search?" + urlencode({"q": text}))

        assert status == 400
        assert get(gateway, "/api/v1/search", q="용접").status_code == 200

    @pytest.mark.parametrize(
        ("text", "limit"), [(TOO_LONG, "200"), (MANY_SHORT_TERMS, "24")]
    )
    def test_the_page_refuses_too_much_in_words(
        self, gateway: str, text: str, limit: str
    ) -> None:
        answer = get(gateway, "/", q=text)

        assert answer.status_code == 400
        alert = answer.text.split('role="alert"', 1)[1].split("</div>", 1)[0]
        assert limit in alert

    @pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
    def test_the_page_shows_hostile_words_as_text(
        self, gateway: str, text: str
    ) -> None:
        answer = get(gateway, "/", q=text)

        assert answer.status_code == 200
        assert "<script>alert(1)</script>" not in answer.text

    def test_match_all_finds_nothing_through_the_gateway(
        self, gateway: str, everything: int
    ) -> None:
        answer = get(gateway, "/api/v1/search", q="*:*")

        assert answer.json()["total"] < everything


class TestNoQuerySyntaxReachesTheEngine:
    @pytest.mark.parametrize("text", ["*:*", "*", "/.*/", "?*", "_exists_:key"])
    def test_match_all_forms_match_nothing(self, search_url: str, text: str) -> None:
        answer = get(search_url, "/v1/search", q=text)

        assert answer.status_code == 200
        assert answer.json()["total"] == 0

    @pytest.mark.parametrize(
        "text", ["NOT 용접", "-용접", "!용접", "용접 AND NOT 용접"]
    )
    def test_negation_is_just_words(self, search_url: str, text: str) -> None:
        """Under query syntax these would leave the welders out; as words they
        find them."""
        answer = get(search_url, "/v1/search", q=text)

        keys = {hit["key"] for hit in answer.json()["items"]}
        assert "work24:K100001" in keys

    def test_a_field_name_is_just_a_word(self, search_url: str) -> None:
        as_field = get(search_url, "/v1/search", q="organization:용접", size=50)
        as_words = get(search_url, "/v1/search", q="organization 용접", size=50)

        # organization:용접 would match no organisation named 용접; as words it
        # finds the welding postings, exactly as the two words do.
        assert as_field.json()["total"] == as_words.json()["total"] > 0

    def test_a_range_finds_nothing_it_would_as_syntax(
        self, search_url: str, everything: int
    ) -> None:
        answer = get(search_url, "/v1/search", q="pay_month_min:[0 TO *]")

        assert answer.json()["total"] < everything

    @pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
    @pytest.mark.parametrize("path", ["/v1/search", "/v1/suggest", "/v1/map"])
    def test_service_never_a_server_error(
        self, search_url: str, path: str, text: str
    ) -> None:
        answer = get(search_url, path, q=text)

        assert answer.status_code == 200, answer.text

    @pytest.mark.parametrize("text", REFUSED.values(), ids=REFUSED.keys())
    def test_service_refuses_too_much(self, search_url: str, text: str) -> None:
        answer = get(search_url, "/v1/search", q=text)

        assert answer.status_code == 400, answer.text
        assert answer.json()["field"] == "q"
