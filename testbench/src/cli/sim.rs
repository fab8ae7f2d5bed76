//! `macsec sim --engine hdl|verilator`: the lockstep scoreboard of the rust-hdl engine, or of
//! its generated Verilog under Verilator, against the golden model. On a mismatch it names the seed, scenario and frame, and writes the failing frames as a
//! pcap, a VCD of the engine around the first one and the scenario's configuration.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde_json::json;

use crate::error::CliError;
use crate::files::{commit, Files, Output, Secrecy};
use crate::pcapio::FrameWriter;
use crate::scoreboard::{self, EngineKind, Keys, Params, Report};
use macsec_verilator::{PowerUp, TopKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Engine {
    /// The rust-hdl RTL of macsec-hdl, clocked by the direct simulate() loop.
    Hdl,
    /// The same RTL's generated Verilog (`macsec verilog`), compiled by Verilator at first use
    /// and cached (`MACSEC_VERILATOR_CACHE`, default ~/.cache/macsec-verilator).
    Verilator,
}

/// Which top module of the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TopArg {
    /// `macsec_engine`, its own pins (a 12-bit CSR bus, sop/eop/mask streams).
    Native,
    /// `macsec_engine_axi`: AXI4-Lite CSR slave and AXI4-Stream ports around the same engine,
    /// driven by the testbench's AXI master (random handshake timing, every AXI rule checked).
    Axi,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PowerUpArg {
    Initial,
    Random,
}

#[derive(Debug, Args)]
pub struct SimArgs {
    /// Which implementation to hold against the golden model.
    #[arg(long, value_enum, default_value = "hdl")]
    pub engine: Engine,
    /// Which top module: the engine's own pins, or the AXI wrapper around it.
    #[arg(long, value_enum, default_value = "native")]
    pub top: TopArg,
    /// Frames over both directions (half egress, half ingress).
    #[arg(long, default_value_t = 2000)]
    pub frames: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Every frame this many octets (60..9000), back to back: a throughput run.
    #[arg(long, value_name = "BYTES")]
    pub size: Option<usize>,
    /// Write every signal of the engine over the whole run (large: keep --frames small). Key
    /// material is dumped as x unless --include-keys is given.
    #[arg(long, value_name = "FILE.vcd")]
    pub vcd: Option<PathBuf>,
    /// Write key material into the waveforms (SAKs, round keys, H) and the SAKs into the
    /// failure's scenario configuration; those files are then as secret as the keys. Without
    /// it the signals are there but dumped as x, and the configuration leaves the keys out.
    #[arg(long)]
    pub include_keys: bool,
    /// Where a failing run leaves its pcap, VCD and scenario configuration.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub fail_dir: PathBuf,
    /// What the Verilated engine holds before its first reset: `initial` (the Verilog's
    /// `initial` values, as an FPGA loads them) or `random` (the Verilog without them, every
    /// register and memory word random, seeded by --seed: an ASIC's power-up). With `random`
    /// a run passes only if the reset alone brings the engine to a known state.
    #[arg(long, value_enum, default_value = "initial")]
    pub power_up: PowerUpArg,
    /// One JSON object instead of the report.
    #[arg(long)]
    pub json: bool,
    /// Self-test: change the engine's transmit SCI behind the golden model's back, so every
    /// protected frame must be reported as a mismatch.
    #[arg(long, hide = true)]
    pub tamper: bool,
}

pub fn run(a: &SimArgs) -> Result<(), CliError> {
    if a.frames == 0 {
        return Err(CliError::Usage("--frames must be at least 1".into()));
    }
    if a.power_up == PowerUpArg::Random && a.engine != Engine::Verilator {
        return Err(CliError::Usage(
            "--power-up random needs --engine verilator (rust-hdl starts every register at its type's default)".into(),
        ));
    }
    if let Some(n) = a.size {
        if !(60..=9000).contains(&n) {
            return Err(CliError::Usage(format!(
                "--size {n}: frames are 60 to 9000 octets"
            )));
        }
    }
    // Outputs are checked before the run: the VCD's temporary file made, the failure
    // directory found writable.
    let mut files = Files::new();
    files.reserve_stdout("the report");
    let secrecy = if a.include_keys {
        Secrecy::Secret
    } else {
        Secrecy::Public
    };
    let mut vcd = match &a.vcd {
        Some(path) => Some(files.output(path, secrecy)?),
        None => None,
    };
    files.directory(&a.fail_dir)?;
    let p = Params {
        frames: a.frames,
        seed: a.seed,
        size: a.size,
        vcd: a.vcd.is_some(),
        keys: if a.include_keys {
            Keys::Include
        } else {
            Keys::Redact
        },
        tamper: a.tamper,
        engine: match (a.engine, a.top) {
            (Engine::Hdl, TopArg::Native) => EngineKind::RustHdl,
            (Engine::Hdl, TopArg::Axi) => EngineKind::rust_hdl_axi(a.seed),
            (Engine::Verilator, top) => {
                let power_up = match a.power_up {
                    PowerUpArg::Initial => PowerUp::Initial,
                    // The engines' seeds come from the run's (the run's own stimulus is seeded apart).
                    PowerUpArg::Random => PowerUp::Random {
                        seed: a.seed as u32 ^ (a.seed >> 32) as u32,
                    },
                };
                let top = match top {
                    TopArg::Native => TopKind::Native,
                    TopArg::Axi => TopKind::Axi,
                };
                EngineKind::verilator_top(top, power_up, a.seed).map_err(CliError::Failed)?
            }
        },
    };
    let tty = std::io::stderr().is_terminal() && !a.json;
    let rep = scoreboard::run(&p, |done, total| {
        if tty {
            eprint!("\rsim: scenario {done}/{total}");
        }
    })
    .map_err(CliError::Failed)?;
    if tty {
        eprintln!();
    }
    let mut outputs = Vec::new();
    if let Some(mut o) = vcd.take() {
        o.write_all(&rep.vcd).map_err(|e| o.error(e))?;
        outputs.push(o);
    }
    let artifacts = if rep.mismatches.is_empty() {
        Vec::new()
    } else {
        write_failure(&p, &rep, &a.fail_dir, &mut files, &mut outputs)?
    };
    commit(outputs)?;
    let r = report_json(&p, &rep, &artifacts);
    if a.json {
        println!("{r}");
    } else {
        print_report(&r, &rep);
    }
    if !rep.mismatches.is_empty() {
        let m = &rep.mismatches[0];
        return Err(CliError::Failed(format!(
            "{} mismatches; first: seed {}, scenario {}, {} frame {}: {}",
            rep.mismatches.len(),
            p.seed,
            m.scenario,
            m.direction,
            m.frame,
            m.what
        )));
    }
    Ok(())
}

fn round(x: f64, digits: i32) -> f64 {
    let k = 10f64.powi(digits);
    (x * k).round() / k
}

fn report_json(p: &Params, rep: &Report, artifacts: &[PathBuf]) -> serde_json::Value {
    let lat = |f: &scoreboard::Flow| f.latency;
    json!({
        "engine": p.engine.name(),
        "top": p.engine.top(),
        "power_up": p.engine.power_up(),
        "seed": p.seed,
        "size": p.size,
        "frames": rep.frames,
        "scenarios": rep.scenarios,
        "mismatches": rep.mismatches.len(),
        "counters_compared": rep.counters_compared,
        "rekeys": rep.rekeys,
        "pn_events": rep.pn_events,
        "resets": rep.resets,
        "pin_resets": rep.pin_resets,
        "frames_cut": rep.frames_cut,
        "floods": rep.floods,
        "overruns_at_start": rep.overruns.0,
        "overruns_cut_short": rep.overruns.1,
        "cycles": rep.cycles,
        "egress_bytes_per_cycle": round(rep.egress.octets_per_cycle(), 3),
        "ingress_bytes_per_cycle": round(rep.ingress.octets_per_cycle(), 3),
        "latency_cycles": lat(&rep.egress).max(lat(&rep.ingress)),
        "egress_latency_cycles": lat(&rep.egress),
        "ingress_latency_cycles": lat(&rep.ingress),
        "seconds": round(rep.seconds, 3),
        "cycles_per_second": rep.cycles_per_second().round(),
        "run_cycles_per_second": (rep.cycles as f64 / rep.seconds.max(1e-9)).round(),
        "coverage": rep.coverage.to_json(),
        "first_mismatches": rep.mismatches.iter().take(10).map(|m| json!({
            "scenario": m.scenario,
            "direction": m.direction,
            "frame": m.frame,
            "what": m.what,
        })).collect::<Vec<_>>(),
        "artifacts": artifacts.iter().map(|a| a.display().to_string()).collect::<Vec<_>>(),
    })
}

fn print_report(r: &serde_json::Value, rep: &Report) {
    println!(
        "macsec sim: engine {} (top {}, power-up: {}), seed {}, {} scenarios",
        r["engine"].as_str().unwrap_or("?"),
        r["top"].as_str().unwrap_or("?"),
        r["power_up"].as_str().unwrap_or("?"),
        r["seed"],
        r["scenarios"]
    );
    for k in [
        "frames",
        "mismatches",
        "counters_compared",
        "rekeys",
        "pn_events",
        "resets",
        "pin_resets",
        "frames_cut",
        "floods",
        "overruns_at_start",
        "overruns_cut_short",
        "cycles",
        "egress_bytes_per_cycle",
        "ingress_bytes_per_cycle",
        "egress_latency_cycles",
        "ingress_latency_cycles",
        "seconds",
        "cycles_per_second",
        "run_cycles_per_second",
    ] {
        println!("  {k:<24} {}", r[k]);
    }
    print!("{}", rep.coverage.table());
    for m in rep.mismatches.iter().take(10) {
        println!(
            "  mismatch: scenario {}, {} frame {}: {}",
            m.scenario, m.direction, m.frame, m.what
        );
    }
    for a in r["artifacts"].as_array().into_iter().flatten() {
        println!("  wrote {}", a.as_str().unwrap_or_default());
    }
}

/// The failing frames (input, golden output, engine output, in that order, for each of the first
/// mismatches), the scenario's configuration and a VCD of the engine around the first failing
/// frame, replayed on a fresh engine.
fn write_failure(
    p: &Params,
    rep: &Report,
    dir: &Path,
    files: &mut Files,
    outputs: &mut Vec<Output>,
) -> Result<Vec<PathBuf>, CliError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| CliError::Output(format!("{}: {e}", dir.display())))?;
    let first = &rep.mismatches[0];
    let stem = format!("macsec-sim-seed{}-scenario{}", p.seed, first.scenario);
    let mut out = Vec::new();
    let pcap = dir.join(format!("{stem}.pcap"));
    let mut w = FrameWriter::ethernet(files.output(&pcap, Secrecy::Public)?)?;
    let mut t = 0u32;
    for m in rep
        .mismatches
        .iter()
        .filter(|m| !m.input.is_empty())
        .take(32)
    {
        t += 1;
        // One second per mismatch; the fraction tells input (0), golden (1) and engine (2) apart.
        for (i, f) in [Some(&m.input), m.want.as_ref(), m.got.as_ref()]
            .into_iter()
            .enumerate()
        {
            if let Some(f) = f.filter(|f| !f.is_empty()) {
                w.write((t, i as u32), f)?;
            }
        }
    }
    outputs.push(w.finish()?);
    out.push(pcap);
    let toml = dir.join(format!("{stem}.toml"));
    let text = scoreboard::scenario_toml(p, first.scenario);
    let secrecy = match p.keys {
        Keys::Include => Secrecy::Secret,
        Keys::Redact => Secrecy::Public,
    };
    put(files.output(&toml, secrecy)?, text.as_bytes(), outputs)?;
    out.push(toml);
    let (from, to) = first.cycles;
    let vcd = scoreboard::replay_scenario(p, first.scenario, from.saturating_sub(64), to + 64)
        .map_err(CliError::Failed)?;
    let path = dir.join(format!("{stem}.vcd"));
    put(files.output(&path, secrecy)?, &vcd, outputs)?;
    out.push(path);
    Ok(out)
}

/// Write `bytes` to `o` and queue it for the commit.
fn put(mut o: Output, bytes: &[u8], outputs: &mut Vec<Output>) -> Result<(), CliError> {
    o.write_all(bytes).map_err(|e| o.error(e))?;
    outputs.push(o);
    Ok(())
}
