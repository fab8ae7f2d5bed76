#!/bin/sh
# Fetch QEMU (>= 10.1, from Debian trixie-backports) with its libraries, a Debian guest kernel
# and busybox into a private prefix, without touching the system's apt or dpkg state: apt runs
# with its own sources, lists, cache and an empty status file, so it names every package the
# prefix needs. Idempotent: a complete prefix is reused; downloads are cached.
# Usage: fetch.sh CACHE_DIR
set -eu
CACHE=${1:?usage: fetch.sh CACHE_DIR}
PREFIX=$CACHE/prefix
[ -f "$PREFIX/.complete" ] && exit 0
mkdir -p "$CACHE/apt/lists/partial" "$CACHE/apt/archives/partial" "$CACHE/debs"
: > "$CACHE/apt/status"
cat > "$CACHE/apt/sources.list" <<SRC
deb http://deb.debian.org/debian trixie main
deb http://deb.debian.org/debian trixie-backports main
SRC
APT="-o Dir::Etc::SourceList=$CACHE/apt/sources.list -o Dir::Etc::SourceParts=/dev/null
 -o Dir::State::Lists=$CACHE/apt/lists -o Dir::State::Status=$CACHE/apt/status
 -o Dir::Cache::Archives=$CACHE/apt/archives -o Dir::Cache=$CACHE/apt
 -o APT::Architecture=amd64 -o APT::Architectures::=amd64 -o Debug::NoLocking=1
 -o Acquire::Languages=none -o APT::Sandbox::User=root
 -o APT::Install-Recommends=false -o APT::Install-Suggests=false"
apt-get $APT -q update >/dev/null
# The guest kernel: trixie's newest generic amd64 image (vfio-pci, vfio_iommu_type1 and macsec
# are modules of it).
KPKG=$(apt-cache $APT pkgnames linux-image-6.12 2>/dev/null \
  | grep -E '^linux-image-6\.12\.[0-9]+\+deb13-amd64$' | sort -V | tail -1)
[ -n "$KPKG" ] || { echo "fetch.sh: no linux-image-6.12.*+deb13-amd64 in trixie" >&2; exit 1; }
# Everything QEMU needs, as apt resolves it against the empty status; then the kernel and
# busybox alone (their dependencies are not needed to extract them).
apt-get $APT -s install -t trixie-backports qemu-system-x86 2>/dev/null \
  | awk '/^Inst /{print $2"="substr($3,2)}' > "$CACHE/packages"
[ -s "$CACHE/packages" ] || { echo "fetch.sh: apt could not resolve qemu-system-x86" >&2; exit 1; }
grep -q '^qemu-system-x86=' "$CACHE/packages"
echo "$KPKG" >> "$CACHE/packages"
echo busybox-static >> "$CACHE/packages"
cd "$CACHE/debs"
missing=""
while read -r p; do
  name=${p%%=*}
  ls "${name}"_*.deb >/dev/null 2>&1 || missing="$missing $p"
done < "$CACHE/packages"
# shellcheck disable=SC2086
[ -z "$missing" ] || apt-get $APT -q download $missing >/dev/null
rm -rf "$PREFIX.tmp"
mkdir -p "$PREFIX.tmp"
while read -r p; do
  name=${p%%=*}
  for d in "${name}"_*.deb; do dpkg-deb -x "$d" "$PREFIX.tmp"; done
done < "$CACHE/packages"
echo "$KPKG" > "$PREFIX.tmp/.kernel-package"
touch "$PREFIX.tmp/.complete"
rm -rf "$PREFIX"
mv "$PREFIX.tmp" "$PREFIX"
