"""The parts of the local stack: how each starts, and how to tell it is healthy."""

import secrets
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ilteo_stack import postgres_setup, probes
from ilteo_stack.java import Java
from ilteo_stack.settings import StackSettings


class Group(StrEnum):
    ENGINES = "engines"
    SERVICES = "services"
    DEMO = "demo"


@dataclass(frozen=True)
class Component:
    name: str
    group: Group
    command: str
    ports: tuple[int, ...]
    probe: Callable[[], None]
    """Returns when the part is healthy, raises with the reason otherwise."""
    directory: Path
    environment: dict[str, str] = field(default_factory=dict)
    jar_folder: Path | None = None
    needs_java: bool = False
    stop_wait_s: int = 20
    # Where the part writes its own log, if not to standard output.
    own_log: Path | None = None
    stop_signal: str = "TERM"
    # The OS user supervisord runs the part as; None keeps supervisord's own.
    user: str | None = None
    # Said by preflight when the part's program is missing.
    install_hint: str = "run `make setup`"


def _java_command(java: Java | None, *args: str | Path) -> str:
    executable = java.executable if java else Path("java")
    return shlex.join([str(executable), *map(str, args)])


def _unsafe_memory_access(java: Java | None) -> tuple[str, ...]:
    # Java 23+ warns on every start when a library frees buffers through
    # sun.misc.Unsafe, as Kafka's does; older JVMs refuse the flag itself.
    if java is not None and java.major >= 23:
        return ("--sun-misc-unsafe-memory-access=allow",)
    return ()


def _class_data_archive(java: Java | None, path: Path) -> tuple[str, ...]:
    if java is None or java.major < 19:
        return ()
    return (
        "-XX:+AutoCreateSharedArchive",
        f"-XX:SharedArchiveFile={path}",
        "-Xlog:cds*=off,aot*=off",
    )


def opensearch(settings: StackSettings, java: Java | None) -> Component:
    jars = settings.jars_dir / "opensearch"
    home = settings.data_dir / "opensearch"
    config = settings.deploy_dir / "opensearch" / "config"
    command = _java_command(
        java,
        f"-Xms{settings.opensearch_heap}",
        f"-Xmx{settings.opensearch_heap}",
        "-XX:+UseG1GC",
        "-XX:+ExitOnOutOfMemoryError",
        "-Djava.awt.headless=true",
        "-Dfile.encoding=UTF-8",
        # Lucene's vectorised scoring (k-NN, BM25) needs the incubating module.
        "--add-modules=jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED",
        *_unsafe_memory_access(java),
        # A class-data archive made on the first start halves later starts.
        *_class_data_archive(java, settings.run_dir / "opensearch-jvm.jsa"),
        # The node closes its own logging; log4j's hook would cut the last lines.
        "-Dlog4j.shutdownHookEnabled=false",
        "-Dlog4j2.disable.jmx=true",
        "-cp",
        f"{jars}/*",
        "org.codelibs.opensearch.runner.OpenSearchRunner",
        "-basePath",
        home,
        "-confPath",
        config,
        "-dataPath",
        home / "data",
        "-logsPath",
        settings.logs_dir / "opensearch",
        "-numOfNode",
        "1",
        "-baseHttpPort",
        str(settings.opensearch_port - 1),
        "-clusterName",
        "ilteo-local",
        "-pluginTypes",
        ",".join(OPENSEARCH_PLUGINS),
    )
    return Component(
        name="opensearch",
        group=Group.ENGINES,
        command=command,
        ports=(settings.opensearch_port,),
        probe=lambda: probes.opensearch(settings.opensearch_url),
        directory=settings.root,
        jar_folder=jars,
        needs_java=True,
        stop_wait_s=60,
        own_log=settings.logs_dir / "opensearch" / "opensearch.log",
    )


OPENSEARCH_PLUGINS = (
    "org.opensearch.plugin.analysis.nori.AnalysisNoriPlugin",
    "org.opensearch.knn.plugin.KNNPlugin",
)


