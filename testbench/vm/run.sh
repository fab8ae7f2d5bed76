#!/bin/sh
# The VM rig: the project's simulated cards served over vfio-user (`macsec serve`), a Debian
# guest under QEMU >= 10.1 whose vfio-pci binds them behind a virtual IOMMU, and the driver's
# checks run inside the guest through the real Linux VFIO stack. QEMU and the guest kernel come
# from Debian's packages into a private cache (testbench/vm/fetch.sh); nothing on the system
# changes. The last line printed is one JSON object; exit 0 only when every check passed.
#
# Usage: testbench/vm/run.sh [--card model|hdl|verilator] [--cards 1|2] [--lab-frames N] [--timeout SECONDS]
# Environment: MACSEC_VM_CACHE (default ~/.cache/macsec-vm), MACSEC_VM_ACCEL=tcg|kvm (skips
# the probe), MACSEC_BIN (a built `macsec`; default: cargo build --release).
set -eu
CARD=model
CARDS=2
LIMIT=900
LAB_FRAMES=20000
while [ $# -gt 0 ]; do
  case $1 in
    --card) CARD=${2:?}; shift 2 ;;
    --cards) CARDS=${2:?}; shift 2 ;;
    --timeout) LIMIT=${2:?}; shift 2 ;;
    --lab-frames) LAB_FRAMES=${2:?}; shift 2 ;;
    *) echo "run.sh: unknown argument $1 (usage: run.sh [--card model|hdl|verilator] [--cards 1|2] [--timeout S])" >&2; exit 2 ;;
  esac
