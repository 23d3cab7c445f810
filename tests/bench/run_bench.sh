#!/usr/bin/env bash
# The loopcheck benchmark: prints one line per figure.
#   cold/floor       a cold run against `clang-19 -fsyntax-only` over the same
#                    TUs with their own flags, N processes at a time (xargs -P)
#   cold/in-process  the same against libclang parsing every TU (N threads,
#                    no walk, nothing stored): what the walk and store cost
#   no-change/cold   a re-run when nothing changed
#   edit one .c      a re-run after editing one source file, against that
#                    TU's own parse time
#   edit one header  which TUs a header edit re-parses, against the TUs that
#                    include it (`clang-19 -M`; the generator's list too)
#   findings         (synthetic code base) loopcheck's findings against the
#                    ones the generator computed: a mismatch fails the run
#   peak RSS         of cold runs over 25/50/100 TUs of the compile database
#                    (-j N), and over all of them with -j 1/2/4
#   graph N          a stored graph of N functions and 5N calls written
#                    straight into the database (graph_db): load, fpflow,
#                    color and checks timed by `loopcheck check --stats`
#   loops N          one function of N loop statements (list walks from a
#                    local set to the head, counted loops, nested counted
#                    loops, iterators started through their address): a cold
#                    run's time per 1,000, against the smallest size's (a
#                    walk of the function per loop would make it grow)
# Wall times are the best of BENCH_REPEAT runs (default 3).
#
# Usage: run_bench.sh --loopcheck BIN --tools DIR [--units U] [--functions F]
#                     [--jobs N] [--project BUILD_DIR] [--graph-sizes "N..."]
#   --tools DIR      where generate, graph_db and parse_floor were built
#   --units U        synthetic code base: U units (default 98: with main.c
#                    and common.c, 100 TUs) ...
#   --functions F    ... of F functions each (default 40)
#   --project DIR    a real project's build directory (with
#                    compile_commands.json) instead of a synthetic code base;
#                    its files are edited and restored for the edit figures
#   --graph-sizes    default "10000 100000 1000000"; "" skips the graphs
#   --loop-sizes     default "1000 8000"; "" skips the one-function figures
# Exit status: 0, or 1 when a correctness check failed.
set -u
LOOPCHECK="" TOOLS="" UNITS=98 FUNCTIONS=40 JOBS=2 PROJECT="" GRAPH_SIZES="10000 100000 1000000" LOOP_SIZES="1000 8000"
REPEAT=${BENCH_REPEAT:-3}
CLANG=${CLANG:-clang-19}
while [ $# -gt 0 ]; do
  case $1 in
    --loopcheck) LOOPCHECK=$(realpath "$2"); shift 2 ;;
    --tools) TOOLS=$(realpath "$2"); shift 2 ;;
    --units) UNITS=$2; shift 2 ;;
    --functions) FUNCTIONS=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --project) PROJECT=$(realpath "$2"); shift 2 ;;
    --graph-sizes) GRAPH_SIZES=$2; shift 2 ;;
    --loop-sizes) LOOP_SIZES=$2; shift 2 ;;
    *) echo "run_bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -x "$LOOPCHECK" ] && [ -x "$TOOLS/parse_floor" ] || { echo "run_bench.sh: need --loopcheck BIN and --tools DIR" >&2; exit 2; }
