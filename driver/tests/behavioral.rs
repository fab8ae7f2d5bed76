//! The driver's conformance suite against the behavioral card. The rust-hdl card runs the same
//! checks (`macsec_driver::conformance`) unchanged.

use macsec_driver::conformance as suite;
use macsec_model::card::{BehavioralCard, CardCaps};
use macsec_model::Backend;

fn card() -> BehavioralCard {
    BehavioralCard::new(CardCaps::default(), Backend::Ring)
}

macsec_driver::conformance_tests!(card);

#[test]
fn sa_install_budget() {
    let budget = suite::sa_install_budget(&card).unwrap();
    for (suite, writes) in budget {
        eprintln!("{suite}: {writes} register writes to install a transmit SA with its key");
    }
}

#[test]
fn loopback_matches_golden() {
    let s = suite::loopback_matches_golden(&card, 5_000, 1).unwrap();
    assert_eq!(s.frames_delivered, 5_000);
}

/// 10^6 seeded frames through two behavioral cards under the driver, compared with the golden
/// model frame by frame and counter by counter.
#[test]
fn a_million_frames_match_the_golden_model() {
    let s = suite::loopback_matches_golden(&card, 1_000_000, 2024).unwrap();
    assert_eq!((s.frames_delivered, s.lost()), (1_000_000, 0));
}
