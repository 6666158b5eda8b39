#!/usr/bin/env bash
# Local base images for the compose stack, built without any container registry: Debian's own
# packages only (deb.debian.org through debootstrap and apt) and the JDK on this machine.
#
#   keyward-base/minbase:bookworm    debootstrap --variant=minbase bookworm, docker import
#   keyward-base/jre:25              a jlink runtime made from the host's JDK, on minbase
#   keyward-base/postgres:15         Debian's postgresql, with the official image's entrypoint contract
#   keyward-base/haproxy:2.6         Debian's haproxy
#   keyward-base/prometheus:2.42     Debian's prometheus
#
# Each image is built only when missing (KEYWARD_BASE_REBUILD=1 rebuilds all), so the first
# run takes minutes (the minbase download) and later runs seconds. In the real world the
# stack uses registry images instead (eclipse-temurin, postgres, haproxy, prom/prometheus;
# docs/operations.md "Containers").
#
#   deploy/base-images.sh [jre|postgres|haproxy|prometheus ...]   the images named (default: all)
#   deploy/base-images.sh --print-env   print the image names as KEY=value lines for .env
#
# Environment: JAVA_HOME (default: the newest JDK 25 or later under /usr/lib/jvm; jlink must
# match the release the services are built for), KEYWARD_DEBIAN_MIRROR (http://deb.debian.org/debian).
set -euo pipefail
cd "$(dirname "$0")"

MINBASE=keyward-base/minbase:bookworm
JRE=keyward-base/jre:25
POSTGRES=keyward-base/postgres:15
HAPROXY=keyward-base/haproxy:2.6
PROMETHEUS=keyward-base/prometheus:2.42
MIRROR=${KEYWARD_DEBIAN_MIRROR:-http://deb.debian.org/debian}

if [ "${1:-}" = --print-env ]; then
	printf 'KEYWARD_JRE_IMAGE=%s\nKEYWARD_POSTGRES_IMAGE=%s\nKEYWARD_HAPROXY_IMAGE=%s\nKEYWARD_PROMETHEUS_IMAGE=%s\n' \
		"$JRE" "$POSTGRES" "$HAPROXY" "$PROMETHEUS"
	exit 0
fi

say() { echo "[base-images] $(date -u +%H:%M:%S) $*"; }
die() { echo "[base-images] ERROR: $*" >&2; exit 1; }
exists() { [ "${KEYWARD_BASE_REBUILD:-0}" != 1 ] && docker image inspect "$1" >/dev/null 2>&1; }

docker info >/dev/null 2>&1 || die "no Docker engine answers (start dockerd first)"

work=$(mktemp -d /tmp/keyward-base.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The root file system: Debian's minbase (apt, dpkg, bash and what they need), without the
# documentation, man pages, translations and apt's downloaded package lists; dpkg is told to
# leave documentation out of every package installed later.
minbase() {
	if exists "$MINBASE"; then say "$MINBASE: present"; return; fi
	command -v debootstrap >/dev/null 2>&1 || {
		say "installing debootstrap (apt)"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null || die "apt-get install debootstrap failed"
	}
	local root="$work/rootfs"
	say "$MINBASE: debootstrap --variant=minbase bookworm from $MIRROR (a few minutes the first time) ..."
	debootstrap --variant=minbase bookworm "$root" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
		|| { tail -20 "$work/debootstrap.log" >&2; die "debootstrap failed (log above)"; }
	cat >"$root/etc/apt/sources.list" <<-SOURCES
		deb $MIRROR bookworm main
		deb $MIRROR bookworm-updates main
		deb http://deb.debian.org/debian-security bookworm-security main
	SOURCES
	cat >"$root/etc/dpkg/dpkg.cfg.d/keyward-nodoc" <<-DPKG
		path-exclude=/usr/share/doc/*
		path-exclude=/usr/share/man/*
		path-exclude=/usr/share/info/*
		path-exclude=/usr/share/locale/*
		path-include=/usr/share/locale/locale.alias
	DPKG
	printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$root/etc/apt/apt.conf.d/90keyward"
	rm -rf "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* \
		"$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/var/log/*.log
	find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
	say "$MINBASE: importing ($(du -sh "$root" | cut -f1))"
	tar -C "$root" -c . | docker import \
		--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
		--change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' - "$MINBASE" >/dev/null
	rm -rf "$root"
}

# The modules the four services load (Spring Boot, Tomcat, Hibernate, JDBC, JMX, Bouncy Castle,
# PKCS#11 tokens, HTTP clients), found with jdeps over their jars; jcmd for operators. The
# default CDS archive keeps start-up as fast as the JDK's own.
JRE_MODULES=java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management,java.management.rmi,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,java.xml.crypto,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.jcmd,jdk.jfr,jdk.localedata,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

find_jdk() {
	local candidate
	if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jlink" ]; then echo "$JAVA_HOME"; return; fi
	for candidate in $(ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*2[6-9]* 2>/dev/null | sort -r); do
		[ -x "$candidate/bin/jlink" ] && { echo "$candidate"; return; }
	done
	die "no JDK 25 with jlink under /usr/lib/jvm: install one or set JAVA_HOME"
}

jre() {
	if exists "$JRE"; then say "$JRE: present"; return; fi
	local jdk
	jdk=$(find_jdk)
	say "$JRE: jlink from $jdk"
	"$jdk/bin/jlink" --add-modules "$JRE_MODULES" --include-locales=en,de,fr --strip-debug --no-man-pages \
		--no-header-files --generate-cds-archive --output "$work/jre/java" >/dev/null \
		|| die "jlink failed"
	cp base/jre/Dockerfile "$work/jre/"
	docker build -q --build-arg "MINBASE=$MINBASE" -t "$JRE" "$work/jre" >/dev/null || die "building $JRE failed"
}

# An image from a directory under deploy/base with its Dockerfile (apt inside the build).
from_debian() {
	local image=$1 dir=$2
	if exists "$image"; then say "$image: present"; return; fi
	say "$image: Debian packages on minbase ..."
	docker build -q --build-arg "MINBASE=$MINBASE" -t "$image" "base/$dir" >"$work/$dir.log" 2>&1 \
		|| { tail -20 "$work/$dir.log" >&2; die "building $image failed (log above)"; }
}

started=$(date +%s)
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(jre postgres haproxy prometheus)
minbase
# the images on minbase are independent: the apt downloads (the slow part) run side by side
pids=()
for name in "${wanted[@]}"; do
	case "$name" in
		jre) jre & ;;
		postgres) from_debian "$POSTGRES" postgres & ;;
		haproxy) from_debian "$HAPROXY" haproxy & ;;
		prometheus) from_debian "$PROMETHEUS" prometheus & ;;
		*) die "unknown image $name (jre, postgres, haproxy, prometheus)" ;;
	esac
	pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || die "a base image failed (above)"; done
say "base images ready in $(($(date +%s) - started)) s: ${wanted[*]}"
