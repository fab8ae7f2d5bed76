//! `macsec lab`: two simulated cards back to back, both programmed only through the driver from
//! a configuration, seeded traffic from A's TX ring to B's RX ring through every suite, a rekey
//! driven by the PN threshold interrupt in every phase, damaged frames on the wire — and every
//! frame, completion and counter compared with the golden model. The cards are the behavioral
//! one (`--card model`) or the rust-hdl engine in its DMA shell (`--card hdl`, the default job), or its generated Verilog under Verilator in the same shell
//! (`--card verilator`).

pub(crate) mod cards;
mod config;
mod report;
mod traffic;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use macsec_driver::conformance::{Pair, Score, SimBench};
use macsec_hdl::engine::params::CLOCK_MHZ;
use macsec_model::Sak;
use rand::rngs::StdRng;
use rand::SeedableRng;

use crate::error::CliError;
use crate::files::{commit, Files, Output, Secrecy};
use crate::pcapio::FrameWriter;

use crate::hdl_card::engines::EngineKind;
use cards::LabCard;
pub use config::{LabConfig, DEFAULT};
use macsec_hdl::vcd_redact::Keys;
use report::CardSummary;
pub use report::Summary;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CardKind {
    /// The behavioral (transaction-level) card of macsec-model.
    Model,
    /// The rust-hdl engine in its cycle-approximate DMA shell.
    Hdl,
    /// The same DMA shell around the engine's generated Verilog, compiled by Verilator.
    Verilator,
}

#[derive(Debug, Args)]
pub struct LabArgs {
    /// Which simulated card [default: model; hdl when `macsec` runs the lab without a command].
    #[arg(long, value_enum)]
    pub card: Option<CardKind>,
    /// Frames from A's host, over all phases.
    #[arg(long, default_value_t = 20_000)]
    pub frames: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Lab configuration (TOML with [a], [b] and suites); the embedded default otherwise.
    #[arg(long, value_name = "FILE.toml")]
    pub config: Option<PathBuf>,
    /// Write the wire traffic (A to B, damage included) as a pcap [without a command: lab.pcap].
    #[arg(long, value_name = "FILE.pcap")]
    pub pcap: Option<PathBuf>,
    /// Record both engines' waveforms (--card hdl or verilator): card A's to FILE, card B's to FILE with
    /// "-b" added to its name. Key material is dumped as x unless --include-keys is given.
    #[arg(long, value_name = "FILE.vcd")]
    pub vcd: Option<PathBuf>,
    /// Cycles of each engine to record with --vcd, from the start of the traffic.
    #[arg(long, default_value_t = 5_000, value_name = "N")]
    pub vcd_cycles: u64,
    /// Write key material (SAKs, round keys, H) into the waveforms, which then are as secret
    /// as the keys; without it those signals are there but dumped as x.
    #[arg(long)]
    pub include_keys: bool,
    /// The DMA shell's read latency in cycles, up to 100000 (--card hdl or verilator).
    #[arg(long, default_value_t = 200, value_name = "CYCLES")]
    pub dma_latency: u32,
    /// One JSON object instead of the report.
    #[arg(long)]
    pub json: bool,
    /// Run the lab on two cards served by `macsec serve` instead of simulating them here:
    /// `--device vfio:ADDR` (in a guest, through vfio-pci) or `vfio-user:SOCKET`, twice (card
    /// A, then card B). The wire between them goes through each card's test BAR.
    #[arg(long, num_args = 1, action = clap::ArgAction::Append, conflicts_with_all = ["card", "vcd"])]
    pub device: Vec<String>,
}

/// What the lab knows of the cards it runs, beyond the driver.
struct Kind {
    name: &'static str,
    clock_mhz: Option<u32>,
    cycles: fn(&macsec_driver::conformance::Rig) -> Option<u64>,
    start_vcd: fn(&macsec_driver::conformance::Rig, u64, Keys),
    take_vcd: fn(&macsec_driver::conformance::Rig) -> Vec<u8>,
}

