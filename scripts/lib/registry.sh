# shellcheck shell=bash
# A throwaway OCI registry on 127.0.0.1 (Debian's docker-registry, CNCF distribution) and a curl
# client for the few distribution-spec calls the demo and the benchmark need. Source common.sh first.
#
# registry_start DIR   starts it; sets REGISTRY (host:port), REGISTRY_URL, REGISTRY_PID
# registry_stop        stops only the PID registry_start started

# Kept when already set, so the helpers can also target a registry started elsewhere.
REGISTRY=${REGISTRY:-} REGISTRY_URL=${REGISTRY_URL:-} REGISTRY_PID=''

readonly OCI_MANIFEST=application/vnd.oci.image.manifest.v1+json
readonly OCI_ACCEPT="application/vnd.oci.image.manifest.v1+json,application/vnd.oci.image.index.v1+json,application/vnd.docker.distribution.manifest.v2+json,application/vnd.docker.distribution.manifest.list.v2+json"

_port_in_use() {
  # Bash's /dev/tcp connects: success means something listens there.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

registry_start() {
  local dir=$1 attempt port
  command -v docker-registry >/dev/null 2>&1 || die "docker-registry is not installed"
  mkdir -p -- "$dir/data"
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    _port_in_use "$port" && continue
    cat >"$dir/config.yml" <<YAML
version: 0.1
log: {level: warn}
storage:
  filesystem: {rootdirectory: $dir/data}
  delete: {enabled: true}
  cache: {blobdescriptor: inmemory}
http:
  addr: 127.0.0.1:$port
YAML
    docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
    REGISTRY_PID=$!
    local tries
    for ((tries = 0; tries < 100; tries++)); do
      if curl -fsS -o /dev/null "http://127.0.0.1:$port/v2/" 2>/dev/null; then
        REGISTRY=127.0.0.1:$port
        REGISTRY_URL=http://$REGISTRY
        return 0
      fi
      kill -0 "$REGISTRY_PID" 2>/dev/null || break
      sleep 0.1
    done
    # Lost a race for the port, or did not come up: stop it and try another port.
    kill "$REGISTRY_PID" 2>/dev/null || true
    wait "$REGISTRY_PID" 2>/dev/null || true
    REGISTRY_PID=
    : "attempt $attempt failed"
  done
  tail -n 5 -- "$dir/registry.log" >&2 || true
  die "could not start docker-registry on 127.0.0.1"
}

registry_stop() {
  if [[ -n $REGISTRY_PID ]]; then
    kill "$REGISTRY_PID" 2>/dev/null || true
    wait "$REGISTRY_PID" 2>/dev/null || true
    REGISTRY_PID=
  fi
}

sha256_hex() { sha256sum -- "$1" | cut -d' ' -f1; }

# oci_put_blob REPO FILE DIGEST: monolithic upload (POST, then PUT to the Location with ?digest=).
oci_put_blob() {
  local repo=$1 file=$2 digest=$3 location sep
  if curl -fsS -o /dev/null -I "$REGISTRY_URL/v2/$repo/blobs/$digest" 2>/dev/null; then
    return 0
  fi
  location=$(curl -fsS -X POST -D - -o /dev/null "$REGISTRY_URL/v2/$repo/blobs/uploads/" |
    tr -d '\r' | awk 'tolower($1) == "location:" { print $2 }')
  [[ -n $location ]] || die "registry gave no upload location for $repo"
  [[ $location == /* ]] && location=$REGISTRY_URL$location
  sep='?'
  [[ $location == *\?* ]] && sep='&'
  curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' \
    --data-binary "@$file" "$location${sep}digest=$digest"
}

# oci_put_manifest REPO REF FILE: PUT with the manifest's own mediaType; prints the digest.
oci_put_manifest() {
  local repo=$1 ref=$2 file=$3 media headers digest
  media=$(jq -r '.mediaType // empty' "$file")
  headers=$(curl -fsS -X PUT -D - -o /dev/null -H "Content-Type: ${media:-$OCI_MANIFEST}" \
    --data-binary "@$file" "$REGISTRY_URL/v2/$repo/manifests/$ref") || die "PUT manifest $repo:$ref failed"
  digest=$(printf '%s' "$headers" | tr -d '\r' | awk 'tolower($1) == "docker-content-digest:" { print $2 }')
  printf '%s\n' "${digest:-sha256:$(sha256_hex "$file")}"
}

# oci_get_manifest REPO REF FILE: the manifest bytes as stored; returns 1 on 404.
oci_get_manifest() {
  curl -fsS -H "Accept: $OCI_ACCEPT" -o "$3" "$REGISTRY_URL/v2/$1/manifests/$2" 2>/dev/null
}

oci_tags() { curl -fsS "$REGISTRY_URL/v2/$1/tags/list"; }

# cosign's signature tag for a subject digest (spec §3.1): sha256:<hex> -> sha256-<hex>.sig
sig_tag() { printf '%s.sig\n' "${1/:/-}"; }

# oci_push_image REPO TAG TEXT: pushes a one-file image (uncompressed tar layer, fixed mtime,
# owner and mode, so the same TEXT always gives the same digest); prints the manifest digest.
oci_push_image() {
  local repo=$1 tag=$2 text=$3 work layer_digest layer_size cfg_digest cfg_size
  work=$(mktemp -d "${TMPDIR:-/tmp}/jcosign-img.XXXXXX")
  mkdir -p -- "$work/rootfs"
  printf '%s\n' "$text" >"$work/rootfs/hello.txt"
  tar --sort=name --mtime=@946684800 --owner=0 --group=0 --numeric-owner --mode=0644 \
    --format=ustar -C "$work/rootfs" -cf "$work/layer.tar" hello.txt
  layer_digest=sha256:$(sha256_hex "$work/layer.tar")
  layer_size=$(stat -c %s -- "$work/layer.tar")
  printf '{"architecture":"amd64","os":"linux","config":{"Cmd":["/hello.txt"]},"rootfs":{"type":"layers","diff_ids":["%s"]},"history":[{"created":"2000-01-01T00:00:00Z","created_by":"jcosign scripts"}]}' \
    "$layer_digest" >"$work/config.json"
  cfg_digest=sha256:$(sha256_hex "$work/config.json")
  cfg_size=$(stat -c %s -- "$work/config.json")
  oci_put_blob "$repo" "$work/layer.tar" "$layer_digest"
  oci_put_blob "$repo" "$work/config.json" "$cfg_digest"
  printf '{"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"%s","size":%s}]}' \
    "$OCI_MANIFEST" "$cfg_digest" "$cfg_size" "$layer_digest" "$layer_size" >"$work/manifest.json"
  oci_put_manifest "$repo" "$tag" "$work/manifest.json"
  rm -rf -- "$work"
}
