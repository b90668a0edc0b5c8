#!/usr/bin/env bash
# The postgres image runs this once, on an empty data volume: the same bootstrap SQL
# as the local stack, with the role's password from ILTEO_APPLICATIONS_DATABASE_PASSWORD.
set -euo pipefail
psql --no-psqlrc --username "$POSTGRES_USER" --dbname postgres \
    --file /etc/ilteo/postgres/bootstrap.sql
