"""Records written out as each provider writes them: XML, JSON or the city's HTML."""

import json
from collections.abc import Sequence
from html import escape as html_escape
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from ilteo_ingest.demo.model import Raw, Record
from ilteo_ingest.sources import SOURCES

BOM = "\ufeff"
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
_DATA_GO_KR_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
CITY_PREFIX = "/city"
CITY_LIST = CITY_PREFIX + SOURCES["city"].list.path
CITY_VIEW = CITY_PREFIX + (SOURCES["city"].detail or SOURCES["city"].list).path
# Paths of the city site that robots.txt keeps crawlers out of.
CITY_DISALLOWED = (f"{CITY_PREFIX}/comm/", f"{CITY_LIST}/print")


def xml(name: str, value: Any) -> str:
    """An element: dicts nest, lists repeat it, ``Raw`` text is not escaped."""
    if isinstance(value, list):
        return "".join(xml(name, item) for item in value)
    if isinstance(value, dict):
        inner = "".join(xml(key, item) for key, item in value.items())
        return f"<{name}>{inner}</{name}>"
    if value is None or value == "":
        return f"<{name}/>"
    text = value if isinstance(value, Raw) else xml_escape(str(value))
    return f"<{name}>{text}</{name}>"


def as_json(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def work24_list(
    records: Sequence[Record], *, total: int, page: int, size: int
) -> bytes:
    body = xml("total", total) + xml("startPage", page) + xml("display", size)
    body += "".join(xml("wanted", record.payload) for record in records)
    # Work24 puts a UTF-8 byte order mark before the declaration.
    return f"{BOM}{_XML_DECLARATION}\n<wantedRoot>{body}</wantedRoot>".encode()


def work24_detail(record: Record) -> bytes:
    return f"{BOM}{_XML_DECLARATION}\n{xml('wantedDtl', record.detail)}".encode()


def work24_error(message_code: str, message: str) -> bytes:
    inner = xml("messageCd", message_code) + xml("message", message)
    return f"{BOM}{_XML_DECLARATION}\n<error>{inner}</error>".encode()


def data_go_kr_items(
    items: Sequence[dict[str, Any]], *, total: int, page: int, size: int
) -> bytes:
    """The 공공데이터포털 envelope: response/header and response/body/items/item."""
    header = xml("resultCode", "00") + xml("resultMsg", "NORMAL SERVICE.")
    body = xml("items", {"item": list(items)}) if items else "<items/>"
    body += xml("numOfRows", size) + xml("pageNo", page) + xml("totalCount", total)
    document = f"<response><header>{header}</header><body>{body}</body></response>"
    return f"{_DATA_GO_KR_DECLARATION}{document}".encode()


def data_go_kr_key_refused() -> bytes:
    """공공데이터포털's answer to an unknown service key: XML, with HTTP 200."""
    header = {
        "errMsg": "SERVICE ERROR",
        "returnAuthMsg": "SERVICE_KEY_IS_NOT_REGISTERED_ERROR",
        "returnReasonCode": "30",
    }
    document = xml("OpenAPI_ServiceResponse", {"cmmMsgHeader": header})
    return f"{_DATA_GO_KR_DECLARATION}{document}".encode()


def city_list(records: Sequence[Record], *, total: int, page: int, pages: int) -> bytes:
    rows = "".join(_city_row(record, page, total) for record in records)
    body = (
        f'<p class="total">전체 <strong>{total:,}</strong>건, '
        f"현재 <strong>{page}</strong>/{pages} 페이지</p>"
        '<table class="board-list"><caption>고시공고 목록</caption>'
        "<thead><tr><th>번호</th><th>제목</th><th>담당부서</th><th>등록일</th>"
        f"<th>조회수</th><th>첨부</th></tr></thead><tbody>{rows}</tbody></table>"
        f"{_pagination(page, pages)}"
        f'<p class="util"><a href="{CITY_LIST}/print?curPage={page}">인쇄</a></p>'
    )
    return _city_page("고시공고", body)


def city_detail(record: Record) -> bytes:
    row = record.payload
    info = "".join(
        f"<dt>{label}</dt><dd>{html_escape(row[key])}</dd>"
        for label, key in (
            ("공고번호", "noticeNo"),
            ("담당부서", "dept"),
            ("등록일", "regDate"),
            ("수정일", "modDate"),
            ("조회수", "views"),
        )
    )
    facts = [f"신청기간: {row['period']}", f"장소: {row['where']}", *row["body"]]
    items = "".join(f"<li>{html_escape(fact)}</li>" for fact in facts)
    files = "".join(
        f'<li><a href="{CITY_PREFIX}/comm/download?repSeq={row["repSeq"]}'
        f'&amp;fileSn={number}">{html_escape(name)}</a></li>'
        for number, name in enumerate(row["attachments"], start=1)
    )
    body = (
        f'<div class="board-view"><h3 class="title">{html_escape(row["title"])}</h3>'
        f'<dl class="info">{info}</dl><div class="content"><ul>{items}</ul>'
        f"<p>문의: {html_escape(row['contact'])}</p></div>"
        f'<div class="attach"><h4>첨부파일</h4><ul>{files}</ul></div>'
        f'<p><a href="{CITY_LIST}">목록</a></p></div>'
    )
    return _city_page(row["title"] or "고시공고", body)


def city_not_found() -> bytes:
    return _city_page("오류", '<p class="error">존재하지 않는 게시물입니다.</p>')


def robots_txt() -> bytes:
    rules = "".join(f"Disallow: {path}\n" for path in CITY_DISALLOWED)
    return f"User-agent: *\n{rules}Disallow: /_demo/\n".encode()


def _city_row(record: Record, page: int, total: int) -> str:
    row = record.payload
    number = total - record.index
    link = f"{CITY_VIEW}?repSeq={row['repSeq']}&amp;curPage={page}"
    return (
        f'<tr><td class="num">{number}</td><td class="subject">'
        f'<a href="{link}">{html_escape(row["title"])}</a></td>'
        f"<td>{html_escape(row['dept'])}</td><td>{row['regDate']}</td>"
        f'<td>{row["views"]}</td><td><span class="file">첨부파일 있음</span></td></tr>'
    )


def _pagination(page: int, pages: int) -> str:
    first = max(1, page - 4)
    numbers = range(first, min(pages, first + 9) + 1)
    links = [f'<a href="{CITY_LIST}?curPage=1" class="first">처음</a>']
    links += [
        f"<strong>{n}</strong>"
        if n == page
        else f'<a href="{CITY_LIST}?curPage={n}">{n}</a>'
        for n in numbers
    ]
    if page < pages:
        links.append(f'<a href="{CITY_LIST}?curPage={page + 1}" class="next">다음</a>')
    links.append(f'<a href="{CITY_LIST}?curPage={pages}" class="last">마지막</a>')
    return f'<div class="pagination">{"".join(links)}</div>'


def _city_page(title: str, body: str) -> bytes:
    return (
        '<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">'
        f"<title>{html_escape(title)} | 인천광역시</title></head><body>"
        f'<div id="content"><h2>고시·공고</h2>{body}</div></body></html>'
    ).encode()
