//! Register-level checks: identity, reset, the write-only key table, the SA install budget,
//! read-back, W1C bits and interrupts, counter latching.

use std::collections::HashSet;

use macsec_model::regmap::tables::{key, window as tw};
use macsec_model::regmap::{card as c, counters::window as cw, secy as s, BLOCKS};
use macsec_model::secy::{RxSaParams, SecYControls, TxSaParams};
use macsec_model::{CipherSuite, Sak, Sci};

use super::Bench;
use super::{ctx, ensure};
use crate::DriverError;

/// The table window's STATUS once the command written around the driver is done: a card may
/// take cycles over it (BUSY), as the register map allows.
pub(crate) fn window_status(io: &dyn crate::Device) -> Result<u32, String> {
    ctx(
        crate::regif::poll(
            io,
            tw::STATUS.offset,
            "table window",
            std::time::Duration::from_secs(1),
            |v| tw::STATUS_BUSY.get(v) == 0,
        ),
        "STATUS",
    )
}

/// Probe finds the identity, every block of the map in chain order, and sane capabilities;
/// SCRATCH holds what is written; reset clears it.
pub fn probe_and_reset(bench: &dyn Bench) -> Result<(), String> {
    let mut r = bench.rig(0)?;
    let info = r.card.info().clone();
    let types: Vec<u32> = info.blocks.iter().map(|b| b.type_id).collect();
    let want: Vec<u32> = BLOCKS.iter().map(|b| b.type_id).collect();
    ensure(types == want, || {
        format!("blocks {types:x?}, map {want:x?}")
    })?;
    ensure(info.rx_scs >= 1 && info.suites & 1 == 1, || {
        format!("capabilities {info:?}")
    })?;
    let io = r.card.device();
    ctx(io.write32(c::SCRATCH.offset, 0xA5A5_5A5A), "scratch")?;
    ensure(
        ctx(io.read32(c::SCRATCH.offset), "scratch")? == 0xA5A5_5A5A,
        || "SCRATCH lost its value".into(),
    )?;
    ctx(r.card.reset(), "reset")?;
    let io = r.card.device();
    ensure(ctx(io.read32(c::SCRATCH.offset), "scratch")? == 0, || {
        "reset left SCRATCH".into()
    })?;
    ensure(
        ctx(io.read32(s::CTRL.offset), "CTRL")? == s::CTRL_RESET,
        || "SECY.CTRL not at its reset value".into(),
    )?;
    // Every register reads its documented reset value (those that have one: CAPS depend on the build).
    for b in BLOCKS {
        for reg in b.registers.iter().filter(|r| !r.name.starts_with("CAPS")) {
            let v = ctx(io.read32(reg.offset), reg.name)?;
            ensure(v == reg.reset, || {
                format!(
                    "{}.{} resets to {v:#x}, map says {:#x}",
                    b.name, reg.name, reg.reset
                )
            })?;
        }
    }
    Ok(())
}

/// Keys never read back: not through DATA after a write, and a read command is refused.
pub fn key_table_is_write_only(bench: &dyn Bench) -> Result<(), String> {
    let r = bench.rig(0)?;
    let sak = ctx(Sak::new(&[0x5C; 32]), "key")?;
    ctx(r.card.install_key(3, &sak), "install key")?;
    let io = r.card.device();
    for i in 0..tw::DATA_WORDS {
        let v = ctx(io.read32(tw::DATA0_OFFSET + 4 * i), "DATA")?;
        ensure(v == 0, || format!("DATA{i} reads {v:#x} after a key write"))?;
    }
    // Staged but not yet committed key words do not read back either.
    ctx(io.write32(tw::DATA0_OFFSET, 0x1234_5678), "DATA0")?;
    ensure(ctx(io.read32(tw::DATA0_OFFSET), "DATA0")? == 0, || {
        "a staged key word reads back".into()
    })?;
    ctx(
        io.write32(
            tw::CMD.offset,
            tw::CMD_TABLE.val(key::ID) | tw::CMD_INDEX.val(3),
        ),
        "CMD",
    )?;
    let st = window_status(io)?;
    ensure(
        tw::STATUS_ERROR.get(st) == 1 && tw::STATUS_CODE.get(st) == tw::E_WRITE_ONLY,
        || format!("a key read gave STATUS {st:#x}"),
    )?;
    for i in 0..tw::DATA_WORDS {
        ensure(
            ctx(io.read32(tw::DATA0_OFFSET + 4 * i), "DATA")? == 0,
            || "a refused key read returned data".into(),
        )?;
    }
    Ok(())
}

