#!/usr/bin/env bash
# Summary quality on OrangeSum Abstract (docs/quality.md): the provider of the packaged service, the systems published
# with the dataset and the LEAD-1/LEAD-2 baselines, scored side by side by the same ROUGE scorer. Prints a Markdown
# table on stdout (progress and the service's log go to stderr) and exits 0; 1 when the provider failed on some
# documents; 2 on a usage error, unreadable data, or a service that cannot be made ready.
#   bash eval/run.sh [--limit N] [--seed S] [--data DIR] [--length short|medium|long] [--concurrency N] [--url URL]
# The evaluation is a program of the test source set (io.precis.quality.Evaluate). It starts the packaged service
# (target/quarkus-app/quarkus-run.jar) on a free loopback port, asks it for every summary over HTTP, and stops it.
# The service is configured by the caller's environment, as in production (LLM_PROVIDER, LLM_BASE_URL, LLM_MODEL,
# LLM_API_KEY, LLM_TIMEOUT, LLM_MAX_CONCURRENCY, ...); without LLM_PROVIDER it is the extractive provider, which needs
# no model. An OpenAI-compatible endpoint:
#   LLM_PROVIDER=openai LLM_BASE_URL=https://api.example.com/v1 LLM_MODEL=some-model LLM_API_KEY=... \
#     bash eval/run.sh --limit 200
# --url http://host:port evaluates a service already running instead.
# Builds the jar first when it is missing or older than the sources, and the test classes when they are.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/quarkus-app/quarkus-run.jar
# The test classpath, written by Maven; the file's date tells when the test classes were last compiled here.
classpath=target/eval.classpath
write_classpath=(dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath")
if [ ! -f "$jar" ] || [ -n "$(find src/main prompts pom.xml -newer "$jar" -print -quit)" ]; then
  echo "Building $jar and the test classes ..." >&2
  # -DskipTests compiles the test classes without running them.
  ./mvnw -B -q --no-transfer-progress package -DskipTests "${write_classpath[@]}" >&2
  touch "$classpath"
elif [ ! -f "$classpath" ] || [ -n "$(find src/test/java -newer "$classpath" -print -quit)" ]; then
  echo "Compiling the test classes ..." >&2
  ./mvnw -B -q --no-transfer-progress test-compile "${write_classpath[@]}" >&2
  touch "$classpath"
fi

exec java -cp "target/test-classes:target/classes:$(cat "$classpath")" io.precis.quality.Evaluate "$@"
