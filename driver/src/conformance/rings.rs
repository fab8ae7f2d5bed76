//! Ring configuration and doorbells as the register map gives them: a ring checks its sizes,
//! bases and pointers every time it is about to run (enabled, or its errors cleared), stays
//! stopped with the error that says why, and treats a doorbell more than a ring ahead as an
//! error rather than walking descriptors the host never posted.

use macsec_model::regmap::rings::{self as rg, rx, tx};
use macsec_model::regmap::Register;
use macsec_model::secy::SecYControls;
use macsec_model::CipherSuite;

use super::pair::Rig;
use super::Bench;
use super::{ctx, ensure};

/// Register `r` of the ring block at `base` (TX and RX share one layout).
fn at(base: u32, r: Register) -> u32 {
    base + (r.offset - tx::BASE)
}

fn status(r: &Rig, base: u32) -> Result<u32, String> {
    ctx(r.card.device().read32(at(base, tx::STATUS)), "STATUS")
}

fn write(r: &Rig, base: u32, reg: Register, v: u32) -> Result<(), String> {
    ctx(r.card.device().write32(at(base, reg), v), reg.name)
}

/// Every bad configuration, for both rings: the ring does not start, and clearing the error
/// does not start it either; only a good configuration does.
pub fn ring_config_is_checked_whenever_it_starts(bench: &dyn Bench) -> Result<(), String> {
    let errors = rg::STATUS_DMA_ERROR.mask()
        | rg::STATUS_DESC_ERROR.mask()
        | rg::STATUS_CONFIG_ERROR.mask()
        | rg::STATUS_PTR_ERROR.mask();
    // (log size, completion log size, base, completion base)
    let bad: [(u32, u32, u32, u32); 6] = [
        (16, 3, 0x1000, 0x2000),
        (31, 3, 0x1000, 0x2000),
        (0, 3, 0x1000, 0x2000),
        (3, 20, 0x1000, 0x2000),
        (3, 3, 0x1008, 0x2000),
        (3, 3, 0x1000, 0x2010),
    ];
    for base in [tx::BASE, rx::BASE] {
        for (log, cpl_log, b, cb) in bad {
            let mut r = bench.rig(0)?;
            // The datapath on: a ring that started would be served.
            ctx(r.card.enable(true), "enable")?;
            let what = format!("ring {base:#x}, log {log}, cpl log {cpl_log}, base {b:#x}/{cb:#x}");
            write(&r, base, tx::LOG_SIZE, log)?;
            write(&r, base, tx::CPL_LOG_SIZE, cpl_log)?;
            write(&r, base, tx::BASE_LO, b)?;
            write(&r, base, tx::CPL_BASE_LO, cb)?;
            write(&r, base, tx::CTRL, rg::CTRL_ENABLE.bit())?;
            for round in 0..3 {
                let st = status(&r, base)?;
                ensure(
                    rg::STATUS_CONFIG_ERROR.get(st) == 1 && rg::STATUS_ACTIVE.get(st) == 0,
                    || format!("{what}: round {round}: STATUS {st:#x}"),
                )?;
                // A doorbell on the stopped ring must do nothing (it once panicked here).
                write(&r, base, tx::PROD_PTR, 1 + round)?;
                r.port.settle()?;
                let cons = ctx(r.card.device().read32(at(base, tx::CONS_PTR)), "CONS")?;
                ensure(cons == 0, || {
                    format!("{what}: a stopped ring consumed {cons}")
                })?;
                write(&r, base, tx::STATUS, errors)?;
            }
            // Fixed while disabled, it starts.
            write(&r, base, tx::CTRL, 0)?;
            write(&r, base, tx::LOG_SIZE, 3)?;
            write(&r, base, tx::CPL_LOG_SIZE, 3)?;
            write(&r, base, tx::BASE_LO, 0x1000)?;
            write(&r, base, tx::CPL_BASE_LO, 0x2000)?;
            write(&r, base, tx::PROD_PTR, 0)?;
            write(&r, base, tx::STATUS, errors)?;
            write(&r, base, tx::CTRL, rg::CTRL_ENABLE.bit())?;
            let st = status(&r, base)?;
            ensure(rg::STATUS_ACTIVE.get(st) == 1, || {
                format!("{what}: a good configuration did not start: {st:#x}")
            })?;
        }
    }
    Ok(())
}

/// A doorbell far beyond the ring is an error: the ring stops, no frame is sent twice, and a
/// ring whose pointer is put right runs again.
pub fn doorbell_beyond_the_ring_is_an_error(bench: &dyn Bench) -> Result<(), String> {
    let mut r = bench.rig(0)?;
    r.transmitter(&SecYControls::new(CipherSuite::GcmAes128), 1)?;
    let frame = vec![0x11u8; 100];
    ctx(r.card.post_tx(&[&frame]), "post")?;
    // A served card works on its own thread: let it finish first.
    r.port.settle()?;
    let mut cpl = Vec::new();
    while cpl.is_empty() {
        ctx(r.card.reap_tx(&mut cpl), "reap")?;
    }
    let mut sent = 0;
    r.port.drain_wire(&mut |_| sent += 1)?;
    ensure(sent == 1, || format!("{sent} frames for one posted"))?;
    // 16-entry ring, one consumed: 100 is 99 ahead.
    write(&r, tx::BASE, tx::PROD_PTR, 100)?;
    r.port.settle()?;
    let st = status(&r, tx::BASE)?;
    ensure(
        rg::STATUS_PTR_ERROR.get(st) == 1 && rg::STATUS_ACTIVE.get(st) == 0,
        || format!("PROD_PTR 100 on a 16-entry ring: STATUS {st:#x}"),
    )?;
    let mut again = 0;
    r.port.drain_wire(&mut |_| again += 1)?;
    ensure(again == 0, || {
        format!("{again} frames sent from descriptors never posted")
    })?;
    let cons = ctx(r.card.device().read32(tx::CONS_PTR.offset), "CONS")?;
    ensure(cons == 1, || format!("CONS_PTR moved to {cons}"))?;
    // Clearing the error with the pointer still wrong does not start the ring.
    write(&r, tx::BASE, tx::STATUS, rg::STATUS_PTR_ERROR.mask())?;
    let st = status(&r, tx::BASE)?;
    ensure(rg::STATUS_ACTIVE.get(st) == 0, || {
        format!("cleared with PROD_PTR still 99 ahead: STATUS {st:#x}")
    })?;
    // Put right (the host's own pointer, 1) and cleared, it runs.
    write(&r, tx::BASE, tx::PROD_PTR, 1)?;
    write(&r, tx::BASE, tx::STATUS, rg::STATUS_PTR_ERROR.mask())?;
    let st = status(&r, tx::BASE)?;
    ensure(rg::STATUS_ACTIVE.get(st) == 1, || {
        format!("put right and cleared: STATUS {st:#x}")
    })?;
    // A completion consumer pointer past what the card wrote is the same kind of error.
    write(&r, rx::BASE, tx::CPL_CONS_PTR, 40)?;
    let st = status(&r, rx::BASE)?;
    ensure(rg::STATUS_PTR_ERROR.get(st) == 1, || {
        format!("RX CPL_CONS_PTR 40 past CPL_PROD_PTR: STATUS {st:#x}")
    })
}
