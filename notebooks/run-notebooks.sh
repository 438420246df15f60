#!/usr/bin/env bash
# Executes notebooks headless on the kvik kernel with Jupyter's nbconvert; fails if any cell fails.
# Usage: notebooks/run-notebooks.sh [NOTEBOOK.ipynb ...]     (default: every notebooks/*.ipynb)
# The kernelspec is installed into a temporary JUPYTER_PATH, so nothing is written to the user's Jupyter
# folders. Executed notebooks and their HTML exports go to $KVIK_NOTEBOOK_OUT (default
# notebooks/target/executed). $KVIK_CELL_TIMEOUT limits each cell (seconds, default 600). $KVIK_JUPYTER_PATH:
# use the kvik kernelspec already installed there instead of installing kvik-kernel.jar.
# The HTML export prefers PNG over SVG (nbconvert strips SVG), so kvik charts show in the exported page.
# Needs Debian's Jupyter tools (they run on /usr/bin/python3, whatever python3 is first on PATH):
#   apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client python3-ipykernel
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
nbconvert=/usr/bin/jupyter-nbconvert
if [[ ! -x "$nbconvert" ]]; then
    echo "error: $nbconvert is missing; install the Debian packages:" >&2
    echo "  apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client python3-ipykernel" >&2
    exit 2
fi

if (($#)); then
    notebooks=("$@")
else
    mapfile -t notebooks < <(find "$root/notebooks" -maxdepth 1 -name '*.ipynb' | sort)
fi
if ((${#notebooks[@]} == 0)); then
    echo "no notebooks to run in $root/notebooks"
    exit 0
fi
for nb in "${notebooks[@]}"; do
    [[ -f "$nb" && "$nb" == *.ipynb ]] || { echo "error: not a notebook file: $nb" >&2; exit 2; }
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [[ -n "${KVIK_JUPYTER_PATH:-}" ]]; then
    # a kvik kernelspec installed by the caller (the notebook tests install it from their class path)
    [[ -f "$KVIK_JUPYTER_PATH/kernels/kvik/kernel.json" ]] || { echo "error: no kvik kernelspec in $KVIK_JUPYTER_PATH" >&2; exit 2; }
    export JUPYTER_PATH="$KVIK_JUPYTER_PATH"
else
    jar="$root/notebooks/kernel/target/kvik-kernel.jar"
    if [[ ! -f "$jar" ]]; then
        echo "building $jar" >&2
        (cd "$root" && mvn -q -B package -DskipTests -pl notebooks/kernel -am)
    fi
    java -jar "$jar" install --prefix "$tmp/jupyter" --name kvik >/dev/null
    export JUPYTER_PATH="$tmp/jupyter"
fi
export JUPYTER_RUNTIME_DIR="$tmp/runtime"
out="${KVIK_NOTEBOOK_OUT:-$root/notebooks/target/executed}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# nbconvert's HTML export strips SVG; kvik charts carry a PNG too, so the export prefers PNG over SVG
html_priority="['application/vnd.jupyter.widget-view+json', 'application/javascript', 'text/html', 'text/markdown', 'image/png', 'image/svg+xml', 'text/latex', 'image/jpeg', 'text/plain']"
failed=()
for nb in "${notebooks[@]}"; do
    name="$(basename "$nb" .ipynb)"
    dir="$(cd "$(dirname "$nb")" && pwd)"
    start=$SECONDS
    echo "== $nb"
    # the kernel runs in the notebook's folder, so relative paths and KvikHome.locate() work
    if (cd "$dir" && "$nbconvert" --log-level=WARN --to notebook --execute "$name.ipynb" \
            --output-dir "$out" --output "$name" \
            --ExecutePreprocessor.kernel_name=kvik \
            --ExecutePreprocessor.timeout="${KVIK_CELL_TIMEOUT:-600}") &&
        "$nbconvert" --log-level=WARN --to html "$out/$name.ipynb" --output-dir "$out" --output "$name" \
            "--NbConvertBase.display_data_priority=$html_priority"; then
        echo "ok   $nb ($((SECONDS - start)) s): $out/$name.ipynb, $out/$name.html"
    else
        echo "FAIL $nb ($((SECONDS - start)) s)" >&2
        failed+=("$nb")
    fi
done
if ((${#failed[@]})); then
    echo "${#failed[@]} of ${#notebooks[@]} notebooks failed: ${failed[*]}" >&2
    exit 1
fi
echo "all ${#notebooks[@]} notebooks ran without errors"
