"""How the service connects: the connection string and the session's settings."""

from psycopg.conninfo import make_conninfo

from ilteo_applications.settings import Settings

SCHEMA = "applications"
TIME_ZONE = "Asia/Seoul"


def connection_string(settings: Settings) -> str:
    return make_conninfo(
        settings.database_url,
        password=settings.database_password.get_secret_value(),
        connect_timeout=settings.connect_timeout_s,
        application_name="ilteo-applications",
        # Every object lives in the service's own schema; times come back in KST.
        options=(
            f"-c search_path={SCHEMA} -c TimeZone={TIME_ZONE} "
            f"-c statement_timeout={settings.statement_timeout_ms}"
        ),
    )
