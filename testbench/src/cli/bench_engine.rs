//! `macsec bench --engine`: the whole rust-hdl engine under the scoreboard — input octets per
//! cycle in each direction and latency with frames of one size back to back, the simulation's
//! speed, the generated Verilog under Verilator on the same runs (when it is installed: same
//! cycle count, no mismatch, its speed beside rust-hdl's), and Icarus Verilog running the
//! Verilog on a short stimulus.

use serde_json::json;

use crate::error::CliError;
use crate::scoreboard::{self, EngineKind, Params};

/// Frames (both directions together) of the Icarus comparison.
const ICARUS_FRAMES: usize = 4;

fn round(x: f64, d: i32) -> f64 {
    let k = 10f64.powi(d);
    (x * k).round() / k
}

pub fn run(as_json: bool, sizes: &[usize]) -> Result<(), CliError> {
    if sizes.iter().any(|s| !(60..=9000).contains(s)) {
        return Err(CliError::Usage(
            "--sizes: the engine bench takes frames of 60..=9000 octets".into(),
        ));
    }
    let verilator = match EngineKind::verilator() {
        Ok(v) => Some(v),
        Err(e) => {
            eprintln!("bench: Verilator skipped: {e}");
            None
        }
    };
    if !as_json {
        println!(
            "{:>6} {:>7} {:>8} {:>15} {:>16} {:>9} {:>13} {:>17}",
            "size",
            "frames",
            "cycles",
            "egress oct/cyc",
            "ingress oct/cyc",
            "latency",
            "sim cycles/s",
            "verilator cyc/s"
        );
    }
    for &size in sizes {
        // About 40,000 cycles of traffic per size.
        let frames = (2 * 40_000 * 16 / size).clamp(80, 20_000);
        let p = Params {
            frames,
            seed: 1,
            size: Some(size),
            vcd: false,
            keys: crate::scoreboard::Keys::Redact,
            tamper: false,
            engine: EngineKind::RustHdl,
        };
        let r = scoreboard::run(&p, |_, _| {}).map_err(CliError::Failed)?;
        if !r.mismatches.is_empty() {
            return Err(CliError::Failed(format!(
                "{} mismatches at {size} octets (run `macsec sim --size {size}`)",
                r.mismatches.len()
            )));
        }
        let lat = r.egress.latency.max(r.ingress.latency);
        let v = match &verilator {
            Some(engine) => {
                let pv = Params {
                    engine: engine.clone(),
                    ..p.clone()
                };
                let rv = scoreboard::run(&pv, |_, _| {}).map_err(CliError::Failed)?;
                if !rv.mismatches.is_empty() || rv.cycles != r.cycles {
                    return Err(CliError::Failed(format!(
                        "the Verilog under Verilator at {size} octets: {} mismatches, {} cycles against rust-hdl's {} (run `macsec sim --engine verilator --size {size}`)",
                        rv.mismatches.len(), rv.cycles, r.cycles
                    )));
                }
                Some(rv.cycles_per_second())
            }
            None => None,
        };
        if as_json {
            println!(
                "{}",
                json!({"engine": "hdl", "size": size, "frames": r.frames, "cycles": r.cycles,
                    "egress_bytes_per_cycle": round(r.egress.octets_per_cycle(), 3),
                    "ingress_bytes_per_cycle": round(r.ingress.octets_per_cycle(), 3),
                    "egress_latency_cycles": r.egress.latency,
                    "ingress_latency_cycles": r.ingress.latency,
                    "cycles_per_second": r.cycles_per_second().round(),
                    "verilator_cycles_per_second": v.map(f64::round),
                    "verilator_ratio": v.map(|v| round(v / r.cycles_per_second(), 2))})
            );
        } else {
            println!(
                "{:>6} {:>7} {:>8} {:>15.3} {:>16.3} {:>9} {:>13.0} {:>17}",
                size,
                r.frames,
                r.cycles,
                r.egress.octets_per_cycle(),
                r.ingress.octets_per_cycle(),
                lat.map_or("-".into(), |l| l.to_string()),
                r.cycles_per_second(),
                v.map_or("-".into(), |v| format!(
                    "{v:.0} ({:.2}x)",
                    v / r.cycles_per_second()
                ))
            );
        }
    }
    let dir = std::env::temp_dir().join(format!("macsec-bench-engine-{}", std::process::id()));
    // Icarus runs this design at a few cycles per second under full traffic: a short stimulus.
    let p = Params {
        frames: ICARUS_FRAMES,
        seed: 1,
        size: Some(1500),
        vcd: false,
        keys: crate::scoreboard::Keys::Redact,
        tamper: false,
        engine: EngineKind::RustHdl,
    };
    match scoreboard::versus_icarus(&p, &dir) {
        Ok((ours, icarus, cycles)) => {
            let row = json!({"engine": "hdl",
                "stimulus": format!("programming by the driver, then {ICARUS_FRAMES} frames of 1500 octets, {cycles} cycles"),
                "rust_hdl_cycles_per_second": ours.round(), "icarus_cycles_per_second": icarus.round(),
                "ratio": round(ours / icarus, 1)});
            if as_json {
                println!("{row}");
            } else {
                println!(
                    "same stimulus ({cycles} cycles): rust-hdl {ours:.0} cycles/s, Icarus {icarus:.0} cycles/s ({:.1}x), outputs identical",
                    ours / icarus
                );
            }
        }
        Err(e) => eprintln!("bench: Icarus comparison skipped: {e}"),
    }
    if std::env::var_os("MACSEC_KEEP_REPLAY").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}
