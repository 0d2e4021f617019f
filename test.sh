#!/usr/bin/env bash
# Installs what the tests need when it is missing, then runs every test project.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

need_apt=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need_apt+=(postgresql)
command -v abc2midi >/dev/null || need_apt+=(abcmidi)
command -v spm_train >/dev/null || need_apt+=(sentencepiece)
command -v node >/dev/null || need_apt+=(nodejs npm)
command -v chromium >/dev/null || need_apt+=(chromium)
if ((${#need_apt[@]})); then
  echo "test.sh: installing ${need_apt[*]}" >&2
  if [[ $(id -u) -eq 0 ]]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

dotnet build MusicPile.sln -nologo -v quiet -clp:ErrorsOnly
dotnet test MusicPile.sln --no-build -nologo "$@"
