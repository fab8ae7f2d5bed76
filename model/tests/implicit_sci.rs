//! The SCI of a frame without one (802.1AE-2018 9.5, 10.6.1): the end station's address and port,
//! or the single peer of a point-to-point link; and the transmitter's choice of SC/ES/SCB
//! (10.5.3, Table 10-1).

mod common;

use common::*;
use macsec_model::sci::{PORT_ES, PORT_SCB};
use macsec_model::secy::SecYControls;
use macsec_model::wire::Tci;
use macsec_model::{Backend, CipherSuite, RxCounter, Sci, SecY};

fn transmitter(sci: Sci, tweak: impl Fn(&mut SecYControls)) -> SecY {
    let mut c = SecYControls::new(CipherSuite::GcmAes128);
    tweak(&mut c);
    let mut tx = SecY::new(c, sci, Backend::Ring).unwrap();
    tx.install_tx_sa(0, &tx_params(CipherSuite::GcmAes128, 1, true))
        .unwrap();
    tx
}

fn receiver(scis: &[Sci]) -> SecY {
    let c = SecYControls::new(CipherSuite::GcmAes128);
    let mut rx = SecY::new(c, Sci(0xFEED), Backend::Ring).unwrap();
    for &sci in scis {
        rx.add_rx_sc(sci).unwrap();
        rx.install_rx_sa(sci, 0, &rx_params(CipherSuite::GcmAes128, 1))
            .unwrap();
    }
    rx
}

#[test]
fn end_station_sci_is_source_address_and_port_1() {
    let sci = Sci::new(TX_ADDR, PORT_ES);
    let mut tx = transmitter(sci, |c| c.use_es = true);
    let p = protect(&mut tx, &frame(80, 1));
    assert_eq!(p[14], Tci::ES | Tci::E | Tci::C, "ES set, no SCI");
    assert_eq!(p.len(), 80 + 8 + 16);
    // Two receive SCs, so only ES can name the channel.
    let mut rx = receiver(&[Sci(0x0102_0304_0506_0001), sci]);
    assert_eq!(validate(&mut rx, &p).0, Some(RxCounter::OK));
}

#[test]
fn end_station_with_scb_uses_port_0() {
    let sci = Sci::new(TX_ADDR, PORT_SCB);
    let mut tx = transmitter(sci, |c| {
        c.use_es = true;
        c.use_scb = true;
    });
    let p = protect(&mut tx, &frame(80, 2));
    assert_eq!(p[14] & (Tci::ES | Tci::SCB | Tci::SC), Tci::ES | Tci::SCB);
    let mut rx = receiver(&[Sci(0x0102_0304_0506_0001), sci]);
    assert_eq!(validate(&mut rx, &p).0, Some(RxCounter::OK));
    // A receiver that expects port 1 for this station does not find the SC.
    let mut rx = receiver(&[Sci(0x0102_0304_0506_0001), Sci::new(TX_ADDR, PORT_ES)]);
    assert_eq!(validate(&mut rx, &p).0, Some(RxCounter::NoSAError));
}

#[test]
fn single_peer_point_to_point() {
    let sci = Sci(0x0A0B_0C0D_0E0F_0042);
    let mut tx = transmitter(sci, |_| {});
    let p = protect(&mut tx, &frame(80, 3));
    assert_eq!(p[14] & (Tci::ES | Tci::SC | Tci::SCB), 0);
    let mut rx = receiver(&[sci]);
    assert_eq!(validate(&mut rx, &p).0, Some(RxCounter::OK));
    // With two peers the SCI cannot be implied.
    let mut rx = receiver(&[sci, Sci(0x99)]);
    assert_eq!(validate(&mut rx, &p).0, Some(RxCounter::NoSAError));
}

#[test]
fn more_than_one_receive_sc_makes_the_transmitter_include_its_sci() {
    let sci = Sci(0x0A0B_0C0D_0E0F_0042);
    let mut tx = transmitter(sci, |_| {});
    tx.add_rx_sc(Sci(1)).unwrap();
    assert_eq!(protect(&mut tx, &frame(80, 4))[14] & Tci::SC, 0);
    tx.add_rx_sc(Sci(2)).unwrap();
    let p = protect(&mut tx, &frame(80, 4));
    assert_eq!(p[14] & Tci::SC, Tci::SC);
    assert_eq!(&p[20..28], &sci.to_bytes());
    // ...unless useES says the SCI is implicit.
    let mut tx = transmitter(Sci::new(TX_ADDR, PORT_ES), |c| c.use_es = true);
    tx.add_rx_sc(Sci(1)).unwrap();
    tx.add_rx_sc(Sci(2)).unwrap();
    assert_eq!(
        protect(&mut tx, &frame(80, 4))[14] & (Tci::SC | Tci::ES),
        Tci::ES
    );
}
