//! `macsec bench --synth`: the exported Verilog through Yosys `synth_xilinx` (UltraScale+):
//! primitives by kind and the logic depth between registers (see `macsec_testbench::synth`), and
//! against each clock the depth it allows (`macsec_testbench::timing`).

use std::path::Path;
use std::time::Instant;

use macsec_testbench::budgets;
use macsec_testbench::synth::{read_netlist, synth_xilinx, SynthReport};
use macsec_testbench::timing;
use serde_json::json;

use crate::error::CliError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SynthTop {
    /// The AES-GCM core alone (about 5 minutes of Yosys on this kind of machine).
    Core,
    /// The whole engine (about half an hour or more).
    Engine,
}

pub fn run(as_json: bool, top: SynthTop, netlist: Option<&Path>) -> Result<(), CliError> {
    let (file, module, verilog) = match top {
        SynthTop::Core => ("gcm_core.v", "top", macsec_hdl::verilog::core_verilog()),
        SynthTop::Engine => (
            "macsec_engine.v",
            "macsec_engine",
            macsec_hdl::verilog::engine_verilog(),
        ),
    };
    let start = Instant::now();
    let r = match netlist {
        Some(json) => read_netlist(json, module)
            .map_err(|e| CliError::Usage(format!("--netlist {}: {e}", json.display())))?,
        None => synthesize(file, module, verilog)?,
    };
    let secs = start.elapsed().as_secs_f64();
    let (which, budgets) = match top {
        SynthTop::Core => ("gcm_core", budgets::core()),
        SynthTop::Engine => ("engine", budgets::engine()),
    };
    let verdicts = budgets::check(&r, &budgets);
    if as_json {
        let mut v = serde_json::to_value(&r).map_err(|e| CliError::Failed(e.to_string()))?;
        v["design"] = json!(which);
        v["family"] = json!("xcup");
        v["yosys_seconds"] = json!(netlist.is_none().then(|| (secs * 10.0).round() / 10.0));
        v["netlist"] = json!(netlist.map(|p| p.display().to_string()));
        v["target_mhz"] = json!(timing::TARGET_MHZ);
        v["clocks"] = timing::report(r.lut_levels)
            .into_iter()
            .map(|(mhz, levels, fits)| json!({"mhz": mhz, "lut_levels": levels, "fits": fits}))
            .collect();
        v["budgets"] = verdicts
            .iter()
            .map(|(what, value, max, ok)| json!({"what": what, "value": value, "max": max, "ok": ok}))
            .collect();
        println!("{v}");
    } else {
        match netlist {
            Some(p) => println!("{which}: the netlist {}", p.display()),
            None => println!("{which}: Yosys synth_xilinx -family xcup -flatten, {secs:.0} s"),
        }
        println!(
            "  LUTs {}  flip-flops {}  LUT RAM/SRL {}  block RAM (RAMB18) {}  DSP {}  CARRY {}  MUXF {}",
            r.luts, r.flip_flops, r.lut_ram, r.bram18, r.dsp, r.carry, r.muxf
        );
        println!(
            "  deepest path: {} LUT levels (+{} MUXF, {} CARRY on it), through the named nets:",
            r.lut_levels, r.path_muxf, r.path_carry
        );
        for s in &r.path {
            println!("    {:<8} {}", s.cell, s.net);
        }
        print_blocks(&r);
        println!(
            "  LUT levels each clock allows (estimate: {} ns a level, {} ns for the registers):",
            timing::LEVEL_NS,
            timing::REGISTER_NS
        );
        for (mhz, levels, fits) in timing::report(r.lut_levels) {
            let target = if mhz.round() as u32 == timing::TARGET_MHZ {
                " (the target)"
            } else {
                ""
            };
            let verdict = if fits { "fits" } else { "too deep" };
            println!("    {mhz:>10.3} MHz  {levels:>2} levels  {verdict}{target}");
        }
        println!(
            "  budgets ({}):",
            match top {
                SynthTop::Core => "the core's, asserted in CI by tests/synth_core.rs",
                SynthTop::Engine => "issue 14's targets",
            }
        );
        for (what, value, max, ok) in &verdicts {
            let verdict = if *ok { "within" } else { "over" };
            println!("    {what:<11} {value:>8}  budget {max:>8}  {verdict}");
        }
    }
    Ok(())
}

/// Yosys on the exported Verilog, in a scratch directory (kept, with its log, when it fails).
fn synthesize(file: &str, module: &str, verilog: String) -> Result<SynthReport, CliError> {
    let dir = tempfile::Builder::new()
        .prefix("macsec-synth-")
        .tempdir()
        .map_err(|e| CliError::Output(format!("a scratch directory: {e}")))?;
    let path = dir.path().join(file);
    std::fs::write(&path, verilog).map_err(|e| CliError::Output(format!("{file}: {e}")))?;
    synth_xilinx(&path, module, dir.path()).map_err(|e| {
        let _ = dir.keep();
        CliError::Failed(e.to_string())
    })
}

/// The blocks deeper than the target, and how many shallower ones there are.
fn print_blocks(r: &SynthReport) {
    let over: Vec<_> = r
        .blocks
        .iter()
        .filter(|b| b.lut_levels > r.over_levels)
        .collect();
    println!(
        "  blocks with registers behind more than {} LUT levels ({} of {}):",
        r.over_levels,
        over.len(),
        r.blocks.len()
    );
    for b in over {
        println!(
            "    {:<28} {:>3} levels  {:>6} bits over",
            b.block, b.lut_levels, b.bits_over
        );
        let nets: Vec<&str> = b.path.iter().map(|s| s.net.as_str()).collect();
        println!("      {}", nets.join(" → "));
    }
}
