#!/usr/bin/env bash
# The latency of loopcheck-lsp after a save, next to a plain parse of the
# same TU: the median of SAVES didSave -> publishDiagnostics round trips
# (tests/bench/lsp_latency.c), and the median of SAVES runs of
# `clang-19 -fsyntax-only` with the TU's own flags from compile_commands.json.
# The cache is warmed first with `loopcheck check`, as an editor session
# would find it.
# Usage: lsp_latency.sh LOOPCHECK_BUILD_DIR PROJECT_BUILD_DIR FILE [SAVES]
#   e.g. lsp_latency.sh build /tmp/lsp-fixtures fixtures/libuv/fs_requests.c
set -euo pipefail
BIN=$(realpath "$1")
PROJECT=$(realpath "$2")
FILE=$(realpath "$3")
SAVES=${4:-7}
HERE=$(cd "$(dirname "$0")" && pwd)
export LOOPCHECK_RULES_DIR=${LOOPCHECK_RULES_DIR:-$(cd "$HERE/../../rules" && pwd)}

"$BIN/analyzer/loopcheck" check -p "$PROJECT" --fail-on none > /dev/null 2> "$PROJECT/loopcheck-bench.log" || true
tail -1 "$PROJECT/loopcheck-bench.log"

# The TU's compile command, as clang-19 -fsyntax-only.
entry=$(jq -c --arg f "$FILE" '[.[] | select(.file == $f or (.directory + "/" + .file) == $f)][0]' \
  "$PROJECT/compile_commands.json")
[ "$entry" != null ] || { echo "$FILE is not in $PROJECT/compile_commands.json" >&2; exit 2; }
directory=$(jq -r .directory <<<"$entry")
if jq -e .arguments <<<"$entry" > /dev/null; then
  mapfile -t args < <(jq -r '.arguments[]' <<<"$entry")
else
  eval "args=($(jq -r .command <<<"$entry"))"
fi
flags=()
for ((i = 1; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    -c) ;;
    -o) i=$((i + 1)) ;;
    *) flags+=("${args[i]}") ;;
  esac
done
times=()
for ((n = 0; n < SAVES; n++)); do
  start=$(date +%s%N)
  (cd "$directory" && clang-19 -fsyntax-only -w "${flags[@]}")
  times+=($(( ($(date +%s%N) - start) / 1000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$((SAVES / 2 + 1))p")
printf 'median clang-19 -fsyntax-only: %d.%d ms over %d runs\n' $((median / 1000)) $(((median % 1000) / 100)) "$SAVES"

"$BIN/tests/lsp_latency" "$BIN/editors/lsp/loopcheck-lsp" "$PROJECT" "$FILE" "$SAVES"
