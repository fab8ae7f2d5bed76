//! Helpers shared by the model's integration tests: a transmitter/receiver pair and frames.
#![allow(dead_code)]

use macsec_model::secy::{RxSaParams, SecYControls, TxSaParams};
use macsec_model::{Backend, CipherSuite, FrameBuf, Sak, Sci, SecY};

/// The transmitter's station address; its SCI is this address with port 1.
pub const TX_ADDR: [u8; 6] = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55];
pub const TX_SCI: Sci = Sci(0x0011_2233_4455_0001);
pub const SALT: [u8; 12] = [
    0xE6, 0x30, 0xE8, 0x1A, 0x48, 0xDE, 0x86, 0xA2, 0x1C, 0x66, 0xFA, 0x6D,
];
pub const SSCI: u32 = 0x7A30_C118;

pub fn key(suite: CipherSuite, seed: u8) -> Sak {
    let k: Vec<u8> = (0..suite.key_len())
        .map(|i| seed.wrapping_mul(31).wrapping_add(i as u8))
        .collect();
    Sak::new(&k).unwrap()
}

pub fn tx_params(suite: CipherSuite, next_pn: u64, confidentiality: bool) -> TxSaParams {
    TxSaParams {
        sak: key(suite, 1),
        next_pn,
        ssci: suite.is_xpn().then_some(SSCI),
        salt: suite.is_xpn().then_some(SALT),
        confidentiality,
        enable: true,
    }
}

pub fn rx_params(suite: CipherSuite, next_pn: u64) -> RxSaParams {
    RxSaParams {
        sak: key(suite, 1),
        next_pn,
        lowest_pn: None,
        ssci: suite.is_xpn().then_some(SSCI),
        salt: suite.is_xpn().then_some(SALT),
        enable: true,
    }
}

/// A transmitter (SA 0 from `next_pn`) and a receiver that knows it (receive SC TX_SCI, SA 0).
pub fn pair_with(
    suite: CipherSuite,
    next_pn: u64,
    confidentiality: bool,
    tweak: impl Fn(&mut SecYControls),
) -> (SecY, SecY) {
    let mut c = SecYControls::new(suite);
    c.always_include_sci = true;
    tweak(&mut c);
    let mut tx = SecY::new(c.clone(), TX_SCI, Backend::Ring).unwrap();
    tx.install_tx_sa(0, &tx_params(suite, next_pn, confidentiality))
        .unwrap();
    let mut rx = SecY::new(c, Sci(0x00AA_BBCC_DDEE_0001), Backend::Ring).unwrap();
    rx.add_rx_sc(TX_SCI).unwrap();
    rx.install_rx_sa(TX_SCI, 0, &rx_params(suite, next_pn))
        .unwrap();
    (tx, rx)
}

pub fn pair(tweak: impl Fn(&mut SecYControls)) -> (SecY, SecY) {
    pair_with(CipherSuite::GcmAes128, 1, true, tweak)
}

/// An IPv4-typed frame from TX_ADDR of `len` octets (DA to the end of User Data).
pub fn frame(len: usize, seed: u8) -> Vec<u8> {
    let mut f = vec![0x01, 0x00, 0x5E, 0x00, 0x00, 0x01];
    f.extend_from_slice(&TX_ADDR);
    f.extend_from_slice(&[0x08, 0x00]);
    while f.len() < len {
        f.push((f.len() as u8).wrapping_mul(7) ^ seed);
    }
    f.truncate(len);
    f
}

/// Protect `f` and return the MPDU.
pub fn protect(tx: &mut SecY, f: &[u8]) -> Vec<u8> {
    let mut b = FrameBuf::from(f);
    let r = tx.protect(&mut b);
    assert!(r.counter.transmits(), "{r:?}");
    b.to_vec()
}

/// Validate `f`; the counter hit and the delivered frame (if any).
pub fn validate(rx: &mut SecY, f: &[u8]) -> (Option<macsec_model::RxCounter>, Option<Vec<u8>>) {
    let mut b = FrameBuf::from(f);
    let r = rx.validate(&mut b);
    (r.counter, r.delivered().then(|| b.to_vec()))
}
