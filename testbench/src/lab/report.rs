//! The lab's result: the report table a person reads, and the JSON object a script reads.

use std::collections::BTreeMap;

use macsec_driver::conformance::Score;
use serde_json::{json, Value};

/// One card's part of the result.
pub struct CardSummary {
    /// SecY-wide counters, summed over the phases.
    pub counters: BTreeMap<&'static str, u64>,
    /// Clock cycles simulated (None: a transaction-level card).
    pub cycles: Option<u64>,
}

pub struct Summary {
    pub card: &'static str,
    pub clock_mhz: Option<u32>,
    pub seed: u64,
    pub phases: Vec<&'static str>,
    pub score: Score,
    /// Frames the injector damaged or added.
    pub damaged: u64,
    pub counter_mismatches: Vec<String>,
    /// Octets of the frames A's host sent.
    pub host_octets: u64,
    pub seconds: f64,
    pub a: CardSummary,
    pub b: CardSummary,
}

fn round(x: f64, places: i32) -> f64 {
    let m = 10f64.powi(places);
    (x * m).round() / m
}

impl Summary {
    pub fn mismatches(&self) -> u64 {
        self.score.mismatch_count + self.counter_mismatches.len() as u64
    }

    /// Wire octets per simulated cycle of a card.
    pub fn octets_per_cycle(&self, c: &CardSummary) -> Option<f64> {
        c.cycles
            .filter(|&n| n > 0)
            .map(|n| self.score.wire_octets as f64 / n as f64)
    }

    /// The Gbit/s that octets per cycle mean at the modelled clock.
    fn modelled_gbps(&self, c: &CardSummary) -> Option<f64> {
        Some(self.octets_per_cycle(c)? * 8.0 * self.clock_mhz? as f64 / 1000.0)
    }

    /// Simulated cycles of both cards per second of wall time.
    pub fn cycles_per_second(&self) -> Option<f64> {
        Some((self.a.cycles? + self.b.cycles?) as f64 / self.seconds)
    }

    pub fn frames_per_second(&self) -> f64 {
        self.score.frames_sent as f64 / self.seconds
    }

    pub fn json(&self) -> Value {
        let s = &self.score;
        let card = |c: &CardSummary| {
            json!({
                "cycles": c.cycles,
                "octets_per_cycle": self.octets_per_cycle(c).map(|x| round(x, 3)),
                "modelled_gbps": self.modelled_gbps(c).map(|x| round(x, 2)),
                "counters": c.counters.iter().filter(|(_, v)| **v != 0).collect::<BTreeMap<_, _>>(),
            })
        };
        json!({
            "card": self.card,
            "seed": self.seed,
            "phases": self.phases,
            "frames_sent": s.frames_sent,
            "frames_transmitted": s.frames_transmitted,
            "frames_delivered": s.frames_delivered,
            "frames_discarded": s.frames_discarded,
            "frames_injected": s.frames_injected,
            "frames_damaged": self.damaged,
            "ring_drops": s.ring_drops,
            "mismatches": self.mismatches(),
            "lost": s.lost(),
            "rekeys": s.rekeys,
            "seconds": round(self.seconds, 3),
            "frames_per_second": self.frames_per_second().round(),
            "gbps": round(self.host_octets as f64 * 8.0 / self.seconds / 1e9, 3),
            "cycles_per_second": self.cycles_per_second().map(f64::round),
            "card_a": card(&self.a),
            "card_b": card(&self.b),
        })
    }

    pub fn print(&self) {
        let s = &self.score;
        let kind = match self.card {
            "hdl" => "the rust-hdl engine in its DMA shell",
            _ => "the behavioral card",
        };
        println!(
            "macsec lab: two cards back to back, {kind}; seed {}",
            self.seed
        );
        println!("phases: {}", self.phases.join(", "));
        println!();
        println!("frames");
        let rows: [(&str, u64); 9] = [
            ("sent by A's host", s.frames_sent),
            ("transmitted by A", s.frames_transmitted),
            ("damaged or added on the wire", self.damaged),
            ("delivered to B's host", s.frames_delivered),
            ("discarded and counted", s.frames_discarded),
            ("dropped by the RX DMA side", s.ring_drops),
            ("lost", s.lost()),
            ("rekeys (AN switchovers)", s.rekeys),
            ("mismatches with the golden model", self.mismatches()),
        ];
        for (k, v) in rows {
            println!("  {k:<34} {v:>12}");
        }
        println!();
        println!(
            "{:<36} {:>12} {:>12}",
            "counters (SecY, all phases)", "card A", "card B"
        );
        let names: std::collections::BTreeSet<_> = self
            .a
            .counters
            .iter()
            .chain(&self.b.counters)
            .filter(|(_, v)| **v != 0)
            .map(|(k, _)| *k)
            .collect();
        for k in names {
            let v = |c: &CardSummary| c.counters.get(k).copied().unwrap_or(0);
            println!("  {k:<34} {:>12} {:>12}", v(&self.a), v(&self.b));
        }
        println!();
        if self.a.cycles.is_some() {
            println!(
                "{:<36} {:>12} {:>12}",
                "simulated hardware", "card A", "card B"
            );
            let both = |f: &dyn Fn(&CardSummary) -> String| (f(&self.a), f(&self.b));
            let (a, b) = both(&|c| c.cycles.unwrap_or(0).to_string());
            println!("  {:<34} {a:>12} {b:>12}", "clock cycles");
            let (a, b) = both(&|c| {
                self.octets_per_cycle(c)
                    .map_or("-".into(), |x| format!("{x:.2}"))
            });
            println!("  {:<34} {a:>12} {b:>12}", "wire octets per cycle");
            let (a, b) = both(&|c| {
                self.modelled_gbps(c)
                    .map_or("-".into(), |x| format!("{x:.1}"))
            });
            let label = format!("Gbit/s at {} MHz", self.clock_mhz.unwrap_or(0));
            println!("  {label:<34} {a:>12} {b:>12}");
            println!(
                "  {:<34} {:>12.0}",
                "simulated cycles/s (both cards)",
                self.cycles_per_second().unwrap_or(0.0)
            );
            println!();
        }
        println!(
            "{:.1} s, {:.0} frames/s",
            self.seconds,
            s.frames_sent as f64 / self.seconds
        );
        for m in s.mismatches.iter().chain(&self.counter_mismatches).take(10) {
            println!("mismatch: {m}");
        }
    }
}
