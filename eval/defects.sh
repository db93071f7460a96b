#!/usr/bin/env bash
# The output checks' defect-injection benchmark (docs/quality.md): correct pseudo-outputs and variants with one defect
# each, built from the articles of OrangeSum's test split; prints per kind of defect the catch rate, the false-alarm
# rate on correct outputs, and how many human-written (and BARThez) abstracts the checks flag. Markdown on stdout.
#   bash eval/defects.sh [--limit N] [--seed S] [--data DIR]
# A program of the test source set (io.precis.quality.DefectBenchmark) that uses the service's checks as a library;
# no service, no model. Compiles the classes first when they are older than the sources.
set -euo pipefail
cd "$(dirname "$0")/.."

classpath=target/eval.classpath
if [ ! -f "$classpath" ] || [ -n "$(find src/main src/test/java pom.xml -newer "$classpath" -print -quit)" ]; then
  echo "Compiling ..." >&2
  ./mvnw -B -q --no-transfer-progress test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$classpath" >&2
  touch "$classpath"
fi

exec java -cp "target/test-classes:target/classes:$(cat "$classpath")" io.precis.quality.DefectBenchmark "$@"
