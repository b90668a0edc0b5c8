"""Kafka's first start (formatting the KRaft storage) and the platform's topics."""

import base64
import string
import subprocess
import uuid

import structlog

from ilteo_common.kafka_admin import ensure_topics
from ilteo_stack.java import Java
from ilteo_stack.settings import StackSettings

STORAGE_TOOL = "kafka.tools.StorageTool"

log = structlog.get_logger(__name__)


def _cluster_id() -> str:
    # Kafka's Uuid text form: 16 random bytes, URL-safe base64 without padding.
    return base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()


def write_server_properties(settings: StackSettings) -> None:
    template = (
        settings.deploy_dir / "kafka" / "server.properties.template"
    ).read_text()
    text = string.Template(template).substitute(
        KAFKA_PORT=settings.kafka_port,
        KAFKA_CONTROLLER_PORT=settings.kafka_controller_port,
        DATA_DIR=settings.data_dir / "kafka",
    )
    target = settings.run_dir / "kafka" / "server.properties"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)


def format_storage_once(settings: StackSettings, java: Java) -> bool:
    """Format the log directory on the first start; True when it formatted."""
    data_dir = settings.data_dir / "kafka"
    if (data_dir / "meta.properties").exists():
        return False
    data_dir.mkdir(parents=True, exist_ok=True)
    log_config = settings.deploy_dir / "kafka" / "log4j2.yaml"
    result = subprocess.run(
        [
            str(java.executable),
            "-cp",
            f"{settings.jars_dir / 'kafka'}/*",
            f"-Dlog4j2.configurationFile={log_config}",
            f"-Dkafka.logs.dir={settings.logs_dir / 'kafka'}",
            STORAGE_TOOL,
            "format",
            # With "=": a generated id may start with "-" and read as an option.
            f"--cluster-id={_cluster_id()}",
            "--config",
            str(settings.run_dir / "kafka" / "server.properties"),
            "--standalone",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            "formatting Kafka's storage failed: "
            + (result.stderr or result.stdout).strip()[-800:]
        )
    log.info("kafka.storage_formatted", data_dir=str(data_dir))
    return True


def create_topics(settings: StackSettings) -> list[str]:
    """Create the platform's topics that do not exist yet; returns their names."""
    return ensure_topics(settings.kafka_bootstrap)