/// Installing an SA with a 256-bit key takes at most 20 register writes and reads no key.
pub fn sa_install_budget(bench: &dyn Bench) -> Result<Vec<(CipherSuite, usize)>, String> {
    let mut out = Vec::new();
    for suite in [CipherSuite::GcmAes256, CipherSuite::GcmAesXpn256] {
        let mut r = bench.rig(0)?;
        ctx(r.card.set_secy(&SecYControls::new(suite), Sci(1)), "SecY")?;
        let xpn = suite.is_xpn();
        let p = TxSaParams {
            sak: ctx(Sak::new(&[7; 32]), "key")?,
            next_pn: 1,
            ssci: xpn.then_some(1),
            salt: xpn.then_some([9; 12]),
            confidentiality: true,
            enable: true,
        };
        ensure(r.port.start_trace(), || {
            "this card's backend cannot record register accesses".into()
        })?;
        ctx(r.card.install_tx_sa(2, &p), "install")?;
        let trace = r.port.take_trace();
        let writes = trace.iter().filter(|a| a.write).count();
        ensure(writes <= 20, || {
            format!("{suite}: {writes} register writes")
        })?;
        let data: HashSet<u32> = (0..tw::DATA_WORDS)
            .map(|i| tw::DATA0_OFFSET + 4 * i)
            .collect();
        ensure(
            !trace.iter().any(|a| !a.write && data.contains(&a.offset)),
            || format!("{suite}: DATA read during an install"),
        )?;
        let key_read = trace.iter().any(|a| {
            a.write
                && a.offset == tw::CMD.offset
                && tw::CMD_TABLE.get(a.value) == key::ID
                && tw::CMD_WRITE.get(a.value) == 0
        });
        ensure(!key_read, || format!("{suite}: a key read command"))?;
        out.push((suite, writes));
    }
    Ok(out)
}