fn sim_kind<C: LabCard>() -> Kind {
    Kind {
        name: C::NAME,
        clock_mhz: C::CLOCK_MHZ,
        cycles: |r| r.sim(|c: &mut C| c.cycles()).flatten(),
        start_vcd: |r, n, keys| {
            r.sim(|c: &mut C| c.start_vcd(n, keys));
        },
        take_vcd: |r| r.sim(|c: &mut C| c.take_vcd()).unwrap_or_default(),
    }
}

fn device_kind() -> Kind {
    Kind {
        name: "served",
        clock_mhz: None,
        cycles: |_| None,
        start_vcd: |_, _, _| {},
        take_vcd: |_| Vec::new(),
    }
}

impl LabArgs {
    fn secrecy(&self) -> Secrecy {
        match self.keys() {
            Keys::Include => Secrecy::Secret,
            Keys::Redact => Secrecy::Public,
        }
    }

    fn keys(&self) -> Keys {
        if self.include_keys {
            Keys::Include
        } else {
            Keys::Redact
        }
    }

    /// What `macsec` runs without a command: these options, on the rust-hdl card, the wire
    /// written to lab.pcap unless another file is named.
    pub fn default_job(mut self) -> LabArgs {
        self.card.get_or_insert(CardKind::Hdl);
        self.pcap.get_or_insert_with(|| PathBuf::from("lab.pcap"));
        self
    }
}

pub fn run(a: &LabArgs) -> Result<(), CliError> {
    let summary = measure(a)?;
    if a.json {
        println!("{}", summary.json());
    } else {
        summary.print();
        if let Some(p) = &a.pcap {
            println!("wire traffic: {}", p.display());
        }
        if let Some(p) = &a.vcd {
            println!(
                "waveforms: {} (card A), {} (card B)",
                p.display(),
                b_path(p).display()
            );
        }
    }
    let mismatches = summary.mismatches();
    let lost = summary.score.lost();
    if mismatches > 0 || lost > 0 {
        return Err(CliError::Failed(format!(
            "{mismatches} mismatches, {lost} frames lost"
        )));
    }
    Ok(())
}

/// Run the lab; what it came to (the caller judges and reports it).
pub fn measure(a: &LabArgs) -> Result<Summary, CliError> {
    if !a.device.is_empty() {
        return measure_devices(a);
    }
    match a.card.unwrap_or(CardKind::Model) {
        CardKind::Model => {
            if a.vcd.is_some() {
                return Err(CliError::Usage(
                    "--vcd records the engine's waveforms: it needs --card hdl or verilator".into(),
                ));
            }
            run_with(
                a,
                &SimBench(cards::behavioral),
                sim_kind::<macsec_model::card::BehavioralCard>(),
                a.frames,
            )
        }
        CardKind::Hdl | CardKind::Verilator if a.dma_latency > MAX_LATENCY => {
            Err(CliError::Usage(format!(
                "--dma-latency: at most {MAX_LATENCY} cycles ({} µs at {CLOCK_MHZ} MHz)",
                MAX_LATENCY / CLOCK_MHZ
            )))
        }
        CardKind::Hdl => run_with(
            a,
            &SimBench(cards::hdl(a.dma_latency)),
            sim_kind::<crate::hdl_card::HdlCard>(),
            a.frames,
        ),
        CardKind::Verilator => {
            let engine = EngineKind::verilator().map_err(CliError::Failed)?;
            run_with(
                a,
                &SimBench(cards::hdl_on(engine, a.dma_latency)),
                Kind {
                    name: "verilator",
                    ..sim_kind::<crate::hdl_card::HdlCard>()
                },
                a.frames,
            )
        }
    }
}

#[cfg(target_os = "linux")]
fn measure_devices(a: &LabArgs) -> Result<Summary, CliError> {
    if a.device.len() != 2 {
        return Err(CliError::Usage(
            "--device: give two served cards, A then B".into(),
        ));
    }
    let bench = macsec_driver::conformance::DeviceBench {
        devices: a.device.clone(),
        open: Box::new(|spec: &str| {
            let (dev, bar) = macsec_driver::open_device(spec, true)?;
            let bar = bar.ok_or_else(|| {
                macsec_driver::DriverError::Invalid(format!("{spec} has no test BAR"))
            })?;
            Ok((dev, bar))
        }),
    };
    run_with(a, &bench, device_kind(), a.frames)
}

