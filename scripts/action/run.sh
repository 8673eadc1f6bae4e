#!/usr/bin/env bash
# The work of the migrate-eval GitHub Action (action.yml), in a file so that it can be tested
# with a fake job environment. It finds the records the pull request changes (git diff against
# the base branch), writes each side to a folder, runs `migrate-eval diff` on them, writes the
# markdown report to the job's summary, prints annotations, writes SARIF when asked, and says
# through $GITHUB_OUTPUT whether the gate holds. It exits non-zero only when it cannot run:
# the action fails the job for the gate after posting the comment.
#
# Inputs (environment): INPUT_RECORDS (pathspecs, space-separated), INPUT_EXTENSIONS (e.g. md,txt),
# INPUT_POLICY, INPUT_BASE_REF (else GITHUB_BASE_REF), INPUT_FAIL_ON (none | verdict-regression |
# hold), INPUT_SARIF and INPUT_ANNOTATIONS (true | false); GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and
# RUNNER_TEMP as a job has them. MIGRATE_EVAL_CLI overrides the command (for tests of this script).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cli="${MIGRATE_EVAL_CLI:-$here/bin/migrate-eval.js}"
me() { node "$cli" "$@"; }
fail() { echo "::error title=migrate-eval::$1"; exit 2; }
output() { echo "$1=$2" >> "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"; }

: "${GITHUB_STEP_SUMMARY:?GITHUB_STEP_SUMMARY is not set}"
base_ref="${INPUT_BASE_REF:-${GITHUB_BASE_REF:-}}"
fail_on="${INPUT_FAIL_ON:-verdict-regression}"
exts="${INPUT_EXTENSIONS:-md}"
[ -n "$base_ref" ] || fail "no base branch: run on a pull_request event or set the base-ref input"
# A branch name, never an option or a revision expression.
[[ "$base_ref" =~ ^[A-Za-z0-9][A-Za-z0-9._/-]*$ && "$base_ref" != *..* ]] || fail "base-ref is not a branch name"
[[ "$exts" =~ ^[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*$ ]] || fail "extensions must be a list such as md,txt"
case "$fail_on" in none|verdict-regression|hold) ;; *) fail "fail-on must be none, verdict-regression or hold" ;; esac

work="${RUNNER_TEMP:-$(mktemp -d)}/migrate-eval"
rm -rf "$work"
mkdir -p "$work/base" "$work/head"

# The base branch's commit: fetched when the checkout does not have it.
if ! git rev-parse --verify --quiet "refs/remotes/origin/$base_ref" > /dev/null; then
  git fetch --no-tags --depth=1 origin "+refs/heads/$base_ref:refs/remotes/origin/$base_ref" > /dev/null 2>&1 || fail "cannot fetch the base branch $base_ref"
fi
base="$(git rev-parse --verify "refs/remotes/origin/$base_ref^{commit}")"
# What the pull request changes since it branched; a shallow checkout has no merge base, and is
# compared with the base branch as it is now.
if from="$(git merge-base "$base" HEAD 2> /dev/null)"; then range=("$from" HEAD); else from="$base"; range=("$base" HEAD); fi

read -r -a pathspecs <<< "${INPUT_RECORDS:-.}"
[ "${#pathspecs[@]}" -gt 0 ] || pathspecs=(.)
changed=()
while IFS= read -r -d '' f; do
  ext="${f##*.}"
  [[ ",$exts," == *",$ext,"* && "$(basename "$f")" != README.md ]] && changed+=("$f")
done < <(git diff -z --name-only --no-renames "${range[@]}" -- "${pathspecs[@]}")

output changed "${#changed[@]}"
output report "$work/report.md"
if [ "${#changed[@]}" -eq 0 ]; then
  echo "migrate-eval: no record changed (${pathspecs[*]}, *.${exts//,/, *.})" | tee "$work/report.md" >> "$GITHUB_STEP_SUMMARY"
  output regressions 0
  output gate pass
  exit 0
fi

head_files=()
for f in "${changed[@]}"; do
  mkdir -p "$work/base/$(dirname "$f")" "$work/head/$(dirname "$f")"
  if git cat-file -e "$from:$f" 2> /dev/null; then git show "$from:$f" > "$work/base/$f"; fi
  # A symbolic link in a pull request could point at any file on the runner: it is not read.
  if [ -L "$f" ]; then echo "::warning file=${f//[%:,]/_},title=migrate-eval::a symbolic link, not read as a record"; continue; fi
  if [ -f "$f" ]; then cp -- "$f" "$work/head/$f"; head_files+=("$f"); fi
done

# The policy the base branch has, so that a pull request cannot loosen its own gate; a policy the
# base does not have yet is taken from the pull request, with a warning.
policy="${INPUT_POLICY:-}"
if [ -z "$policy" ] && [ -f migrate-eval.policy.yaml ]; then policy=migrate-eval.policy.yaml; fi
policy_args=()
if [ -n "$policy" ]; then
  if git cat-file -e "$base:$policy" 2> /dev/null; then
    git show "$base:$policy" > "$work/policy.yaml"
  elif [ -f "$policy" ]; then
    echo "::warning title=migrate-eval::the policy $policy is not on $base_ref yet; using the pull request's"
    cp -- "$policy" "$work/policy.yaml"
  else
    fail "the policy $policy is neither on $base_ref nor in the checkout"
  fi
  policy_args=(--policy "$work/policy.yaml")
fi

# Run from the work folder, so the report names records as base/… and head/….
status=0
(cd "$work" && me diff base head --ext "$exts" "${policy_args[@]}" --format json --output diff.json 2> errors.txt) || status=$?
(cd "$work" && me diff base head --ext "$exts" "${policy_args[@]}" --format markdown --output report.md 2> /dev/null) || true
[ "$status" -le 2 ] || fail "migrate-eval diff failed ($status)"
[ -s "$work/errors.txt" ] && cat "$work/errors.txt" >&2
if [ "$status" -eq 2 ] && [ ! -s "$work/diff.json" ]; then fail "migrate-eval could not compare the records (see the log)"; fi

read -r regressions holds < <(node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(d.summary.regressions, d.records.filter((r) => r.verdict.head === "HOLD").length)' "$work/diff.json")
output regressions "$regressions"
output json "$work/diff.json"

if [ "$status" -eq 2 ]; then
  printf '\n_Some records could not be read; the job log lists them with their lines._\n' >> "$work/report.md"
fi
cat "$work/report.md" >> "$GITHUB_STEP_SUMMARY"

if [ "${INPUT_ANNOTATIONS:-true}" = true ] && [ "${#head_files[@]}" -gt 0 ]; then
  me batch "${head_files[@]}" "${policy_args[@]}" --format github 2> /dev/null || true
fi
if [ "${INPUT_SARIF:-false}" = true ] && [ "${#head_files[@]}" -gt 0 ]; then
  me batch "${head_files[@]}" "${policy_args[@]}" --format sarif --output "$work/migrate-eval.sarif" 2> /dev/null || true
  output sarif "$work/migrate-eval.sarif"
fi

gate=pass
if [ "$status" -eq 2 ]; then gate=error
elif [ "$fail_on" = verdict-regression ] && [ "$regressions" -gt 0 ]; then gate=fail
elif [ "$fail_on" = hold ] && [ "$holds" -gt 0 ]; then gate=fail
fi
output gate "$gate"
echo "migrate-eval: ${#changed[@]} changed record file(s), $regressions regression(s), $holds HOLD; gate: $gate"
