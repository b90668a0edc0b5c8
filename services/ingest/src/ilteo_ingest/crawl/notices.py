"""Reading the city's notice board (고시·공고) with Scrapy's selectors.

A list page is a ``table.board-list`` whose header names the columns (번호,
제목, 담당부서, 등록일, 조회수, 첨부) and a ``div.pagination`` with "다음" (next)
and "마지막" (last) links; a notice page is a ``div.board-view`` holding the
title, a ``dl.info`` of facts about the notice, the ``div.content`` written as
"label: value" lines, and ``div.attach`` naming the files.
"""

import hashlib
import re
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from scrapy.http import TextResponse

# The list's column headers, and the record fields they fill.
COLUMNS = {
    "번호": "number",
    "제목": "title",
    "담당부서": "dept",
    "등록일": "regDate",
    "조회수": "views",
    "첨부": "files",
}
# Parameters of a link that only say where the link was found.
_PLACE_PARAMS = ("curPage",)
_FACT = re.compile(r"^(?P<label>[^:：]{1,15}?)\s*[:：]\s*(?P<value>.+)$")
_DIGITS = re.compile(r"\d[\d,]*")


class Node(Protocol):
    """A selector, or a list of them, as ``response.css()`` gives them."""

    def css(self, query: str, /) -> Any: ...

    def xpath(self, query: str, /) -> Any: ...

    def get(self) -> Any: ...


class PageError(ValueError):
    """A page that is not the list or the notice the board promises."""


@dataclass(frozen=True)
class Row:
    """One notice as the list shows it: its fields and the row's own HTML."""

    record: dict[str, str]
    html: str

    @property
    def marker(self) -> str:
        """Changes when the row's title, department or date changes (not its
        view count): the notice is then fetched again in ``--mode changed``."""
        shown = "\x1f".join(
            self.record.get(name, "") for name in ("title", "dept", "regDate")
        )
        return hashlib.sha256(shown.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class ListPage:
    rows: list[Row]
    last_page: int | None  # from the "마지막" link
    next_page: int | None  # from the "다음" link
    total: int | None  # "전체 N건", when the page states it


def read_list_page(response: TextResponse, *, page_param: str) -> ListPage:
    board = response.css("table.board-list")
    if not board:
        raise PageError("no table.board-list on the page")
    columns = [COLUMNS.get(_text(th), _text(th)) for th in board.css("thead th")]
    rows = [
        row
        for tr in board.css("tbody tr")
        if (row := _row(response, tr, columns)) is not None
    ]
    pagination = response.css("div.pagination")
    return ListPage(
        rows=rows,
        last_page=_page_of(pagination.css("a.last::attr(href)").get(), page_param),
        next_page=_page_of(pagination.css("a.next::attr(href)").get(), page_param),
        total=_total(response.css("p.total")),
    )


def read_notice(response: TextResponse) -> tuple[dict[str, Any], str]:
    """The notice's fields, and the HTML of the notice itself as its raw form."""
    view = response.css("div.board-view")
    if not view:
        raise PageError("no div.board-view on the page")
    info = {
        _text(dt): _text(dt.xpath("following-sibling::dd[1]"))
        for dt in view.css("dl.info dt")
    }
    lines = _lines(view.css("div.content"))
    notice = {
        "title": _text(view.css("h3.title")),
        "info": info,
        "facts": _facts(lines),
        "lines": lines,
        "attachments": [
            {"name": _text(link), "url": response.urljoin(link.attrib["href"])}
            for link in view.css("div.attach a[href]")
        ],
    }
    return notice, view.get() or ""


def canonical_url(url: str) -> str:
    """The link without the parameters that only say which list page held it."""
    parts = urlsplit(url)
    query = [
        (name, value)
        for name, values in parse_qs(parts.query, keep_blank_values=True).items()
        if name not in _PLACE_PARAMS
        for value in values
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _row(response: TextResponse, tr: Node, columns: list[str]) -> Row | None:
    link = tr.css("a[href]")
    if not link:
        # "등록된 게시물이 없습니다": an empty board has one row without a link.
        return None
    url = canonical_url(response.urljoin(link.attrib["href"]))
    cells = tr.css("td")
    record = {
        name: _text(cell) for name, cell in zip(columns, cells, strict=False) if name
    }
    record["title"] = _text(link)
    record["url"] = url
    record["repSeq"] = (parse_qs(urlsplit(url).query).get("repSeq") or [""])[0]
    return Row(record=record, html=tr.get())


def _lines(content: Node) -> list[str]:
    nodes = content.xpath(".//li[not(.//li)] | .//p[not(ancestor::li)]")
    lines = [_text(node) for node in nodes] if nodes else [_text(content)]
    return [line for line in lines if line]


def _facts(lines: list[str]) -> dict[str, str]:
    """``신청기간: 2026. 12. 1.(화) ~ …`` lines as label -> value (first wins)."""
    facts: dict[str, str] = {}
    for line in lines:
        match = _FACT.match(line)
        if match and match["label"].strip() not in facts:
            facts[match["label"].strip()] = match["value"].strip()
    return facts


def _page_of(href: str | None, page_param: str) -> int | None:
    if not href:
        return None
    value = (parse_qs(urlsplit(href).query).get(page_param) or [""])[0]
    return int(value) if value.isdigit() else None


def _total(paragraph: Node) -> int | None:
    match = _DIGITS.search(_text(paragraph.css("strong")[:1]))
    return int(match.group().replace(",", "")) if match else None


def _text(node: Node) -> str:
    """The node's text with runs of white space as one space."""
    found = node.xpath("normalize-space(string(.))").get()
    return str(found or "")
