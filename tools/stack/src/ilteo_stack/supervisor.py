"""Driving supervisord: writing its configuration, starting it, and asking it things.

supervisord keeps the processes; this module talks to it over its UNIX socket with
the XML-RPC interface that supervisorctl itself uses.
"""

import contextlib
import subprocess
import sys
import time
import xmlrpc.client
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from supervisor.xmlrpc import SupervisorTransport

from ilteo_stack.components import Component
from ilteo_stack.settings import StackSettings

SOCKET_WAIT_S = 15.0


class SupervisorError(RuntimeError):
    pass


def config_path(settings: StackSettings) -> Path:
    return settings.run_dir / "supervisord.conf"


def write_config(settings: StackSettings, components: list[Component]) -> Path:
    env = Environment(
        loader=PackageLoader("ilteo_stack"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    text = env.get_template("supervisord.conf.j2").render(
        run_dir=settings.run_dir, logs_dir=settings.logs_dir, components=components
    )
    path = config_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    # It holds the services' environment, secrets included.
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text(text)
    return path


class Supervisor:
    def __init__(self, settings: StackSettings) -> None:
        self._settings = settings
        self._socket = settings.run_dir / "supervisor.sock"

    @contextmanager
    def _rpc(self) -> Iterator[Any]:
        transport = SupervisorTransport(None, None, f"unix://{self._socket}")
        # The host part is ignored when the transport is a UNIX socket.
        proxy = xmlrpc.client.ServerProxy("http://127.0.0.1", transport=transport)
        try:
            yield proxy.supervisor
        finally:
            transport.close()

    def _call(self, method: str, *args: Any) -> Any:
        with self._rpc() as rpc:
            return getattr(rpc, method)(*args)

    def running(self) -> bool:
        if not self._socket.exists():
            return False
        try:
            return self._call("getState")["statename"] == "RUNNING"
        except (OSError, xmlrpc.client.Fault):
            return False

    def ensure_running(self) -> None:
        """Start supervisord, or make a running one re-read the configuration."""
        if self.running():
            added, changed, removed = self._call("reloadConfig")[0]
            for name in removed + changed:
                self._stop_quietly(name)
                self._call("removeProcessGroup", name)
            for name in changed + added:
                self._call("addProcessGroup", name)
            return
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "supervisor.supervisord",
                "-c",
                str(config_path(self._settings)),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            message = (result.stderr or result.stdout).strip().splitlines()
            raise SupervisorError(
                "supervisord refused to start: " + (message[0] if message else "")
            )
        deadline = time.monotonic() + SOCKET_WAIT_S
        while not self.running():
            if time.monotonic() > deadline:
                raise SupervisorError(
                    "supervisord did not start; see "
                    f"{self._settings.logs_dir / 'supervisord.log'}"
                )
            time.sleep(0.2)

    def _stop_quietly(self, name: str) -> None:
        with contextlib.suppress(xmlrpc.client.Fault):
            self._call("stopProcess", name, True)

    def start(self, name: str) -> None:
        try:
            self._call("startProcess", name, True)
        except xmlrpc.client.Fault as fault:
            if "ALREADY_STARTED" not in fault.faultString:
                raise SupervisorError(self._explain(name, fault)) from fault

    def stop(self, name: str) -> None:
        try:
            self._call("stopProcess", name, True)
        except xmlrpc.client.Fault as fault:
            if "NOT_RUNNING" not in fault.faultString:
                raise SupervisorError(self._explain(name, fault)) from fault

    def info(self, name: str) -> dict[str, Any]:
        return dict(self._call("getProcessInfo", name))

    def all_info(self) -> list[dict[str, Any]]:
        return [dict(info) for info in self._call("getAllProcessInfo")]

    def shutdown(self) -> None:
        self._call("shutdown")
        deadline = time.monotonic() + SOCKET_WAIT_S
        while self._socket.exists() and time.monotonic() < deadline:
            time.sleep(0.2)

    def _explain(self, name: str, fault: xmlrpc.client.Fault) -> str:
        log = self._settings.logs_dir / f"{name}.log"
        return f"{name} could not be started ({fault.faultString}); see {log}"
