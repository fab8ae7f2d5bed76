//! The checks only a PCI function can take — its Bus Master Enable, its Function Level Reset,
//! its MSI-X messages — on cards served by `macsec serve` (through vfio-user or real VFIO).

use std::time::{Duration, Instant};

use super::ctx;
use super::pair::Rig;
use super::port::Bench;

/// The checks only a PCI function can take — its Bus Master Enable, its Function Level Reset,
/// its MSI-X messages — run by `macsec conformance` after [`super::CHECKS`].
pub const SERVED_CHECKS: &[(&str, super::Check)] = &[
    ("bus_master_off_stops_dma", bus_master_off_stops_dma),
    ("function_reset_mid_traffic", function_reset_mid_traffic),
    ("lost_message_is_recovered", lost_message_is_recovered),
];

fn transmitter(bench: &dyn Bench) -> std::result::Result<Rig, String> {
    let mut r = bench.rig(0)?;
    let ctl = macsec_model::secy::SecYControls::new(macsec_model::CipherSuite::GcmAes128);
    r.transmitter(&ctl, 1)?;
    Ok(r)
}

/// Send `n` frames and reap them all, waiting on the interrupt.
fn send(r: &mut Rig, n: usize) -> std::result::Result<usize, String> {
    let frame = [0x33u8; 200];
    let refs: Vec<&[u8]> = (0..n).map(|_| &frame[..]).collect();
    ctx(r.card.post_tx(&refs), "post")?;
    let mut cpl = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while cpl.len() < n && Instant::now() < deadline {
        ctx(r.card.wait(Duration::from_millis(20)), "wait")?;
        ctx(r.card.reap_tx(&mut cpl), "reap")?;
    }
    Ok(cpl.iter().filter(|c| c.transmitted).count())
}

/// With Bus Master Enable off the card may not DMA: the ring stops with DMA_ERROR and the
/// driver says so; set again (and the card reset and programmed), traffic flows.
pub fn bus_master_off_stops_dma(bench: &dyn Bench) -> std::result::Result<(), String> {
    let mut r = transmitter(bench)?;
    ctx(r.card.device().set_bus_master(false), "Bus Master off")?;
    ctx(r.card.post_tx(&[&[0x33u8; 200][..]]), "post")?;
    r.port.settle()?;
    let mut cpl = Vec::new();
    let e = r.card.reap_tx(&mut cpl);
    super::ensure(
        matches!(
            e,
            Err(crate::DriverError::Ring {
                reason: "DMA error",
                ..
            })
        ),
        || format!("a post with Bus Master off gave {e:?}"),
    )?;
    ctx(r.card.device().set_bus_master(true), "Bus Master on")?;
    ctx(r.card.reset(), "reset")?;
    let ctl = macsec_model::secy::SecYControls::new(macsec_model::CipherSuite::GcmAes128);
    r.transmitter(&ctl, 1)?;
    let sent = send(&mut r, 8)?;
    super::ensure(sent == 8, || {
        format!("{sent} of 8 frames after Bus Master came back")
    })
}

/// A Function Level Reset with frames in flight: the card forgets everything (keys, rings);
/// the driver reports a typed error, never a hang, and after its own reset and programming the
/// card carries traffic again.
pub fn function_reset_mid_traffic(bench: &dyn Bench) -> std::result::Result<(), String> {
    let mut r = transmitter(bench)?;
    let frame = [0x44u8; 1500];
    let refs: Vec<&[u8]> = (0..8).map(|_| &frame[..]).collect();
    ctx(r.card.post_tx(&refs), "post")?;
    ctx(r.card.device().function_reset(), "function reset")?;
    r.port.settle()?;
    let mut cpl = Vec::new();
    let start = Instant::now();
    let mut outcome = Ok(0);
    while start.elapsed() < Duration::from_secs(2) {
        outcome = r.card.reap_tx(&mut cpl);
        if outcome.is_err() || r.card.tx_outstanding() == 0 {
            break;
        }
    }
    super::ensure(outcome.is_err() || r.card.tx_outstanding() == 0, || {
        format!(
            "after FLR the driver still owes {} frames and sees no error",
            r.card.tx_outstanding()
        )
    })?;
    ctx(r.card.reset(), "reset")?;
    let ctl = macsec_model::secy::SecYControls::new(macsec_model::CipherSuite::GcmAes128);
    r.transmitter(&ctl, 1)?;
    let sent = send(&mut r, 8)?;
    super::ensure(sent == 8, || {
        format!("{sent} of 8 frames after the function reset")
    })
}

/// A lost MSI-X message costs at most a wait's timeout: the next wait re-arms, the cause is
/// still pending, and its message comes at once.
pub fn lost_message_is_recovered(bench: &dyn Bench) -> std::result::Result<(), String> {
    let mut r = transmitter(bench)?;
    ctx(r.card.take_irq(), "IRQ")?;
    r.port.lose_messages(1)?;
    ctx(r.card.post_tx(&[&[0x33u8; 200][..]]), "post")?;
    r.port.settle()?;
    let first = ctx(r.card.wait(Duration::from_millis(200)), "wait")?;
    let second = ctx(r.card.wait(Duration::from_secs(2)), "wait")?;
    super::ensure(first || second, || {
        "no interrupt after the lost message".into()
    })?;
    let mut cpl = Vec::new();
    ctx(r.card.reap_tx(&mut cpl), "reap")?;
    super::ensure(cpl.len() == 1, || format!("{} completions", cpl.len()))
}
