//! The driver's conformance suite (`macsec_driver::conformance`, the checks the behavioral card
//! passes in driver/tests/behavioral.rs) against the rust-hdl engine in its DMA shell, unchanged.

use macsec_driver::conformance as suite;
use macsec_hdl::engine::sim::EngineSim;
use macsec_testbench::hdl_card::{HdlCard, ShellParams};

fn card() -> HdlCard {
    HdlCard::new(EngineSim::new(), ShellParams::default())
}

macsec_driver::conformance_tests!(card);

#[test]
fn sa_install_budget() {
    for (suite, writes) in suite::sa_install_budget(&suite::SimBench(card)).unwrap() {
        assert!(writes <= 20, "{suite}: {writes} register writes");
    }
}

/// The behavioral card runs 10^6 frames; at the engine's simulation speed the same check runs
/// 10,000 (the lab and `macsec sim` carry the long runs).
#[test]
fn loopback_matches_golden() {
    let s = suite::loopback_matches_golden(&suite::SimBench(card), 10_000, 1).unwrap();
    assert_eq!((s.frames_delivered, s.lost()), (10_000, 0));
}
