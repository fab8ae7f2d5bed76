//! Every branch of the receive decision tree (802.1AE-2018 10.6), each with the exact counter it
//! must move and whether the frame is delivered.

mod common;

use common::*;
use macsec_model::secy::ValidateFrames;
use macsec_model::{CipherSuite, RxCounter, SecY};

/// Validate `f` and check that exactly `want` moved, SecY-wide, and the delivery.
fn expect(rx: &mut SecY, f: &[u8], want: RxCounter) -> Option<Vec<u8>> {
    let before = rx.stats().clone();
    let (c, delivered) = validate(rx, f);
    assert_eq!(c, Some(want));
    let after = rx.stats();
    for k in RxCounter::ALL {
        let d = after.rx(k) - before.rx(k);
        assert_eq!(d, u64::from(k == want), "{} moved by {d}", k.name());
    }
    assert_eq!(delivered.is_some(), want.delivers());
    delivered
}

fn with_validate(v: ValidateFrames) -> impl Fn(&mut macsec_model::secy::SecYControls) {
    move |c| c.validate_frames = v
}

#[test]
fn null_delivers_everything_untouched_and_counts_nothing() {
    let (mut tx, mut rx) = pair(with_validate(ValidateFrames::Null));
    let p = protect(&mut tx, &frame(100, 1));
    for f in [p.clone(), frame(60, 2), vec![1, 2, 3]] {
        let (c, d) = validate(&mut rx, &f);
        assert_eq!((c, d), (None, Some(f)));
    }
    assert_eq!(rx.stats().rx_total(), 0);
}

#[test]
fn untagged_and_notag() {
    let (_, mut rx) = pair(with_validate(ValidateFrames::Check));
    let f = frame(80, 3);
    assert_eq!(expect(&mut rx, &f, RxCounter::Untagged), Some(f.clone()));
    let (_, mut rx) = pair(with_validate(ValidateFrames::Disabled));
    expect(&mut rx, &f, RxCounter::Untagged);
    let (_, mut rx) = pair(|_| {});
    expect(&mut rx, &f, RxCounter::NoTag);
    // Too short to carry an EtherType at all: still untagged.
    expect(&mut rx, &[0u8; 13], RxCounter::NoTag);
}

#[test]
fn badtag_for_each_rule_of_9_12() {
    let (mut tx, mut rx) = pair(|_| {});
    let good = protect(&mut tx, &frame(100, 4));
    let tci = 14;
    type Mutation = Box<dyn Fn(&mut Vec<u8>)>;
    let mutations: Vec<(&str, Mutation)> = vec![
        ("V bit", Box::new(move |f| f[tci] |= 0x80)),
        ("ES with SC", Box::new(move |f| f[tci] |= 0x40)),
        ("SCB with SC", Box::new(move |f| f[tci] |= 0x10)),
        ("SL reserved bits", Box::new(move |f| f[tci + 1] |= 0x80)),
        ("SL of 48", Box::new(move |f| f[tci + 1] = 48)),
        ("SL not matching", Box::new(move |f| f[tci + 1] = 10)),
        ("E without C", Box::new(move |f| f[tci] &= !0x04)),
        ("too short", Box::new(|f| f.truncate(12 + 16))),
        (
            "one octet short of the minimum",
            Box::new(|f| f.truncate(12 + 16 + 47 + 16)),
        ),
    ];
    for (what, m) in mutations {
        let mut f = good.clone();
        m(&mut f);
        let (c, d) = validate(&mut rx, &f);
        assert_eq!(c, Some(RxCounter::BadTag), "{what}");
        assert!(d.is_none(), "{what}");
    }
    assert_eq!(rx.stats().rx(RxCounter::BadTag), 9);
    // And a short frame with a correct SL passes 9.12.
    let short = protect(&mut tx, &frame(20, 5));
    assert_eq!(short[15], 8, "SL is the Secure Data length");
    expect(&mut rx, &short, RxCounter::OK);
}

