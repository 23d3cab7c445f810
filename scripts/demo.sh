#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build loopcheck and the
# bundled fixtures, and run loopcheck over the fixtures (the main job).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
make demo
