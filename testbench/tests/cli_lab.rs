//! `macsec lab` and `macsec card` through the command line.

mod common;

use common::*;
use serde_json::Value;

#[test]
fn lab_runs_every_suite_with_rekeys_and_damage_and_matches_the_golden_model() {
    let dir = tempfile::tempdir().unwrap();
    let pcap = dir.path().join("wire.pcap");
    let o = macsec(&[
        "lab",
        "--json",
        "--frames",
        "3000",
        "--seed",
        "5",
        "--pcap",
        s(&pcap),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["frames_sent"], 3000);
    assert_eq!(r["mismatches"], 0);
    assert_eq!(r["lost"], 0);
    assert!(r["rekeys"].as_u64().unwrap() >= 4, "{r}");
    assert!(r["frames_damaged"].as_u64().unwrap() > 0, "{r}");
    assert_eq!(r["phases"].as_array().unwrap().len(), 4);
    let sent = r["frames_sent"].as_u64().unwrap() + r["frames_injected"].as_u64().unwrap();
    let accounted = r["frames_delivered"].as_u64().unwrap()
        + r["frames_discarded"].as_u64().unwrap()
        + r["ring_drops"].as_u64().unwrap();
    assert_eq!(sent, accounted);
    assert!(r["gbps"].as_f64().unwrap() > 0.0);
    // The capture holds every frame that crossed the wire, damage included.
    let wire = read_pcap(&pcap);
    let transmitted =
        r["frames_transmitted"].as_u64().unwrap() + r["frames_injected"].as_u64().unwrap();
    assert_eq!(wire.len() as u64, transmitted);
    assert!(wire.iter().filter(|f| f[12..14] == [0x88, 0xE5]).count() > 2900);
}

#[test]
fn lab_is_deterministic_per_seed() {
    let run = |seed: &str| {
        let o = macsec(&["lab", "--json", "--frames", "400", "--seed", seed]);
        let mut r: Value = serde_json::from_slice(&o.stdout).unwrap();
        for k in ["seconds", "frames_per_second", "gbps"] {
            r[k] = Value::Null;
        }
        r
    };
    assert_eq!(run("9"), run("9"));
    assert_ne!(run("9"), run("10"));
}

#[test]
fn lab_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("lab.toml");
    std::fs::write(&bad, "[a]\nsci = \"01\"\n").unwrap();
    for args in [
        vec!["lab", "--frames", "3"],
        vec!["lab", "--config", s(&bad)],
        vec!["lab", "--config", "/nonexistent/lab.toml"],
        vec!["lab", "--card", "hdl", "--dma-latency", "1000000"],
    ] {
        let o = macsec(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    }
}

#[test]
fn card_sim_send_then_recv_round_trips_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cfg = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/secy.toml");
    let (wire, out) = (d.join("wire.pcap"), d.join("out.pcap"));
    let sample = sample_pcap();
    // `card --device sim --config C --wire W ARGS…`: A's side writes the wire, B's reads it.
    let card = |args: &[&str]| {
        let mut all = vec![
            "card",
            "--device",
            "sim",
            "--config",
            s(&cfg),
            "--wire",
            s(&wire),
        ];
        all.extend_from_slice(args);
        macsec(&all)
    };
    let o = card(&["send", s(&sample)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("11 transmitted"), "{}", stderr(&o));
    assert_eq!(read_pcap(&wire).len(), 11);
    let o = card(&["recv", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("card recv: ready"), "{}", stderr(&o));
    assert_eq!(read_pcap(&out), read_pcap(&sample));
    // Asked for more frames than came: exit 1, the shortfall named, no capture written.
    let short = dir.path().join("short.pcap");
    let o = card(&["recv", "--count", "12", s(&short)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("11 of 12 frames"), "{}", stderr(&o));
    assert!(!short.exists());
    let o = macsec(&["card", "--device", "sim", "--config", s(&cfg), "stats"]);
    let stats: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(stats["SecY.InPktsOK"], 0);
    assert!(stats.get("RxSA[0].InPktsOK").is_some(), "{stats}");
}

#[test]
fn card_without_a_device_says_what_is_missing() {
    let o = macsec(&["card", "--device", "vfio:0000:ff:1f.7", "stats"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains("vfio") || e.contains("0000:ff:1f.7"), "{e}");
    let o = macsec(&["card", "--device", "vfio:zz", "stats"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a PCI address"), "{}", stderr(&o));
}

#[test]
fn regmap_formats() {
    let md = macsec(&["regmap"]);
    assert!(md.status.success());
    let doc = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/register-map.md"),
    )
    .unwrap();
    assert_eq!(md.stdout, doc);
    let c = String::from_utf8(macsec(&["regmap", "--format", "c"]).stdout).unwrap();
    assert!(c.contains("#define MACSEC_SECY_CTRL 0x10Cu"));
    let j: Value = serde_json::from_slice(&macsec(&["regmap", "--format", "json"]).stdout).unwrap();
    assert_eq!(j["blocks"][0]["name"], "CARD");
}

/// The default job's lab on the rust-hdl card: every suite, rekeys, damage, all compared with
/// the golden model; cycles, octets per cycle and the modelled rate reported; waveforms of both
/// engines for the window asked for.
#[test]
fn lab_on_the_hdl_card_matches_the_golden_model() {
    let dir = tempfile::tempdir().unwrap();
    let (pcap, vcd) = (dir.path().join("wire.pcap"), dir.path().join("lab.vcd"));
    let o = macsec(&[
        "lab",
        "--card",
        "hdl",
        "--json",
        "--frames",
        "1200",
        "--seed",
        "4",
        "--pcap",
        s(&pcap),
        "--vcd",
        s(&vcd),
        "--vcd-cycles",
        "300",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["card"], "hdl");
    assert_eq!(r["frames_sent"], 1200);
    assert_eq!(
        (r["mismatches"].as_u64(), r["lost"].as_u64()),
        (Some(0), Some(0))
    );
    assert!(r["rekeys"].as_u64().unwrap() >= 4, "{r}");
    assert!(r["frames_damaged"].as_u64().unwrap() > 0, "{r}");
    for card in ["card_a", "card_b"] {
        let c = &r[card];
        assert!(c["cycles"].as_u64().unwrap() > 10_000, "{r}");
        // One 16-octet beat per cycle at best; mixed sizes with the DMA shell get most of it.
        let opc = c["octets_per_cycle"].as_f64().unwrap();
        assert!(opc > 8.0 && opc <= 16.0, "{card}: {opc} octets per cycle");
        // Converted at the engine's target clock.
        let gbps = c["modelled_gbps"].as_f64().unwrap();
        let want = opc * 8.0 * macsec_hdl::engine::params::CLOCK_MHZ as f64 / 1000.0;
        assert!(
            (gbps - want).abs() < 0.01 * want,
            "{card}: {gbps} Gbit/s, {want} expected"
        );
    }
    assert_eq!(r["card_a"]["counters"]["OutPktsEncrypted"], 1200);
    assert_eq!(
        r["card_b"]["counters"]["InPktsOK"], r["frames_delivered"],
        "{r}"
    );
    let wire = read_pcap(&pcap);
    let transmitted =
        r["frames_transmitted"].as_u64().unwrap() + r["frames_injected"].as_u64().unwrap();
    assert_eq!(wire.len() as u64, transmitted);
    // Both waveforms: a whole VCD header, then 300 cycles (two edges each) and no more.
    for p in [vcd.clone(), dir.path().join("lab-b.vcd")] {
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains("$enddefinitions"), "{}", p.display());
        let stamps = text.lines().filter(|l| l.starts_with('#')).count();
        assert!((600..=602).contains(&stamps), "{}: {stamps}", p.display());
    }
}

/// The HDL card's lab is deterministic per seed, down to the cycle counts.
#[test]
fn hdl_lab_is_deterministic_per_seed() {
    let run = || {
        let o = macsec(&["lab", "--card", "hdl", "--json", "--frames", "100"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let mut r: Value = serde_json::from_slice(&o.stdout).unwrap();
        for k in ["seconds", "frames_per_second", "gbps", "cycles_per_second"] {
            r[k] = Value::Null;
        }
        r
    };
    assert_eq!(run(), run());
}

/// Wireshark dissects the lab's wire capture as MACsec.
#[test]
fn wireshark_dissects_the_lab_capture() {
    if !macsec_model::dev::tool_available("tshark") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pcap = dir.path().join("wire.pcap");
    let o = macsec(&["lab", "--frames", "200", "--pcap", s(&pcap)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = std::process::Command::new("tshark")
        .args(["-r", s(&pcap), "-T", "fields", "-e", "frame.protocols"])
        .output()
        .unwrap();
    assert!(t.status.success(), "{}", String::from_utf8_lossy(&t.stderr));
    let text = String::from_utf8_lossy(&t.stdout);
    let macsec = text.lines().filter(|l| l.contains(":macsec")).count();
    assert!(
        macsec >= 190,
        "{macsec} of {} frames dissected as MACsec",
        text.lines().count()
    );
}

#[test]
fn vcd_needs_the_hdl_card() {
    let o = macsec(&["lab", "--vcd", "x.vcd"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--card hdl"), "{}", stderr(&o));
}

/// `macsec` without a command is the lab on the rust-hdl card, its wire in ./lab.pcap; the
/// lab's options apply to it.
#[test]
fn no_command_runs_the_lab_on_the_hdl_card() {
    let dir = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_macsec"))
        .args(["--frames", "120", "--seed", "3", "--json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["card"], "hdl");
    assert_eq!(
        (r["frames_sent"].as_u64(), r["mismatches"].as_u64()),
        (Some(120), Some(0))
    );
    let wire = read_pcap(&dir.path().join("lab.pcap"));
    assert_eq!(
        wire.len() as u64,
        r["frames_transmitted"].as_u64().unwrap() + r["frames_injected"].as_u64().unwrap()
    );
    // Options belong either to the default lab or to a command, not both.
    let o = macsec(&["--frames", "10", "sim"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// Traffic is made as it is sent: a lab of 10^9 or 2^64 − 1 frames starts and runs in a
/// small, steady amount of memory (it once allocated every frame first, and aborted).
#[test]
fn huge_frame_counts_run_in_bounded_memory() {
    for n in ["1000000000", "18446744073709551615"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_macsec"))
            .args(["lab", "--card", "model", "--frames", n, "--json"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let rss = |pid: u32| -> u64 {
            let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
                .unwrap_or(0)
        };
        let mut peak = 0;
        for _ in 0..20 {
            std::thread::sleep(std::time::Duration::from_millis(100));
            assert!(
                child.try_wait().unwrap().is_none(),
                "--frames {n}: exited early: {:?}",
                child
                    .wait_with_output()
                    .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
            );
            peak = peak.max(rss(child.id()));
        }
        child.kill().unwrap();
        let _ = child.wait();
        assert!(peak < 256 * 1024, "--frames {n}: {peak} kB resident");
    }
}
