//! `macsec lab`: two simulated cards back to back, both programmed only through the driver from
//! a configuration, seeded traffic from A's TX ring to B's RX ring through every suite, a rekey
//! driven by the PN threshold interrupt in every phase, damaged frames on the wire — and every
//! frame, completion and counter compared with the golden model.

mod config;
mod traffic;

use std::path::PathBuf;
use std::time::Instant;

use clap::{Args, ValueEnum};
use macsec_driver::conformance::{Pair, Score};
use macsec_model::card::{BehavioralCard, CardCaps};
use macsec_model::{Backend, Sak};
use pcap_file::pcap::PcapHeader;
use pcap_file::DataLink;
use rand::rngs::StdRng;
use rand::SeedableRng;
use serde_json::json;

use crate::error::CliError;
use crate::pcapio::FrameWriter;

pub use config::{LabConfig, DEFAULT};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CardKind {
    /// The behavioral (transaction-level) card of macsec-model.
    Model,
}

#[derive(Debug, Args)]
pub struct LabArgs {
    /// Which simulated card.
    #[arg(long, value_enum, default_value = "model")]
    pub card: CardKind,
    /// Frames from A's host, over all phases.
    #[arg(long, default_value_t = 20_000)]
    pub frames: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Lab configuration (TOML with [a], [b] and suites); the embedded default otherwise.
    #[arg(long, value_name = "FILE.toml")]
    pub config: Option<PathBuf>,
    /// Write the wire traffic (A to B, damage included) as a pcap.
    #[arg(long, value_name = "FILE.pcap")]
    pub pcap: Option<PathBuf>,
    /// One JSON object instead of the report.
    #[arg(long)]
    pub json: bool,
}

fn card() -> BehavioralCard {
    BehavioralCard::new(CardCaps::default(), Backend::Ring)
}

pub fn run(a: &LabArgs) -> Result<(), CliError> {
    let cfg = match &a.config {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| CliError::Input(format!("{}: {e}", p.display())))?;
            LabConfig::parse(&text, &p.display().to_string())?
        }
        None => LabConfig::parse(DEFAULT, "embedded lab config")?,
    };
    let phases = cfg.phases()?;
    if a.frames < 2 * phases.len() {
        return Err(CliError::Usage(format!(
            "--frames must be at least {} (two per phase)",
            2 * phases.len()
        )));
    }
    let mut writer = match &a.pcap {
        Some(p) => {
            let header = PcapHeader {
                datalink: DataLink::ETHERNET,
                ..PcapHeader::default()
            };
            Some(FrameWriter::create(p, header)?)
        }
        None => None,
    };
    let mut rng = StdRng::seed_from_u64(a.seed);
    let mut injector = traffic::Injector::new(a.seed, 50);
    let mut total = Score::default();
    let mut octets = 0u64;
    let mut counter_mismatches = Vec::new();
    let mut wire_index = 0u32;
    let mut wire_err = None;
    let start = Instant::now();
    for (i, (suite, mut ca, cb)) in phases.into_iter().enumerate() {
        let n = a.frames / cfg_len(&cfg) + usize::from(i < a.frames % cfg_len(&cfg));
        // The PN threshold fires half way through the phase, unless the config sets it.
        let first_pn = ca.tx_sa[0].pn.or(ca.tx_sa[0].xpn).unwrap_or(1);
        ca.pn_threshold.get_or_insert(first_pn + n as u64 / 2);
        let fail = |e: String| CliError::Failed(format!("{suite}: {e}"));
        let mut pair = Pair::new(&card, &ca, &cb, 9).map_err(fail)?;
        let mut score = Score::default();
        let frames = traffic::frames(&mut rng, n);
        octets += frames.iter().map(|f| f.len() as u64).sum::<u64>();
        for chunk in frames.chunks(256) {
            let mut hook = |f: Vec<u8>, out: &mut Vec<Vec<u8>>| {
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
        }
        counter_mismatches.extend(
            pair.compare_counters()
                .map_err(fail)?
                .into_iter()
                .map(|m| format!("{suite}: {m}")),
        );
        merge(&mut total, &score);
    }
    if let Some(e) = wire_err {
        return Err(e);
    }
    if let Some(w) = writer {
        w.finish()?;
    }
    let secs = start.elapsed().as_secs_f64();
    let mismatches = total.mismatch_count + counter_mismatches.len() as u64;
    let report = json!({
        "card": "model",
        "seed": a.seed,
        "phases": cfg.phases()?.iter().map(|p| p.0.name()).collect::<Vec<_>>(),
        "frames_sent": total.frames_sent,
        "frames_transmitted": total.frames_transmitted,
        "frames_delivered": total.frames_delivered,
        "frames_discarded": total.frames_discarded,
        "frames_injected": total.frames_injected,
        "frames_damaged": injector.count,
        "ring_drops": total.ring_drops,
        "mismatches": mismatches,
        "lost": total.lost(),
        "rekeys": total.rekeys,
        "seconds": (secs * 1000.0).round() / 1000.0,
        "frames_per_second": (total.frames_sent as f64 / secs).round(),
        "gbps": ((octets as f64 * 8.0 / secs / 1e9) * 1000.0).round() / 1000.0,
    });
    if a.json {
        println!("{report}");
    } else {
        print_report(&report, &total, &counter_mismatches);
    }
    if mismatches > 0 || total.lost() > 0 {
        return Err(CliError::Failed(format!(
            "{mismatches} mismatches, {} frames lost",
            total.lost()
        )));
    }
    Ok(())
}

fn cfg_len(c: &LabConfig) -> usize {
    c.suites.len().max(1)
}

fn merge(t: &mut Score, s: &Score) {
    t.frames_sent += s.frames_sent;
    t.frames_transmitted += s.frames_transmitted;
    t.frames_delivered += s.frames_delivered;
    t.frames_discarded += s.frames_discarded;
    t.frames_injected += s.frames_injected;
    t.ring_drops += s.ring_drops;
    t.rekeys += s.rekeys;
    t.mismatch_count += s.mismatch_count;
    t.wire_octets += s.wire_octets;
    t.mismatches.extend(s.mismatches.iter().take(10).cloned());
}

fn print_report(r: &serde_json::Value, s: &Score, counters: &[String]) {
    println!(
        "macsec lab: card {}, seed {}, phases {}",
        r["card"], r["seed"], r["phases"]
    );
    for k in [
        "frames_sent",
        "frames_transmitted",
        "frames_delivered",
        "frames_discarded",
        "frames_injected",
        "ring_drops",
        "rekeys",
        "mismatches",
        "lost",
        "seconds",
        "frames_per_second",
        "gbps",
    ] {
        println!("  {k:<20} {}", r[k]);
    }
    for m in s.mismatches.iter().chain(counters).take(10) {
        println!("  mismatch: {m}");
    }
}
