#!/usr/bin/env bash
# The output checks' defect-injection benchmark (docs/quality.md): correct pseudo-outputs and variants with one defect
# each, built from the articles of OrangeSum's test split; prints per kind of defect the catch rate, the false-alarm
# rate on correct outputs, and how many human-written (and BARThez) abstracts the checks flag. Markdown on stdout.
#   bash eval/defects.sh [--limit N] [--seed S] [--data DIR]
# A program of the test source set (io.precis.quality.DefectBenchmark) that uses the service's checks as a library;
# no service, no model.
exec bash "$(dirname "$0")/test-program.sh" io.precis.quality.DefectBenchmark "$@"
