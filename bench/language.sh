#!/usr/bin/env bash
# Language detection with and without its first reading of function words (io.precis.article.FunctionWords), on the
# project's corpus: agreement with Lingua alone, how often each names the known language, and the cost of each,
# measured alternately in one run. Markdown on stdout; recorded in docs/benchmarks.md.
#   bash bench/language.sh
# A program of the test source set (io.precis.article.LanguageDetectionBenchmark); no service.
set -euo pipefail
cd "$(dirname "$0")/.."

classpath=target/eval.classpath
if [ ! -f "$classpath" ] || [ -n "$(find src/main src/test/java pom.xml -newer "$classpath" -print -quit)" ]; then
  echo "Compiling ..." >&2
  ./mvnw -B -q --no-transfer-progress test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$classpath" >&2
  touch "$classpath"
fi

exec java -cp "target/test-classes:target/classes:$(cat "$classpath")" io.precis.article.LanguageDetectionBenchmark "$@"
