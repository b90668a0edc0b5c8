"""The catalog of sources: what each one serves, where, in which format and how.

Paths are the providers' real ones; only the host is a setting
(``ILTEO_INGEST_<SOURCE>_BASE_URL``), so that the demo site, which serves every
format under ``http://127.0.0.1:8090/<source>``, stands in for production with
nothing but a different base URL. Field names are the providers' own.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from ilteo_common.items import ItemKind


class Format(StrEnum):
    XML = "xml"
    JSON = "json"
    HTML = "html"


@dataclass(frozen=True)
class Endpoint:
    """One request path and the parameters that never change between calls."""

    path: str
    format: Format
    fixed_params: dict[str, str] = field(default_factory=dict)
    # The parameter(s) that name one record on a detail endpoint.
    id_params: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paging:
    """How a list endpoint pages: parameter names, the page size, the total."""

    page_param: str
    size_param: str | None
    page_size: int
    first_page: int = 1
    # Dotted path to the total row count in the response; None: page until empty.
    total_path: str | None = None
    # Dotted path to the records on one page.
    records_path: str = ""


@dataclass(frozen=True)
class Source:
    id: str
    name_ko: str
    kinds: tuple[ItemKind, ...]
    production_base_url: str
    list: Endpoint
    paging: Paging
    detail: Endpoint | None = None
    # The query parameter carrying the API key; None for a keyless source.
    key_param: str | None = None
    # The source's natural id in a list record (several fields are joined by "-").
    id_fields: tuple[str, ...] = ()
    # The field holding the source's modification time, when it has one.
    modified_field: str | None = None
    # Parameters that restrict a list to recent records in --mode changed.
    changed_params: dict[str, str] = field(default_factory=dict)
    # A polite default; the setting ``<SOURCE>_MAX_REQUESTS_PER_S`` overrides it.
    max_requests_per_s: float = 2.0
    obey_robots_txt: bool = False
    notes: str = ""

    @property
    def base_url_setting(self) -> str:
        return f"{self.id}_base_url"

    @property
    def key_setting(self) -> str | None:
        return f"{self.id}_api_key" if self.key_param else None

    @property
    def needs_key(self) -> bool:
        return self.key_param is not None


# 고용24 채용정보 Open API (formerly WorkNet). XML with a UTF-8 BOM before the
# declaration; the list gives smodifyDtm (YYYYMMDDHHmm), so details are fetched
# only for ids that are new or whose smodifyDtm moved.
WORK24 = Source(
    id="work24",
    name_ko="고용24 채용정보",
    kinds=(ItemKind.JOB,),
    production_base_url="https://www.work24.go.kr",
    list=Endpoint(
        path="/cm/openApi/call/wk/callOpenApiSvcInfo210L01.do",
        format=Format.XML,
        # region 28000 = 인천광역시 in Work24's region code table.
        fixed_params={"callTp": "L", "returnType": "XML", "region": "28000"},
    ),
    paging=Paging(
        page_param="startPage",
        size_param="display",
        page_size=100,
        total_path="wantedRoot.total",
        records_path="wantedRoot.wanted",
    ),
    detail=Endpoint(
        path="/cm/openApi/call/wk/callOpenApiSvcInfo210D01.do",
        format=Format.XML,
        fixed_params={"callTp": "D", "returnType": "XML", "infoSvc": "VALIDATION"},
        id_params=("wantedAuthNo",),
    ),
    key_param="authKey",
    id_fields=("wantedAuthNo",),
    modified_field="smodifyDtm",
    # regDate: D-0 today, D-3, W-1, W-2, M-1 (registered within).
    changed_params={"regDate": "W-1"},
    notes="two-digit years; closeDt '채용시까지 26-04-17' or '채용시까지'; "
    "empTpCd and minEdubg as bare codes; corpInfo numbers with units",
)

# HRD-Net 훈련과정 via Work24 (국민내일배움카드 훈련과정). JSON; the list holds
# srchList[] with the total in scn_cnt. Some deployments wrap the payload as a
# JSON string in returnJSON; spiders accept both.
HRD = Source(
    id="hrd",
    name_ko="HRD 직업훈련과정",
    kinds=(ItemKind.TRAINING,),
    production_base_url="https://www.work24.go.kr",
    list=Endpoint(
        path="/cm/openApi/call/hr/callOpenApiSvcInfo310L01.do",
        format=Format.JSON,
        # outType 1 = list; srchTraArea1 28 = 인천; sort by start date.
        fixed_params={
            "returnType": "JSON",
            "outType": "1",
            "srchTraArea1": "28",
            "sort": "ASC",
            "sortCol": "TRNG_BGDE",
        },
    ),
    paging=Paging(
        page_param="pageNum",
        size_param="pageSize",
        page_size=100,
        total_path="scn_cnt",
        records_path="srchList",
    ),
    detail=Endpoint(
        path="/cm/openApi/call/hr/callOpenApiSvcInfo310L02.do",
        format=Format.JSON,
        # outType 2 = detail; the course's base facts are in inst_base_info.
        fixed_params={"returnType": "JSON", "outType": "2"},
        id_params=("srchTrprId", "srchTrprDegr", "srchTorgId"),
    ),
    key_param="authKey",
    # Natural id: institution + course + run.
    id_fields=("trainstCstId", "trprId", "trprDegr"),
    notes="the list needs srchTraStDt/srchTraEndDt (YYYYMMDD); the spider asks "
    "for courses starting from today to a year ahead",
)

# 온통청년 청년정책 Open API (2025 version). JSON:
# {"resultCode", "resultMessage", "result": {"pagging": {"totCount", "pageNum",
# "pageSize"}, "youthPolicyList": [...]}}; every record is complete in the list.
YOUTH = Source(
    id="youth",
    name_ko="온통청년 청년정책",
    kinds=(ItemKind.POLICY,),
    production_base_url="https://www.youthcenter.go.kr",
    list=Endpoint(
        path="/go/ythip/getPlcy",
        format=Format.JSON,
        fixed_params={"rtnType": "json"},
    ),
    paging=Paging(
        page_param="pageNum",
        size_param="pageSize",
        page_size=100,
        total_path="result.pagging.totCount",
        records_path="result.youthPolicyList",
    ),
    key_param="apiKeyNm",
    id_fields=("plcyNo",),
    # "YYYY-MM-DD HH:MM:SS"
    modified_field="lastMdfcnDt",
    notes="eligibility as sprtTrgtMinAge/sprtTrgtMaxAge, zipCd (comma list of "
    "시군구 codes) and free text in addAplyQlfcCndCn; aplyYmd "
    "'YYYYMMDD ~ YYYYMMDD' or empty for 상시",
)

# 기업마당 지원사업정보 API. JSON {"jsonArray": [...]} with no total: page until
# a page comes back short.
BIZINFO = Source(
    id="bizinfo",
    name_ko="기업마당 지원사업",
    kinds=(ItemKind.PROGRAM,),
    production_base_url="https://www.bizinfo.go.kr",
    list=Endpoint(
        path="/uss/rss/bizinfoApi.do",
        format=Format.JSON,
        fixed_params={"dataType": "json", "hashtags": "인천"},
    ),
    paging=Paging(
        page_param="pageIndex",
        size_param="searchCnt",
        page_size=100,
        records_path="jsonArray",
    ),
    key_param="crtfcKey",
    # pblancId is also inside pblancUrl (…?pblancId=PBLN_000000000100001).
    id_fields=("pblancId",),
    # "YYYY-MM-DD HH:MM:SS"
    modified_field="creatPnttm",
    notes="'@'-separated lists (pldirSportRealmLclasCodeNm, areaNm, industNm); "
    "HTML entities in bsnsSumryCn; reqstBeginEndDe 'YYYYMMDD ~ YYYYMMDD' or "
    "free text such as '추후 공지' or '예산 소진시까지'",
)

# K-Startup 사업공고 via 공공데이터포털 (창업진흥원). JSON in the odcloud shape:
# {"currentCount", "data": [...], "matchCount", "page", "perPage", "totalCount"}.
KSTARTUP = Source(
    id="kstartup",
    name_ko="K-Startup 창업지원사업",
    kinds=(ItemKind.PROGRAM,),
    production_base_url="https://apis.data.go.kr",
    list=Endpoint(
        path="/B552735/kisedKstartupService01/getAnnouncementInformation01",
        format=Format.JSON,
        fixed_params={"returnType": "json"},
    ),
    paging=Paging(
        page_param="page",
        size_param="perPage",
        page_size=100,
        total_path="totalCount",
        records_path="data",
    ),
    key_param="serviceKey",
    id_fields=("pbanc_sn",),
    # Only announcements still taking applications.
    changed_params={"cond[rcrt_prgs_yn::EQ]": "Y"},
    notes="dates YYYYMMDD; biz_enyy (업력) and biz_trgt_age as comma lists of "
    "bands such as '예비창업자,1년미만,3년미만'",
)

# 나라일터 공공취업정보 (인사혁신처) via 공공데이터포털. XML in the data.go.kr
# envelope response/header/resultCode + response/body/items/item; a refused key
# comes back with HTTP 200 as OpenAPI_ServiceResponse/cmmMsgHeader.
NARAILTER = Source(
    id="narailter",
    name_ko="나라일터 공공채용",
    kinds=(ItemKind.JOB,),
    production_base_url="http://openapi.mpm.go.kr",
    list=Endpoint(
        path="/openapi/service/RetrievePblinsttEmpmnInfoService/getList",
        format=Format.XML,
    ),
    paging=Paging(
        page_param="pageNo",
        size_param="numOfRows",
        page_size=100,
        total_path="response.body.totalCount",
        records_path="response.body.items.item",
    ),
    detail=Endpoint(
        path="/openapi/service/RetrievePblinsttEmpmnInfoService/getItem",
        format=Format.XML,
        id_params=("idx",),
    ),
    key_param="ServiceKey",
    id_fields=("idx",),
    notes="the list has idx, title, deptName, regdate, enddate, readnum, "
    "areaCode; the item adds contents, areaNm, workAddr; region often missing "
    "and read from the text",
)

# 잡알리오 공공기관 채용정보 (기획재정부) via 공공데이터포털. JSON:
# {"resultCode", "resultMsg", "totalCount", "result": [...]}; codes come as
# comma lists (hireTypeLst "R1010,R1020") beside their names (hireTypeNmLst).
JOBALIO = Source(
    id="jobalio",
    name_ko="잡알리오 공공기관채용",
    kinds=(ItemKind.JOB,),
    production_base_url="https://apis.data.go.kr",
    list=Endpoint(
        path="/1051000/recruitment/list",
        format=Format.JSON,
        fixed_params={"resultType": "json"},
    ),
    paging=Paging(
        page_param="pageNo",
        size_param="numOfRows",
        page_size=100,
        total_path="totalCount",
        records_path="result",
    ),
    detail=Endpoint(
        path="/1051000/recruitment/detail",
        format=Format.JSON,
        fixed_params={"resultType": "json"},
        id_params=("sn",),
    ),
    key_param="serviceKey",
    id_fields=("recrutPblntSn",),
    changed_params={"ongoingYn": "Y"},
    notes="dates YYYYMMDD; workRgnNmLst names 시도 only; recrutSe R2010 신입, "
    "R2020 경력, R2030 신입+경력, R2040 외국인",
)

# 인천광역시 고시·공고 (the city's own site): HTML, crawled as a site with
# robots.txt obeyed. A list page (10 rows, newest first, curPage from 1) is a
# table.board-list whose rows link to ``/IC010205/view?repSeq=…``, followed by
# a div.pagination with a "마지막" (last page) link. A detail page holds
# h3.title, dl.info (공고번호, 담당부서, 등록일, 수정일, 조회수), div.content
# (신청기간 "2026. 12. 1.(화) ~ 2026. 12. 15.(화)", 장소, 대상 …) and
# div.attach naming the files (신청서.hwp, 공고문.pdf). robots.txt disallows
# the downloads (/comm/) and the print view (/IC010205/print).
CITY = Source(
    id="city",
    name_ko="인천광역시 공고",
    kinds=(ItemKind.PROGRAM, ItemKind.JOB),
    production_base_url="https://www.incheon.go.kr",
    list=Endpoint(path="/IC010205", format=Format.HTML),
    paging=Paging(page_param="curPage", size_param=None, page_size=10),
    detail=Endpoint(path="/IC010205/view", format=Format.HTML, id_params=("repSeq",)),
    id_fields=("repSeq",),
    max_requests_per_s=1.0,
    obey_robots_txt=True,
    notes="no total in the list: read the last page from the pagination; the "
    "notices are programs (모집), job fairs (박람회) and public jobs (채용 공고); "
    "no coordinates, the place is in the 장소 line of the content",
)

SOURCES: dict[str, Source] = {
    source.id: source
    for source in (
        WORK24,
        HRD,
        YOUTH,
        BIZINFO,
        KSTARTUP,
        NARAILTER,
        JOBALIO,
        CITY,
    )
}

SourceId = Literal[
    "work24", "hrd", "youth", "bizinfo", "kstartup", "narailter", "jobalio", "city"
]


def get_source(source_id: str) -> Source:
    try:
        return SOURCES[source_id]
    except KeyError:
        known = ", ".join(SOURCES)
        raise KeyError(f"unknown source {source_id!r}; known: {known}") from None
