# One image per service, from the jar the host's Maven build made (the image build needs no
# network and no JDK image):
#   ./mvnw -B -DskipTests package
#   docker build --build-arg SERVICE=scep-gateway -t keyward/scep-gateway .
# The runtime is a build argument: a registry's JRE 25 image in the real world (the default),
# the local one deploy/base-images.sh makes where no registry is reachable
#   docker build --build-arg SERVICE=scep-gateway --build-arg JRE_IMAGE=keyward-base/jre:25 ...
# docker-compose.yml builds all four this way (docs/operations.md, "Containers").
ARG JRE_IMAGE=eclipse-temurin:25-jre
FROM ${JRE_IMAGE}
ARG SERVICE
# The jar's extracted layout (plain jars in lib/) starts faster than the nested jar and is what
# the JDK's class-data sharing and AOT cache can use.
COPY ${SERVICE}/target/${SERVICE}-*-exec.jar /tmp/service.jar
RUN java -Djarmode=tools -jar /tmp/service.jar extract --destination /opt/keyward >/dev/null \
	&& rm /tmp/service.jar \
	&& mkdir -p /var/lib/keyward && chown 10001:10001 /var/lib/keyward
# a numeric user, so the same line works on any base image (no useradd needed)
USER 10001:10001
ENV KEYWARD_DATA_DIR=/var/lib/keyward
WORKDIR /var/lib/keyward
# JAVA_TOOL_OPTIONS adds JVM options (docs/operations.md, "Containers")
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/keyward/service.jar"]
