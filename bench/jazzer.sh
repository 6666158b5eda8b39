#!/usr/bin/env bash
# Fuzzes the SCEP request decoder for real with Jazzer's standalone driver (libFuzzer), starting
# from the real clients' captures in platform/scep-protocol/src/test/resources/io/keyward/scep/
# PkiMessageDecoderFuzzTestsInputs. The normal build runs the same target in regression mode
# (PkiMessageDecoderFuzzTests). JAZZER_FUZZ=1 with jazzer-junit 0.30.0 does not work under
# JUnit 6 (its ArgumentsProvider misses the JUnit 6 method), hence the driver.
#
#   bench/jazzer.sh [seconds]        (default 300)
#
# A finding (any exception but MalformedMessageException / InvalidRequestException) is written
# as crash-<sha1> into the working directory with its stack trace on stderr; add the file to the
# inputs directory above so the regression run keeps it. The corpus grows in
# platform/scep-protocol/target/jazzer-corpus. Needs about 4 GB of memory.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SECONDS_TO_RUN=${1:-300}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
MODULE="$ROOT/platform/scep-protocol"
cd "$ROOT"
./mvnw -B -q -pl platform/scep-protocol test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
mkdir -p "$MODULE/target/jazzer-corpus"
cd "$MODULE"
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  com.code_intelligence.jazzer.Jazzer \
  --target_class=io.keyward.scep.PkiMessageDecoderFuzzTests \
  '--instrumentation_includes=org.bouncycastle.**:io.keyward.**' \
  -max_total_time="$SECONDS_TO_RUN" \
  target/jazzer-corpus src/test/resources/io/keyward/scep/PkiMessageDecoderFuzzTestsInputs
