#!/usr/bin/env bash
# Language detection with and without its first reading of function words (io.precis.article.FunctionWords), on the
# project's corpus: agreement with Lingua alone, how often each names the known language, and the cost of each,
# measured alternately in one run. Markdown on stdout; recorded in docs/benchmarks.md.
#   bash bench/language.sh
# A program of the test source set (io.precis.article.LanguageDetectionBenchmark); no service.
exec bash "$(dirname "$0")/../eval/test-program.sh" io.precis.article.LanguageDetectionBenchmark "$@"
