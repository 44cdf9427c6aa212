#!/usr/bin/env bash
# Seeds the corpus of each fuzz target from the shipped data and the test fixtures:
#   tests/fuzz/seed_corpus.sh CORPUS_DIR [TARGET...]
# CORPUS_DIR/<target>/ gets a copy of every file of that kind in the repository (materials/,
# products/, routes/, scenarios/, tests/data/); the formula corpus gets every formula and price
# form of the materials and prices tables. Existing corpus files are kept (they are what earlier
# runs found), so a corpus grows across runs. Nothing is committed: corpora live under build/.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:?usage: seed_corpus.sh CORPUS_DIR [TARGET...]}"
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(elements materials composition prices products bom lifetimes routes transfers costs plans
           scenario_toml put_on_market collection demand scrap formula)
fi

# The file each target fuzzes, as a path suffix (scenario files are under scenarios/NAME/).
file_of() {
  case "$1" in
    elements|materials|composition|prices) echo "materials/$1.csv" ;;
    products|bom|lifetimes) echo "products/$1.csv" ;;
    routes|transfers|costs|plans) echo "routes/$1.csv" ;;
    scenario_toml) echo "scenario.toml" ;;
    put_on_market|collection|demand|scrap) echo "$1.csv" ;;
    *) return 1 ;;
  esac
}

# Every data file of the repository (not build trees or the fuzzers' own outputs).
data_files() {
  (cd "$repo" && find materials products routes scenarios tests/data -type f 2>/dev/null) | sort
}

# The non-empty cells of column $1 of the CSV file $2 ('#' comment lines skipped).
column_of() {
  python3 - "$1" "$2" <<'PY'
import csv, sys
name, path = sys.argv[1], sys.argv[2]
with open(path, newline="", encoding="utf-8-sig") as f:
    rows = csv.reader(line for line in f if line.strip() and not line.startswith("#"))
    header = next(rows, [])
    if name in header:
        col = header.index(name)
        for row in rows:
            if col < len(row) and row[col].strip():
                print(row[col].strip())
PY
}

seed_one() {
  local target="$1" dir="$out/$1" n=0
  mkdir -p "$dir"
  if [ "$target" = formula ]; then
    while IFS= read -r f; do
      case "$f" in
        */materials.csv) column_of formula "$repo/$f" ;;
        */prices.csv) column_of form "$repo/$f" ;;
      esac
      # Shapes the data may not have yet: nested groups, both hydrate dots, brackets.
      printf '%s\n' '(Nd0.75Pr0.25)2Fe14B' 'LiOH*H2O' 'CoSO4·7H2O' '[Co(H2O)6]Cl2' 'Ca3(PO4)2'
    done < <(data_files) | sort -u | while IFS= read -r formula; do
      printf '%s' "$formula" > "$dir/seed-$(printf '%s' "$formula" | md5sum | cut -c1-16)"
    done
  else
    local suffix
    suffix="$(file_of "$target")"
    while IFS= read -r f; do
      case "$f" in
        *"/$suffix"|"$suffix") cp "$repo/$f" "$dir/seed-$(md5sum < "$repo/$f" | cut -c1-16)" ;;
      esac
    done < <(data_files)
  fi
  n=$(find "$dir" -type f | wc -l)
  echo "seed_corpus: $target: $n files"
}

for t in "${targets[@]}"; do
  seed_one "$t"
done
