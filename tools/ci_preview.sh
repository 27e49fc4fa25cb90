#!/usr/bin/env bash
# The pull request's preview, as the `check` job of .github/workflows/portal.yml makes it;
# runs the same way on a laptop (tests/builds/test_ci_preview.py runs it on the fixture).
#
#   tools/ci_preview.sh build BASE HEAD OUT      check the content, build the preview (OUT/site)
#   tools/ci_preview.sh summary BASE HEAD OUT    the job summary (Markdown) on stdout
#
# `build` writes OUT/check.txt (what `make check STRICT=1` says) and OUT/site: the offline
# edition (opens from disk, no server), with the PDFs of every page; the PDF cache
# (.cache/pdf, restored by actions/cache) means only the PDFs whose page changed are rendered.
# OUT/site/changes.html is the summary with links to the changed pages beside it.
# It exits non-zero when the check fails, or the build fails or warns (as --strict would),
# after writing what it could.
# `summary` compares BASE and HEAD (git revisions or folders) with `python -m portal diff`
# and appends the check's output. (The files that are not content are listed by the
# workflow's `code-changes` job, `python -m portal code-changes BASE HEAD`.)
#
# Environment: PORTAL_ROOT (the portal's folder, default: the current one), PYTHON (default:
# the portal's .venv), PDF (0 skips the PDFs), ARTIFACT_URL (the preview's download address).
set -uo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "${PORTAL_ROOT:-.}" && pwd)"
python="${PYTHON:-$here/.venv/bin/python}"
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true

build() {
    local base="$1" head="$2" out="$3" status=0
    mkdir -p "$out"
    out="$(cd "$out" && pwd)"
    "$python" -m portal check --strict --root "$root" >"$out/check.txt" 2>&1 || status=1
    echo "$status" >"$out/check.status"
    rm -rf "$out/site"
    # The offline edition: file:// links and search, so the artifact opens from disk. Built
    # even with warnings (the editor needs the preview to fix them), which fail the step after.
    (cd "$root" && PORTAL_OFFLINE=true "$python" -m mkdocs build --site-dir "$out/site") \
        2>&1 | tee "$out/build.log" || status=1
    if grep -q '^WARNING' "$out/build.log"; then status=1; fi
    if [ -d "$out/site" ]; then
        "$python" -m portal diff "$base" "$head" --root "$root" --html >"$out/site/changes.html" ||
            status=1
    fi
    return "$status"
}

summary() {
    local base="$1" head="$2" out="$3"
    "$python" -m portal diff "$base" "$head" --root "$root" --artifact-url "${ARTIFACT_URL:-}"
    echo
    echo "## make check"
    echo
    if [ "$(cat "$out/check.status" 2>/dev/null)" = 0 ]; then
        echo "OK: $(tail -n 1 "$out/check.txt")"
    else
        echo "The check fails; fix these lines (\`make check\` prints them too):"
        echo
        echo '```'
        head -n 100 "$out/check.txt" 2>/dev/null
        echo '```'
    fi
}

case "${1:-}" in
build) build "${2:?BASE}" "${3:?HEAD}" "${4:?OUT}" ;;
summary) summary "${2:?BASE}" "${3:?HEAD}" "${4:?OUT}" ;;
*)
    echo "usage: tools/ci_preview.sh build|summary BASE HEAD OUT" >&2
    exit 2
    ;;
esac
