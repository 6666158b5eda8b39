# One image per service, from the jars the host's Maven build made (the image build needs no
# network and no JDK image):
#   ./mvnw -B -DskipTests package
#   docker build --build-arg SERVICE=scep-gateway -t keyward/scep-gateway .
# The runtime is a build argument: a registry's JRE 25 image in the real world (the default),
# the local one deploy/base-images.sh makes where no registry is reachable
#   docker build --build-arg SERVICE=scep-gateway --build-arg JRE_IMAGE=keyward-base/jre:25 ...
# docker-compose.yml builds all four this way (docs/operations.md, "Containers").
ARG JRE_IMAGE=eclipse-temurin:25-jre

# The AOT stage (deploy/aot/README.md): the image's own java extracts the services' jars at the
# paths they run from and trains the JDK's AOT cache of the scep-gateway, the challenge-service
# and the ca-adapter on real enrollments against a throwaway embedded PostgreSQL, and the
# admin-ui's on its start. It does not depend on SERVICE, so the layer cache runs it once for
# the four images. AOT_TRAIN_ENROLLMENTS=0 skips the training (images without a cache).
FROM ${JRE_IMAGE} AS aot
ARG AOT_TRAIN_ENROLLMENTS=24000
COPY scep-gateway/target/scep-gateway-*-exec.jar challenge-service/target/challenge-service-*-exec.jar \
	ca-adapter/target/ca-adapter-*-exec.jar admin-ui/target/admin-ui-*-exec.jar /tmp/jars/
COPY standalone/target/keyward-standalone.jar bench/loadgen/target/keyward-loadgen.jar \
	deploy/aot/train.sh deploy/aot/unsign.sh /tmp/tools/
RUN for m in scep-gateway challenge-service ca-adapter admin-ui; do \
		java -Djarmode=tools -jar /tmp/jars/$m-*-exec.jar extract --destination /opt/keyward/app/$m >/dev/null || exit 1; \
	done \
	&& rm -rf /tmp/jars && mkdir -p /tmp/aot && chown -R 10001:10001 /opt/keyward/app /tmp/aot \
	&& echo 'keyward:x:10001:10001:Keyward AOT training:/tmp/aot:/usr/sbin/nologin' >>/etc/passwd
# (PostgreSQL's initdb needs the training user to have a name; the final images need none)
# the services run as 10001: the caches and the extracted jars belong to that user, as at run time
USER 10001:10001
RUN if [ "$AOT_TRAIN_ENROLLMENTS" -gt 0 ]; then \
		HOME=/tmp/aot AOT_TRAIN_WORK=/tmp/aot/work AOT_TRAIN_ENROLLMENTS=$AOT_TRAIN_ENROLLMENTS \
		bash /tmp/tools/train.sh /opt/keyward/app /tmp/tools/keyward-standalone.jar /tmp/tools/keyward-loadgen.jar \
		|| { tail -n 30 /tmp/aot/work/logs/*; exit 1; }; \
	fi; rm -rf /tmp/aot/work

FROM ${JRE_IMAGE}
ARG SERVICE
COPY --from=aot /opt/keyward/app/${SERVICE}/ /opt/keyward/app/${SERVICE}/
USER root
RUN ln -s /opt/keyward/app/${SERVICE}/${SERVICE}-0.1.0-exec.jar /opt/keyward/service.jar \
	&& mkdir -p /var/lib/keyward && chown 10001:10001 /var/lib/keyward
# a numeric user, so the same line works on any base image (no useradd needed)
USER 10001:10001
ENV KEYWARD_DATA_DIR=/var/lib/keyward KEYWARD_SERVICE=${SERVICE}
WORKDIR /var/lib/keyward
# The service's AOT cache where the image has one: the JVM maps it
# when it matches this runtime and class path and otherwise runs without it (-XX:AOTMode=auto);
# -Xlog:aot*=error says why it refused one. JAVA_TOOL_OPTIONS adds JVM options
# (docs/operations.md, "Containers").
ENTRYPOINT ["sh", "-c", "cache=/opt/keyward/app/$KEYWARD_SERVICE/$KEYWARD_SERVICE.aot; if [ -f \"$cache\" ]; then set -- -XX:AOTCache=\"$cache\" -Xlog:aot*=error; fi; exec java -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError \"$@\" -jar /opt/keyward/app/$KEYWARD_SERVICE/$KEYWARD_SERVICE-0.1.0-exec.jar"]
