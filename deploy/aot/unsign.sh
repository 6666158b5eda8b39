#!/usr/bin/env bash
# Removes the signature files (META-INF/*.SF, *.RSA, *.DSA, *.EC) from the signed jars in a
# directory of an extracted layout (Bouncy Castle's), so that the JDK caches their classes in
# an AOT cache too: it leaves the classes of signed jars out. OpenJDK does not require a signed
# JCE provider. Only for the copies an AOT cache is made from and run with. With zip and unzip
# it uses them; without them (a JRE image) it runs the standalone jar's `unsign` through the
# JDK's zip file system when KEYWARD_STANDALONE_JAR names that jar, and otherwise says so and
# changes nothing. KEYWARD_AOT_UNSIGN=0 turns it off.
#
#   deploy/aot/unsign.sh DIR
set -euo pipefail
[ "${KEYWARD_AOT_UNSIGN:-1}" != 0 ] || exit 0
if ! command -v zip >/dev/null || ! command -v unzip >/dev/null; then
	if [ -n "${KEYWARD_STANDALONE_JAR:-}" ]; then
		exec "${JAVA:-java}" -jar "$KEYWARD_STANDALONE_JAR" unsign "$1"
	fi
	echo "No zip/unzip: signed libraries (Bouncy Castle) stay out of the AOT cache." >&2
	exit 0
fi
for lib in "$1"/*.jar; do
	# (grep without -q reads the whole listing: unzip is not cut off by a closed pipe)
	if unzip -Z1 "$lib" | grep -E '^META-INF/[^/]+[.](SF|RSA|DSA|EC)$' >/dev/null; then
		zip -q -d "$lib" 'META-INF/*.SF' 'META-INF/*.RSA' 'META-INF/*.DSA' 'META-INF/*.EC' >/dev/null 2>&1 || true
	fi
done
