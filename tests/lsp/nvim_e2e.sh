#!/usr/bin/env bash
# End to end with a real client: headless Neovim, set up with
# editors/nvim/loopcheck.lua, opens fixture files; the diagnostics it ends
# up with must equal `loopcheck check --format json` for each file (line,
# column, rule, message, and one related entry per step).  Exit 77 (skip)
# when nvim is not installed.
# Usage: nvim_e2e.sh LOOPCHECK_LSP LOOPCHECK FIXTURES_BUILD_DIR FILE...
set -u
LSP=$(realpath "$1")
LOOPCHECK=$(realpath "$2")
BUILD=$(realpath "$3")
shift 3
HERE=$(cd "$(dirname "$0")" && pwd)
NVIM_DIR=$(cd "$HERE/../../editors/nvim" && pwd)
command -v nvim >/dev/null || { echo "nvim not installed: skipped"; exit 77; }
WORK=$(mktemp -d /tmp/loopcheck-nvim-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# A build directory of our own, so the cache is ours too.
cp "$BUILD/compile_commands.json" "$WORK/" || exit 1

failed=0
normalize_cli='[.findings[] | select(.suppressed | not)
  | {line, column, rule, message, source: "loopcheck", related: ((.chain | length) + (.related | length))}]
  | sort_by(.line, .column, .rule)'
normalize_nvim='map({line, column, rule, message, source, related}) | sort_by(.line, .column, .rule)'

for file in "$@"; do
  file=$(realpath "$file")
  "$LOOPCHECK" check -p "$WORK" --format json --fail-on none "$file" > "$WORK/cli.json" 2> "$WORK/cli.log" \
    || { echo "FAIL - loopcheck check on $file"; cat "$WORK/cli.log"; failed=1; continue; }
  jq "$normalize_cli" "$WORK/cli.json" > "$WORK/cli.norm.json"
  count=$(jq length "$WORK/cli.norm.json")
  [ "$count" -gt 0 ] || { echo "FAIL - $file has no finding to compare"; failed=1; }
  LOOPCHECK_NVIM_DIR="$NVIM_DIR" LOOPCHECK_LSP="$LSP" LOOPCHECK_BUILD="$WORK" LOOPCHECK_FILES="$file" \
    LOOPCHECK_OUT="$WORK/nvim.json" timeout 200 nvim --headless --clean -n -i NONE -u NONE \
    -c "luafile $HERE/nvim_e2e.lua" > "$WORK/nvim.log" 2>&1
  status=$?
  if [ $status -ne 0 ]; then
    echo "FAIL - Neovim did not receive diagnostics for $file (status $status)"; cat "$WORK/nvim.log"; failed=1; continue
  fi
  jq --arg f "$file" ".[\$f] | $normalize_nvim" "$WORK/nvim.json" > "$WORK/nvim.norm.json"
  if diff -u "$WORK/cli.norm.json" "$WORK/nvim.norm.json"; then
    echo "ok   - $(basename "$file"): Neovim shows the CLI's $count finding(s)"
  else
    echo "FAIL - $(basename "$file"): Neovim's diagnostics differ from the CLI's findings"; failed=1
  fi
done
exit $failed
