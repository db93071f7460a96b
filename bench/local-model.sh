#!/usr/bin/env bash
# The local model's speed on this machine: writes a random-weight GGUF of the default model's shapes
# (io.precis.testing.ShapedGguf, about 0.9 GB in bench/target/) and measures it with llama.cpp as the service loads
# it (bench/LocalModelBench.java): prompt and generation tokens per second, and 1, 2 and 4 clients at once with as many
# slots (LLM_LOCAL_SLOTS); then a digest of each seed article against its translation alone, with 1, 2 and 4 slots.
# About 40 minutes on 2 cores. Prints Markdown tables.
#   bash bench/local-model.sh [threads, default: every core]
set -euo pipefail
cd "$(dirname "$0")/.."

threads="${1:-$(nproc)}"
generator=target/test-classes/io/precis/testing/ShapedGguf.class
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -f "$generator" ]; then
  ./mvnw -B -q --no-transfer-progress package -DskipTests
fi
llama=$(ls target/quarkus-app/lib/main/de.kherud.llama-*.jar)
mkdir -p bench/target/native
if [ ! -f bench/target/shaped-q4_0.gguf ]; then
  java -cp target/test-classes io.precis.testing.ShapedGguf bench/target/shaped-q4_0.gguf
fi
echo "$(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $threads threads"
java --enable-native-access=ALL-UNNAMED -Dde.kherud.llama.tmpdir="$PWD/bench/target/native" -cp "$llama" \
  bench/LocalModelBench.java bench/target/shaped-q4_0.gguf "$threads" \
  src/test/resources/corpus/seeds/anchorage-summit-1.txt src/test/resources/corpus/seeds/anchorage-summit-2-scraped.txt \
  | grep -E '^(\||$|[a-z0-9-]+\.txt:)'
