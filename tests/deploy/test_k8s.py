"""The Kubernetes manifests: each overlay renders, every object is valid, and each
service is deployed the way the platform promises (probes, limits, autoscaling,
disruption budgets, non-root, network policies).

kustomize and kubeconform come from `scripts/setup.sh` (`.local/bin`), the
Kubernetes schemas from a pinned PyPI wheel (`.local/k8s-schemas`); the schemas of
the operators' resources are the minimal ones in `tests/deploy/schemas/`.
"""

import os
import subprocess
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from ilteo_applications.settings import Settings as ApplicationsSettings
from ilteo_common.topics import ITEMS
from ilteo_gateway.settings import Settings as GatewaySettings
from ilteo_ingest.crawl.spiders import SPIDERS
from ilteo_ingest.settings import Settings as IngestSettings
from ilteo_recommend.settings import Settings as RecommendSettings
from ilteo_search.indexer.settings import IndexerSettings
from ilteo_search.settings import Settings as SearchSettings
from tests.deploy.test_observability import is_exported

ROOT = Path(__file__).resolve().parents[2]
LOCAL = Path(os.environ.get("ILTEO_LOCAL_DIR", ROOT / ".local"))
K8S = ROOT / "deploy" / "k8s"
KUBERNETES_VERSION = "1.34.0"
OVERLAYS = ("staging", "production")
# kubeconform's file-name templates: built-in kinds, then the operators' resources.
KUBERNETES_SCHEMA = "{{ .ResourceKind }}{{ .KindSuffix }}.json"
CRD_SCHEMA = "{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json"

# Each long-running service: its Deployment, container port and settings prefix.
SERVICES = {
    "gateway": 8000,
    "search-api": 8010,
    "indexer": 8011,
    "recommend": 8020,
    "ingest": 8030,
    "applications": 8040,
}
CRAWLED_SOURCES = ("work24", "hrd", "youth", "bizinfo", "kstartup", "narailter")
CRAWLED_SOURCES += ("jobalio", "city")
SETTINGS = {
    "ILTEO_GATEWAY_": (GatewaySettings,),
    "ILTEO_SEARCH_": (SearchSettings, IndexerSettings),
    "ILTEO_RECOMMEND_": (RecommendSettings,),
    "ILTEO_INGEST_": (IngestSettings,),
    "ILTEO_APPLICATIONS_": (ApplicationsSettings,),
}
# Read by the runtime rather than a service's settings.
OTHER_VARIABLES = {"HOME", "REDIS_PASSWORD", "FORWARDED_ALLOW_IPS"}

Manifest = dict[str, Any]


def tool(name: str) -> Path:
    path = LOCAL / "bin" / name
    if not path.exists():
        pytest.fail(
            f"{path} is missing: run scripts/setup.sh (it builds {name} with Go)"
        )
    return path


