#!/usr/bin/env bash
# Fetches the LLaMA-2 vocabulary package into the tokenizer cache; the first use of the `llama2` tokenizer
# (Llama2Package.EnsureModelAsync) then converts it to tokenizer.model. Needs npm and its registry.
# Offline machines: copy llama-tokenizer-js-1.2.2.tgz into the same folder instead.
set -euo pipefail
cache="${MUSICPILE_HOME:-$HOME/.cache/musicpile}/tokenizers/llama2"
mkdir -p "$cache"
if [ ! -f "$cache/llama-tokenizer-js-1.2.2.tgz" ]; then
  npm pack llama-tokenizer-js@1.2.2 --silent --pack-destination "$cache" >/dev/null
fi
echo "ee83014ac8b379b16cf8d81e99ffcdb23dfade8c0d2e751bd06e7dc0b8476e72  $cache/llama-tokenizer-js-1.2.2.tgz" | sha256sum -c -
