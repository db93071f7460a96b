#!/usr/bin/env bash
# Summary quality on OrangeSum Abstract (docs/quality.md): the configured provider, the systems published with the
# dataset and the LEAD-1/LEAD-2 baselines, scored side by side by the same ROUGE scorer. Prints a Markdown table on
# stdout (logs and progress go to stderr) and exits 0, or 1 when the provider failed on some documents.
#   bash eval/run.sh [--limit N] [--seed S] [--data DIR] [--length short|medium|long]
# The provider is configured as for the service (LLM_PROVIDER, LLM_BASE_URL, LLM_MODEL, LLM_API_KEY, LLM_TIMEOUT,
# LLM_MAX_CONCURRENCY, ...); without LLM_PROVIDER it is the extractive one, which needs no model. An OpenAI-compatible
# endpoint:
#   LLM_PROVIDER=openai LLM_BASE_URL=https://api.example.com/v1 LLM_MODEL=some-model LLM_API_KEY=... \
#     bash eval/run.sh --limit 200
# Builds the jar first when it is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ] || [ -n "$(find src/main prompts pom.xml -newer "$jar" -print -quit)" ]; then
  echo "Building $jar ..." >&2
  ./mvnw -B -q --no-transfer-progress package -DskipTests >&2
fi

export LLM_PROVIDER="${LLM_PROVIDER:-extractive}"
# The service starts around the command: its HTTP port is a free one on loopback, out of the way of a running service.
exec java --enable-native-access=ALL-UNNAMED \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=0 \
  -Dquarkus.log.console.stderr=true -Dquarkus.log.level="${LOG_LEVEL:-WARN}" \
  -Dquarkus.log.category.\"io.precis.quality\".level=INFO \
  -jar "$jar" evaluate "$@"
