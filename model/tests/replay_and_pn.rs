//! Replay-window edges (10.6.2, 10.6.5), PN exhaustion and the rekey threshold (10.5.2), AN
//! switchover, and XPN recovery across a 2^32 boundary (10.6.2).

mod common;

use common::*;
use macsec_model::secy::{PnEvent, SecYControls, XPN_MAX_REPLAY_WINDOW};
use macsec_model::{CipherSuite, FrameBuf, RxCounter, SecY, TxCounter};

/// Protect `n` frames and return them (PNs next_pn, next_pn+1, …).
fn burst(tx: &mut SecY, n: usize) -> Vec<Vec<u8>> {
    (0..n).map(|i| protect(tx, &frame(64, i as u8))).collect()
}

fn counter(rx: &mut SecY, f: &[u8]) -> RxCounter {
    validate(rx, f).0.unwrap()
}

#[test]
fn window_edges() {
    for w in [0u32, 1, 5, 32] {
        let (mut tx, mut rx) = pair(|c: &mut SecYControls| {
            c.replay_protect = true;
            c.replay_window = w;
        });
        let fs = burst(&mut tx, 40);
        // Receive PN 40 first; lowest becomes 41 − w.
        assert_eq!(counter(&mut rx, &fs[39]), RxCounter::OK);
        let lowest = 41u64.saturating_sub(w as u64).max(1);
        assert_eq!(rx.rx_sa(TX_SCI, 0).unwrap().lowest_pn, lowest);
        // Exactly the lowest acceptable PN is accepted (once), one below it is Late.
        if lowest < 40 {
            assert_eq!(
                counter(&mut rx, &fs[lowest as usize - 1]),
                RxCounter::OK,
                "w {w}"
            );
        }
        if lowest > 1 {
            assert_eq!(
                counter(&mut rx, &fs[lowest as usize - 2]),
                RxCounter::Late,
                "w {w}"
            );
        }
        // A replay of the newest frame is Late only when the window is 0.
        let again = counter(&mut rx, &fs[39]);
        let want = if w == 0 {
            RxCounter::Late
        } else {
            RxCounter::OK
        };
        assert_eq!(again, want, "w {w}");
    }
}

#[test]
fn out_of_order_within_the_window_is_accepted() {
    let (mut tx, mut rx) = pair(|c| {
        c.replay_protect = true;
        c.replay_window = 3;
    });
    let fs = burst(&mut tx, 6);
    // PN 3 arrives first (lowest stays 1), then 1 and 2 are inside the window; after PN 6 the
    // lowest acceptable PN is 4, so 4 and 5 are still OK.
    for i in [2usize, 0, 1, 5, 3, 4] {
        assert_eq!(counter(&mut rx, &fs[i]), RxCounter::OK, "PN {}", i + 1);
    }
    assert_eq!(rx.rx_sa(TX_SCI, 0).unwrap().lowest_pn, 4);
    assert_eq!(counter(&mut rx, &fs[2]), RxCounter::Late);
}

#[test]
fn xpn_window_is_capped() {
    let (_, rx) = pair_with(CipherSuite::GcmAesXpn128, 1, true, |c| {
        c.replay_window = u32::MAX
    });
    assert_eq!(
        rx.controls().effective_replay_window(),
        XPN_MAX_REPLAY_WINDOW as u64
    );
    assert_eq!(rx.controls().replay_window, u32::MAX, "kept and reported");
}

#[test]
fn pn_exhaustion_stops_the_sa_and_never_reuses_a_pn() {
    for suite in CipherSuite::ALL {
        let max = suite.max_pn();
        let (mut tx, mut rx) = pair_with(suite, max - 1, true, |_| {});
        let mut b = FrameBuf::from(&frame(64, 1)[..]);
        let r = tx.protect(&mut b);
        assert_eq!((r.counter, r.pn), (TxCounter::Encrypted, max - 1));
        assert_eq!(counter(&mut rx, b.as_slice()), RxCounter::OK);
        b.set(&frame(64, 2));
        let r = tx.protect(&mut b);
        assert_eq!((r.pn, r.event), (max, Some(PnEvent::Exhausted { an: 0 })));
        assert_eq!(counter(&mut rx, b.as_slice()), RxCounter::OK, "{suite}");
        for _ in 0..3 {
            b.set(&frame(64, 3));
            let r = tx.protect(&mut b);
            assert_eq!(r.counter, TxCounter::NoSA);
            assert!(b.is_empty(), "nothing is transmitted");
        }
        assert!(tx.tx_sa(0).unwrap().exhausted);
        assert_eq!(tx.stats().tx(TxCounter::NoSA), 3);
        // Its state says exhausted and offers no next PN (not the last one, which it used).
        let j = tx.stats_json();
        let sa = &j["tx_sc"]["sa"][0];
        assert_eq!(
            (sa["exhausted"].as_bool(), sa["next_pn"].is_null()),
            (Some(true), true),
            "{suite}: {sa}"
        );
    }
}

