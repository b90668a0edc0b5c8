"""Checks made before anything starts, each turned into a plain sentence."""

import shutil
import socket
from dataclasses import dataclass

import psutil

from ilteo_stack import postgres_setup
from ilteo_stack.components import Component
from ilteo_stack.java import REQUIRED_MAJOR, Java
from ilteo_stack.settings import StackSettings

MIN_FREE_DISK_BYTES = 2 * 1024**3


@dataclass(frozen=True)
class Problem:
    part: str
    message: str


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def who_listens(port: int) -> str:
    try:
        for conn in psutil.net_connections(kind="tcp"):
            if conn.laddr and conn.laddr.port == port and conn.status == "LISTEN":
                if conn.pid is None:
                    return "another process"
                process = psutil.Process(conn.pid)
                return f"{process.name()} (pid {conn.pid})"
    except (psutil.Error, OSError):
        pass
    return "another process"


def check(
    settings: StackSettings,
    components: list[Component],
    *,
    java: Java | None,
    running: set[str],
) -> list[Problem]:
    problems: list[Problem] = []
    settings.home.mkdir(parents=True, exist_ok=True)

    free = shutil.disk_usage(settings.home).free
    if free < MIN_FREE_DISK_BYTES:
        problems.append(
            Problem(
                "disk",
                f"only {free / 1024**3:.1f} GiB free under {settings.home}; "
                f"the engines need at least {MIN_FREE_DISK_BYTES / 1024**3:.0f} GiB",
            )
        )

    if java is None and any(c.needs_java for c in components):
        problems.append(
            Problem(
                "java",
                f"no Java {REQUIRED_MAJOR} or newer found (OpenSearch 3 needs it); "
                "install a JDK under /usr/lib/jvm or set ILTEO_JAVA_HOME",
            )
        )

    if any(c.name == "postgres" for c in components):
        problems += _postgres_problems(settings)

    for component in components:
        problems += _component_problems(component, running=running)
    return problems


def _postgres_problems(settings: StackSettings) -> list[Problem]:
    problems = []
    bin_dir = postgres_setup.find_bin_dir(settings)
    missing = postgres_setup.missing_programs(bin_dir)
    # A missing server is said once, by the component check with its hint.
    if missing and "postgres" not in missing:
        problems.append(
            Problem(
                "postgres",
                f"{', '.join(missing)} missing from {bin_dir}; run `make setup`, "
                "which installs the Debian package postgresql",
            )
        )
    if postgres_setup.runs_as_root() and not postgres_setup.os_user_exists():
        problems.append(
            Problem(
                "postgres",
                "PostgreSQL refuses to run as root and there is no `postgres` OS "
                "user to run it as; run `make setup` (the Debian package creates it)",
            )
        )
    return problems


def _component_problems(component: Component, *, running: set[str]) -> list[Problem]:
    problems = []
    jars = component.jar_folder
    if jars is not None and not any(jars.glob("*.jar")):
        problems.append(
            Problem(
                component.name,
                f"its jars are missing from {jars}; run `make setup` to fetch them "
                "from Maven Central",
            )
        )
    executable = component.command.split()[0]
    if shutil.which(executable) is None:
        problems.append(
            Problem(
                component.name,
                f"`{executable}` is not installed; {component.install_hint}",
            )
        )
    if component.name not in running:
        for port in component.ports:
            if not port_is_free(port):
                problems.append(
                    Problem(
                        component.name,
                        f"port {port} is taken by {who_listens(port)}; stop it or "
                        "choose another port (see Ports in the README)",
                    )
                )
    return problems
