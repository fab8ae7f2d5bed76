//! Fault injection: a stuck busy bit, all-ones reads, a DMA error, a completion with the wrong
//! phase. Each must give a typed error in bounded time — never a hang or a panic.

use std::time::{Duration, Instant};

use macsec_model::card::{CardModel, Fault, FaultyCard};
use macsec_model::secy::SecYControls;
use macsec_model::{CipherSuite, Sak};

use super::pair::Rig;
use super::{ctx, ensure};
use crate::{Card, DriverError};

fn faulty<C: CardModel + 'static>(make: &dyn Fn() -> C) -> Result<Rig<FaultyCard<C>>, String> {
    Rig::new(&|| FaultyCard::new(make()))
}

fn set<C: CardModel>(r: &Rig<FaultyCard<C>>, f: Fault) {
    r.dev.with_card(|c| c.faults.push(f));
}

/// A busy bit that never clears: the table operation times out.
pub fn fault_stuck_busy<C: CardModel + 'static>(make: &dyn Fn() -> C) -> Result<(), String> {
    let mut r = faulty(make)?;
    r.card.set_timeout(Duration::from_millis(20));
    set(&r, Fault::StuckBusy);
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
pub fn fault_all_ones<C: CardModel + 'static>(make: &dyn Fn() -> C) -> Result<(), String> {
    let r = faulty(make)?;
    set(&r, Fault::AllOnes);
    let e = Card::probe(Box::new(r.dev.clone()));
    ensure(matches!(e, Err(DriverError::SurpriseRemoval)), || {
        format!("probe gave {e:?}")
    })?;
    let e = r.card.counters();
    ensure(matches!(e, Err(DriverError::SurpriseRemoval)), || {
        format!("counters gave {e:?}")
    })?;
    let mut r = r;
    let e = r.card.reset();
    ensure(matches!(e, Err(DriverError::SurpriseRemoval)), || {
        format!("reset gave {e:?}")
    })
}

fn transmitter<C: CardModel + 'static>(make: &dyn Fn() -> C) -> Result<Rig<FaultyCard<C>>, String> {
    let mut r = faulty(make)?;
    r.transmitter(&SecYControls::new(CipherSuite::GcmAes128), 1)?;
    Ok(r)
}

/// A failing DMA access stops the ring and the driver says so.
pub fn fault_dma_error<C: CardModel + 'static>(make: &dyn Fn() -> C) -> Result<(), String> {
    let mut r = transmitter(make)?;
    set(&r, Fault::DmaError);
    let frame = vec![1u8; 200];
    ctx(r.card.post_tx(&[&frame]), "post")?;
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
pub fn fault_bad_phase<C: CardModel + 'static>(make: &dyn Fn() -> C) -> Result<(), String> {
    let mut r = transmitter(make)?;
    set(&r, Fault::BadPhase);
    let frame = vec![1u8; 200];
    ctx(r.card.post_tx(&[&frame]), "post")?;
    let mut cpl = Vec::new();
    let e = r.card.reap_tx(&mut cpl);
    ensure(matches!(e, Err(DriverError::Completion { .. })), || {
        format!("bad phase gave {e:?}")
    })
}