done
case $CARD in model|hdl|verilator) ;; *) echo "run.sh: --card model, hdl or verilator, not $CARD" >&2; exit 2 ;; esac
case $CARDS in 1|2) ;; *) echo "run.sh: --cards 1 or 2, not $CARDS" >&2; exit 2 ;; esac
case $LAB_FRAMES in ''|*[!0-9]*) echo "run.sh: --lab-frames takes a number" >&2; exit 2 ;; esac
START=$(date +%s)
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${MACSEC_VM_CACHE:-${HOME:-/root}/.cache/macsec-vm}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/macsec-vm.XXXXXX")
SERVER=""
QEMU_PID=""
cleanup() {
  [ -n "$QEMU_PID" ] && kill "$QEMU_PID" 2>/dev/null || true
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
say() { echo "run.sh: $*" >&2; }

"$HERE/fetch.sh" "$CACHE"
P=$CACHE/prefix
KVER=$(ls "$P/usr/lib/modules")
QLIB=$P/usr/lib/x86_64-linux-gnu
qemu() {
  "$QLIB/ld-linux-x86-64.so.2" --library-path "$QLIB" "$P/usr/bin/qemu-system-x86_64" "$@"
}
QVER=$(qemu --version | sed -n 's/^QEMU emulator version \([^ ]*\).*/\1/p')

if [ -n "${MACSEC_BIN:-}" ]; then
  BIN=$MACSEC_BIN
else
  (cd "$ROOT" && cargo build --release -q --bin macsec)
  BIN=$ROOT/target/release/macsec
fi

# The initramfs: busybox, the macsec binary with the libraries it links, VFIO's modules (and
# what they depend on), the test data and the init script.
R=$WORK/root
mkdir -p "$R/bin" "$R/modules" "$R/data" "$R/lib64" "$R/lib/x86_64-linux-gnu" "$R/proc" "$R/sys" "$R/dev"
cp "$P/usr/bin/busybox" "$R/bin/busybox"
ln -s busybox "$R/bin/sh"
cp "$BIN" "$R/bin/macsec"
for lib in $(ldd "$BIN" | awk '/=>/{print $3} /ld-linux/{print $1}'); do
  case $lib in
    */ld-linux*) cp -L "$lib" "$R/lib64/" ;;
    /*) cp -L "$lib" "$R/lib/x86_64-linux-gnu/" ;;
  esac
done
MODDIR=$P/usr/lib/modules/$KVER/kernel
: > "$R/modules/order"
add_module() {
  grep -qx "$1" "$R/modules/order" && return 0
  f=$(find "$MODDIR" -name "$1.ko.xz" | head -1)
  [ -n "$f" ] || { say "module $1 not in the kernel package"; exit 1; }
  xz -dc "$f" > "$R/modules/$1.ko"
  for dep in $(tr '\0' '\n' < "$R/modules/$1.ko" | grep '^depends=' | head -1 | sed 's/^depends=//; s/,/ /g'); do
    add_module "$dep"
  done
  echo "$1" >> "$R/modules/order"
}
for m in vfio_iommu_type1 vfio-pci; do add_module "$m"; done
cp "$ROOT/examples/secy.toml" "$ROOT/examples/sample.pcap" "$R/data/"
cp "$HERE/guest-init.sh" "$R/init"
(cd "$R" && find . | "$P/usr/bin/busybox" cpio -o -H newc 2>/dev/null | gzip -1 > "$WORK/initrd.gz")

# KVM where it boots a guest, TCG otherwise; the verdict is cached per host kernel and QEMU.
ACCEL=${MACSEC_VM_ACCEL:-}
if [ -z "$ACCEL" ]; then
  VERDICT=$CACHE/accel-$(uname -r)-$QVER
  if [ -f "$VERDICT" ]; then
    ACCEL=$(cat "$VERDICT")
  else
    ACCEL=tcg
    if [ -w /dev/kvm ]; then
      mkdir -p "$WORK/probe"
      printf '#!/bin/sh\necho MACSEC-KVM-OK\n/bin/busybox poweroff -f\n' > "$WORK/probe/init"
      chmod +x "$WORK/probe/init"
      mkdir -p "$WORK/probe/bin" && cp "$P/usr/bin/busybox" "$WORK/probe/bin/" && ln -s busybox "$WORK/probe/bin/sh"
      (cd "$WORK/probe" && find . | "$P/usr/bin/busybox" cpio -o -H newc 2>/dev/null | gzip -1 > "$WORK/probe.gz")
      if timeout 30 sh -c "\"$QLIB/ld-linux-x86-64.so.2\" --library-path \"$QLIB\" \"$P/usr/bin/qemu-system-x86_64\" \
          -L \"$P/usr/share/qemu\" -L \"$P/usr/share/seabios\" -accel kvm -cpu host -m 256M -nographic -no-reboot \
          -kernel \"$P/boot/vmlinuz-$KVER\" -initrd \"$WORK/probe.gz\" -append 'console=ttyS0 panic=-1 quiet' 2>&1" \
          | grep -q MACSEC-KVM-OK; then
        ACCEL=kvm
      fi
    fi
    echo "$ACCEL" > "$VERDICT"
  fi
fi
case $ACCEL in
  kvm) ACCEL_ARGS="-accel kvm -cpu host" ;;
  *) ACCEL=tcg; ACCEL_ARGS="-accel tcg -cpu max" ;;
esac

# The server: one card, or two wired back to back.
SOCKS=""
DEVS=""
for i in $(seq 1 "$CARDS"); do
  SOCKS="$SOCKS --socket $WORK/card$i.sock"
  DEVS="$DEVS -device {\"driver\":\"vfio-user-pci\",\"socket\":{\"path\":\"$WORK/card$i.sock\",\"type\":\"unix\"},\"x-msg-timeout\":60000}"
done
# shellcheck disable=SC2086
"$BIN" serve $SOCKS --card "$CARD" > "$WORK/serve.log" 2>&1 &
SERVER=$!
for i in $(seq 1 "$CARDS"); do
  n=0
  while [ ! -S "$WORK/card$i.sock" ]; do
    # Up to 3 minutes: a verilator card's server builds the Verilated engine first (once; cached).
    n=$((n + 1))
    if [ $n -gt 1800 ] || ! kill -0 "$SERVER" 2>/dev/null; then
      say "the server did not start:"; cat "$WORK/serve.log" >&2; exit 1
    fi
    sleep 0.1
  done
done

say "guest: $ACCEL, kernel $KVER, QEMU $QVER, $CARDS $CARD card(s)"
# shellcheck disable=SC2086
timeout "$LIMIT" "$QLIB/ld-linux-x86-64.so.2" --library-path "$QLIB" "$P/usr/bin/qemu-system-x86_64" \
  -L "$P/usr/share/qemu" -L "$P/usr/share/seabios" $ACCEL_ARGS \
  -machine q35,memory-backend=mem -m 512M -smp 2 \
  -object memory-backend-memfd,id=mem,size=512M,share=on \
  -device intel-iommu,intremap=on,caching-mode=on \
  $DEVS \
  -kernel "$P/boot/vmlinuz-$KVER" -initrd "$WORK/initrd.gz" \
  -append "console=ttyS0 intel_iommu=on panic=-1 quiet loglevel=3 macsec.lab_frames=$LAB_FRAMES" \
  -nographic -no-reboot -monitor none > "$WORK/console.log" 2>&1 &
QEMU_PID=$!
wait "$QEMU_PID" || true
QEMU_PID=""
tr -d '\r' < "$WORK/console.log" | grep -E '^(GUEST|CHECK|BENCH|LAB|  \|)' >&2 || true
kill "$SERVER" 2>/dev/null || true
wait "$SERVER" 2>/dev/null || true
SERVER=""
RESULT=$(tr -d '\r' < "$WORK/console.log" | sed -n 's/^RESULT //p' | tail -1)
PASSED=$(echo "$RESULT" | sed -n 's/.*"checks_passed":\([0-9]*\).*/\1/p')
FAILED=$(echo "$RESULT" | sed -n 's/.*"checks_failed":\([0-9]*\).*/\1/p')
if [ -z "$RESULT" ]; then
  say "the guest gave no result (timeout ${LIMIT}s or a crash); its console:"
  tail -30 "$WORK/console.log" >&2
  say "the server's log:"; tail -10 "$WORK/serve.log" >&2
  PASSED=0
  FAILED=1
fi
LAB=$(tr -d '\r' < "$WORK/console.log" | sed -n 's/^LAB //p' | tail -1)
field() { echo "$LAB" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
LAB_SENT=$(field frames_sent)
LAB_MISMATCHES=$(field mismatches)
LAB_LOST=$(field lost)
if [ "$CARDS" = 2 ] && [ -z "$LAB_SENT" ]; then
  FAILED=$((FAILED + 1))
fi
SECONDS_TAKEN=$(( $(date +%s) - START ))
echo "{\"card\":\"$CARD\",\"accel\":\"$ACCEL\",\"kernel\":\"$KVER\",\"qemu\":\"$QVER\",\"checks_passed\":$PASSED,\"checks_failed\":$FAILED,\"lab_frames\":${LAB_SENT:-0},\"lab_mismatches\":${LAB_MISMATCHES:-0},\"lab_lost\":${LAB_LOST:-0},\"seconds\":$SECONDS_TAKEN}"
[ "$FAILED" = 0 ] && [ "$PASSED" -gt 0 ]
