"""Bringing the stack up in order, waiting for health, and taking it down."""

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ilteo_stack import kafka_setup, postgres_setup, preflight
from ilteo_stack.components import Component, Group, all_components, local_secret
from ilteo_stack.java import Java, find_java
from ilteo_stack.settings import StackSettings
from ilteo_stack.supervisor import Supervisor, write_config

FAILED_STATES = {"FATAL", "EXITED", "BACKOFF", "UNKNOWN"}
# The name of the local secret holding PostgreSQL's superuser password.
POSTGRES_SUPERUSER = "postgres-superuser-password"


class StackError(RuntimeError):
    """Something prevents the stack from running; the message says what."""


@dataclass(frozen=True)
class Started:
    name: str
    seconds: float


@dataclass(frozen=True)
class PartStatus:
    name: str
    group: Group
    state: str
    pid: int | None
    healthy: bool
    detail: str
    uptime_s: float | None


class Stack:
    def __init__(self, settings: StackSettings | None = None) -> None:
        self.settings = settings or StackSettings()
        preferred = self.settings.java_home or _env_path("JAVA_HOME")
        self.java: Java | None = find_java(preferred)
        self.components = all_components(self.settings, self.java)
        self.supervisor = Supervisor(self.settings)

    def component(self, name: str) -> Component:
        for component in self.components:
            if component.name == name:
                return component
        known = ", ".join(c.name for c in self.components)
        raise StackError(f"no part named {name!r}; the parts are: {known}")

    def select(self, groups: Iterable[Group]) -> list[Component]:
        wanted = set(groups)
        return [c for c in self.components if c.group in wanted]

    def _running_names(self) -> set[str]:
        if not self.supervisor.running():
            return set()
        return {
            info["name"]
            for info in self.supervisor.all_info()
            if info["statename"] in {"RUNNING", "STARTING"}
        }

    def up(
        self,
        groups: Iterable[Group] = (Group.ENGINES, Group.SERVICES),
        *,
        on_started: Callable[[Started], None] = lambda _s: None,
    ) -> list[Started]:
        chosen = self.select(groups)
        running = self._running_names()
        problems = preflight.check(
            self.settings, chosen, java=self.java, running=running
        )
        if problems:
            raise StackError(
                "cannot start:\n"
                + "\n".join(f"  - {p.part}: {p.message}" for p in problems)
            )

        self._prepare_folders()
        write_config(self.settings, self.components)
        self.supervisor.ensure_running()

        started = []
        for component in chosen:
            began = time.monotonic()
            self._prepare(component)
            self.supervisor.start(component.name)
            self._wait_healthy(component)
            if component.name == "kafka":
                kafka_setup.create_topics(self.settings)
            if component.name == "postgres":
                self._bootstrap_postgres()
            result = Started(component.name, time.monotonic() - began)
            on_started(result)
            started.append(result)
        return started

    def _prepare_folders(self) -> None:
        for folder in (
            self.settings.data_dir / "opensearch",
            self.settings.data_dir / "kafka",
            self.settings.data_dir / "redis",
            self.settings.logs_dir,
            self.settings.run_dir,
        ):
            folder.mkdir(parents=True, exist_ok=True)

    def _prepare(self, component: Component) -> None:
        if component.name == "kafka":
            assert self.java is not None  # preflight refused to go on without it
            kafka_setup.write_server_properties(self.settings)
            kafka_setup.format_storage_once(self.settings, self.java)
        if component.name == "postgres":
            postgres_setup.prepare(
                self.settings,
                bin_dir=self._postgres_bin_dir(),
                superuser_password=local_secret(self.settings, POSTGRES_SUPERUSER),
            )

    def _postgres_bin_dir(self) -> Path:
        bin_dir = postgres_setup.find_bin_dir(self.settings)
        assert bin_dir is not None  # preflight refused to go on without it
        return bin_dir

    def _bootstrap_postgres(self) -> None:
        postgres_setup.bootstrap(
            self.settings,
            bin_dir=self._postgres_bin_dir(),
            superuser_password=local_secret(self.settings, POSTGRES_SUPERUSER),
            applications_password=local_secret(
                self.settings, "applications-database-password"
            ),
        )

    def _wait_healthy(self, component: Component) -> None:
        deadline = time.monotonic() + self.settings.start_timeout_s
        reason = "not checked yet"
        while time.monotonic() < deadline:
            state = self.supervisor.info(component.name)["statename"]
            if state in FAILED_STATES:
                raise StackError(
                    f"{component.name} stopped while starting ({state}).\n"
                    + self._log_tail(component.name)
                )
            try:
                component.probe()
            except Exception as exc:  # any probe failure means "not yet"
                reason = f"{type(exc).__name__}: {exc}"
                time.sleep(0.5)
                continue
            return
        raise StackError(
            f"{component.name} did not become healthy within "
            f"{self.settings.start_timeout_s:.0f} s ({reason}).\n"
            + self._log_tail(component.name)
        )

    def log_files(self, name: str) -> list[Path]:
        """The part's own log (if it keeps one) and what it printed."""
        component = self.component(name)
        printed = self.settings.logs_dir / f"{name}.log"
        return [p for p in (component.own_log, printed) if p is not None]

    def _log_tail(self, name: str, lines: int = 15) -> str:
        tails = []
        for path in self.log_files(name):
            if path.exists() and path.stat().st_size:
                text = path.read_text(errors="replace").splitlines()[-lines:]
                tails.append(
                    f"last lines of {path}:\n" + "\n".join(f"    {t}" for t in text)
                )
        return "\n".join(tails) or f"(nothing logged yet in {self.settings.logs_dir})"

    def stop(self, name: str) -> None:
        self.component(name)
        if self.supervisor.running():
            self.supervisor.stop(name)

    def start(self, name: str) -> Started:
        component = self.component(name)
        if not self.supervisor.running():
            raise StackError("the stack is not running; start it with `ilteo up`")
        began = time.monotonic()
        self._prepare(component)
        self.supervisor.start(name)
        self._wait_healthy(component)
        return Started(name, time.monotonic() - began)

    def down(self) -> None:
        if not self.supervisor.running():
            return
        # Services first, so that none of them logs the engines going away.
        for component in reversed(self.components):
            self.supervisor.stop(component.name)
        self.supervisor.shutdown()

    def status(self) -> list[PartStatus]:
        infos = (
            {info["name"]: info for info in self.supervisor.all_info()}
            if self.supervisor.running()
            else {}
        )
        result = []
        for component in self.components:
            info = infos.get(component.name)
            state = info["statename"] if info else "STOPPED"
            healthy, detail = False, ""
            if state == "RUNNING":
                try:
                    component.probe()
                    healthy = True
                except Exception as exc:  # reported, not raised
                    detail = f"{type(exc).__name__}: {exc}"[:200]
            uptime = (
                float(info["now"] - info["start"])
                if info and state == "RUNNING"
                else None
            )
            result.append(
                PartStatus(
                    name=component.name,
                    group=component.group,
                    state=state,
                    pid=info["pid"] if info and info["pid"] else None,
                    healthy=healthy,
                    detail=detail,
                    uptime_s=uptime,
                )
            )
        return result


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value) if value else None