#[test]
fn pn_threshold_fires_once() {
    let (mut tx, _) = pair_with(CipherSuite::GcmAes128, 0xBFFF_FFFE, true, |_| {});
    let events: Vec<_> = (0..4)
        .map(|_| {
            let mut b = FrameBuf::from(&frame(64, 0)[..]);
            tx.protect(&mut b).event
        })
        .collect();
    assert_eq!(
        events,
        vec![None, None, Some(PnEvent::Threshold { an: 0 }), None]
    );
    assert!(tx.tx_sa(0).unwrap().threshold_reached);
    // XPN's default threshold is three quarters of 2^64.
    let (mut tx, _) = pair_with(
        CipherSuite::GcmAesXpn256,
        0xC000_0000_0000_0000,
        true,
        |_| {},
    );
    let mut b = FrameBuf::from(&frame(64, 0)[..]);
    assert_eq!(tx.protect(&mut b).event, Some(PnEvent::Threshold { an: 0 }));
}

#[test]
fn pn_zero_and_beyond_the_maximum_are_refused() {
    let (mut tx, _) = pair(|_| {});
    assert!(tx
        .install_tx_sa(1, &tx_params(CipherSuite::GcmAes128, 0, true))
        .is_err());
    assert!(tx
        .install_tx_sa(1, &tx_params(CipherSuite::GcmAes128, 1 << 32, true))
        .is_err());
}

#[test]
fn an_switchover_loses_no_frame() {
    let (mut tx, mut rx) = pair(|c| c.replay_protect = true);
    rx.install_rx_sa(TX_SCI, 1, &rx_params(CipherSuite::GcmAes128, 1))
        .unwrap();
    let mut ans = Vec::new();
    for i in 0..10u8 {
        if i == 5 {
            // The KaY installs the next SA and moves the encoding SA between two frames.
            let mut p = tx_params(CipherSuite::GcmAes128, 1, true);
            p.sak = key(CipherSuite::GcmAes128, 1);
            tx.install_tx_sa(1, &p).unwrap();
            tx.set_encoding_sa(1).unwrap();
        }
        let f = frame(100, i);
        let mut b = FrameBuf::from(&f[..]);
        let r = tx.protect(&mut b);
        ans.push(r.an);
        let (c, d) = validate(&mut rx, b.as_slice());
        assert_eq!((c, d), (Some(RxCounter::OK), Some(f)));
    }
    assert_eq!(ans, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    assert_eq!(rx.rx_sa(TX_SCI, 0).unwrap().stats.in_pkts_ok, 5);
    assert_eq!(rx.rx_sa(TX_SCI, 1).unwrap().stats.in_pkts_ok, 5);
}

#[test]
fn xpn_recovery_across_a_2_32_boundary() {
    for suite in [CipherSuite::GcmAesXpn128, CipherSuite::GcmAesXpn256] {
        let start = (7u64 << 32) | 0xFFFF_FFFD;
        let (mut tx, mut rx) = pair_with(suite, start, true, |c| {
            c.replay_protect = true;
            c.replay_window = 2;
        });
        let fs = burst(&mut tx, 6);
        for (i, f) in fs.iter().enumerate() {
            let mut b = FrameBuf::from(&f[..]);
            let r = rx.validate(&mut b);
            assert_eq!(r.counter, Some(RxCounter::OK), "{suite} frame {i}");
            assert_eq!(r.pn, Some(start + i as u64));
        }
        let sa = rx.rx_sa(TX_SCI, 0).unwrap();
        assert_eq!(sa.next_pn, (8 << 32) | 3);
        assert_eq!(sa.lowest_pn, (8 << 32) | 1);
        // The frame from before the boundary now recovers into the next 2^32 block, fails to
        // validate and is discarded: a wrongly recovered PN simply fails (10.6.2).
        assert_eq!(counter(&mut rx, &fs[0]), RxCounter::NotValid);
    }
}