#[test]
fn unknown_sci_is_nosa_or_nosaerror() {
    let (mut tx, _) = pair(|_| {});
    let f = frame(90, 6);
    let p = protect(&mut tx, &f);
    // Strict: NoSAError, the 2006 InPktsNoSCI.
    let (_, mut rx) = pair(|_| {});
    rx.remove_rx_sc(TX_SCI).unwrap();
    rx.add_rx_sc(macsec_model::Sci(0x1234)).unwrap();
    rx.add_rx_sc(macsec_model::Sci(0x5678)).unwrap();
    expect(&mut rx, &p, RxCounter::NoSAError);
    assert_eq!(rx.stats().in_pkts_no_sci, 1);
    // Check with C=1: NoSAError too (the data cannot be recovered).
    let mut c = rx.controls().clone();
    c.validate_frames = ValidateFrames::Check;
    rx.set_controls(c).unwrap();
    expect(&mut rx, &p, RxCounter::NoSAError);
    // Check with integrity only (C=0): NoSA, delivered with SecTAG and ICV removed.
    let (mut tx, _) = pair_with(CipherSuite::GcmAes128, 1, false, |_| {});
    let p = protect(&mut tx, &f);
    assert_eq!(expect(&mut rx, &p, RxCounter::NoSA), Some(f));
    assert_eq!(rx.stats().in_pkts_unknown_sci, 1);
}

#[test]
fn disabled_receive_sc_matches_nothing() {
    let (mut tx, mut rx) = pair(|_| {});
    let p = protect(&mut tx, &frame(90, 7));
    rx.enable_rx_sc(TX_SCI, false).unwrap();
    expect(&mut rx, &p, RxCounter::NoSAError);
    rx.enable_rx_sc(TX_SCI, true).unwrap();
    expect(&mut rx, &p, RxCounter::OK);
}

#[test]
fn sa_not_in_use() {
    let f = frame(90, 8);
    // AN 2 has no SA: NoSAError under Strict, counted on the SC as NotUsingSA.
    let (mut tx, mut rx) = pair(|_| {});
    tx.install_tx_sa(2, &tx_params(CipherSuite::GcmAes128, 1, true))
        .unwrap();
    tx.set_encoding_sa(2).unwrap();
    let p = protect(&mut tx, &f);
    expect(&mut rx, &p, RxCounter::NoSAError);
    assert_eq!(rx.rx_scs()[0].stats.in_pkts_not_using_sa, 1);
    // A disabled SA counts on the SA too.
    let (mut tx, mut rx) = pair_with(CipherSuite::GcmAes128, 1, false, |c| {
        c.validate_frames = ValidateFrames::Check
    });
    rx.enable_rx_sa(TX_SCI, 0, false).unwrap();
    let p = protect(&mut tx, &f);
    assert_eq!(expect(&mut rx, &p, RxCounter::NoSA), Some(f.clone()));
    assert_eq!(rx.rx_scs()[0].stats.in_pkts_unused_sa, 1);
    assert_eq!(rx.rx_sa(TX_SCI, 0).unwrap().stats.in_pkts_unused_sa, 1);
}

#[test]
fn late_and_delayed() {
    let f = frame(70, 9);
    let (mut tx, mut rx) = pair(|c| c.replay_protect = true);
    let p1 = protect(&mut tx, &f);
    let p2 = protect(&mut tx, &f);
    expect(&mut rx, &p2, RxCounter::OK);
    expect(&mut rx, &p1, RxCounter::Late);
    expect(&mut rx, &p2, RxCounter::Late);
    let (mut tx, mut rx) = pair(|c| c.replay_protect = false);
    let p1 = protect(&mut tx, &f);
    let p2 = protect(&mut tx, &f);
    expect(&mut rx, &p2, RxCounter::OK);
    assert_eq!(expect(&mut rx, &p1, RxCounter::Delayed), Some(f));
}

fn corrupt_icv(mut p: Vec<u8>) -> Vec<u8> {
    let n = p.len();
    p[n - 1] ^= 1;
    p
}

