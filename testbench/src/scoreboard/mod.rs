//! The lockstep scoreboard of the rust-hdl engine against the golden model.
//!
//! The engine is clocked by the direct single-threaded `simulate()` loop and programmed only
//! through its CSR bus by the host driver (`macsec_driver::Card` over [`HdlCard`]). A run is a
//! sequence of scenarios, each a fresh random SecY configuration (all four suites in turn); in
//! each, seeded traffic goes through both pipelines at once — back to back or with gaps, the
//! outputs held now and then, damaged frames on the ingress — and every frame that leaves, its
//! status word and then every counter of the card are compared with one golden SecY fed the same
//! frames in the same order.

mod compare;
pub mod coverage;
mod lockstep;
mod overrun;
mod reset;
mod scenario;
mod stimulus;
mod stream;

use std::time::Instant;

pub use crate::hdl_card::engines::EngineKind;
use macsec_driver::sim::SimDevice;
use macsec_driver::Card;
pub use macsec_hdl::vcd_redact::Keys;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::hdl_card::HdlCard;
pub use compare::Mismatch;
use coverage::Coverage;
use scenario::Scenario;

/// What to run.
#[derive(Clone, Debug)]
pub struct Params {
    /// Frames over both directions (half into each).
    pub frames: usize,
    pub seed: u64,
    /// Every frame this long, back to back, for throughput; mixed sizes and gaps otherwise.
    pub size: Option<usize>,
    /// Record every signal of the whole run.
    pub vcd: bool,
    /// Whether waveforms and the scenario configuration keep key material.
    pub keys: Keys,
    /// Change the engine's transmit SCI behind the golden model's back after programming
    /// (shows that the scoreboard catches a wrong engine, and what it leaves behind).
    pub tamper: bool,
    /// The engine held against the golden model.
    pub engine: EngineKind,
}

/// Cycle figures of one direction.
#[derive(Clone, Copy, Debug, Default)]
pub struct Flow {
    /// Input octets the port took.
    pub octets: u64,
    /// Cycles from a scenario's first input beat offered to its last one taken, summed.
    pub cycles: u64,
    /// Cycles from a frame's first beat in to its first beat out, least over unheld frames.
    pub latency: Option<u64>,
}

impl Flow {
    pub fn octets_per_cycle(&self) -> f64 {
        self.octets as f64 / self.cycles.max(1) as f64
    }
}

/// What a run found.
#[derive(Default)]
pub struct Report {
    pub frames: usize,
    pub scenarios: usize,
    pub mismatches: Vec<Mismatch>,
    pub counters_compared: u64,
    /// Rekeys (an SA installed and the switchover armed mid-traffic) and PN events (threshold
    /// or exhaustion bits the golden model expected set) checked.
    pub rekeys: u64,
    pub pn_events: u64,
    /// Resets with frames in flight (CONTROL.RESET or, `pin_resets` of them, the reset pin),
    /// and the frames they cut (in the engine or still queued on its ports at the reset, so
    /// never out whole).
    pub resets: u64,
    pub pin_resets: u64,
    pub frames_cut: u64,
    /// Flood scenarios run, and the frames the ingress input FIFO dropped in them: at their
    /// start, and cut short (InPktsOverrun both).
    pub floods: u64,
    pub overruns: (u64, u64),
    pub cycles: u64,
    /// Wall time of the whole run (stimulus, golden model, driver, simulation).
    pub seconds: f64,
    /// Cycles clocked while frames streamed, and the wall time that took: the simulation's
    /// own speed, without the stimulus, the golden model or the driver's CSR traffic.
    pub stream_cycles: u64,
    pub stream_seconds: f64,
    pub egress: Flow,
    pub ingress: Flow,
    pub coverage: Coverage,
    /// The run's VCD (with `Params::vcd`).
    pub vcd: Vec<u8>,
}

impl Report {
    /// The simulation's speed while frames stream through both pipelines.
    pub fn cycles_per_second(&self) -> f64 {
        self.stream_cycles as f64 / self.stream_seconds.max(1e-9)
    }
}

/// Frames per direction in one scenario: enough to reach steady state, few enough that a run
/// of a few thousand frames visits many configurations.
fn per_scenario(size: Option<usize>) -> usize {
    if size.is_some() {
        200
    } else {
        30
    }
}

/// The seed of scenario `k` of a run: scenarios replay alone, on a fresh engine.
fn scenario_seed(seed: u64, k: usize) -> u64 {
    seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (k as u64).wrapping_mul(0xD1B5_4A32_D192_ED03)
}

/// One scenario's share of the frames: (egress, ingress).
fn share(p: &Params, k: usize) -> (usize, usize) {
    let per = per_scenario(p.size);
    let egress = p.frames.div_ceil(2);
    let ingress = p.frames / 2;
    let take = |total: usize| total.saturating_sub(k * per).min(per);
    (take(egress), take(ingress))
}

fn scenarios(p: &Params) -> usize {
    p.frames.div_ceil(2).div_ceil(per_scenario(p.size)).max(1)
}

