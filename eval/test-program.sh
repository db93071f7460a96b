#!/usr/bin/env bash
# Runs a program of the test source set (a class with a main method) on the test classpath, compiling the classes
# first when they are older than the sources. Used by eval/defects.sh and bench/language.sh.
#   bash eval/test-program.sh <class> [arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."

classpath=target/eval.classpath
if [ ! -f "$classpath" ] || [ -n "$(find src/main src/test/java pom.xml -newer "$classpath" -print -quit)" ]; then
  echo "Compiling ..." >&2
  ./mvnw -B -q --no-transfer-progress test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$classpath" >&2
  touch "$classpath"
fi

main=$1
shift
exec java -cp "target/test-classes:target/classes:$(cat "$classpath")" "$main" "$@"
