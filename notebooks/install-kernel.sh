#!/usr/bin/env bash
# Installs the kvik Jupyter kernelspec (builds the kernel jar first if it is missing).
# Usage: notebooks/install-kernel.sh [--prefix DIR] [--name NAME] [--java JAVA]
#   --prefix DIR  Jupyter data folder to write DIR/kernels/NAME/kernel.json into; put DIR on JUPYTER_PATH.
#                 Default: Jupyter's per-user folder (~/.local/share/jupyter), found without JUPYTER_PATH.
#   --name NAME   kernelspec name (default kvik)
#   --java JAVA   java command the kernel runs on (default: the java running the installer)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/notebooks/kernel/target/kvik-kernel.jar"
if [[ ! -f "$jar" ]]; then
    echo "building $jar" >&2
    (cd "$root" && mvn -q -B package -DskipTests -pl notebooks/kernel -am)
fi
exec java -jar "$jar" install "$@"