def kafka(settings: StackSettings, java: Java | None) -> Component:
    jars = settings.jars_dir / "kafka"
    command = _java_command(
        java,
        f"-Xms{settings.kafka_heap}",
        f"-Xmx{settings.kafka_heap}",
        "-XX:+UseG1GC",
        "-XX:ActiveProcessorCount=2",
        "-Djava.awt.headless=true",
        # Kafka stops its own logging; log4j's hook would race it and lose lines.
        "-Dlog4j2.shutdownHookEnabled=false",
        *_unsafe_memory_access(java),
        f"-Dkafka.logs.dir={settings.logs_dir / 'kafka'}",
        f"-Dlog4j2.configurationFile={settings.deploy_dir / 'kafka' / 'log4j2.yaml'}",
        "-cp",
        f"{jars}/*",
        "kafka.Kafka",
        settings.run_dir / "kafka" / "server.properties",
    )
    return Component(
        name="kafka",
        group=Group.ENGINES,
        command=command,
        ports=(settings.kafka_port, settings.kafka_controller_port),
        probe=lambda: probes.kafka(settings.kafka_bootstrap),
        directory=settings.root,
        jar_folder=jars,
        needs_java=True,
        stop_wait_s=60,
        own_log=settings.logs_dir / "kafka" / "server.log",
    )


def redis(settings: StackSettings) -> Component:
    command = shlex.join(
        [
            "redis-server",
            str(settings.deploy_dir / "redis" / "redis.conf"),
            "--port",
            str(settings.redis_port),
            "--dir",
            str(settings.data_dir / "redis"),
        ]
    )
    return Component(
        name="redis",
        group=Group.ENGINES,
        command=command,
        ports=(settings.redis_port,),
        probe=lambda: probes.redis(settings.redis_url(0)),
        directory=settings.root,
    )


def postgres(settings: StackSettings) -> Component:
    bin_dir = postgres_setup.find_bin_dir(settings)
    server = bin_dir / "postgres" if bin_dir else Path("postgres")
    command = shlex.join(
        [
            str(server),
            "-D",
            str(postgres_setup.data_dir(settings)),
            "-c",
            f"listen_addresses={settings.postgres_host}",
            "-c",
            f"port={settings.postgres_port}",
            "-c",
            f"unix_socket_directories={postgres_setup.socket_dir(settings)}",
        ]
    )
    pg_isready = (bin_dir or Path()) / "pg_isready"
    return Component(
        name="postgres",
        group=Group.ENGINES,
        command=command,
        ports=(settings.postgres_port,),
        probe=lambda: probes.postgres(
            pg_isready, host=settings.postgres_host, port=settings.postgres_port
        ),
        directory=settings.root,
        # SIGINT is PostgreSQL's fast shutdown: it ends client sessions instead of
        # waiting for every pooled connection to close (SIGTERM's smart shutdown).
        stop_signal="INT",
        stop_wait_s=60,
        user=postgres_setup.os_user(),
        install_hint=(
            "PostgreSQL's server programs (postgres, initdb, pg_isready, psql) are "
            f"not under {postgres_setup.DEBIAN_ROOT}/<version>/bin; run `make "
            "setup`, which installs the Debian package postgresql, or point "
            "ILTEO_POSTGRES_BIN_DIR at them"
        ),
    )


def applications_database_url(settings: StackSettings) -> str:
    return (
        f"postgresql://{postgres_setup.APPLICATIONS_ROLE}@{settings.postgres_host}:"
        f"{settings.postgres_port}/{postgres_setup.DATABASE}"
    )


def _service(
    settings: StackSettings,
    *,
    name: str,
    script: str,
    port: int,
    environment: dict[str, str],
    prefix: str | None = None,
    port_setting: str = "PORT",
    host_setting: str = "HOST",
) -> Component:
    prefix = prefix or f"ILTEO_{name.upper()}_"
    env = {f"{prefix}{port_setting}": str(port), f"{prefix}{host_setting}": "127.0.0.1"}
    env |= {f"{prefix}{key}": value for key, value in environment.items()}
    bin_dir = settings.root / ".venv" / "bin"
    return Component(
        name=name,
        group=Group.SERVICES,
        command=str(bin_dir / script),
        ports=(port,),
        probe=lambda: probes.http_ok(f"{settings.service_url(port)}/readyz"),
        directory=settings.root,
        environment=env,
    )


