#!/bin/sh
# The local model's file on the shared volume, as precis expects it with LLM_MODEL_URL and LLM_MODEL_CACHE_DIR set:
# <cache dir>/url/<file name of the URL>.
#   download-model.sh fetch   download it once, verify its SHA-256, and record the check beside it as precis does
#                             (<file>.sha256: hash, size, modification time in seconds), so that pods reading the
#                             volume read-only need not hash 1 GiB at each start; a no-op when already done
#   download-model.sh wait    wait until that is done (the pods' init container)
# Settings come from the environment (the precis-model ConfigMap): LLM_MODEL_URL, LLM_MODEL_SHA256,
# LLM_MODEL_CACHE_DIR.
set -eu

url="${LLM_MODEL_URL:?LLM_MODEL_URL is required}"
want=$(printf '%s' "${LLM_MODEL_SHA256:?LLM_MODEL_SHA256 is required}" | tr -d ' ' | tr 'A-F' 'a-f')
name=$(basename "${url%%[?#]*}")
dir="${LLM_MODEL_CACHE_DIR:?LLM_MODEL_CACHE_DIR is required}/url"
file="$dir/$name"

recorded() {
  [ -f "$file" ] && [ -f "$file.sha256" ] && [ "$(cat "$file.sha256")" = "$want $(stat -c '%s %Y' "$file")" ]
}

case "${1:-}" in
  fetch)
    if recorded; then
      echo "$file is there and verified"
      exit 0
    fi
    mkdir -p "$dir"
    rm -f "$file" "$file.sha256"
    echo "Downloading $url into $file"
    # Resumes a partial file left by an earlier attempt.
    curl --fail --location --silent --show-error --retry 10 --retry-all-errors --continue-at - \
      --output "$file.part" "$url"
    got=$(sha256sum "$file.part" | cut -d ' ' -f 1)
    if [ "$got" != "$want" ]; then
      echo "The SHA-256 of the download is $got, not the expected $want (LLM_MODEL_SHA256)" >&2
      rm -f "$file.part"
      exit 1
    fi
    mv "$file.part" "$file"
    echo "$want $(stat -c '%s %Y' "$file")" > "$file.sha256.part"
    mv "$file.sha256.part" "$file.sha256"
    echo "$file verified"
    ;;
  wait)
    until recorded; do
      echo "Waiting for $file (the precis-model-download Job)"
      sleep 10
    done
    ;;
  *)
    echo "usage: download-model.sh fetch|wait" >&2
    exit 2
    ;;
esac