WORK=$(mktemp -d /tmp/loopcheck-bench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
status=0

now() { date +%s.%N; }
fmt() { printf '%.*f' "${2:-2}" "$1"; }
calc() { awk "BEGIN { print $* }"; }
# best_time CMD...: the best wall time of REPEAT runs of CMD (run by eval).
# BEFORE_EACH, when set, runs (untimed) before each run.
best_time() {
  local best="" i start t
  for ((i = 0; i < REPEAT; i++)); do
    [ -n "${BEFORE_EACH:-}" ] && eval "$BEFORE_EACH"
    start=$(now)
    eval "$@" >/dev/null 2>&1
    t=$(calc "$(now) - $start")
    if [ -z "$best" ] || [ "$(calc "$t < $best")" = 1 ]; then best=$t; fi
  done
  echo "$best"
}
# rss_mib CMD...: peak RSS of one run of CMD, in MiB.
rss_mib() {
  /usr/bin/time -f '%M' -o "$WORK/rss" "$@" >/dev/null 2>&1
  calc "$(tail -1 "$WORK/rss") / 1024" | xargs printf '%.0f'
}

# --- the code base ---------------------------------------------------------------
if [ -n "$PROJECT" ]; then
  BUILD=$PROJECT
  NAME=$(basename "$(dirname "$PROJECT")")/$(basename "$PROJECT")
else
  "$TOOLS/generate" "$WORK/code" "$UNITS" "$FUNCTIONS" || exit 1
  BUILD=$WORK/code/build
  NAME="synthetic ($UNITS units x $FUNCTIONS functions)"
fi
DB=$WORK/bench.db
TUS=$(jq length "$BUILD/compile_commands.json")
echo "code base: $NAME, $TUS TUs, -j$JOBS"
check() { (cd "$(dirname "$BUILD")" && "$LOOPCHECK" check -p "$BUILD" -j "$JOBS" --db "$DB" --fail-on none "$@"); }

# --- cold run against the parse floors ----------------------------------------
"$TOOLS/parse_floor" commands "$BUILD" "$CLANG" | tr '\n' '\0' > "$WORK/floor.cmds"
floor=$(best_time "xargs -0 -n1 -P $JOBS sh -c < '$WORK/floor.cmds'")
inprocess=""
for ((i = 0; i < REPEAT; i++)); do
  t=$("$TOOLS/parse_floor" inprocess "$BUILD" "$JOBS" 2>/dev/null)
  if [ -z "$inprocess" ] || [ "$(calc "$t < $inprocess")" = 1 ]; then inprocess=$t; fi
done
cold=$(BEFORE_EACH="rm -f '$DB' '$DB-wal' '$DB-shm'" best_time check --format json -o "$WORK/findings.json")
echo "cold/floor: $(fmt "$(calc "$cold / $floor")") (loopcheck $(fmt "$cold") s, $CLANG -fsyntax-only $(fmt "$floor") s, $TUS TUs, -j$JOBS)"
echo "cold/in-process floor: $(fmt "$(calc "$cold / $inprocess")") (loopcheck $(fmt "$cold") s, libclang parse only $(fmt "$inprocess") s)"

# --- correctness (synthetic) ---------------------------------------------------
if [ -z "$PROJECT" ]; then
  jq -r '.findings[] | select(.rule == "blocking-call" and (.suppressed | not)) | "\(.file):\(.line)"' \
    "$WORK/findings.json" | sort > "$WORK/got"
  sort "$WORK/code/expected_findings.txt" > "$WORK/want"
  missing=$(comm -23 "$WORK/want" "$WORK/got" | wc -l)
  unexpected=$(comm -13 "$WORK/want" "$WORK/got" | wc -l)
  if [ "$missing" -eq 0 ] && [ "$unexpected" -eq 0 ]; then
    echo "findings: $(wc -l < "$WORK/got") blocking calls, as the generator expects (0 missing, 0 unexpected)"
  else
    echo "findings: FAIL: $missing missing, $unexpected unexpected of $(wc -l < "$WORK/want") expected"
    comm -3 "$WORK/want" "$WORK/got" | head -10 | sed 's/^/  /'
    status=1
  fi
fi

# --- re-runs ------------------------------------------------------------------------
check >/dev/null 2>&1
nochange=$(best_time check -o /dev/null)
echo "no-change/cold: $(fmt "$(calc "$nochange / $cold")" 3) (loopcheck $(fmt "$nochange" 3) s, cold $(fmt "$cold") s)"

tu_times() { sqlite3 "$DB" "SELECT f.path || ' ' || t.parse_ms FROM tu t JOIN file f ON f.id = t.file_id ORDER BY 1"; }
# edit_and_run FILE: append a comment to FILE, time one run, restore FILE;
# sets EDIT_TIME and REPARSED (the TUs whose parse time changed).
edit_and_run() {
  local file=$1 start
  cp -p "$file" "$WORK/saved"
  tu_times > "$WORK/before"
  echo "/* loopcheck benchmark edit */" >> "$file"
  start=$(now)
  check -o /dev/null >/dev/null 2>&1
  EDIT_TIME=$(calc "$(now) - $start")
  tu_times > "$WORK/after"
  REPARSED=$(comm -13 "$WORK/before" "$WORK/after" | cut -d' ' -f1 | sort)
  cp -p "$WORK/saved" "$file"
  check -o /dev/null >/dev/null 2>&1
}
first_tu=$(jq -r '.[0] | if (.file | startswith("/")) then .file else .directory + "/" + .file end' "$BUILD/compile_commands.json")
first_tu=$(realpath "$first_tu")
edit_and_run "$first_tu"
tu_ms=$(sqlite3 "$DB" "SELECT t.parse_ms FROM tu t JOIN file f ON f.id = t.file_id WHERE f.path = '$first_tu'")
echo "edit one .c: $(fmt "$EDIT_TIME") s ($(wc -w <<<"$REPARSED") TU parsed; its own parse $(fmt "$(calc "$tu_ms / 1000")") s, the rest $(fmt "$(calc "$EDIT_TIME - $tu_ms / 1000")") s)"

# The TUs that include HEADER (absolute), by clang-19 -M over every TU.
includers_of() {
  local header=$1 cmd dir
  tr '\0' '\n' < "$WORK/floor.cmds" | while IFS= read -r cmd; do
    dir=$(sed -E "s/.*'-working-directory' '([^']*)'.*/\1/" <<<"$cmd")
    # make-style: "target: source header header ...", lines continued with '\'
    set -- $(eval "${cmd/ -fsyntax-only/ -M}" 2>/dev/null | tr -d '\\\n' | sed -E 's/^[^:]*://')
    [ $# -gt 0 ] || continue
    (cd "$dir" && realpath -m "$@") > "$WORK/deps"
    if grep -qxF "$header" "$WORK/deps"; then head -1 "$WORK/deps"; fi
  done | sort
}
if [ -n "$PROJECT" ]; then
  # A header of the project read by the fewest TUs, but more than one.
  src_root=$(dirname "$PROJECT")
  header=$(sqlite3 "$DB" "SELECT f.path FROM tu_input i JOIN file f ON f.id = i.file_id
    WHERE f.path LIKE '$src_root/%.h' GROUP BY f.path HAVING count(*) > 1 ORDER BY count(*), f.path LIMIT 1")
else
  header=$(realpath "$WORK/code/include/unit_$((UNITS / 2)).h")
  generator_says=$(grep "^include/unit_$((UNITS / 2)).h " "$WORK/code/expected_includers.txt" | cut -d' ' -f2- \
    | tr ' ' '\n' | sed "s|^|$WORK/code/|" | xargs -n1 realpath | sort)
fi
expected=$(includers_of "$header")
edit_and_run "$header"
verdict="as expected"
if [ "$REPARSED" != "$expected" ] || { [ -z "$PROJECT" ] && [ "$expected" != "$generator_says" ]; }; then
  verdict="FAIL: expected $(wc -w <<<"$expected")"
  status=1
fi
echo "edit one header: $(wc -w <<<"$REPARSED") TUs re-parsed, the TUs that include it: $(wc -w <<<"$expected"), $verdict ($(basename "$header"), $(fmt "$EDIT_TIME") s)"

# --- peak RSS against TUs and workers ----------------------------------------------
rss_line=""
for count in 25 50 100; do
  [ "$count" -gt "$TUS" ] && continue
  mkdir -p "$WORK/rss$count"
  jq ".[:$count]" "$BUILD/compile_commands.json" > "$WORK/rss$count/compile_commands.json"
  rss_line+="$count TUs $(rss_mib "$LOOPCHECK" check -p "$WORK/rss$count" -j "$JOBS" --db "$WORK/rss$count/db" -o /dev/null) MiB, "
done
workers_line=""
for jobs in 1 2 4; do
  rm -f "$DB" "$DB-wal" "$DB-shm"
  workers_line+="-j$jobs $(rss_mib "$LOOPCHECK" check -p "$BUILD" -j "$jobs" --db "$DB" -o /dev/null) MiB, "
done
echo "peak RSS (cold, -j$JOBS): ${rss_line:-fewer than 25 TUs, }all $TUS TUs: ${workers_line%, }"

# --- graph scale ------------------------------------------------------------------
if [ -n "$GRAPH_SIZES" ]; then
  G=$WORK/graph
  mkdir -p "$G/src" "$G/build"
  for i in $(seq 0 15); do echo "int bench_unit_$i;" > "$G/src/unit_$i.c"; done
  jq -n --arg d "$G" '[range(16) | {directory: $d, file: "src/unit_\(.).c", arguments: ["cc", "-c", "src/unit_\(.).c"]}]' \
    > "$G/build/compile_commands.json"
  "$LOOPCHECK" check -p "$G/build" --db "$G/base.db" -o /dev/null 2>/dev/null
  first_total=""
  for size in $GRAPH_SIZES; do
    cp "$G/base.db" "$G/graph.db"
    "$TOOLS/graph_db" "$G/graph.db" "$size" $((size * 5)) || { echo "graph $size: graph_db failed"; status=1; continue; }
    /usr/bin/time -f '%M' -o "$WORK/rss" "$LOOPCHECK" check -p "$G/build" --db "$G/graph.db" --stats -o /dev/null \
      2> "$WORK/stats" >/dev/null
    phase() { awk -v p="$1" '$3 == p { print $4 }' "$WORK/stats"; }
    total=$(calc "$(phase load) + $(phase fpflow) + $(phase color) + $(phase checks)")
    rss=$(calc "$(tail -1 "$WORK/rss") / 1024" | xargs printf '%.0f')
    [ -z "$first_total" ] && { first_total=$total; first_size=$size; }
    echo "graph $size functions, $((size * 5)) calls: load $(fmt "$(phase load)") s, fpflow $(fmt "$(phase fpflow)") s," \
         "color $(fmt "$(phase color)") s, checks $(fmt "$(phase checks)") s = $(fmt "$total") s;" \
         "results $(fmt "$(phase results)") s; peak RSS $rss MiB; per 1,000 functions $(fmt "$(calc "$total * 1000 / $size")" 3) s" \
         "(x$(fmt "$(calc "($total / $size) / ($first_total / $first_size)")") of the $first_size graph's)"
  done
fi

# --- one function of many loops -------------------------------------------------------
first_per_loop=""
for size in $LOOP_SIZES; do
  L=$WORK/loops$size
  mkdir -p "$L"
  {
    echo "struct node { struct node *next; int v; };"
    echo "struct iter { struct node *at; };"
    echo "void iter_start(struct iter *it, struct node *head);"
    echo "int iter_next(struct iter *it);"
    echo "int walks(struct node *head, const int *a, int n) {"
    echo "  int total = 0;"
    for ((i = 0; i < size; i++)); do
      case $((i % 4)) in
        0) echo "  { struct node *p$i = head; while (p$i) { total += p$i->v; p$i = p$i->next; } }" ;;
        1) echo "  for (int i$i = 0; i$i < n; i$i++) total += a[i$i];" ;;
        2) echo "  for (int i$i = 0; i$i < n; i$i++) for (int j$i = 0; j$i < a[i$i]; j$i++) total += j$i;" ;;
        3) echo "  { struct iter it$i; iter_start(&it$i, head); while (iter_next(&it$i)) total += it$i.at->v; }" ;;
      esac
    done
    echo "  return total;"
    echo "}"
  } > "$L/walks.c"
  jq -n --arg d "$L" '[{directory: $d, file: "walks.c", arguments: ["cc", "-c", "walks.c"]}]' > "$L/compile_commands.json"
  BEFORE_EACH="rm -f '$L/db'"
  t=$(best_time "$LOOPCHECK" check -p "$L" --db "$L/db" -o /dev/null)
  unset BEFORE_EACH
  per_loop=$(calc "$t * 1000 / $size")
  [ -z "$first_per_loop" ] && { first_per_loop=$per_loop; first_loops=$size; }
  echo "loops $size in one function: cold $(fmt "$t") s; per 1,000 loops $(fmt "$per_loop" 3) s" \
       "(x$(fmt "$(calc "$per_loop / $first_per_loop")") of the $first_loops loops' figure)"
done
exit $status
