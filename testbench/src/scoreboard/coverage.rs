//! Functional coverage of a scoreboard run: cipher suites × protection (integrity only or the
//! confidentiality offset) × the decision the golden SecY took × frame-size classes, in each
//! direction, plus the injected faults.

use std::collections::BTreeMap;

use macsec_model::{RxCounter, TxCounter};
use serde_json::{json, Value};

use super::scenario::{Protection, SUITES};
use super::stimulus::Fault;

pub const SIZE_CLASSES: [&str; 5] = ["<60", "60-127", "128-1518", "1519-9000", ">9000"];

pub fn size_class(n: usize) -> usize {
    match n {
        0..=59 => 0,
        60..=127 => 1,
        128..=1518 => 2,
        1519..=9000 => 3,
        _ => 4,
    }
}

/// One bin: (suite, protection, decision, size class). Decisions are the counter names.
type Bin = (usize, Protection, &'static str, usize);

#[derive(Default)]
pub struct Coverage {
    egress: BTreeMap<Bin, u64>,
    ingress: BTreeMap<Bin, u64>,
    faults: BTreeMap<Fault, u64>,
    /// What the golden model decided for each kind of injected fault.
    fault_decisions: BTreeMap<(Fault, &'static str), u64>,
    /// Resets with frames in flight: (suite, by the pin rather than CONTROL.RESET).
    resets: BTreeMap<(usize, bool), u64>,
}

/// A reset's name in reports.
fn reset_kind(pin: bool) -> &'static str {
    if pin {
        "pin"
    } else {
        "control"
    }
}

impl Coverage {
    pub fn egress(&mut self, suite: usize, p: Protection, c: TxCounter, len: usize) {
        *self
            .egress
            .entry((suite, p, c.name(), size_class(len)))
            .or_default() += 1;
    }

    /// `c` is `None` under validateFrames Null (no decision taken).
    pub fn ingress(
        &mut self,
        suite: usize,
        p: Protection,
        c: Option<RxCounter>,
        len: usize,
        f: Fault,
    ) {
        let d = c.map_or("Null", |c| c.name());
        *self
            .ingress
            .entry((suite, p, d, size_class(len)))
            .or_default() += 1;
        *self.faults.entry(f).or_default() += 1;
        *self.fault_decisions.entry((f, d)).or_default() += 1;
    }

    pub fn reset(&mut self, suite: usize, pin: bool) {
        *self.resets.entry((suite, pin)).or_default() += 1;
    }

    fn marginals(bins: &BTreeMap<Bin, u64>) -> Value {
        let mut suites = BTreeMap::new();
        let mut prot = BTreeMap::new();
        let mut decisions = BTreeMap::new();
        let mut sizes = BTreeMap::new();
        let mut cross = BTreeMap::new();
        for (&(s, p, d, z), &n) in bins {
            *suites.entry(SUITES[s]).or_insert(0u64) += n;
            *prot.entry(p.name()).or_insert(0u64) += n;
            *decisions.entry(d).or_insert(0u64) += n;
            *sizes.entry(SIZE_CLASSES[z]).or_insert(0u64) += n;
            *cross.entry((s, p)).or_insert(0u64) += n;
        }
        json!({
            "suites": suites,
            "protection": prot,
            "decisions": decisions,
            "size_classes": sizes,
            "bins_hit": bins.len(),
            "suite_protection_pairs_hit": cross.len(),
        })
    }

    pub fn to_json(&self) -> Value {
        let faults: BTreeMap<&str, u64> = self.faults.iter().map(|(f, n)| (f.name(), *n)).collect();
        let mut fault_decisions: BTreeMap<&str, BTreeMap<&str, u64>> = BTreeMap::new();
        for (&(f, d), &n) in &self.fault_decisions {
            fault_decisions.entry(f.name()).or_default().insert(d, n);
        }
        let mut resets: BTreeMap<&str, BTreeMap<&str, u64>> = BTreeMap::new();
        for (&(s, pin), &n) in &self.resets {
            resets
                .entry(SUITES[s])
                .or_default()
                .insert(reset_kind(pin), n);
        }
        json!({
            "resets_mid_traffic": resets,
            "egress": Self::marginals(&self.egress),
            "ingress": Self::marginals(&self.ingress),
            "ingress_faults": faults,
            "ingress_fault_decisions": fault_decisions,
            // The reachable suite × protection pairs: XPN takes offset 0 only.
            "suite_protection_pairs": 2 * Protection::ALL.len() + 2 * 2,
        })
    }

    /// The summary table printed after a run.
    pub fn table(&self) -> String {
        let mut out = String::new();
        for (name, bins, decisions) in [
            (
                "egress",
                &self.egress,
                TxCounter::ALL.iter().map(|c| c.name()).collect::<Vec<_>>(),
            ),
            (
                "ingress",
                &self.ingress,
                RxCounter::ALL
                    .iter()
                    .map(|c| c.name())
                    .chain(["Null"])
                    .collect::<Vec<_>>(),
            ),
        ] {
            out += &format!("{name} decisions (frames) by size class:\n");
            out += &format!("  {:<22}", "");
            for z in SIZE_CLASSES {
                out += &format!("{z:>10}");
            }
            out += "\n";
            for d in decisions {
                let row: Vec<u64> = (0..SIZE_CLASSES.len())
                    .map(|z| {
                        bins.iter()
                            .filter(|(b, _)| b.2 == d && b.3 == z)
                            .map(|(_, n)| n)
                            .sum()
                    })
                    .collect();
                out += &format!("  {d:<22}");
                for n in row {
                    out += &format!("{n:>10}");
                }
                out += "\n";
            }
            out += &format!("{name} suites × protection (frames):\n");
            for (s, suite) in SUITES.iter().enumerate() {
                out += &format!("  {suite:<22}");
                for p in Protection::ALL {
                    let n: u64 = bins
                        .iter()
                        .filter(|(b, _)| b.0 == s && b.1 == p)
                        .map(|(_, n)| n)
                        .sum();
                    out += &format!(" {}={n}", p.name());
                }
                out += "\n";
            }
        }
        out += "ingress frames by injected fault: decisions\n";
        for (f, n) in &self.faults {
            out += &format!("  {:<12} {n:>6}:", f.name());
            for ((_, d), k) in self
                .fault_decisions
                .range((*f, "")..)
                .take_while(|x| x.0 .0 == *f)
            {
                out += &format!(" {d}={k}");
            }
            out += "\n";
        }
        out += "resets with frames in flight, by suite:\n";
        for (s, suite) in SUITES.iter().enumerate() {
            out += &format!("  {suite:<22}");
            for pin in [false, true] {
                let n = self.resets.get(&(s, pin)).copied().unwrap_or(0);
                out += &format!(" {}={n}", reset_kind(pin));
            }
            out += "\n";
        }
        out
    }
}
