//! The Verilated engine against the rust-hdl one on the same CSR accesses, and its waveforms
//! without key material unless asked (the rust-hdl engine's checks, shared). The library is the
//! traced one the CLI uses, so a test run builds it once.

use macsec_hdl::engine::sim::EngineSim;
use macsec_verilator::Verilated;

fn verilated() -> Option<Verilated> {
    macsec_model::dev::or_skip(Verilated::load(true, &mut |m| eprintln!("{m}")))
}

#[test]
fn csr_reads_match_the_rust_hdl_engine() {
    let Some(v) = verilated() else { return };
    let mut a = EngineSim::on(v.model(), false);
    let mut b = EngineSim::new();
    let scratch = macsec_model::regmap::card::SCRATCH.offset;
    for (i, w) in [0u32, 0xDEAD_BEEF, 0x1234_5678, u32::MAX]
        .into_iter()
        .enumerate()
    {
        a.write(scratch, w);
        b.write(scratch, w);
        assert_eq!(a.read(scratch), w, "write {i}");
        assert_eq!(b.read(scratch), w);
    }
    for off in (0..0x200).step_by(4) {
        assert_eq!(a.read(off), b.read(off), "CSR 0x{off:03X}");
    }
}

#[path = "../../hdl/tests/common/mod.rs"]
mod common;
#[path = "../../hdl/tests/common/vcd_keys.rs"]
mod vcd_keys;

#[test]
fn verilator_waveforms_hold_no_sak_or_h_unless_asked() {
    let Some(v) = verilated() else { return };
    vcd_keys::check_redacted(EngineSim::on(v.model(), false));
    vcd_keys::check_included(EngineSim::on(v.model(), false));
}

/// The Verilog without its `initial` statements, every variable random: before the reset the
/// engines differ (so the randomizing works), after the reset pin every CSR reads as on the
/// rust-hdl engine. The lockstep over traffic (`macsec sim --power-up random`, in CI) shows
/// the same for frames and counters.
#[test]
fn random_power_up_is_random_until_reset_and_known_after() {
    use macsec_hdl::engine::pins::{EngineIn, EngineModel};
    use macsec_verilator::PowerUp;
    let Some(v) = macsec_model::dev::or_skip(Verilated::load_with(
        true,
        PowerUp::Random { seed: 7 },
        &mut |m| eprintln!("{m}"),
    )) else {
        return;
    };
    let idle = EngineIn::default();
    let before: Vec<u32> = (0..2)
        .map(|_| v.engine().expect("a native-top library").low(&idle).rdata)
        .collect();
    assert_ne!(
        before[0], before[1],
        "two random power-ups read the same CSR data register before reset"
    );
    let mut a = EngineSim::on(v.model(), false);
    let mut b = EngineSim::new();
    for off in (0..0x200).step_by(4) {
        assert_eq!(a.read(off), b.read(off), "CSR 0x{off:03X} after reset");
    }
}

/// The AXI top's Verilog: its waveforms keep the keys out too (the AXI4-Lite slave holds every
/// written word, the stream ports carry none), and its CSR reads are the native engine's.
#[test]
fn the_axi_top_reads_as_the_engine_and_its_waveforms_hold_no_key() {
    use macsec_verilator::{PowerUp, TopKind};
    let Some(v) = macsec_model::dev::or_skip(Verilated::load_top(
        TopKind::Axi,
        true,
        PowerUp::Initial,
        &mut |m| eprintln!("{m}"),
    )) else {
        return;
    };
    assert!(v.engine().is_none() && v.axi().is_some());
    let mut a = EngineSim::on(v.model(), false);
    let mut b = EngineSim::new();
    // An AXI access takes several cycles, a native one one: both engines first finish the key
    // wipe that follows power-up (CONTROL reads RESET until then, as a driver polls it), so that
    // CONTROL is compared in the same state. With 32 key slots (`small-tables`) the AXI top
    // used to finish its wipe while the native engine was still in it.
    let control = macsec_model::regmap::card::CONTROL;
    let reset = macsec_model::regmap::card::CONTROL_RESET.mask();
    for e in [&mut a, &mut b] {
        let mut polls = 0;
        while e.read(control.offset) & reset != 0 {
            polls += 1;
            assert!(polls < 1000, "the power-up wipe does not end");
        }
    }
    for off in (0..0x200).step_by(4) {
        assert_eq!(a.read(off), b.read(off), "CSR 0x{off:03X}");
    }
    assert!(a.protocol_errors().is_empty());
    vcd_keys::check_redacted(EngineSim::on(v.model(), false));
    vcd_keys::check_included(EngineSim::on(v.model(), false));
}