@cache
def rendered(directory: str) -> str:
    result = subprocess.run(
        [str(tool("kustomize")), "build", str(K8S / directory)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def manifests(directory: str) -> list[Manifest]:
    return [doc for doc in yaml.safe_load_all(rendered(directory)) if doc]


def of_kind(docs: list[Manifest], kind: str) -> dict[str, Manifest]:
    return {doc["metadata"]["name"]: doc for doc in docs if doc["kind"] == kind}


def pod_specs(docs: list[Manifest]) -> Iterator[tuple[str, Manifest]]:
    for doc in docs:
        spec = doc.get("spec", {})
        if doc["kind"] in ("Deployment", "Job"):
            yield doc["metadata"]["name"], spec["template"]["spec"]
        elif doc["kind"] == "CronJob":
            yield (
                doc["metadata"]["name"],
                spec["jobTemplate"]["spec"]["template"]["spec"],
            )


def containers(pod: Manifest) -> list[Manifest]:
    return [*pod.get("initContainers", []), *pod["containers"]]


def console_scripts() -> set[str]:
    scripts: set[str] = set()
    for pyproject in [
        *ROOT.glob("services/*/pyproject.toml"),
        *ROOT.glob("libs/*/*.toml"),
    ]:
        project = tomllib.loads(pyproject.read_text())["project"]
        scripts |= set(project.get("scripts", {}))
    return scripts


@pytest.fixture(scope="module", params=OVERLAYS)
def overlay(request: pytest.FixtureRequest) -> list[Manifest]:
    return manifests(f"overlays/{request.param}")


class TestRendering:
    @pytest.mark.parametrize(
        "directory", [*(f"overlays/{o}" for o in OVERLAYS), "platform"]
    )
    def test_every_object_is_valid(self, directory: str) -> None:
        schemas = LOCAL / "k8s-schemas"
        if not schemas.is_dir():
            pytest.fail(f"{schemas} is missing: run scripts/setup.sh")
        kubernetes = "{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}"
        crds = ROOT / "tests" / "deploy" / "schemas"

        result = subprocess.run(
            [
                str(tool("kubeconform")),
                "-strict",
                "-summary",
                "-kubernetes-version",
                KUBERNETES_VERSION,
                "-schema-location",
                f"{schemas}/{kubernetes}/{KUBERNETES_SCHEMA}",
                "-schema-location",
                f"{crds}/{CRD_SCHEMA}",
                "-",
            ],
            input=rendered(directory),
            capture_output=True,
            text=True,
            timeout=120,
        )

        # No object may go unchecked: a missing schema is an error, not a skip.
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Skipped: 0" in result.stdout, result.stdout


class TestServices:
    def test_each_service_has_a_deployment_and_a_service(
        self, overlay: list[Manifest]
    ) -> None:
        assert set(SERVICES) <= set(of_kind(overlay, "Deployment"))
        assert set(SERVICES) <= set(of_kind(overlay, "Service"))

    def test_probes_ask_readyz_and_healthz(self, overlay: list[Manifest]) -> None:
        for name, port in SERVICES.items():
            deployment = of_kind(overlay, "Deployment")[name]
            (container,) = deployment["spec"]["template"]["spec"]["containers"]

            ports = {p["name"]: p["containerPort"] for p in container["ports"]}
            assert ports == {"http": port}, name
            assert container["readinessProbe"]["httpGet"]["path"] == "/readyz", name
            assert container["livenessProbe"]["httpGet"]["path"] == "/healthz", name

    def test_every_container_has_requests_and_limits(
        self, overlay: list[Manifest]
    ) -> None:
        for name, pod in pod_specs(overlay):
            for container in containers(pod):
                resources = container["resources"]
                assert {"cpu", "memory"} <= set(resources["requests"]), name
                assert {"cpu", "memory"} <= set(resources["limits"]), name

    def test_services_with_the_model_get_room_for_it(
        self, overlay: list[Manifest]
    ) -> None:
        # Measured: 1.1-1.2 GiB resident with the model loaded, 85-87 MiB without.
        for name in SERVICES:
            pod = of_kind(overlay, "Deployment")[name]["spec"]["template"]["spec"]
            limit = _mebibytes(pod["containers"][0]["resources"]["limits"]["memory"])
            with_model = any(v["name"] == "models" for v in pod.get("volumes", []))

            assert limit >= (1536 if with_model else 128), name

    def test_everything_runs_as_non_root_on_a_read_only_root(
        self, overlay: list[Manifest]
    ) -> None:
        for name, pod in pod_specs(overlay):
            assert pod["securityContext"]["runAsNonRoot"] is True, name
            assert pod["securityContext"]["runAsUser"] != 0, name
            assert pod["automountServiceAccountToken"] is False, name
            for container in containers(pod):
                security = container["securityContext"]
                assert security["readOnlyRootFilesystem"] is True, name
                assert security["allowPrivilegeEscalation"] is False, name
                assert security["capabilities"]["drop"] == ["ALL"], name


class TestScaling:
    def test_each_service_but_the_indexer_has_an_hpa(
        self, overlay: list[Manifest]
    ) -> None:
        autoscalers = of_kind(overlay, "HorizontalPodAutoscaler")

        assert set(autoscalers) == set(SERVICES) - {"indexer"}
        for name, hpa in autoscalers.items():
            assert hpa["spec"]["scaleTargetRef"] == {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "name": name,
            }
            assert 1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]

    def test_the_indexer_scales_on_lag_up_to_the_partitions(
        self, overlay: list[Manifest]
    ) -> None:
        scaled = of_kind(overlay, "ScaledObject")["indexer"]["spec"]
        triggers = {trigger["type"]: trigger for trigger in scaled["triggers"]}

        assert scaled["scaleTargetRef"]["name"] == "indexer"
        assert 1 <= scaled["minReplicaCount"] <= scaled["maxReplicaCount"]
        assert scaled["maxReplicaCount"] <= ITEMS.partitions
        lag = triggers["kafka"]["metadata"]
        assert lag["topic"] == ITEMS.name
        assert lag["consumerGroup"] == IndexerSettings().consumer_group
        assert int(lag["lagThreshold"]) > 0
        assert lag["allowIdleConsumers"] == "false"
        # Documents waiting for their vectors: a metric the indexer exports.
        vectors = triggers["prometheus"]["metadata"]
        assert "ilteo_indexer_vectors_waiting" in vectors["query"]
        assert is_exported("ilteo_indexer_vectors_waiting")
        assert int(vectors["threshold"]) > 0

    def test_each_service_has_a_disruption_budget(
        self, overlay: list[Manifest]
    ) -> None:
        budgets = of_kind(overlay, "PodDisruptionBudget")

        assert set(SERVICES) <= set(budgets)
        for name in SERVICES:
            selector = budgets[name]["spec"]["selector"]["matchLabels"]
            assert selector == {"app.kubernetes.io/name": name}


class TestJobs:
    def test_each_source_is_crawled_for_changes(self, overlay: list[Manifest]) -> None:
        commands = [
            job["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0][
                "command"
            ]
            for job in of_kind(overlay, "CronJob").values()
        ]
        changed = {
            c[2]
            for c in commands
            if c[:2] == ["ilteo-ingest", "crawl"] and c[3:5] == ["--mode", "changed"]
        }

        assert changed == set(CRAWLED_SOURCES)

    @pytest.mark.parametrize("source", CRAWLED_SOURCES)
    def test_each_crawled_source_has_a_spider(self, source: str) -> None:
        assert source in SPIDERS

    def test_digests_run_daily_and_weekly(self, overlay: list[Manifest]) -> None:
        periods = {
            tuple(
                job["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0][
                    "command"
                ]
            )
            for job in of_kind(overlay, "CronJob").values()
            if job["metadata"]["name"].startswith("recommend-digest")
        }

        assert periods == {
            ("ilteo-recommend-digest", "--period", "daily"),
            ("ilteo-recommend-digest", "--period", "weekly"),
        }

    def test_bounces_are_read_every_quarter_hour_from_the_shared_maildir(
        self, overlay: list[Manifest]
    ) -> None:
        job = of_kind(overlay, "CronJob")["recommend-bounces"]
        pod = job["spec"]["jobTemplate"]["spec"]["template"]["spec"]
        (container,) = pod["containers"]
        env = {variable["name"]: variable for variable in container["env"]}
        mounts = {mount["name"]: mount for mount in container["volumeMounts"]}
        volumes = {volume["name"]: volume for volume in pod["volumes"]}
        claim = volumes["maildir"]["persistentVolumeClaim"]["claimName"]
        claims = of_kind(overlay, "PersistentVolumeClaim")

        assert job["spec"]["schedule"] == "*/15 * * * *"
        assert job["spec"]["concurrencyPolicy"] == "Forbid"
        assert container["command"] == ["ilteo-recommend-bounces"]
        maildir = env["ILTEO_RECOMMEND_BOUNCE_MAILDIR"]["value"]
        assert maildir.startswith(mounts["maildir"]["mountPath"] + "/")
        assert not mounts["maildir"].get("readOnly", False)  # messages are moved
        # Shared with the bounce mail server's pod.
        assert claims[claim]["spec"]["accessModes"] == ["ReadWriteMany"]

    def test_topics_get_three_replicas(self, overlay: list[Manifest]) -> None:
        job = of_kind(overlay, "Job")["ensure-topics"]
        command = job["spec"]["template"]["spec"]["containers"][0]["command"]

        assert command[0] == "ilteo-ensure-topics"
        assert command[command.index("--replication-factor") + 1] == "3"

    @pytest.mark.parametrize(
        "script",
        [
            "ilteo-gateway",
            "ilteo-search-api",
            "ilteo-indexer",
            "ilteo-recommend-api",
            "ilteo-ingest-api",
            "ilteo-applications-api",
            "ilteo-ingest",
            "ilteo-ensure-topics",
            "ilteo-recommend-digest",
            "ilteo-recommend-bounces",
        ],
    )
    def test_each_command_is_a_console_script(self, script: str) -> None:
        used = {
            c[0]
            for _, pod in pod_specs(manifests("overlays/production"))
            for c in (ct["command"] for ct in pod["containers"])
        }

        assert script in used
        assert script in console_scripts()


class TestConfiguration:
    def test_every_variable_is_a_setting(self, overlay: list[Manifest]) -> None:
        config_maps = of_kind(overlay, "ConfigMap")
        names: set[str] = set()
        for _, pod in pod_specs(overlay):
            for container in pod["containers"]:
                names |= {variable["name"] for variable in container.get("env", [])}
                for source in container.get("envFrom", []):
                    names |= set(config_maps[source["configMapRef"]["name"]]["data"])

        unknown = {name for name in names - OTHER_VARIABLES if not _is_setting(name)}

        assert not unknown

    def test_secrets_are_referenced_never_shipped(
        self, overlay: list[Manifest]
    ) -> None:
        assert not of_kind(overlay, "Secret")
        for _, pod in pod_specs(overlay):
            for container in pod["containers"]:
                for variable in container.get("env", []):
                    secret_like = any(
                        word in variable["name"]
                        for word in ("SECRET", "TOKEN", "PASSWORD", "API_KEY")
                    )
                    if secret_like:
                        assert "secretKeyRef" in variable.get("valueFrom", {}), (
                            variable["name"]
                        )


class TestNetworkPolicies:
    def test_everything_is_denied_by_default(self, overlay: list[Manifest]) -> None:
        deny = of_kind(overlay, "NetworkPolicy")["default-deny"]["spec"]

        assert deny["podSelector"] == {}
        assert set(deny["policyTypes"]) == {"Ingress", "Egress"}
        assert "ingress" not in deny
        assert "egress" not in deny

    def test_dns_is_allowed(self, overlay: list[Manifest]) -> None:
        dns = of_kind(overlay, "NetworkPolicy")["allow-dns"]["spec"]
        ports = {(p["protocol"], p["port"]) for p in dns["egress"][0]["ports"]}

        assert dns["podSelector"] == {}
        assert ports == {("UDP", 53), ("TCP", 53)}

    def test_only_the_gateway_is_reachable_from_the_ingress_controller(
        self, overlay: list[Manifest]
    ) -> None:
        policies = of_kind(overlay, "NetworkPolicy")
        from_ingress = {
            name
            for name, policy in policies.items()
            for rule in policy["spec"].get("ingress", [])
            for peer in rule.get("from", [])
            if peer.get("namespaceSelector", {})
            .get("matchLabels", {})
            .get("kubernetes.io/metadata.name")
            == "ingress-nginx"
        }

        assert from_ingress == {"gateway"}

    @pytest.mark.parametrize(
        ("service", "reaches"),
        [
            ("gateway", {"search-api", "recommend", "ingest", "applications", "redis"}),
            ("search-api", {"opensearch"}),
            ("indexer", {"kafka", "opensearch"}),
            ("recommend", {"opensearch", "redis", "smtp"}),
            ("recommend-digest", {"opensearch", "redis", "smtp"}),
            ("recommend-bounces", {"redis"}),
            ("ingest", {"kafka", "redis"}),
            ("ingest-crawl", {"kafka", "redis", "web"}),
            ("applications", {"postgres"}),
            ("ensure-topics", {"kafka"}),
        ],
    )
    def test_each_service_reaches_only_what_it_needs(
        self, service: str, reaches: set[str]
    ) -> None:
        policy = of_kind(manifests("overlays/production"), "NetworkPolicy")[service]

        assert policy["spec"]["podSelector"]["matchLabels"] == {
            "app.kubernetes.io/name": service
        }
        assert {_destination(rule) for rule in policy["spec"]["egress"]} == reaches


def _destination(rule: Manifest) -> str:
    (peer,) = rule["to"]
    if "ipBlock" in peer:
        ports = {p["port"] for p in rule["ports"]}
        return "smtp" if 587 in ports else "web"
    labels = peer["podSelector"]["matchLabels"]
    engines = {
        "strimzi.io/cluster": "kafka",
        "opster.io/opensearch-cluster": "opensearch",
        "app.kubernetes.io/instance": "redis",
        "cnpg.io/cluster": "postgres",
    }
    for label, engine in engines.items():
        if label in labels:
            return engine
    return str(labels["app.kubernetes.io/name"])


def _is_setting(variable: str) -> bool:
    for prefix, classes in SETTINGS.items():
        if variable.startswith(prefix):
            field = variable.removeprefix(prefix).lower()
            return any(field in cls.model_fields for cls in classes)
    return False


def _mebibytes(quantity: str) -> int:
    units = {"Mi": 1, "Gi": 1024}
    return int(quantity[:-2]) * units[quantity[-2:]]
