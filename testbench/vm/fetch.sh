#!/bin/sh
# Fetch QEMU (>= 10.1, from Debian trixie-backports) and a Debian guest kernel with its
# modules and busybox into a private prefix, without touching the system's apt or dpkg state.
# Usage: fetch.sh CACHE_DIR   (idempotent: a complete prefix is reused)
set -eu
CACHE=${1:?cache directory}
PREFIX=$CACHE/prefix
[ -f "$PREFIX/.complete" ] && exit 0
mkdir -p "$CACHE/apt/lists/partial" "$CACHE/apt/archives/partial" "$CACHE/debs" "$PREFIX"
: > "$CACHE/apt/status"
cat > "$CACHE/apt/sources.list" <<SRC
deb http://deb.debian.org/debian trixie main
deb http://deb.debian.org/debian trixie-backports main
deb http://deb.debian.org/debian bookworm-backports main
SRC
APT="-o Dir::Etc::SourceList=$CACHE/apt/sources.list -o Dir::Etc::SourceParts=/dev/null \
 -o Dir::State::Lists=$CACHE/apt/lists -o Dir::State::Status=$CACHE/apt/status \
 -o Dir::Cache::Archives=$CACHE/apt/archives -o Dir::Cache=$CACHE/apt \
 -o APT::Architecture=amd64 -o APT::Architectures::=amd64 -o Debug::NoLocking=1 \
 -o Acquire::Languages=none -o APT::Default-Release=trixie -o APT::Sandbox::User=root
 -o APT::Install-Recommends=false -o APT::Install-Suggests=false"
apt-get $APT -q update >/dev/null
# QEMU from trixie-backports with its whole dependency closure (the status file is empty, so
# apt names every package the prefix needs); the kernel and busybox are taken alone.
QEMU_DEPS=$(apt-get $APT -s install -t trixie-backports qemu-system-x86 2>/dev/null \
  | awk '/^Inst /{print $2"/"substr($3,2)}' | sed 's|/\([^/]*\)$|=\1|')
cd "$CACHE/debs"
for p in $QEMU_DEPS; do
  name=${p%%=*}; ver=${p#*=}
  ls ${name}_*.deb >/dev/null 2>&1 || apt-get $APT -q download "$name=$ver" >/dev/null
done
KPKG=$(apt-cache $APT search --names-only '^linux-image-6\.12\.[0-9.+~a-z-]*-amd64$' 2>/dev/null \
  | awk '{print $1}' | grep -v -- '-dbg' | sort -V | tail -1)
for p in "$KPKG" busybox-static; do
  ls ${p}_*.deb >/dev/null 2>&1 || apt-get $APT -q download "$p" >/dev/null
done
for d in *.deb; do dpkg-deb -x "$d" "$PREFIX"; done
echo "$KPKG" > "$PREFIX/.kernel-package"
touch "$PREFIX/.complete"
