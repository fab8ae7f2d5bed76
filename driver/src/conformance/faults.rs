//! Fault injection: a stuck busy bit, all-ones reads, a DMA error, a completion with the wrong
//! phase. Each must give a typed error in bounded time — never a hang or a panic.

use std::time::{Duration, Instant};

use macsec_model::card::Fault;
use macsec_model::regmap::rings::{self as rg, tx};
use macsec_model::secy::SecYControls;
use macsec_model::{CipherSuite, Sak, Sci};

use super::pair::Rig;
use super::Bench;
use super::{ctx, ensure};
use crate::DriverError;

fn faulty(bench: &dyn Bench) -> Result<Rig, String> {
    bench.rig(0)
}

fn set(r: &mut Rig, f: Fault) -> Result<(), String> {
    r.port.fault(Some(f))
}

/// A busy bit that never clears: the table operation times out.
pub fn fault_stuck_busy(bench: &dyn Bench) -> Result<(), String> {
    let mut r = faulty(bench)?;
    r.card.set_timeout(Duration::from_millis(20));
    set(&mut r, Fault::StuckBusy)?;
    let start = Instant::now();
    let e = r.card.install_key(0, &ctx(Sak::new(&[1; 16]), "key")?);
    ensure(matches!(e, Err(DriverError::Timeout { .. })), || {
        format!("stuck busy gave {e:?}")
    })?;
    ensure(start.elapsed() < Duration::from_secs(2), || {
        "the timeout took too long".into()
    })
}

/// All-ones reads: probe, counters and polling all report surprise removal.
pub fn fault_all_ones(bench: &dyn Bench) -> Result<(), String> {
    let mut r = faulty(bench)?;
    set(&mut r, Fault::AllOnes)?;
    let e = r.card.reprobe();
    ensure(matches!(e, Err(DriverError::SurpriseRemoval)), || {
        format!("probe gave {e:?}")
    })?;
    let e = r.card.counters();
    ensure(matches!(e, Err(DriverError::SurpriseRemoval)), || {
        format!("counters gave {e:?}")
    })?;
    let e = r.card.reset();
    ensure(matches!(e, Err(DriverError::SurpriseRemoval)), || {
        format!("reset gave {e:?}")
    })
}

fn transmitter(bench: &dyn Bench) -> Result<Rig, String> {
    let mut r = faulty(bench)?;
    r.transmitter(&SecYControls::new(CipherSuite::GcmAes128), 1)?;
    Ok(r)
}

/// A failing DMA access stops the ring and the driver says so.
pub fn fault_dma_error(bench: &dyn Bench) -> Result<(), String> {
    let mut r = transmitter(bench)?;
    set(&mut r, Fault::DmaError)?;
    let frame = vec![1u8; 200];
    ctx(r.card.post_tx(&[&frame]), "post")?;
    // A served card works on its own thread: let it finish first.
    r.port.settle()?;
    let mut cpl = Vec::new();
    let e = r.card.reap_tx(&mut cpl);
    ensure(
        matches!(
            e,
            Err(DriverError::Ring {
                reason: "DMA error",
                ..
            })
        ),
        || format!("DMA error gave {e:?}"),
    )
}

/// A completion written with the wrong phase is caught, not waited for forever.
pub fn fault_bad_phase(bench: &dyn Bench) -> Result<(), String> {
    let mut r = transmitter(bench)?;
    set(&mut r, Fault::BadPhase)?;
    let frame = vec![1u8; 200];
    ctx(r.card.post_tx(&[&frame]), "post")?;
    // A served card works on its own thread: let it finish first.
    r.port.settle()?;
    let mut cpl = Vec::new();
    let e = r.card.reap_tx(&mut cpl);
    ensure(matches!(e, Err(DriverError::Completion { .. })), || {
        format!("bad phase gave {e:?}")
    })
}

/// A card that completes a descriptor the host never posted: a typed error, the ring stopped by
/// the driver, and the driver's books still whole (never more outstanding than the ring holds).
pub fn fault_completion_never_posted(bench: &dyn Bench) -> Result<(), String> {
    let mut r = transmitter(bench)?;
    set(&mut r, Fault::ExtraCompletion)?;
    let frame = vec![1u8; 200];
    ctx(r.card.post_tx(&[&frame]), "post")?;
    // A served card works on its own thread: let it finish first.
    r.port.settle()?;
    let mut cpl = Vec::new();
    let mut e = Ok(0);
    for _ in 0..8 {
        e = r.card.reap_tx(&mut cpl);
        if e.is_err() {
            break;
        }
    }
    ensure(matches!(e, Err(DriverError::Completion { .. })), || {
        format!("an extra completion gave {e:?}")
    })?;
    ensure(r.card.tx_outstanding() <= 16, || {
        format!(
            "{} descriptors outstanding on a 16-entry ring",
            r.card.tx_outstanding()
        )
    })?;
    ensure(r.card.tx_space() == 0, || {
        "the ring still takes frames".into()
    })?;
    let e = r.card.post_tx(&[&frame]);
    ensure(matches!(e, Err(DriverError::Ring { .. })), || {
        format!("posting to the stopped ring gave {e:?}")
    })?;
    let ctrl = ctx(r.card.device().read32(tx::CTRL.offset), "CTRL")?;
    ensure(rg::CTRL_ENABLE.get(ctrl) == 0, || {
        "the driver left the ring enabled".into()
    })
}

/// Completions that claim impossible lengths are refused on both rings before any frame is
/// taken from a buffer.
pub fn fault_impossible_lengths(bench: &dyn Bench) -> Result<(), String> {
    let mut r = transmitter(bench)?;
    set(&mut r, Fault::HugeLength)?;
    ctx(r.card.post_tx(&[&[1u8; 200][..]]), "post")?;
    // A served card works on its own thread: let it finish first.
    r.port.settle()?;
    let mut cpl = Vec::new();
    let e = r.card.reap_tx(&mut cpl);
    ensure(
        matches!(&e, Err(DriverError::Completion { detail, .. }) if detail.contains("65535")),
        || format!("a 65535-octet TX completion gave {e:?}"),
    )?;
    ensure(cpl.is_empty(), || "a bad completion was handed over".into())?;
    // A real card can be opened by one driver at a time: this one goes first.
    drop(r);
    let mut r = faulty(bench)?;
    let mut ctl = SecYControls::new(CipherSuite::GcmAes128);
    ctl.validate_frames = macsec_model::secy::ValidateFrames::Check;
    ctx(r.card.set_secy(&ctl, Sci(0x77)), "SecY")?;
    ctx(r.card.setup_rings(4, 2048), "rings")?;
    set(&mut r, Fault::HugeLength)?;
    let mut f = vec![0x02u8; 12];
    f.extend_from_slice(&[0x08, 0x00]);
    f.resize(100, 0x5A);
    r.port.wire_in(&f)?;
    r.port.settle()?;
    let mut got = 0;
    let e = r.card.reap_rx(|_, _| got += 1);
    ensure(
        matches!(&e, Err(DriverError::Completion { detail, .. }) if detail.contains("65535")),
        || format!("a 65535-octet RX completion gave {e:?}"),
    )?;
    ensure(got == 0, || "a frame was read past its buffer".into())?;
    let e = r.card.refill_rx();
    ensure(matches!(e, Err(DriverError::Ring { .. })), || {
        format!("refilling the stopped ring gave {e:?}")
    })
}