#[cfg(not(target_os = "linux"))]
fn measure_devices(_: &LabArgs) -> Result<Summary, CliError> {
    Err(CliError::Usage("--device needs Linux".into()))
}

/// Frames drawn and sent per call of the pair (about eight TX-ring batches).
const CHUNK: usize = 2048;

/// The longest DMA read latency the lab accepts: well inside the card's stall guard.
const MAX_LATENCY: u32 = 100_000;

/// `FILE.vcd` → `FILE-b.vcd`: where card B's waveform goes.
fn b_path(p: &Path) -> PathBuf {
    let stem = p.file_stem().map_or("lab".into(), |s| s.to_string_lossy());
    let name = match p.extension() {
        Some(e) => format!("{stem}-b.{}", e.to_string_lossy()),
        None => format!("{stem}-b"),
    };
    p.with_file_name(name)
}

/// Write both cards' waveforms (A's and B's) into their outputs.
fn write_vcd(kind: &Kind, outs: &mut [Output; 2], pair: &Pair) -> Result<(), CliError> {
    for (o, rig) in outs.iter_mut().zip([&pair.a, &pair.b]) {
        let vcd = (kind.take_vcd)(rig);
        o.write_all(&vcd).map_err(|e| o.error(e))?;
    }
    Ok(())
}

