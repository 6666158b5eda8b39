#!/bin/bash
# Runs once, when the postgres container initialises an empty volume: one role per service,
# each owning only its own schema in the keyward database (ARCHITECTURE.md: a service never
# reads another service's tables).
set -euo pipefail
for service in gateway challenge ca admin; do
	var="KEYWARD_${service^^}_DB_PASSWORD"
	password="${!var:?$var must be set}"
	psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<-SQL
		CREATE ROLE keyward_${service} LOGIN PASSWORD '${password//\'/\'\'}';
		CREATE SCHEMA ${service} AUTHORIZATION keyward_${service};
		GRANT CONNECT ON DATABASE ${POSTGRES_DB} TO keyward_${service};
	SQL
done
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
	-c "REVOKE ALL ON SCHEMA public FROM PUBLIC; REVOKE ALL ON DATABASE ${POSTGRES_DB} FROM PUBLIC;"
