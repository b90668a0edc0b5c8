"""The local PostgreSQL: preflight names missing programs, and the cluster is set
up as the applications service needs it (its role reaches only its own schema)."""

import os
import subprocess
from pathlib import Path

import pytest

from ilteo_stack import postgres_setup, preflight
from ilteo_stack.components import all_components, local_secret
from ilteo_stack.settings import StackSettings
from ilteo_stack.stack import Stack
from tests.conftest import free_port


class TestPostgresPreflight:
    def test_missing_programs_are_said_plainly(self, tmp_path: Path) -> None:
        settings = StackSettings(
            local_dir=tmp_path / "local",
            postgres_port=free_port(),
            postgres_bin_dir=tmp_path / "no-postgres",
        )
        components = [c for c in all_components(settings, None) if c.name == "postgres"]

        problems = preflight.check(settings, components, java=None, running=set())

        assert [p.part for p in problems] == ["postgres"]
        assert "make setup" in problems[0].message
        assert "Debian package postgresql" in problems[0].message

    def test_the_installed_programs_are_found(self) -> None:
        bin_dir = postgres_setup.find_bin_dir(StackSettings())

        assert postgres_setup.missing_programs(bin_dir) == []


def psql_as_applications(stack: Stack, database: str, command: str) -> str:
    settings = stack.settings
    bin_dir = postgres_setup.find_bin_dir(settings)
    assert bin_dir is not None
    password = local_secret(settings, "applications-database-password")
    result = subprocess.run(
        [
            str(bin_dir / "psql"),
            "--no-psqlrc",
            "--tuples-only",
            "--no-align",
            f"--host={settings.postgres_host}",
            f"--port={settings.postgres_port}",
            f"--username={postgres_setup.APPLICATIONS_ROLE}",
            f"--dbname={database}",
            f"--command={command}",
        ],
        env=os.environ | {"PGPASSWORD": password},
        capture_output=True,
        text=True,
        check=False,
    )
    return (result.stdout + result.stderr).strip()


class TestPostgresCluster:
    def test_utf8_and_loopback_only(self, stack: Stack) -> None:
        answer = psql_as_applications(
            stack,
            "ilteo",
            "SELECT current_setting('server_encoding'), "
            "current_setting('lc_collate'), current_setting('listen_addresses')",
        )

        assert answer == "UTF8|C.UTF-8|127.0.0.1"

    def test_the_role_has_its_schema_and_nothing_more(self, stack: Stack) -> None:
        answer = psql_as_applications(
            stack,
            "ilteo",
            "SELECT rolsuper, rolcreatedb, rolcreaterole, current_schema()"
            " FROM pg_roles WHERE rolname = current_user",
        )
        in_public = psql_as_applications(
            stack, "ilteo", "CREATE TABLE public.x (i int)"
        )
        other_database = psql_as_applications(stack, "postgres", "SELECT 1")

        assert answer == "f|f|f|applications"
        assert "permission denied" in in_public
        assert "permission denied" in other_database

    @pytest.mark.parametrize("folder", ["data", "run"])
    def test_files_belong_to_the_server_user(self, stack: Stack, folder: str) -> None:
        path = (
            postgres_setup.data_dir(stack.settings)
            if folder == "data"
            else postgres_setup.socket_dir(stack.settings)
        )

        if postgres_setup.runs_as_root():
            assert path.owner() == postgres_setup.OS_USER
        assert oct(path.stat().st_mode & 0o777) == oct(0o700)
