//! Properties: protect → validate round-trips over random configurations and frames; validate
//! never panics on arbitrary bytes and puts every frame in exactly one counter.

mod common;

use common::*;
use macsec_model::secy::{SecYControls, ValidateFrames};
use macsec_model::{CipherSuite, FrameBuf, RxCounter, TxCounter};
use proptest::prelude::*;

fn suite() -> impl Strategy<Value = CipherSuite> {
    prop::sample::select(CipherSuite::ALL.to_vec())
}

fn validate_mode() -> impl Strategy<Value = ValidateFrames> {
    prop::sample::select(vec![
        ValidateFrames::Null,
        ValidateFrames::Disabled,
        ValidateFrames::Check,
        ValidateFrames::Strict,
    ])
}

#[derive(Debug, Clone)]
struct Setup {
    suite: CipherSuite,
    confidentiality: bool,
    offset: u8,
    send_sci: bool,
    replay: bool,
    window: u32,
    next_pn: u64,
}

fn setup() -> impl Strategy<Value = Setup> {
    (
        suite(),
        any::<bool>(),
        prop::sample::select(vec![0u8, 30, 50]),
        any::<bool>(),
        any::<bool>(),
        0u32..64,
        prop_oneof![Just(1u64), 1u64..0xFFFF_0000, 0xFFFF_FF00u64..0xFFFF_FFF0],
    )
        .prop_map(
            |(suite, confidentiality, offset, send_sci, replay, window, pn)| Setup {
                suite,
                confidentiality,
                offset: if suite.is_xpn() { 0 } else { offset },
                send_sci,
                replay,
                window,
                // XPN: start in a high 2^32 block so recovery matters.
                next_pn: if suite.is_xpn() { (5 << 32) | pn } else { pn },
            },
        )
}

impl Setup {
    fn controls(&self) -> impl Fn(&mut SecYControls) + '_ {
        move |c| {
            c.confidentiality_offset = self.offset;
            c.always_include_sci = self.send_sci;
            c.replay_protect = self.replay;
            c.replay_window = self.window;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn protect_then_validate_round_trips(
        s in setup(),
        frames in prop::collection::vec(prop::collection::vec(any::<u8>(), 1..1600), 1..8),
    ) {
        let (mut tx, mut rx) = pair_with(s.suite, s.next_pn, s.confidentiality, s.controls());
        let mut b = FrameBuf::new();
        for (i, body) in frames.iter().enumerate() {
            let mut f = frame(12, 0);
            f.extend_from_slice(body);
            b.set(&f);
            let t = tx.protect(&mut b);
            let want = if s.confidentiality { TxCounter::Encrypted } else { TxCounter::Protected };
            prop_assert_eq!(t.counter, want);
            prop_assert_eq!(t.pn, s.next_pn + i as u64);
            prop_assert_eq!(b.len(), f.len() + if s.send_sci { 32 } else { 24 });
            let r = rx.validate(&mut b);
            prop_assert_eq!(r.counter, Some(RxCounter::OK));
            prop_assert_eq!(b.as_slice(), &f[..]);
        }
        prop_assert_eq!(rx.stats().rx(RxCounter::OK), frames.len() as u64);
        prop_assert_eq!(tx.stats().tx_total(), frames.len() as u64);
    }

    #[test]
    fn validate_accounts_for_arbitrary_bytes(
        s in setup(),
        mode in validate_mode(),
        junk in prop::collection::vec(
            (prop::collection::vec(any::<u8>(), 0..200), any::<bool>()).prop_map(|(mut j, tag)| {
                // Half of them claim to be MACsec, to reach past the EtherType check.
                if tag && j.len() >= 14 {
                    j[12] = 0x88;
                    j[13] = 0xE5;
                }
                j
            }),
            1..16,
        ),
    ) {
        let (_, mut rx) = pair_with(s.suite, s.next_pn, s.confidentiality, |c| {
            s.controls()(c);
            c.validate_frames = mode;
        });
        let mut b = FrameBuf::new();
        for (i, j) in junk.iter().enumerate() {
            b.set(j);
            let r = rx.validate(&mut b);
            if mode == ValidateFrames::Null {
                prop_assert_eq!(r.counter, None);
                prop_assert_eq!(b.as_slice(), &j[..]);
            } else {
                prop_assert!(r.counter.is_some());
                prop_assert_eq!(rx.stats().rx_total(), i as u64 + 1);
                if !r.delivered() {
                    prop_assert!(b.is_empty());
                } else if r.counter == Some(RxCounter::Untagged) {
                    prop_assert_eq!(b.as_slice(), &j[..]);
                }
            }
        }
    }

    #[test]
    fn damaged_protected_frames_are_each_counted_once(
        s in setup(),
        mode in validate_mode().prop_filter("processing", |m| *m != ValidateFrames::Null),
        body in prop::collection::vec(any::<u8>(), 1..300),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let (mut tx, mut rx) = pair_with(s.suite, s.next_pn, s.confidentiality, |c| {
            s.controls()(c);
            c.validate_frames = mode;
        });
        let mut f = frame(12, 0);
        f.extend_from_slice(&body);
        let mut p = protect(&mut tx, &f);
        for (at, x) in &flips {
            let i = at.index(p.len());
            p[i] ^= x;
        }
        if let Some(c) = cut {
            p.truncate(c.index(p.len()));
        }
        let before = rx.stats().rx_total();
        let (c, delivered) = validate(&mut rx, &p);
        let c = c.expect("a counter");
        prop_assert_eq!(rx.stats().rx_total(), before + 1);
        prop_assert_eq!(delivered.is_some(), c.delivers());
        // Only an intact frame can be OK under Strict.
        if mode == ValidateFrames::Strict && c == RxCounter::OK {
            prop_assert_eq!(delivered.unwrap(), f);
        }
    }
}
