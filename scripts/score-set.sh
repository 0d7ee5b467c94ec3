#!/usr/bin/env bash
# Scores the bot on a set of extra reports and their questions, without touching the checkout:
#   scripts/score-set.sh SET_DIR [--verbose]      (run from the project's root)
# SET_DIR holds the reports (*.txt, *.md, with any *.meta.json beside them), qa.jsonl and, when its
# ids are not file-name prefixes, docs.json (id → file name or title phrases). The checkout's files
# (tracked, and new ones not ignored; outside git, all but node_modules and data) are copied to a
# scratch folder, the reports are added to its seeds/, and scripts/score.mjs runs
# `npm run --silent ask -- --json` there. The project's copy of ../shared/eval/score-set.sh.
set -euo pipefail
set_dir=$(cd "${1:?usage: scripts/score-set.sh SET_DIR [--verbose]}" && pwd); shift
here=$(cd "$(dirname "$0")" && pwd)
[ -f package.json ] && [ -d node_modules ] || { echo "run from the project's root after npm ci" >&2; exit 2; }
[ -f "$set_dir/qa.jsonl" ] || { echo "$set_dir has no qa.jsonl (one question a line: {\"q\": …, \"expect\": […], \"doc\": …})" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # (node_modules left out even when it is a link, which .gitignore's node_modules/ does not match)
  git ls-files -z --cached --others --exclude-standard -- . ':(exclude)node_modules' | xargs -0 -I{} sh -c '[ -e "$1" ] && cp --parents "$1" "$2" || true' _ {} "$tmp"
else
  # Not a git checkout (an unpacked archive): everything but dependencies and state.
  find . -mindepth 1 -maxdepth 1 ! -name node_modules ! -name data ! -name .git -exec cp -r {} "$tmp" \;
fi
ln -s "$PWD/node_modules" "$tmp/node_modules"
find "$set_dir" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.md' -o -name '*.meta.json' \) ! -name 'README*' -exec cp {} "$tmp/seeds/" \;
docs=()
[ -f "$set_dir/docs.json" ] && docs=(--docs "$set_dir/docs.json")
cd "$tmp"
node "$here/score.mjs" "$set_dir/qa.jsonl" "${docs[@]}" "$@" -- npm run --silent ask -- --json
