#!/bin/sh
# The two roles of baove (README, Production), created once when the cluster is initialised:
# - baove, the database's owner (not a superuser): migrations run as it (DATABASE_OWNER_URL);
# - baove_app, the application role (owns nothing): the service runs as it (DATABASE_URL). The
#   migrations grant it what it needs, on later tables too, and never UPDATE/DELETE/TRUNCATE of audit_log.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="${BAOVE_OWNER_PASSWORD:-baove}" -v app_password="${BAOVE_APP_PASSWORD:-baove-app}" <<'SQL'
CREATE ROLE baove LOGIN PASSWORD :'owner_password';
CREATE ROLE baove_app LOGIN PASSWORD :'app_password';
CREATE DATABASE baove OWNER baove;
REVOKE ALL ON DATABASE baove FROM PUBLIC;
SQL
