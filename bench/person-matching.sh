#!/usr/bin/env bash
# Person-matching benchmark: a seeded population of people at generated addresses, with relatives and namesakes,
# and for each person a second record with one or two realistic variants (nickname, day and month transposed, no
# date of birth, a new address, a typing slip, a double-barrelled surname). Every second record is scored against
# every first one with the product's rule and threshold; prints TP/FP/FN, precision, recall and recall by variant.
#   bench/person-matching.sh                 (1,000 people, seed 14)
#   bench/person-matching.sh --people 3000 --seed 7
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/CommunitySafety.Bench -- person-matching "$@"
