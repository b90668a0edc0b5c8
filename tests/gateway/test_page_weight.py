"""What the results page weighs on the wire: HTML, CSS and scripts of a first
visit, as sent (gzip). The page itself is tested in a browser in tests/browser."""

import gzip
import re

import httpx


class TestPageWeight:
    def test_results_page_under_100_kb(self, gateway: str) -> None:
        with httpx.Client(base_url=gateway, timeout=30) as client:
            html = client.get("/?q=용접", headers={"Accept-Encoding": "gzip"})
            assets = re.findall(r'(?:src|href)="(/(?:static|vendor)/[^"]+)"', html.text)
            sizes = {"/?q=용접": _wire_size(html)}
            for asset in assets:
                sizes[asset] = _wire_size(
                    client.get(asset, headers={"Accept-Encoding": "gzip"})
                )

        assert any("htmx" in name for name in sizes)
        assert sum(sizes.values()) < 100 * 1024, sizes


def _wire_size(response: httpx.Response) -> int:
    assert response.status_code == 200
    if response.headers.get("Content-Encoding") == "gzip":
        return int(
            response.headers.get("Content-Length")
            or len(gzip.compress(response.content))
        )
    return len(response.content)