/// SAs and SCs read back as written; ENABLE_ONLY keeps the PN; refusals come back as errors.
pub fn tables_read_back(bench: &dyn Bench) -> Result<(), String> {
    let mut r = bench.rig(0)?;
    ctx(
        r.card
            .set_secy(&SecYControls::new(CipherSuite::GcmAesXpn128), Sci(0x42)),
        "SecY",
    )?;
    let tx = TxSaParams {
        sak: ctx(Sak::new(&[1; 16]), "key")?,
        next_pn: 0x1_0000_0005,
        ssci: Some(3),
        salt: Some([4; 12]),
        confidentiality: false,
        enable: false,
    };
    ctx(r.card.install_tx_sa(1, &tx), "TX SA")?;
    let st = ctx(r.card.tx_sa_state(1), "TX state")?.ok_or("TX SA missing")?;
    ensure(
        st.next_pn == Some(0x1_0000_0005) && !st.enabled && !st.confidentiality,
        || format!("{st:?}"),
    )?;
    ctx(r.card.enable_tx_sa(1, true), "enable")?;
    let st = ctx(r.card.tx_sa_state(1), "TX state")?.ok_or("TX SA missing")?;
    ensure(st.enabled && st.next_pn == Some(0x1_0000_0005), || {
        format!("after enable: {st:?}")
    })?;
    ensure(ctx(r.card.tx_sa_state(0), "TX state")?.is_none(), || {
        "AN 0 reads as installed".into()
    })?;
    let sci = Sci(0x0011_2233_4455_0007);
    let slot = ctx(r.card.add_rx_sc(sci, true), "RX SC")?;
    let rx = RxSaParams {
        sak: ctx(Sak::new(&[2; 16]), "key")?,
        next_pn: 50,
        lowest_pn: Some(40),
        ssci: Some(5),
        salt: Some([6; 12]),
        enable: true,
    };
    ctx(r.card.install_rx_sa(sci, 3, &rx), "RX SA")?;
    let st = ctx(r.card.rx_sa_state(sci, 3), "RX state")?.ok_or("RX SA missing")?;
    ensure(st.next_pn == 50 && st.lowest_pn == 40 && st.enabled, || {
        format!("{st:?}")
    })?;
    // PNs only rise: a higher next PN and a lower lowest PN give (higher, unchanged).
    ctx(r.card.update_rx_sa_pn(sci, 3, 70, 30), "update PN")?;
    let st = ctx(r.card.rx_sa_state(sci, 3), "RX state")?.ok_or("RX SA missing")?;
    ensure(st.next_pn == 70 && st.lowest_pn == 40, || {
        format!("after updtNextPN: {st:?}")
    })?;
    // A second SC with the same SCI is refused by the card (written around the driver's check).
    let io = r.card.device();
    ctx(io.write32(tw::DATA0_OFFSET, 3), "DATA0")?;
    ctx(io.write32(tw::DATA0_OFFSET + 4, sci.0 as u32), "DATA1")?;
    ctx(
        io.write32(tw::DATA0_OFFSET + 8, (sci.0 >> 32) as u32),
        "DATA2",
    )?;
    ctx(
        io.write32(
            tw::CMD.offset,
            tw::CMD_TABLE.val(3) | tw::CMD_WRITE.bit() | tw::CMD_INDEX.val(slot as u32 + 1),
        ),
        "CMD",
    )?;
    let st = window_status(io)?;
    ensure(tw::STATUS_CODE.get(st) == tw::E_DUPLICATE_SCI, || {
        format!("duplicate SCI gave STATUS {st:#x}")
    })?;
    // A 256-bit key for a 128-bit suite is refused with a typed error.
    let bad = TxSaParams {
        sak: ctx(Sak::new(&[1; 32]), "key")?,
        ..tx.clone()
    };
    match r.card.install_tx_sa(2, &bad) {
        Err(DriverError::Table { .. }) => {}
        other => return Err(format!("a wrong key length gave {other:?}")),
    }
    ctx(r.card.remove_rx_sc(sci), "remove SC")?;
    ensure(r.card.rx_sa_state(sci, 3).is_err(), || {
        "SA of a removed SC still reads".into()
    })
}

