//! The AXI top (`macsec_engine_axi`) held to the native engine's checks, through the testbench's
//! AXI master: the lockstep scoreboard (`macsec sim --top axi`) on the rust-hdl design and on
//! the Verilog under Verilator, which must run cycle for cycle alike, and the driver's
//! conformance suite on it in the DMA shell. A tampered engine must still be caught through it.

use std::process::Command;

use macsec_driver::conformance as suite;
use macsec_testbench::hdl_card::engines::EngineKind;
use macsec_testbench::hdl_card::{HdlCard, ShellParams};

fn sim(args: &[&str]) -> (bool, serde_json::Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_macsec"))
        .args(["sim", "--json", "--top", "axi"])
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.success(), v, err)
}

#[test]
fn the_scoreboard_passes_the_axi_top_in_rust_hdl_and_in_verilog_alike() {
    let verilator = macsec_model::dev::tool_available("verilator");
    for seed in ["21", "22"] {
        let (ok, h, err) = sim(&["--engine", "hdl", "--frames", "1000", "--seed", seed]);
        assert!(ok, "seed {seed}: {err}");
        assert_eq!(
            (h["top"].as_str(), h["mismatches"].as_u64()),
            (Some("axi"), Some(0))
        );
        assert!(h["counters_compared"].as_u64().unwrap() > 0);
        // The native top on the same seed: the same frames (the CSR transactions take longer).
        let out = Command::new(env!("CARGO_BIN_EXE_macsec"))
            .args(["sim", "--json", "--frames", "1000", "--seed", seed])
            .output()
            .unwrap();
        let n: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(n["top"], "native");
        assert_eq!(n["coverage"], h["coverage"], "seed {seed}");
        assert!(h["cycles"].as_u64() > n["cycles"].as_u64(), "seed {seed}");
        if !verilator {
            continue;
        }
        let (ok, v, err) = sim(&["--engine", "verilator", "--frames", "1000", "--seed", seed]);
        assert!(ok, "seed {seed}: {err}");
        assert_eq!(v["mismatches"], 0, "seed {seed}");
        assert_eq!(v["cycles"], h["cycles"], "seed {seed}");
        assert_eq!(v["coverage"], h["coverage"], "seed {seed}");
    }
}

#[test]
fn a_tampered_engine_is_caught_through_the_axi_top() {
    let (ok, r, err) = sim(&[
        "--frames",
        "60",
        "--seed",
        "3",
        "--tamper",
        "--fail-dir",
        &std::env::temp_dir().display().to_string(),
    ]);
    assert!(!ok);
    assert!(r["mismatches"].as_u64().unwrap() > 0, "{err}");
}

#[test]
fn the_driver_conformance_suite_passes_on_the_axi_top() {
    let engine = EngineKind::rust_hdl_axi(5);
    let bench = suite::SimBench(move || HdlCard::new(engine.sim(false), ShellParams::default()));
    let mut failed = Vec::new();
    for (name, check) in suite::CHECKS {
        if let Err(e) = check(&bench) {
            failed.push(format!("{name}: {e}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    let s = suite::loopback_matches_golden(&bench, 1_000, 7).unwrap();
    assert_eq!((s.frames_delivered, s.lost()), (1_000, 0));
}

#[test]
fn macsec_verilog_writes_the_axi_top_beside_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_macsec"))
        .args(["verilog", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |n: &str| std::fs::read_to_string(dir.path().join(n)).unwrap();
    assert_eq!(
        read("macsec_engine.v"),
        macsec_hdl::verilog::engine_verilog()
    );
    assert_eq!(
        read("macsec_engine_axi.v"),
        macsec_hdl::verilog::engine_axi_verilog()
    );
    assert!(read("gcm_core.v").contains("module top("));
}
