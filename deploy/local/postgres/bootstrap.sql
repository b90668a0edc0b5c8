-- The database `ilteo` and the applications service's role, with the least it needs.
-- Run by a superuser with psql, idempotently: by `ilteo up` after every start of the
-- local PostgreSQL, and once by the postgres image's initdb hook in docker-compose.
-- The role's password comes from ILTEO_APPLICATIONS_DATABASE_PASSWORD.
\set ON_ERROR_STOP on
\getenv applications_password ILTEO_APPLICATIONS_DATABASE_PASSWORD
\if :{?applications_password}
\else
    DO $$ BEGIN RAISE EXCEPTION 'ILTEO_APPLICATIONS_DATABASE_PASSWORD is not set'; END $$;
\endif

SELECT 'CREATE DATABASE ilteo ENCODING ''UTF8'' LOCALE ''C.UTF-8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ilteo') \gexec

SELECT 'CREATE ROLE ilteo_applications LOGIN'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ilteo_applications') \gexec

-- May log in and own its schema; nothing else in the cluster.
ALTER ROLE ilteo_applications WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE
    NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD :'applications_password';

-- Only the roles granted CONNECT reach the platform's database.
REVOKE ALL ON DATABASE ilteo FROM PUBLIC;
GRANT CONNECT ON DATABASE ilteo TO ilteo_applications;
REVOKE CONNECT ON DATABASE postgres FROM PUBLIC;

\connect ilteo
REVOKE ALL ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA IF NOT EXISTS applications AUTHORIZATION ilteo_applications;
ALTER ROLE ilteo_applications IN DATABASE ilteo SET search_path = applications;
