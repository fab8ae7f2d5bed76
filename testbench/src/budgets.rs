//! Resource budgets for the exported Verilog on UltraScale+, checked against a synthesis report:
//! the GCM core's (what it has now plus a margin, asserted in CI by `tests/synth_core.rs`) and
//! the whole engine's (issue 14's targets, which `macsec bench --synth engine` reports against).
//! The depth budget of both is what the clock target allows ([`timing::levels_at`]).

use crate::synth::SynthReport;
use crate::timing;

/// The most a design may use of one resource.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub what: &'static str,
    pub max: usize,
    pub value: fn(&SynthReport) -> usize,
}

/// One budget against a report: (what, the report's value, the budget, whether it holds).
pub type Verdict = (&'static str, usize, usize, bool);

fn depth() -> Budget {
    Budget {
        what: "LUT levels",
        max: timing::levels_at(timing::TARGET_MHZ as f64),
        value: |r| r.lut_levels,
    }
}

/// The GCM core: 19,522 LUTs, 4,876 flip-flops, 2 LUT RAM, 176 RAMB18, no DSP, 7 levels on
/// 2026-12-08 (the AES rounds' S-boxes as T-box ROMs in block RAM; 31,287 LUTs and 64 RAMB18
/// before).
pub fn core() -> Vec<Budget> {
    vec![
        Budget {
            what: "LUTs",
            max: 21_000,
            value: |r| r.luts,
        },
        Budget {
            what: "flip-flops",
            max: 5_200,
            value: |r| r.flip_flops,
        },
        Budget {
            what: "LUT RAM",
            max: 2,
            value: |r| r.lut_ram,
        },
        Budget {
            what: "DSP",
            max: 0,
            value: |r| r.dsp,
        },
        depth(),
    ]
}

/// The whole engine: issue 14's targets.
pub fn engine() -> Vec<Budget> {
    vec![
        Budget {
            what: "LUTs",
            max: 90_000,
            value: |r| r.luts,
        },
        Budget {
            what: "flip-flops",
            max: 40_000,
            value: |r| r.flip_flops,
        },
        Budget {
            what: "LUT RAM",
            max: 300,
            value: |r| r.lut_ram,
        },
        depth(),
    ]
}

/// Each budget with the report's value and whether it holds.
pub fn check(r: &SynthReport, budgets: &[Budget]) -> Vec<Verdict> {
    budgets
        .iter()
        .map(|b| {
            let v = (b.value)(r);
            (b.what, v, b.max, v <= b.max)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_holds_up_to_its_maximum() {
        let mut r = SynthReport {
            luts: 21_000,
            lut_levels: 8,
            ..Default::default()
        };
        assert!(check(&r, &core()).iter().all(|v| v.3));
        r.luts += 1;
        r.lut_levels = 9;
        let failed: Vec<&str> = check(&r, &core())
            .into_iter()
            .filter(|v| !v.3)
            .map(|v| v.0)
            .collect();
        assert_eq!(failed, ["LUTs", "LUT levels"]);
    }
}