def services(settings: StackSettings) -> list[Component]:
    return [
        _service(
            settings,
            name="search",
            script="ilteo-search-api",
            port=settings.search_port,
            environment={"OPENSEARCH_URL": settings.opensearch_url},
        ),
        # The indexer is the search domain's second process: same settings prefix,
        # its own port for health and metrics.
        _service(
            settings,
            name="indexer",
            script="ilteo-indexer",
            port=settings.indexer_port,
            prefix="ILTEO_SEARCH_",
            port_setting="INDEXER_PORT",
            host_setting="INDEXER_HOST",
            environment={
                "OPENSEARCH_URL": settings.opensearch_url,
                "KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap,
            },
        ),
        _service(
            settings,
            name="recommend",
            script="ilteo-recommend-api",
            port=settings.recommend_port,
            environment={
                "OPENSEARCH_URL": settings.opensearch_url,
                # Profiles, their vectors and feedback: durable keys, no TTL.
                "REDIS_URL": settings.redis_url(0),
                "SERVICE_TOKEN": local_secret(settings, "recommend-service-token"),
                # Signs the confirmation and unsubscribe links in digest e-mails.
                "LINK_SECRET": local_secret(settings, "recommend-link-secret"),
                "PUBLIC_BASE_URL": settings.public_url,
            },
        ),
        _service(
            settings,
            name="ingest",
            script="ilteo-ingest-api",
            port=settings.ingest_port,
            environment={
                "KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap,
                "REDIS_URL": settings.redis_url(2),
                "SERVICE_TOKEN": local_secret(settings, "ingest-service-token"),
            },
        ),
        _service(
            settings,
            name="gateway",
            script="ilteo-gateway",
            port=settings.gateway_port,
            environment={
                "SECRET_KEY": local_secret(settings, "gateway-secret-key"),
                "REDIS_URL": settings.redis_url(1),
                "SEARCH_URL": settings.service_url(settings.search_port),
                "RECOMMEND_URL": settings.service_url(settings.recommend_port),
                "RECOMMEND_SERVICE_TOKEN": local_secret(
                    settings, "recommend-service-token"
                ),
                "INGEST_URL": settings.service_url(settings.ingest_port),
                "INGEST_SERVICE_TOKEN": local_secret(settings, "ingest-service-token"),
                "APPLICATIONS_URL": settings.service_url(settings.applications_port),
                "APPLICATIONS_SERVICE_TOKEN": local_secret(
                    settings, "applications-service-token"
                ),
            },
        ),
        _service(
            settings,
            name="applications",
            script="ilteo-applications-api",
            port=settings.applications_port,
            environment={
                "DATABASE_URL": applications_database_url(settings),
                "DATABASE_PASSWORD": local_secret(
                    settings, "applications-database-password"
                ),
                "SERVICE_TOKEN": local_secret(settings, "applications-service-token"),
            },
        ),
    ]


def local_secret(settings: StackSettings, name: str) -> str:
    """A random secret made on this machine's first start and kept under .local/."""
    path = settings.run_dir / "secrets" / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def demo_source(settings: StackSettings) -> Component:
    """The bundled site that serves generated Incheon data in the sources' formats."""
    bin_dir = settings.root / ".venv" / "bin"
    command = shlex.join(
        [
            str(bin_dir / "ilteo-demo-source"),
            "--host",
            "127.0.0.1",
            "--port",
            str(settings.demo_port),
            "--seed",
            str(settings.demo_seed),
            "--jobs",
            str(settings.demo_jobs),
        ]
    )
    return Component(
        name="demo-source",
        group=Group.DEMO,
        command=command,
        ports=(settings.demo_port,),
        probe=lambda: probes.http_ok(f"{settings.demo_url}/_demo/stats"),
        directory=settings.root,
    )


def all_components(settings: StackSettings, java: Java | None) -> list[Component]:
    return [
        opensearch(settings, java),
        kafka(settings, java),
        redis(settings),
        postgres(settings),
        *services(settings),
        demo_source(settings),
    ]
