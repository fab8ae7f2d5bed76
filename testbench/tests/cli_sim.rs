//! `macsec sim --engine hdl`: the lockstep scoreboard of the rust-hdl engine, through the CLI.

mod common;

use common::*;
use serde_json::Value;

fn json(args: &[&str]) -> (Value, std::process::Output) {
    let o = macsec(args);
    let v = serde_json::from_slice(&o.stdout).unwrap_or(Value::Null);
    (v, o)
}

#[test]
fn mixed_traffic_matches_the_golden_model_frame_by_frame_and_counter_by_counter() {
    // A failing run leaves its artifacts in a scratch directory, not in the source tree.
    let dir = tempfile::tempdir().unwrap();
    let (r, o) = json(&[
        "sim",
        "--engine",
        "hdl",
        "--frames",
        "480",
        "--seed",
        "19",
        "--json",
        "--fail-dir",
        s(dir.path()),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(r["frames"], 480);
    assert_eq!(r["mismatches"], 0, "{r}");
    assert!(r["counters_compared"].as_u64().unwrap() > 100, "{r}");
    // This seed rekeys mid-traffic (AN switchover) and crosses PN thresholds.
    assert!(r["rekeys"].as_u64().unwrap() >= 1, "{r}");
    assert!(r["pn_events"].as_u64().unwrap() >= 1, "{r}");
    assert!(r["cycles"].as_u64().unwrap() > 1000, "{r}");
    assert!(r["cycles_per_second"].as_f64().unwrap() > 0.0);
    let cov = &r["coverage"];
    // Eight scenarios: every suite twice, and the decisions the faults aim at.
    assert_eq!(
        cov["egress"]["suites"].as_object().unwrap().len(),
        4,
        "{cov}"
    );
    let rx = cov["ingress"]["decisions"].as_object().unwrap();
    for d in ["InPktsOK", "InPktsBadTag", "InPktsNoTag", "InPktsOverrun"] {
        assert!(rx.contains_key(d), "{d} never hit: {cov}");
    }
    let faults = cov["ingress_faults"].as_object().unwrap();
    assert!(faults.len() >= 6, "{cov}");
}

#[test]
fn a_mac_that_never_waits_overruns_the_input_fifo_and_every_frame_is_counted() {
    // Seed 13 has flood scenarios: ingress frames back to back whatever the engine's room, the
    // host holding the output for hundreds of cycles. Frames dropped at their start and frames
    // cut short are both InPktsOverrun; every other frame (after the dropped ones, in order)
    // still matches the golden model, and the counters at the end hold the overruns.
    let dir = tempfile::tempdir().unwrap();
    let (r, o) = json(&[
        "sim",
        "--frames",
        "1000",
        "--seed",
        "13",
        "--json",
        "--fail-dir",
        s(dir.path()),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(r["mismatches"], 0, "{r}");
    assert!(r["floods"].as_u64().unwrap() >= 1, "{r}");
    let (start, cut) = (
        r["overruns_at_start"].as_u64().unwrap(),
        r["overruns_cut_short"].as_u64().unwrap(),
    );
    assert!(start > 0 && cut > 0, "{r}");
    let rx = &r["coverage"]["ingress"]["decisions"];
    assert_eq!(rx["InPktsOverrun"].as_u64(), Some(start + cut), "{r}");
}

#[test]
fn full_size_frames_run_at_line_rate_in_both_directions() {
    let dir = tempfile::tempdir().unwrap();
    let (r, o) = json(&[
        "sim",
        "--frames",
        "240",
        "--size",
        "1500",
        "--json",
        "--fail-dir",
        s(dir.path()),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(r["mismatches"], 0, "{r}");
    // Cycle counts, not wall time: the same on any machine.
    for k in ["egress_bytes_per_cycle", "ingress_bytes_per_cycle"] {
        assert!(r[k].as_f64().unwrap() >= 15.0, "{k}: {r}");
    }
    let lat = r["latency_cycles"].as_u64().unwrap();
    assert!(lat > 0 && lat <= 40, "{r}");
}

/// A run on a tampered engine (which must fail), leaving its artifacts in `dir`.
fn tampered(dir: &std::path::Path, extra: &[&str]) -> (Value, std::process::Output) {
    let mut a = vec!["sim", "--frames", "40", "--seed", "4", "--json", "--tamper"];
    a.extend(extra);
    a.extend(["--fail-dir", s(dir)]);
    json(&a)
}

#[test]
fn a_wrong_engine_is_caught_and_leaves_pcap_vcd_and_config() {
    let dir = tempfile::tempdir().unwrap();
    let (r, o) = tampered(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(r["mismatches"].as_u64().unwrap() > 0, "{r}");
    let err = stderr(&o);
    assert!(err.contains("seed 4") && err.contains("frame"), "{err}");
    let arts: Vec<String> = r["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    assert_eq!(arts.len(), 3, "{r}");
    let pcap = arts.iter().find(|a| a.ends_with(".pcap")).unwrap();
    let frames = read_pcap(std::path::Path::new(pcap));
    assert!(frames.len() >= 3, "input, golden and engine frames");
    let vcd = std::fs::read_to_string(arts.iter().find(|a| a.ends_with(".vcd")).unwrap()).unwrap();
    assert!(
        vcd.contains("$enddefinitions") && vcd.contains("e_out_valid"),
        "VCD"
    );
    let toml =
        std::fs::read_to_string(arts.iter().find(|a| a.ends_with(".toml")).unwrap()).unwrap();
    assert!(toml.contains("cipher = "), "{toml}");
    // The SAKs stay out unless asked for.
    assert!(!toml.contains("key = \""), "{toml}");
    assert!(toml.contains("# key = <left out>"), "{toml}");
}

/// With --include-keys the failure's configuration has its SAKs, and every file that may hold
/// them is readable by its owner only.
#[test]
fn include_keys_writes_them_into_files_only_the_owner_reads() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let (r, o) = tampered(dir.path(), &["--include-keys"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    for a in r["artifacts"].as_array().unwrap() {
        let a = a.as_str().unwrap();
        let mode = std::fs::metadata(a).unwrap().mode() & 0o777;
        if a.ends_with(".toml") || a.ends_with(".vcd") {
            assert_eq!(mode, 0o600, "{a}");
        }
        if a.ends_with(".toml") {
            let toml = std::fs::read_to_string(a).unwrap();
            let cfg = macsec_model::Config::from_toml(&toml).unwrap();
            assert!(!cfg.tx_sa.is_empty() || !cfg.rx_sc.is_empty(), "{toml}");
        }
    }
}

#[test]
fn a_whole_run_vcd_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let vcd = dir.path().join("run.vcd");
    let o = macsec(&["sim", "--frames", "6", "--vcd", s(&vcd)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&vcd).unwrap();
    assert!(text.contains("$enddefinitions"));
    assert!(
        text.matches("\n#").count() > 100,
        "a timestamp per clock edge"
    );
}

#[test]
fn bad_arguments_exit_2_naming_the_problem() {
    for (args, needle) in [
        (&["sim", "--size", "20"][..], "--size 20"),
        (&["sim", "--frames", "0"][..], "--frames"),
        (&["sim", "--engine", "icarus"][..], "icarus"),
    ] {
        let o = macsec(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(needle), "{args:?}: {}", stderr(&o));
    }
}

/// The engine's Verilog in Icarus on a run the driver programs (reset, keys, SAs, traffic,
/// every counter read back) prints the same outputs as the rust-hdl simulation.
#[test]
fn bench_engine_replays_a_driver_programmed_run_in_icarus() {
    if !macsec_model::dev::tool_available("iverilog") {
        return;
    }
    let o = macsec(&["bench", "--engine", "--sizes", "60", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    let row: Value = text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|v| v.get("icarus_cycles_per_second").is_some())
        .unwrap_or_else(|| panic!("no Icarus row: {text}\n{}", stderr(&o)));
    assert!(row["ratio"].as_f64().unwrap() > 1.0, "{row}");
    // The Verilog under Verilator ran the size row too (same cycles, no mismatch, or the
    // bench fails) when it is installed.
    if macsec_model::dev::tool_available("verilator") {
        let size = text
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .find(|v| v.get("size").is_some())
            .unwrap_or_else(|| panic!("no size row: {text}"));
        assert!(
            size["verilator_cycles_per_second"].as_f64().unwrap() > 0.0,
            "{size}"
        );
    }
}