/// PN events set W1C bits and interrupt only when unmasked; writing 1 clears them.
pub fn pn_events_and_interrupts(bench: &dyn Bench) -> Result<(), String> {
    let mut r = bench.rig(0)?;
    let mut ctl = SecYControls::new(CipherSuite::GcmAes128);
    ctl.pn_threshold = 3;
    r.transmitter(&ctl, 0xFFFF_FFFE)?;
    ctx(
        r.card
            .device()
            .write32(c::IRQ_MASK.offset, c::IRQ_TX_CPL.bit()),
        "mask",
    )?;
    let frame = vec![0x33u8; 100];
    ctx(r.card.post_tx(&[&frame, &frame, &frame]), "post")?;
    // A served card works on its own thread: let it finish first.
    r.port.settle()?;
    let mut cpl = Vec::new();
    ctx(r.card.reap_tx(&mut cpl), "reap")?;
    let sent: Vec<bool> = cpl.iter().map(|c| c.transmitted).collect();
    ensure(sent == [true, true, false], || {
        format!("exhaustion: transmitted {sent:?}")
    })?;
    let io = r.card.device();
    let irq = ctx(io.read32(c::IRQ_STATUS.offset), "IRQ")?;
    let want = c::IRQ_TX_CPL.bit() | c::IRQ_PN_THRESHOLD.bit() | c::IRQ_PN_EXHAUSTED.bit();
    ensure(irq & want == want, || format!("IRQ_STATUS {irq:#x}"))?;
    // The cause is pending, so the re-arm sends its message at once; through a real VFIO
    // stack under TCG it can take milliseconds to arrive, so the bound is generous (the wait
    // returns as soon as it comes).
    ensure(
        ctx(r.card.wait(std::time::Duration::from_secs(2)), "wait")?,
        || "TX_CPL is unmasked but no interrupt within 2 s".into(),
    )?;
    ctx(io.write32(c::IRQ_STATUS.offset, c::IRQ_TX_CPL.bit()), "W1C")?;
    let irq = ctx(io.read32(c::IRQ_STATUS.offset), "IRQ")?;
    ensure(
        irq & c::IRQ_TX_CPL.bit() == 0 && irq & c::IRQ_PN_EXHAUSTED.bit() != 0,
        || format!("W1C cleared the wrong bits: {irq:#x}"),
    )?;
    // Only masked causes are left: no message may wake the wait (a late duplicate of the one
    // above finds nothing pending and is ignored by `wait`).
    ensure(
        !ctx(r.card.wait(std::time::Duration::from_millis(50)), "wait")?,
        || "masked causes interrupt".into(),
    )?;
    // Every cause interrupts, not only bit 0: unmasking the pending exhaustion sends one (the
    // exported Verilog once reduced the pending causes to TX_CPL alone).
    ctx(
        io.write32(c::IRQ_MASK.offset, c::IRQ_PN_EXHAUSTED.bit()),
        "mask",
    )?;
    ensure(
        ctx(r.card.wait(std::time::Duration::from_secs(2)), "wait")?,
        || "PN_EXHAUSTED is pending and unmasked but no interrupt within 2 s".into(),
    )?;
    ctx(io.write32(c::IRQ_MASK.offset, 0), "mask")?;
    let (t, e) = ctx(r.card.take_pn_events(), "events")?;
    ensure((t, e) == (1, 1), || format!("PN events ({t:#x}, {e:#x})"))?;
    ensure(ctx(r.card.take_pn_events(), "events")? == (0, 0), || {
        "PN event bits did not clear".into()
    })?;
    let st = ctx(r.card.tx_sa_state(0), "state")?.ok_or("SA missing")?;
    ensure(st.exhausted && st.threshold_reached, || format!("{st:?}"))
}

/// A counter is latched by its LO read: HI belongs to the same 64-bit value.
pub fn counters_latch_on_lo_read(bench: &dyn Bench) -> Result<(), String> {
    let mut r = bench.rig(0)?;
    r.transmitter(&SecYControls::new(CipherSuite::GcmAes128), 1)?;
    let io = r.card.device();
    let sel = cw::SEL_ID.val(21) | cw::SEL_SCOPE.val(0); // SecY OutOctetsEncrypted
    ctx(io.write32(cw::SEL.offset, sel), "SEL")?;
    let lo0 = ctx(io.read32(cw::LO.offset), "LO")?;
    let frame = vec![0x44u8; 1000];
    ctx(r.card.post_tx(&[&frame]), "post")?;
    // A served card works on its own thread: let it finish first.
    r.port.settle()?;
    let io = r.card.device();
    let hi = ctx(io.read32(cw::HI.offset), "HI")?;
    let lo1 = ctx(io.read32(cw::LO.offset), "LO")?;
    ensure(lo0 == 0 && hi == 0 && lo1 == 988, || {
        format!("LO {lo0}, HI {hi}, LO again {lo1}")
    })?;
    let v = ctx(
        r.card.counter(macsec_model::regmap::Scope::SecY, 0, 21),
        "counter",
    )?;
    ensure(v == 988, || format!("OutOctetsEncrypted {v}"))
}
