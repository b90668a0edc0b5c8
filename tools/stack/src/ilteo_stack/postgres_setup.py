"""The local PostgreSQL: finding Debian's programs, initdb once, roles and database.

PostgreSQL refuses to run as root. When the stack runs as root, the cluster's files
belong to the ``postgres`` OS user that the Debian package creates, and every program
of the server runs as that user.
"""

import os
import pwd
import re
import shutil
import subprocess
from pathlib import Path

from ilteo_stack.settings import StackSettings

DEBIAN_ROOT = Path("/usr/lib/postgresql")
OS_USER = "postgres"
SUPERUSER = "postgres"
APPLICATIONS_ROLE = "ilteo_applications"
DATABASE = "ilteo"
SERVER_PROGRAMS = ("postgres", "initdb", "pg_isready", "psql")
SETUP_TIMEOUT_S = 120


class PostgresSetupError(RuntimeError):
    """initdb or the bootstrap SQL failed; the message holds their output."""


def find_bin_dir(settings: StackSettings) -> Path | None:
    """``ILTEO_POSTGRES_BIN_DIR``, else the newest ``/usr/lib/postgresql/*/bin``."""
    if settings.postgres_bin_dir is not None:
        return settings.postgres_bin_dir
    found = [
        path.parent
        for path in DEBIAN_ROOT.glob("*/bin/postgres")
        if re.fullmatch(r"\d+", path.parent.parent.name)
    ]
    if not found:
        return None
    return max(found, key=lambda path: int(path.parent.name))


def missing_programs(bin_dir: Path | None) -> list[str]:
    if bin_dir is None:
        return list(SERVER_PROGRAMS)
    return [name for name in SERVER_PROGRAMS if not (bin_dir / name).is_file()]


def runs_as_root() -> bool:
    return os.geteuid() == 0


def os_user() -> str | None:
    """The OS user the server runs as: ``postgres`` under root, else the caller."""
    return OS_USER if runs_as_root() else None


def os_user_exists() -> bool:
    try:
        pwd.getpwnam(OS_USER)
    except KeyError:
        return False
    return True


def data_dir(settings: StackSettings) -> Path:
    return settings.data_dir / "postgres"


def socket_dir(settings: StackSettings) -> Path:
    return settings.run_dir / "postgres"


def _owned_folder(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    if runs_as_root():
        shutil.chown(path, OS_USER, OS_USER)
    path.chmod(0o700)


def _as_owner(args: list[str]) -> list[str]:
    if not runs_as_root():
        return args
    return [
        "setpriv",
        f"--reuid={OS_USER}",
        f"--regid={OS_USER}",
        "--init-groups",
        *args,
    ]


def _run(args: list[str], *, what: str, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(
        args,
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=SETUP_TIMEOUT_S,
    )
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        raise PostgresSetupError(f"{what} failed:\n{output}")


def prepare(settings: StackSettings, *, bin_dir: Path, superuser_password: str) -> None:
    """Folders for the server, and a new cluster when there is none yet."""
    _owned_folder(socket_dir(settings))
    data = data_dir(settings)
    if (data / "PG_VERSION").is_file():
        return
    _owned_folder(data)

    # initdb reads the superuser's password from a file the server's user can read.
    password_file = socket_dir(settings) / "initdb-password"
    password_file.write_text(superuser_password + "\n")
    password_file.chmod(0o600)
    if runs_as_root():
        shutil.chown(password_file, OS_USER, OS_USER)
    try:
        _run(
            _as_owner(
                [
                    str(bin_dir / "initdb"),
                    f"--pgdata={data}",
                    f"--username={SUPERUSER}",
                    f"--pwfile={password_file}",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                    "--auth-local=scram-sha-256",
                    "--auth-host=scram-sha-256",
                ]
            ),
            what=f"initdb of {data}",
        )
    finally:
        password_file.unlink(missing_ok=True)


def bootstrap(
    settings: StackSettings,
    *,
    bin_dir: Path,
    superuser_password: str,
    applications_password: str,
) -> None:
    """Create the database and the applications role, or bring them up to date."""
    script = settings.deploy_dir / "postgres" / "bootstrap.sql"
    env = os.environ | {
        "PGPASSWORD": superuser_password,
        "ILTEO_APPLICATIONS_DATABASE_PASSWORD": applications_password,
    }
    _run(
        [
            str(bin_dir / "psql"),
            "--no-psqlrc",
            "--quiet",
            f"--host={settings.postgres_host}",
            f"--port={settings.postgres_port}",
            f"--username={SUPERUSER}",
            "--dbname=postgres",
            f"--file={script}",
        ],
        what=f"the bootstrap SQL {script}",
        env=env,
    )
