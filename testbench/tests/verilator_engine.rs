//! The engine's generated Verilog under Verilator, held to the same checks as the rust-hdl
//! engine: the driver's whole conformance suite on it in its DMA shell, and the lockstep
//! scoreboard (`macsec sim --engine verilator`) on several seeds. Skipped with a reason when
//! Verilator or g++ is missing, failed then under MACSEC_REQUIRE_TOOLS=1.

use std::process::Command;

use macsec_driver::conformance as suite;
use macsec_testbench::hdl_card::engines::EngineKind;
use macsec_testbench::hdl_card::{HdlCard, ShellParams};

fn verilator() -> Option<EngineKind> {
    macsec_model::dev::or_skip(EngineKind::verilator())
}

#[test]
fn the_driver_conformance_suite_passes_on_the_verilog() {
    let Some(engine) = verilator() else { return };
    let bench = suite::SimBench(move || HdlCard::new(engine.sim(false), ShellParams::default()));
    let mut failed = Vec::new();
    for (name, check) in suite::CHECKS {
        if let Err(e) = check(&bench) {
            failed.push(format!("{name}: {e}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    let s = suite::loopback_matches_golden(&bench, 2_000, 7).unwrap();
    assert_eq!((s.frames_delivered, s.lost()), (2_000, 0));
}

#[test]
fn the_lockstep_scoreboard_finds_no_mismatch_on_the_verilog() {
    if verilator().is_none() {
        return;
    }
    let mut overruns = (0, 0);
    for seed in [11u64, 12, 13] {
        let out = Command::new(env!("CARGO_BIN_EXE_macsec"))
            .args(["sim", "--engine", "verilator", "--json", "--frames", "1000"])
            .args(["--seed", &seed.to_string()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "seed {seed}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(r["engine"], "verilator");
        assert_eq!(r["mismatches"], 0, "seed {seed}");
        assert_eq!(r["frames"], 1000);
        assert!(r["counters_compared"].as_u64().unwrap() > 0);
        // The same report as the rust-hdl engine's: the same keys, and cycle for cycle the
        // same run (same cycle count, same coverage).
        let hdl = Command::new(env!("CARGO_BIN_EXE_macsec"))
            .args(["sim", "--engine", "hdl", "--json", "--frames", "1000"])
            .args(["--seed", &seed.to_string()])
            .output()
            .unwrap();
        let h: serde_json::Value = serde_json::from_slice(&hdl.stdout).unwrap();
        assert_eq!(keys(&r), keys(&h), "seed {seed}");
        assert_eq!(r["cycles"], h["cycles"], "seed {seed}");
        assert_eq!(r["coverage"], h["coverage"], "seed {seed}");
        overruns.0 += r["overruns_at_start"].as_u64().unwrap();
        overruns.1 += r["overruns_cut_short"].as_u64().unwrap();
        if seed == 13 {
            // The Verilog without its `initial` statements, every register and memory word
            // random at power-up: after the reset pin it runs cycle for cycle as the rust-hdl
            // engine does, so nothing depends on a value only `initial` gave.
            let out = Command::new(env!("CARGO_BIN_EXE_macsec"))
                .args(["sim", "--engine", "verilator", "--power-up", "random"])
                .args(["--json", "--frames", "1000", "--seed", &seed.to_string()])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "random power-up, seed {seed}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let p: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(p["power_up"], "random");
            assert_eq!(p["mismatches"], 0, "random power-up, seed {seed}");
            assert_eq!(p["cycles"], h["cycles"], "random power-up, seed {seed}");
            assert_eq!(p["coverage"], h["coverage"], "random power-up, seed {seed}");
        }
    }
    // The Verilog's input FIFO overflowed both ways (frames dropped at their start, frames cut
    // short) and every frame still matched.
    assert!(overruns.0 > 0 && overruns.1 > 0, "{overruns:?}");
}

/// Every key of a JSON object, nested ones as `a.b`.
fn keys(v: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(m) = v.as_object() {
        for (k, x) in m {
            out.push(k.clone());
            out.extend(keys(x).into_iter().map(|s| format!("{k}.{s}")));
        }
    }
    out.sort();
    out
}

#[test]
fn a_missing_verilator_is_named() {
    let cache = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_macsec"))
        .args(["sim", "--engine", "verilator", "--frames", "10"])
        .env("PATH", "/nonexistent")
        .env("MACSEC_VERILATOR_CACHE", cache.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("verilator is not installed"), "{e}");
    assert!(
        std::fs::read_dir(cache.path()).unwrap().next().is_none(),
        "something was left in the cache"
    );
}
