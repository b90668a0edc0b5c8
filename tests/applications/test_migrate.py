"""``ilteo-applications-migrate`` and the bundled migration files."""

import os
import subprocess

from ilteo_applications.migrate import FILE_NAME, bundled_migrations
from tests.applications.conftest import PREFIX
from tests.conftest import ROOT


class TestMigrateCommand:
    def test_running_it_again_applies_nothing_and_succeeds(
        self, applications_env: dict[str, str]
    ) -> None:
        env = os.environ | {f"{PREFIX}{k}": v for k, v in applications_env.items()}
        env[f"{PREFIX}ENVIRONMENT"] = "test"

        runs = [
            subprocess.run(
                [str(ROOT / ".venv" / "bin" / "ilteo-applications-migrate")],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            for _ in range(2)
        ]

        assert [run.returncode for run in runs] == [0, 0], runs[-1].stdout
        assert "applied=[]" in runs[-1].stdout

    def test_a_wrong_password_fails_plainly(
        self, applications_env: dict[str, str]
    ) -> None:
        env = os.environ | {f"{PREFIX}{k}": v for k, v in applications_env.items()}
        env[f"{PREFIX}DATABASE_PASSWORD"] = "not-the-password"

        run = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "ilteo-applications-migrate")],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

        assert run.returncode == 1
        assert "migrations.failed" in run.stdout
        assert "password authentication failed" in run.stdout


class TestBundledMigrations:
    def test_versions_are_consecutive_from_one(self) -> None:
        versions = [migration.version for migration in bundled_migrations()]

        assert versions == list(range(1, len(versions) + 1))

    def test_file_names_follow_the_pattern(self) -> None:
        folder = ROOT / "services/applications/src/ilteo_applications/migrations"
        sql_files = [path.name for path in folder.glob("*.sql")]

        assert sql_files
        assert all(FILE_NAME.fullmatch(name) for name in sql_files)
