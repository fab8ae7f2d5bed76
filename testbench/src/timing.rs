//! Clock targets as logic depth: how many LUT levels between registers a clock leaves room for
//! on UltraScale+, so `macsec bench --synth` can say, for each clock, whether the design's
//! deepest path fits.
//!
//! This is a rule of thumb, not a timing analysis (Yosys places and routes nothing): a LUT and
//! the net to the next one take about [`LEVEL_NS`], and a path's two registers (clock to out,
//! setup, skew) about [`REGISTER_NS`]. With these, 8 levels fit 322 MHz — the figure issue 14
//! states for UltraScale+ — and the engine's clock target ([`TARGET_MHZ`]) is that clock. A
//! real flow's timing report is what decides; this says how far the netlist is from the target.

pub use macsec_hdl::engine::params::CLOCK_MHZ as TARGET_MHZ;

/// A LUT and its net to the next LUT, ns (speed grade -2, a typical rather than a worst net).
pub const LEVEL_NS: f64 = 0.35;
/// Clock to out of the launching register, setup of the capturing one and clock skew, ns.
pub const REGISTER_NS: f64 = 0.3;

/// The clocks the report lists: common Ethernet and FPGA fabric clocks, the target among them.
pub const CLOCKS_MHZ: [f64; 6] = [156.25, 250.0, 322.265625, 400.0, 500.0, 800.0];

/// The LUT levels a path may have at `mhz`.
pub fn levels_at(mhz: f64) -> usize {
    let period = 1000.0 / mhz;
    ((period - REGISTER_NS) / LEVEL_NS).floor().max(0.0) as usize
}

/// For each listed clock: (MHz, LUT levels it allows, whether `levels` fit).
pub fn report(levels: usize) -> Vec<(f64, usize, bool)> {
    CLOCKS_MHZ
        .iter()
        .map(|&f| (f, levels_at(f), levels <= levels_at(f)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_clock_allows_eight_levels() {
        assert_eq!(levels_at(TARGET_MHZ as f64), 8);
        assert_eq!(levels_at(322.265625), 8);
        // Faster clocks allow fewer levels; 800 MHz leaves room for two.
        let l: Vec<usize> = CLOCKS_MHZ.iter().map(|&f| levels_at(f)).collect();
        assert!(l.windows(2).all(|w| w[0] >= w[1]), "{l:?}");
        assert_eq!(levels_at(800.0), 2);
        let r = report(8);
        assert!(r
            .iter()
            .any(|&(f, _, ok)| ok && (f - 322.265625).abs() < 1e-9));
        assert!(!r.iter().find(|x| x.0 == 400.0).unwrap().2);
    }
}