fn progress(a: &LabArgs, frames: usize) -> ProgressBar {
    let target = if a.json {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let bar = ProgressBar::with_draw_target(Some(frames as u64), target);
    let style = ProgressStyle::with_template(
        "{msg:16} [{bar:40}] {pos}/{len} frames  {elapsed} elapsed, eta {eta}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ");
    bar.set_style(style);
    bar
}

fn run_with(
    a: &LabArgs,
    bench: &dyn macsec_driver::conformance::Bench,
    kind: Kind,
    frames: usize,
) -> Result<Summary, CliError> {
    let mut files = Files::new();
    files.reserve_stdout("the lab's report");
    let cfg = match &a.config {
        Some(p) => {
            files.input(p)?;
            let text = std::fs::read_to_string(p)
                .map_err(|e| CliError::Input(format!("{}: {e}", p.display())))?;
            LabConfig::parse(&text, &p.display().to_string())?
        }
        None => LabConfig::parse(DEFAULT, "embedded lab config")?,
    };
    let phases = cfg.phases()?;
    if frames < 2 * phases.len() {
        return Err(CliError::Usage(format!(
            "--frames must be at least {} (two per phase)",
            2 * phases.len()
        )));
    }
    // Every output is checked, and its temporary file made, before the first frame.
    let mut writer = match &a.pcap {
        Some(p) => Some(FrameWriter::ethernet(files.output(p, Secrecy::Public)?)?),
        None => None,
    };
    let mut vcd_out = match &a.vcd {
        Some(p) => Some([
            files.output(p, a.secrecy())?,
            files.output(&b_path(p), a.secrecy())?,
        ]),
        None => None,
    };
    let bar = progress(a, frames);
    let mut rng = StdRng::seed_from_u64(a.seed);
    let mut injector = traffic::Injector::new(a.seed, 50);
    let mut total = Score::default();
    let mut octets = 0u64;
    let mut counter_mismatches = Vec::new();
    let mut counters = [BTreeMap::new(), BTreeMap::new()];
    let mut wire_index = 0u32;
    let mut wire_err = None;
    let mut pair: Option<Pair> = None;
    let start = Instant::now();
    let n_phases = phases.len();
    for (i, (suite, mut ca, cb)) in phases.into_iter().enumerate() {
        let n = frames / n_phases + usize::from(i < frames % n_phases);
        // The PN threshold fires half way through the phase, unless the config sets it.
        let first_pn = ca.tx_sa[0].pn.or(ca.tx_sa[0].xpn).unwrap_or(1);
        ca.pn_threshold
            .get_or_insert(first_pn.saturating_add(n as u64 / 2));
        let fail = |e: String| CliError::Failed(format!("{suite}: {e}"));
        // The same two cards through every phase: reset and programmed afresh by the driver.
        let pair = match pair.as_mut() {
            Some(p) => {
                p.reprogram(&ca, &cb, 9).map_err(fail)?;
                p
            }
            None => pair.insert(Pair::new(bench, &ca, &cb, 9).map_err(fail)?),
        };
        if let (Some(_), 0) = (&a.vcd, i) {
            let keys = a.keys();
            (kind.start_vcd)(&pair.a, a.vcd_cycles, keys);
            (kind.start_vcd)(&pair.b, a.vcd_cycles, keys);
        }
        bar.set_message(suite.name());
        let mut score = Score::default();
        // Traffic is made as it is sent, CHUNK frames at a time: memory does not grow with
        // --frames (the same seed draws the same frames as one batch would). A chunk is
        // several TX-ring batches, so card A works on one while card B takes the last.
        let mut left = n;
        while left > 0 {
            let chunk = traffic::frames(&mut rng, left.min(CHUNK));
            let before = bar.position();
            left -= chunk.len();
            octets += chunk.iter().map(|f| f.len() as u64).sum::<u64>();
            let chunk = &chunk[..];
            let mut hook = |f: Vec<u8>, out: &mut Vec<Vec<u8>>| {
                // The bar moves as A transmits; the chunk's end sets it exactly.
                bar.inc(1);
                injector.apply(f, out);
                if let Some(w) = writer.as_mut() {
                    for g in out.iter() {
                        wire_index += 1;
                        if let Err(e) = w.write((wire_index / 1_000_000, wire_index % 1_000_000), g)
                        {
                            wire_err.get_or_insert(e);
                        }
                    }
                }
            };
            pair.send(chunk, &mut score, &mut hook).map_err(fail)?;
            let (threshold, _) = pair
                .a
                .card
                .take_pn_events()
                .map_err(|e| fail(e.to_string()))?;
            if threshold != 0 {
                let mut k = ca.tx_sa[0].key.as_bytes().to_vec();
                k.iter_mut()
                    .for_each(|b| *b = b.wrapping_add(score.rekeys as u8 + 1));
                let sak = Sak::new(&k).map_err(|e| fail(e.to_string()))?;
                pair.rekey(&sak, &mut score).map_err(fail)?;
            }
            bar.set_position(before + chunk.len() as u64);
        }
        counter_mismatches.extend(
            pair.compare_counters()
                .map_err(fail)?
                .into_iter()
                .map(|m| format!("{suite}: {m}")),
        );
        for (sum, rig) in counters.iter_mut().zip([&pair.a, &pair.b]) {
            for (k, v) in rig.card.secy_counters().map_err(|e| fail(e.to_string()))? {
                *sum.entry(k).or_insert(0u64) += v;
            }
        }
        total.merge(&score);
    }
    bar.finish_and_clear();
    let secs = start.elapsed().as_secs_f64();
    if let Some(e) = wire_err {
        return Err(e);
    }
    let mut outputs = Vec::new();
    if let (Some(mut outs), Some(p)) = (vcd_out.take(), pair.as_ref()) {
        write_vcd(&kind, &mut outs, p)?;
        outputs.extend(outs);
    }
    if let Some(w) = writer {
        outputs.push(w.finish()?);
    }
    commit(outputs)?;
    let [ca, cb] = counters;
    let cycles = kind.cycles;
    let summary = Summary {
        card: kind.name,
        clock_mhz: kind.clock_mhz,
        seed: a.seed,
        phases: cfg.phases()?.iter().map(|p| p.0.name()).collect(),
        score: total,
        damaged: injector.count,
        counter_mismatches,
        host_octets: octets,
        seconds: secs,
        a: CardSummary {
            counters: ca,
            cycles: pair.as_ref().and_then(|p| cycles(&p.a)),
        },
        b: CardSummary {
            counters: cb,
            cycles: pair.as_ref().and_then(|p| cycles(&p.b)),
        },
    };
    Ok(summary)
}
