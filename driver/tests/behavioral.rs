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
    let budget = suite::sa_install_budget(&suite::SimBench(card)).unwrap();
    for (suite, writes) in budget {
        eprintln!("{suite}: {writes} register writes to install a transmit SA with its key");
    }
}

#[test]
fn loopback_matches_golden() {
    let s = suite::loopback_matches_golden(&suite::SimBench(card), 5_000, 1).unwrap();
    assert_eq!(s.frames_delivered, 5_000);
}

/// 10^6 seeded frames through two behavioral cards under the driver, compared with the golden
/// model frame by frame and counter by counter.
#[test]
fn a_million_frames_match_the_golden_model() {
    let s = suite::loopback_matches_golden(&suite::SimBench(card), 1_000_000, 2024).unwrap();
    assert_eq!((s.frames_delivered, s.lost()), (1_000_000, 0));
}

/// `drain_wire` hands the transmitted frames over in order, exactly as the golden model protects
/// them, leaves the wire empty, and the buffers it keeps serve the next batch.
#[test]
fn drain_wire_hands_over_every_frame_in_order() {
    use macsec_driver::sim::SimDevice;
    use macsec_driver::Card;
    use macsec_model::card::CardModel;
    use macsec_model::{Config, FrameBuf};

    let cfg = Config::from_toml(
        r#"
cipher = "gcm-aes-128"
sci = "0012345678900001"
[[tx_sa]]
an = 0
key = "42424242424242424242424242424242"
"#,
    )
    .unwrap();
    let dev = SimDevice::new(card());
    let mut host = Card::probe(Box::new(dev.clone())).unwrap();
    host.apply(&cfg).unwrap();
    host.setup_rings(6, 2048).unwrap();
    let mut golden = cfg.build(Backend::Ring).unwrap();
    let frames = suite::frames(7, 40);
    for batch in frames.chunks(20) {
        let refs: Vec<&[u8]> = batch.iter().map(|f| &f[..]).collect();
        assert_eq!(host.post_tx(&refs).unwrap(), batch.len());
        let mut cpl = Vec::new();
        assert_eq!(host.reap_tx(&mut cpl).unwrap(), batch.len());
        let mut got = Vec::new();
        dev.with_card(|c| c.drain_wire(&mut |w| got.push(w.to_vec())));
        let want: Vec<Vec<u8>> = batch
            .iter()
            .map(|f| {
                let mut b = FrameBuf::new();
                b.set(f);
                assert!(golden.protect(&mut b).counter.transmits());
                b.to_vec()
            })
            .collect();
        assert_eq!(got, want);
        assert!(dev.with_card(|c| c.wire_out()).is_none());
    }
}