#[test]
fn not_valid_invalid_unchecked() {
    let f = frame(120, 10);
    // Strict, bad ICV: NotValid, discarded; the octets still count (10.7.10).
    let (mut tx, mut rx) = pair(|_| {});
    let p = corrupt_icv(protect(&mut tx, &f));
    expect(&mut rx, &p, RxCounter::NotValid);
    assert_eq!(rx.stats().in_octets_decrypted, 108);
    assert_eq!(rx.rx_sa(TX_SCI, 0).unwrap().stats.in_pkts_not_valid, 1);
    // Check, encrypted: NotValid (C=1 cannot be delivered).
    let (mut tx, mut rx) = pair(with_validate(ValidateFrames::Check));
    let p = corrupt_icv(protect(&mut tx, &f));
    expect(&mut rx, &p, RxCounter::NotValid);
    // Check, integrity only: Invalid, delivered as received.
    let (mut tx, mut rx) = pair_with(
        CipherSuite::GcmAes128,
        1,
        false,
        with_validate(ValidateFrames::Check),
    );
    let p = corrupt_icv(protect(&mut tx, &f));
    assert_eq!(expect(&mut rx, &p, RxCounter::Invalid), Some(f.clone()));
    assert_eq!(rx.stats().in_octets_validated, 108);
    // Disabled, integrity only: Unchecked, delivered; no octets counted.
    let (mut tx, mut rx) = pair_with(
        CipherSuite::GcmAes128,
        1,
        false,
        with_validate(ValidateFrames::Disabled),
    );
    let p = corrupt_icv(protect(&mut tx, &f));
    assert_eq!(expect(&mut rx, &p, RxCounter::Unchecked), Some(f.clone()));
    assert_eq!(rx.stats().in_octets_validated, 0);
    // Disabled, encrypted: NotValid (the data cannot be recovered without validating).
    let (mut tx, mut rx) = pair(with_validate(ValidateFrames::Disabled));
    let p = protect(&mut tx, &f);
    expect(&mut rx, &p, RxCounter::NotValid);
}

#[test]
fn ok_delivers_the_original_frame_and_updates_pns() {
    let (mut tx, mut rx) = pair(|c| c.replay_window = 4);
    for i in 1..=3u64 {
        let f = frame(200, i as u8);
        let p = protect(&mut tx, &f);
        assert_eq!(expect(&mut rx, &p, RxCounter::OK), Some(f));
        let sa = rx.rx_sa(TX_SCI, 0).unwrap();
        assert_eq!(sa.next_pn, i + 1);
        assert_eq!(sa.lowest_pn, (i + 1).saturating_sub(4).max(1));
    }
    assert_eq!(rx.rx_scs()[0].stats.in_pkts_ok, 3);
    assert_eq!(rx.stats().in_octets_decrypted, 3 * 188);
    // Overrun is never counted by validate: this model takes every frame before the next.
    assert_eq!(rx.stats().rx(RxCounter::Overrun), 0);
}

#[test]
fn an_overrun_frame_moves_only_in_pkts_overrun() {
    let (mut tx, mut rx) = pair(|c| c.replay_window = 0);
    let p1 = protect(&mut tx, &frame(200, 1));
    let p2 = protect(&mut tx, &frame(200, 2));
    // The first frame is lost to an overrun: the second is still in order and valid, because
    // the lost one moved no PN.
    let r = rx.overrun();
    assert_eq!(r.counter, Some(RxCounter::Overrun));
    assert!(!r.delivered());
    assert_eq!(rx.rx_sa(TX_SCI, 0).unwrap().next_pn, 1);
    expect(&mut rx, &p2, RxCounter::OK);
    assert_eq!(rx.stats().rx(RxCounter::Overrun), 1);
    assert_eq!(rx.rx_scs()[0].stats.in_pkts_ok, 1);
    // Strict replay protection: the first frame, arriving now, is late.
    expect(&mut rx, &p1, RxCounter::Late);
    let total: u64 = RxCounter::ALL.iter().map(|&c| rx.stats().rx(c)).sum();
    assert_eq!(total, 3);
}

#[test]
fn confidentiality_offsets_leave_the_prefix_clear() {
    for offset in [0u8, 30, 50] {
        let (mut tx, mut rx) = pair(|c| c.confidentiality_offset = offset);
        for len in [14usize, 40, 62, 63, 100] {
            let f = frame(len, 11);
            let p = protect(&mut tx, &f);
            let clear = (offset as usize).min(len - 12);
            assert_eq!(
                &p[28..28 + clear],
                &f[12..12 + clear],
                "offset {offset} len {len}"
            );
            if len - 12 > clear {
                assert_ne!(&p[28 + clear..p.len() - 16], &f[12 + clear..]);
            }
            assert_eq!(expect(&mut rx, &p, RxCounter::OK), Some(f));
        }
    }
}

#[test]
fn receiver_with_the_wrong_offset_rejects() {
    let (mut tx, _) = pair(|c| c.confidentiality_offset = 30);
    let (_, mut rx) = pair(|c| c.confidentiality_offset = 50);
    let p = protect(&mut tx, &frame(200, 12));
    expect(&mut rx, &p, RxCounter::NotValid);
}
