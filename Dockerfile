# One image per service, built from this repository:
#   docker build --build-arg SERVICE=scep-gateway -t keyward/scep-gateway .
# docker-compose.yml builds all four this way.
FROM eclipse-temurin:21-jdk AS build
ARG SERVICE
WORKDIR /src
# Only what the build reads (no .env, data/, target/ or .git; .dockerignore keeps those
# out of the context too): the wrapper, the parent pom, every module's pom (the reactor
# reads them all) and the sources of the platform and the four services.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY platform/ platform/
COPY bench/loadgen/pom.xml bench/loadgen/
COPY standalone/pom.xml standalone/
COPY challenge-service/ challenge-service/
COPY ca-adapter/ ca-adapter/
COPY scep-gateway/ scep-gateway/
COPY admin-ui/ admin-ui/
RUN ./mvnw -B -q -DskipTests -pl ${SERVICE} -am package

FROM eclipse-temurin:21-jre
ARG SERVICE
RUN useradd --system --uid 10001 --home-dir /var/lib/keyward keyward \
	&& mkdir -p /var/lib/keyward && chown keyward /var/lib/keyward
COPY --from=build /src/${SERVICE}/target/${SERVICE}-0.1.0-exec.jar /opt/keyward/service.jar
USER keyward
ENV KEYWARD_DATA_DIR=/var/lib/keyward
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/keyward/service.jar"]
