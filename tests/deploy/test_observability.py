"""The Grafana dashboard and the alert rules refer only to metrics that the services
really export: their own counters (found in services/*/src) and the HTTP metrics of
the frame every service is built on (read from a running app's /metrics).
"""

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from ilteo_common.app import create_service_app

ROOT = Path(__file__).resolve().parents[2]
OBSERVABILITY = ROOT / "deploy" / "observability"
# A metric name, but not a part of a recording rule's name (ilteo:...:rate5m).
METRIC_NAME = re.compile(r"(?<![\w:])((?:ilteo|http)_[a-z0-9_]+)(?![\w:])")
# A metric defined in code: the first argument of Counter(, Gauge(, Histogram(...,
# or of a collector's GaugeMetricFamily(, CounterMetricFamily(...
DEFINED = re.compile(
    r"""(?:Counter|Gauge|Histogram|Summary)(?:MetricFamily)?\(\s*["']([a-z0-9_]+)["']"""
)
HISTOGRAM_SERIES = ("_bucket", "_sum", "_count")


@cache
def exported() -> frozenset[str]:
    names = set()
    for source in ROOT.glob("services/*/src/**/*.py"):
        names |= set(DEFINED.findall(source.read_text()))

    # prometheus-fastapi-instrumentator's names, as the shared frame sets it up.
    app = create_service_app(title="probe", version="0", checks={})
    with TestClient(app) as client:
        client.get("/no-such-page")  # health and metrics are not counted
        metrics = client.get("/metrics").text
    names |= {
        line.split("{")[0].split(" ")[0]
        for line in metrics.splitlines()
        if line.startswith("http_")
    }
    return frozenset(names)


def is_exported(name: str) -> bool:
    if name in exported():
        return True
    base = next(
        (name.removesuffix(s) for s in HISTOGRAM_SERIES if name.endswith(s)), ""
    )
    return bool(base) and base in exported()


def dashboard() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (OBSERVABILITY / "grafana-dashboard.json").read_text()
    )
    return data


def dashboard_expressions() -> list[str]:
    return [
        target["expr"]
        for panel in dashboard()["panels"]
        for target in panel.get("targets", [])
    ]


def rules() -> list[dict[str, Any]]:
    document = yaml.safe_load((OBSERVABILITY / "prometheus-rules.yaml").read_text())
    return [rule for group in document["spec"]["groups"] for rule in group["rules"]]


def referenced(expressions: list[str]) -> set[str]:
    recorded = {rule["record"] for rule in rules() if "record" in rule}
    return {
        name
        for expr in expressions
        for name in METRIC_NAME.findall(expr)
        if name not in recorded
    }


class TestDashboard:
    def test_parses_with_unique_panel_ids(self) -> None:
        ids = [panel["id"] for panel in dashboard()["panels"]]

        assert len(ids) == len(set(ids))
        assert dashboard()["uid"] == "ilteo-platform"

    def test_every_metric_is_exported(self) -> None:
        names = referenced(dashboard_expressions())

        assert names, "the dashboard queries no metric"
        assert {name for name in names if not is_exported(name)} == set()

    @pytest.mark.parametrize(
        "metric",
        [
            "http_requests_total",
            "http_request_duration_seconds_bucket",
            "ilteo_indexer_consumer_lag",
            "ilteo_indexer_documents_indexed_total",
            "ilteo_indexer_dead_lettered_total",
            "ilteo_recommend_digests_sent_total",
        ],
    )
    def test_shows(self, metric: str) -> None:
        assert metric in referenced(dashboard_expressions())


class TestAlertRules:
    def test_every_metric_is_exported(self) -> None:
        names = referenced([str(rule["expr"]) for rule in rules()])

        assert {name for name in names if not is_exported(name)} == set()

    @pytest.mark.parametrize(
        "alert",
        ["IlteoIndexerLagHigh", "IlteoDeadLetters", "IlteoHighErrorRate"],
    )
    def test_alerts_on(self, alert: str) -> None:
        alerts = {rule["alert"]: rule for rule in rules() if "alert" in rule}

        assert alert in alerts
        assert alerts[alert]["annotations"]["runbook"].startswith("docs/runbook.md#")

    def test_runbook_sections_exist(self) -> None:
        runbook = (ROOT / "docs" / "runbook.md").read_text()
        anchors = {
            re.sub(r"[^a-z0-9 -]", "", heading.lower()).strip().replace(" ", "-")
            for heading in re.findall(r"^#+ (.+)$", runbook, re.M)
        }
        wanted = {
            rule["annotations"]["runbook"].split("#", 1)[1]
            for rule in rules()
            if "alert" in rule
        }

        assert wanted <= anchors
