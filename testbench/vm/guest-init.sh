#!/bin/sh
# The guest's /init: load VFIO, bind every MACsec card (1234:4d53) to vfio-pci, run the checks
# through the real VFIO stack, print one line per check and a RESULT line, power off.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mkdir -p /tmp && mount -t tmpfs tmp /tmp
echo "GUEST kernel $(uname -r)"
for m in $(cat /modules/order); do
  out=$(insmod "/modules/$m.ko" 2>&1) || {
    echo "GUEST insmod $m failed: $out"
    dmesg | tail -3 | sed 's/^/GUEST   /'
  }
done
pass=0
fail=0
# check NAME COMMAND...: run it, PASS on exit status 0; a failure shows the command's output.
check() {
  name=$1
  shift
  if "$@" > "/tmp/$name.log" 2>&1; then
    echo "CHECK $name PASS"
    pass=$((pass + 1))
  else
    echo "CHECK $name FAIL (exit $?)"
    sed 's/^/  | /' "/tmp/$name.log" | tail -20
    fail=$((fail + 1))
  fi
}
devs=""
for d in /sys/bus/pci/devices/*; do
  if [ "$(cat "$d/vendor")" = 0x1234 ] && [ "$(cat "$d/device")" = 0x4d53 ]; then
    a=$(basename "$d")
    echo vfio-pci > "$d/driver_override"
    echo "$a" > /sys/bus/pci/drivers_probe
    devs="$devs $a"
  fi
done
echo "GUEST cards:$devs"
set -- $devs
A=${1:-none}
B=${2:-none}
bound() { [ -e "/sys/bus/pci/devices/$1/iommu_group" ] && [ "$(basename "$(readlink "/sys/bus/pci/devices/$1/driver")")" = vfio-pci ]; }
check bound-a bound "$A"
check stats macsec card --device "vfio:$A" stats
check apply macsec card --device "vfio:$A" apply /data/secy.toml
check send macsec card --device "vfio:$A" --config /data/secy.toml send /data/sample.pcap
if [ "$B" != none ]; then
  check bound-b bound "$B"
  # B receives what A sends over the wire between the two served cards; the golden model says
  # what B must deliver.
  check golden sh -c 'macsec protect --config /data/secy.toml /data/sample.pcap /tmp/p.pcap && macsec validate --config /data/secy.toml /tmp/p.pcap /tmp/expect.pcap'
  macsec card --device "vfio:$B" --config /data/secy.toml recv --count 11 --timeout-ms 30000 /tmp/got.pcap > /tmp/recv.log 2>&1 &
  rpid=$!
  # B delivers only once its rings are set up, which takes seconds through this stack under
  # emulation: send when it says so (or when it has given up).
  ready() {
    i=0
    while [ $i -lt 600 ]; do
      grep -q 'card recv: ready' /tmp/recv.log && return 0
      kill -0 "$rpid" 2>/dev/null || break
      sleep 0.1
      i=$((i + 1))
    done
    cat /tmp/recv.log
    return 1
  }
  # recv's verdict, with what it printed.
  received() { wait "$rpid"; r=$?; cat /tmp/recv.log; return $r; }
  check recv-b-ready ready
  check send-a-to-b macsec card --device "vfio:$A" --config /data/secy.toml send /data/sample.pcap
  check recv-b received
  check delivered-as-golden macsec compare /tmp/expect.pcap /tmp/got.pcap
  # The driver's whole conformance suite through vfio-pci, the wire and the faults through each
  # card's test BAR; one line per check.
  macsec conformance --device "vfio:$A" --device "vfio:$B" > /tmp/conformance.log 2>&1
  sed -n 's/^CHECK \([a-z_]*\) \(PASS\|FAIL\).*/\1 \2/p' /tmp/conformance.log | while read -r name verdict; do
    echo "CHECK conformance/$name $verdict"
  done
  grep '^CHECK .* FAIL' /tmp/conformance.log | sed 's/^/  | /'
  p=$(grep -c '^CHECK .* PASS' /tmp/conformance.log)
  f=$(grep -c '^CHECK .* FAIL' /tmp/conformance.log)
  [ -n "$(grep '"checks_passed"' /tmp/conformance.log)" ] || { f=$((f + 1)); echo "CHECK conformance FAIL (no summary)"; tail -5 /tmp/conformance.log | sed 's/^/  | /'; }
  pass=$((pass + p))
  fail=$((fail + f))
  # The lab on the two cards through vfio-pci: every frame, completion and counter against the
  # golden model (LAB_FRAMES from the kernel command line).
  frames=$(sed -n 's/.*macsec.lab_frames=\([0-9]*\).*/\1/p' /proc/cmdline)
  check lab macsec lab --device "vfio:$A" --device "vfio:$B" --frames "${frames:-20000}" --json
  echo "LAB $(grep '"frames_sent"' /tmp/lab.log | tail -1)"
  # The driver's costs through this stack (docs/performance.md).
  macsec bench --device "vfio:$A" --millis 2000 --json > /tmp/bench.log 2>&1 && echo "BENCH $(tail -1 /tmp/bench.log)"
fi
echo "RESULT {\"checks_passed\":$pass,\"checks_failed\":$fail}"
poweroff -f
