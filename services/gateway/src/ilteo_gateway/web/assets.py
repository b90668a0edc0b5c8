"""The page's files: its own scripts and styles, and a few from node_modules.

Only the files the page needs are served, each from memory with an ETag; the
GeoJSON of the districts is made once, at start, from ``ilteo_places``.
"""

import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path

from fastapi import Request
from fastapi.responses import Response

from ilteo_places import boundaries_geojson_text

STATIC_DIR = Path(__file__).parent / "static"

# URL name -> path under node_modules
VENDOR_FILES = {
    "htmx.min.js": "htmx.org/dist/htmx.min.js",
    "leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet.css": "leaflet/dist/leaflet.css",
}
OWN_FILES = ("app.css", "app.js", "map.js", "applications.css", "pages.css")
MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".geojson": "application/geo+json",
}


@dataclass(frozen=True, slots=True)
class Asset:
    body: bytes
    gzipped: bytes  # compressed once at start, not on every request
    media_type: str
    etag: str

    @classmethod
    def of(cls, body: bytes, media_type: str) -> "Asset":
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        return cls(
            body, gzip.compress(body, compresslevel=9, mtime=0), media_type, etag
        )

    def response(self, request: Request, *, max_age_s: int) -> Response:
        headers = {
            "ETag": self.etag,
            "Cache-Control": f"public, max-age={max_age_s}",
            "Vary": "Accept-Encoding",
        }
        if request.headers.get("If-None-Match") == self.etag:
            return Response(status_code=304, headers=headers)
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return Response(self.gzipped, media_type=self.media_type, headers=headers)
        return Response(self.body, media_type=self.media_type, headers=headers)


class Assets:
    def __init__(self, node_modules: Path) -> None:
        self.files: dict[str, Asset] = {}
        for name in OWN_FILES:
            self._add(f"static/{name}", STATIC_DIR / name)
        for name, relative in VENDOR_FILES.items():
            path = node_modules / relative
            if not path.exists():
                raise RuntimeError(
                    f"{path} is missing; run `npm ci` in services/gateway "
                    "(scripts/setup.sh does)"
                )
            self._add(f"vendor/{name}", path)
        geojson = boundaries_geojson_text().encode()
        self.files["geo/districts.geojson"] = Asset.of(geojson, MEDIA_TYPES[".geojson"])

    def _add(self, name: str, path: Path) -> None:
        self.files[name] = Asset.of(path.read_bytes(), MEDIA_TYPES[path.suffix])

    def url(self, name: str) -> str:
        """The file's address, versioned by its content so caches can keep it."""
        return f"/{name}?v={self.files[name].etag.strip(chr(34))[:10]}"