/// A fresh engine under the driver (recording every cycle's ports with `traced`).
fn bring_up_with(engine: &EngineKind, traced: bool) -> Result<(SimDevice<HdlCard>, Card), String> {
    let sim = engine.sim(traced);
    let dev = SimDevice::new(HdlCard::ports(sim));
    let card = Card::probe(Box::new(dev.clone())).map_err(|e| format!("probe: {e}"))?;
    Ok((dev, card))
}

fn bring_up(engine: &EngineKind) -> Result<(SimDevice<HdlCard>, Card), String> {
    bring_up_with(engine, false)
}

/// Run the whole scoreboard; `progress` hears after each scenario (done, total).
pub fn run(p: &Params, progress: impl FnMut(usize, usize)) -> Result<Report, String> {
    run_on(bring_up(&p.engine)?, p, progress)
}

fn run_on(
    (dev, mut card): (SimDevice<HdlCard>, Card),
    p: &Params,
    mut progress: impl FnMut(usize, usize),
) -> Result<Report, String> {
    let mut rep = Report::default();
    let t = Instant::now();
    let start = dev.with_card(|c| c.sim().cycles);
    if p.vcd {
        dev.with_card(|c| c.sim().start_vcd_for(u64::MAX, p.keys));
    }
    let n = scenarios(p);
    for k in 0..n {
        let (ne, ni) = share(p, k);
        let mut rng = StdRng::seed_from_u64(scenario_seed(p.seed, k));
        let mut sc = Scenario::draw(k, &mut rng, p.size.is_some());
        let mut bench = lockstep::Bench {
            dev: &dev,
            card: &mut card,
            p,
            window: None,
        };
        bench.scenario(&mut sc, &mut rng, (ne, ni), &mut rep)?;
        rep.frames += ne + ni;
        rep.scenarios += 1;
        progress(k + 1, n);
    }
    rep.seconds = t.elapsed().as_secs_f64();
    rep.cycles = dev.with_card(|c| c.sim().cycles) - start;
    rep.vcd = dev.with_card(|c| c.sim().take_vcd());
    Ok(rep)
}

/// The same run on the rust-hdl simulation and on the engine's generated Verilog in Icarus:
/// (rust-hdl cycles/s, Icarus cycles/s, cycles). The rust-hdl run is timed without tracing; a
/// second, traced run gives Icarus its stimulus, and Icarus must print the same outputs on
/// every cycle.
pub fn versus_icarus(p: &Params, dir: &std::path::Path) -> Result<(f64, f64, u64), String> {
    let t = Instant::now();
    let rep = run(p, |_, _| {})?;
    let ours = rep.cycles as f64 / t.elapsed().as_secs_f64();
    if !rep.mismatches.is_empty() {
        return Err(format!(
            "{} mismatches with the golden model",
            rep.mismatches.len()
        ));
    }
    let (dev, card) = bring_up_with(&p.engine, true)?;
    run_on((dev.clone(), card), p, |_, _| {})?;
    let trace = dev
        .with_card(|c| c.sim().trace.take())
        .ok_or("no trace recorded")?;
    let icarus =
        trace.replay_in_icarus(dir, &macsec_hdl::verilog::engine_verilog(), "macsec_engine")?;
    Ok((ours, icarus, trace.stim.len() as u64))
}

/// Run scenario `k` of a run again on a fresh engine, recording its VCD from cycle `from`
/// (counted from the scenario's start) to `to`: the waveform of a mismatch.
pub fn replay_scenario(p: &Params, k: usize, from: u64, to: u64) -> Result<Vec<u8>, String> {
    let (dev, mut card) = bring_up(&p.engine)?;
    let (ne, ni) = share(p, k);
    let mut rng = StdRng::seed_from_u64(scenario_seed(p.seed, k));
    let mut sc = Scenario::draw(k, &mut rng, p.size.is_some());
    let mut rep = Report::default();
    let mut bench = lockstep::Bench {
        dev: &dev,
        card: &mut card,
        p,
        window: Some(compare::VcdWindow {
            from,
            to,
            keys: p.keys,
        }),
    };
    bench.scenario(&mut sc, &mut rng, (ne, ni), &mut rep)?;
    Ok(rep.vcd)
}

/// The configuration of scenario `k` (to reproduce a mismatch with the golden model alone).
pub fn scenario_toml(p: &Params, k: usize) -> String {
    let mut rng = StdRng::seed_from_u64(scenario_seed(p.seed, k));
    let toml = Scenario::draw(k, &mut rng, p.size.is_some()).toml;
    match p.keys {
        Keys::Include => toml,
        Keys::Redact => without_keys(&toml),
    }
}

/// The configuration with every SAK left out (commented, with how to get it back).
fn without_keys(toml: &str) -> String {
    let mut out = String::from(
        "# The SAKs are left out: `macsec sim --include-keys` writes them (the file is then\n\
         # secret), and the same --seed draws this scenario again.\n",
    );
    for line in toml.lines() {
        if line.trim_start().starts_with("key =") {
            out.push_str("# key = <left out>\n");
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A random pattern of ready cycles for an output port (about one cycle in four held).
fn hold_pattern(rng: &mut StdRng) -> Box<dyn FnMut(u64) -> bool + Send> {
    let mut x: u64 = rng.gen::<u64>() | 1;
    Box::new(move |_| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % 4 != 0
    })
}
