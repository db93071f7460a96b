#!/usr/bin/env bash
# The benchmark: builds the service, a bare Quarkus REST app and the service's "extension floor", then measures them
# side by side (bench/Bench.java) and writes bench/results.md, with charts beside it (results-goals.svg,
# results-latency.svg). Linux only (taskset, /proc); needs wrk, installed here
# from Debian if missing. About 10 minutes on 2 cores.
#   bash bench/run.sh
# Knobs (environment): BENCH_SECONDS (10, per wrk run), BENCH_ROUNDS (3), BENCH_WARMUPS (3, cache-hit warm-up
# rounds), BENCH_STARTS (5), BENCH_ONLY (sections:
# startup,hits,misses,singleflight,long), BENCH_SERVICE_CPUS (1), BENCH_LOAD_CPUS (0), BENCH_ALL_CPUS (0,1), and
# BENCH_PROFILE=<file.jfr> to record a Java Flight Recording of the service, and of the extension floor's cache-hit
# baselines in <file>-floor.jfr (for profiling, not for figures).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else
    echo "The benchmark needs wrk (https://github.com/wg/wrk): apt-get install wrk" >&2
    exit 1
  fi
fi
command -v taskset >/dev/null || { echo "The benchmark needs taskset (util-linux)" >&2; exit 1; }

# The service as the container image would run it: with the AppCDS archive its build makes (here with this machine's
# JDK, which must be the one that runs it). Start-up is measured with and without it.
./mvnw -B -q --no-transfer-progress package -DskipTests -Dquarkus.package.jar.aot.enabled=true \
  -Dquarkus.package.jar.appcds.use-container=false
./mvnw -B -q --no-transfer-progress -f bench/bare/pom.xml package
# The extension floor: the service's own pom.xml and configuration (every extension and library it ships) around
# the bare app's one endpoint and the cache-hit baselines (bench/floor/), with none of the service's code. Generated,
# so that it never drifts from the service; the baselines run there so that the service's jar holds only the service.
floor=bench/target/floor
rm -rf "$floor"
mkdir -p "$floor/src/main/java/bench" "$floor/src/main/resources"
sed 's#<artifactId>precis</artifactId>#<artifactId>precis-floor</artifactId>#' pom.xml > "$floor/pom.xml"
cp bench/bare/src/main/java/bench/Hello.java bench/floor/*.java "$floor/src/main/java/bench/"
cp src/main/resources/application.properties "$floor/src/main/resources/"
./mvnw -B -q --no-transfer-progress -f "$floor/pom.xml" package -DskipTests
# 1 000 concurrent requests need as many sockets on each side.
ulimit -n 65536 2>/dev/null || ulimit -n 4096
# Vert.x from the service's own jars: section 2 calls the fake with the HTTP client the service calls providers with.
vertx_cp=$(ls target/quarkus-app/lib/main/io.vertx.vertx-core-*.jar target/quarkus-app/lib/main/io.netty.netty-*.jar \
  | tr '\n' ':')
exec taskset -c "${BENCH_LOAD_CPUS:-0}" java -cp "$vertx_cp" bench/Bench.java target/quarkus-app/quarkus-run.jar \
  bench/bare/target/quarkus-app/quarkus-run.jar "$floor/target/quarkus-app/quarkus-run.jar" bench/results.md
