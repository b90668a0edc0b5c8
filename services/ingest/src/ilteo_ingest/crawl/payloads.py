"""Reading the sources' payloads: XML (with a BOM) or JSON, into records."""

import json
import re
from typing import Any

from lxml import etree

from ilteo_ingest.normalize.common import strip_bom


class PayloadError(ValueError):
    """The body is neither the XML nor the JSON the source promises."""


# A bare "&" that starts no entity: common in hand-typed titles (R&D).
_BARE_AMPERSAND = re.compile(r"&(?!#\d+;|#x[0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")


def repair_xml(body: str) -> str:
    return _BARE_AMPERSAND.sub("&amp;", body)


def parse_xml(body: str) -> etree._Element:
    try:
        parser = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)
        return etree.fromstring(strip_bom(body).encode(), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise PayloadError(f"malformed XML: {exc}") from exc


def element_to_dict(element: etree._Element) -> Any:
    """Children become keys; a repeated child becomes a list; leaves are text."""
    children = [child for child in element if isinstance(child.tag, str)]
    if not children:
        return (element.text or "").strip()
    result: dict[str, Any] = {}
    for child in children:
        value = element_to_dict(child)
        if child.tag in result:
            existing = result[child.tag]
            result[child.tag] = (
                [*existing, value] if isinstance(existing, list) else [existing, value]
            )
        else:
            result[child.tag] = value
    return result


def xml_records(root: etree._Element, path: str) -> list[tuple[dict[str, Any], str]]:
    """The elements at a dotted path below the root, as (dict, raw XML text)."""
    steps = path.split(".")
    if steps and steps[0] == root.tag:
        steps = steps[1:]
    elements = root.findall("/".join(steps)) if steps else [root]
    records = []
    for element in elements:
        value = element_to_dict(element)
        raw = etree.tostring(element, encoding="unicode").strip()
        records.append((value if isinstance(value, dict) else {}, raw))
    return records


def xml_value(root: etree._Element, path: str) -> str | None:
    steps = path.split(".")
    if steps and steps[0] == root.tag:
        steps = steps[1:]
    found = root.find("/".join(steps))
    return found.text.strip() if found is not None and found.text else None


def parse_json(body: str) -> Any:
    try:
        data = json.loads(strip_bom(body))
    except json.JSONDecodeError as exc:
        raise PayloadError(f"malformed JSON: {exc}") from exc
    # HRD-Net wraps its payload as a JSON string inside returnJSON.
    if isinstance(data, dict) and isinstance(data.get("returnJSON"), str):
        return parse_json(data["returnJSON"])
    return data


def dig(data: Any, path: str) -> Any:
    for step in filter(None, path.split(".")):
        if not isinstance(data, dict):
            return None
        data = data.get(step)
    return data


def json_records(data: Any, path: str) -> list[tuple[dict[str, Any], str]]:
    found = dig(data, path)
    rows = found if isinstance(found, list) else ([found] if found else [])
    return [
        (row, json.dumps(row, ensure_ascii=False, sort_keys=True))
        for row in rows
        if isinstance(row, dict)
    ]
