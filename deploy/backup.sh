#!/usr/bin/env bash
# Back up and restore the compose stack's database (docs/operations.md, "Backup and restore").
#
#   deploy/backup.sh backup FILE     pg_dump of the keyward database (every service's schema,
#                                    custom format) through the postgres container; the stack runs on
#   deploy/backup.sh restore FILE    into a stack whose database is new: starts postgres alone,
#                                    restores, then starts the rest
#
# The dump holds the CA and RA keys sealed under the KEK, never the KEK: keep KEYWARD_KEK (and
# KEYWARD_CHALLENGE_HMAC_KEY, without which outstanding challenges are refused) apart from the
# dumps, in the secret store that holds .env. A restore needs the same .env.
#
# Environment: KEYWARD_ENV_FILE (default ./.env), COMPOSE_PROJECT_NAME (default: docker-compose's).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ENV_FILE=${KEYWARD_ENV_FILE:-$ROOT/.env}
compose() {
	docker-compose -f "$ROOT/docker-compose.yml" --env-file "$ENV_FILE" ${COMPOSE_PROJECT_NAME:+-p "$COMPOSE_PROJECT_NAME"} "$@"
}
say() { echo "[backup] $*" >&2; }
die() { echo "[backup] ERROR: $*" >&2; exit 1; }

[ $# = 2 ] || die "usage: deploy/backup.sh backup FILE | deploy/backup.sh restore FILE"
[ -r "$ENV_FILE" ] || die "no $ENV_FILE (KEYWARD_ENV_FILE): the restore needs the stack's secrets"
action=$1 file=$2

case "$action" in
	backup)
		say "pg_dump of the keyward database to $file"
		umask 077
		compose exec -T postgres pg_dump -U postgres -d keyward --format=custom >"$file.partial" \
			|| { rm -f "$file.partial"; die "pg_dump failed"; }
		mv "$file.partial" "$file"
		say "done: $(du -h "$file" | cut -f1); the KEK is not in it (keep .env's KEYWARD_KEK elsewhere)"
		;;
	restore)
		[ -s "$file" ] || die "no backup at $file"
		say "starting postgres alone"
		compose up -d postgres >/dev/null
		for _ in $(seq 1 120); do
			compose exec -T postgres pg_isready -q -h 127.0.0.1 -U postgres -d keyward && break
			sleep 1
		done
		compose exec -T postgres pg_isready -q -h 127.0.0.1 -U postgres -d keyward || die "postgres did not become ready"
		# a database with service tables is not new: a restore would mix two CAs' records
		tables=$(compose exec -T postgres psql -U postgres -d keyward -Atc \
			"select count(*) from pg_tables where schemaname in ('gateway','challenge','ca','admin')")
		[ "$tables" = 0 ] || die "the database already holds $tables service tables: restore into a new volume (docker-compose down -v first)"
		say "pg_restore from $file"
		compose exec -T postgres pg_restore -U postgres -d keyward --exit-on-error --clean --if-exists <"$file" \
			|| die "pg_restore failed"
		say "starting the services"
		compose up -d >/dev/null
		say "done: the services start on the restored database"
		;;
	*) die "usage: deploy/backup.sh backup FILE | deploy/backup.sh restore FILE" ;;
esac
