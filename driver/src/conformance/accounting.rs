//! Every frame that reaches a card ends in one final place: delivered to the host, discarded by
//! the SecY under one counter, or dropped by the DMA side under one reason (the accounting of
//! `macsec_model::regmap::rings::DropReason`).

use macsec_model::regmap::rings::{self as rg, rx, DropReason};
use macsec_model::regmap::Scope;
use macsec_model::{Backend, Config, FrameBuf, RxCounter};

use super::pair::Rig;
use super::Bench;
use super::{ctx, ensure, CONFIG_A, CONFIG_B};

/// An Ethernet frame of `len` octets.
fn frame(len: usize, fill: u8) -> Vec<u8> {
    let mut f = vec![0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00];
    f.resize(len, fill);
    f
}

/// Frames of every fate into one receiver — delivered, damaged, untagged, beyond the buffers,
/// too long, while the card is disabled, while the ring is stopped — and the sums hold exactly.
pub fn rx_accounting_adds_up(bench: &dyn Bench) -> Result<(), String> {
    let a = ctx(Config::from_toml(CONFIG_A), "config A")?;
    let b = ctx(Config::from_toml(CONFIG_B), "config B")?;
    let mut golden = ctx(a.build(Backend::Ring), "golden A")?;
    let mut r = bench.rig(0)?;
    ctx(r.card.apply(&b), "apply")?;
    // 8 buffers of 1024 octets.
    ctx(r.card.setup_rings(3, 1024), "rings")?;
    let mut protect = |len: usize, fill: u8| {
        let mut buf = FrameBuf::with_capacity(2048);
        buf.set(&frame(len, fill));
        golden.protect(&mut buf);
        buf.as_slice().to_vec()
    };
    let mut wire = 0u64;
    let mut host = 0u64;
    let feed = |r: &mut Rig, f: &[u8], wire: &mut u64| -> Result<(), String> {
        r.port.wire_in(f)?;
        r.port.settle()?;
        *wire += 1;
        Ok(())
    };
    let reap = |r: &mut Rig, host: &mut u64| -> Result<(), String> {
        ctx(r.card.reap_rx(|_, _| *host += 1), "reap")?;
        Ok(())
    };
    for i in 0..5 {
        feed(&mut r, &protect(200, i), &mut wire)?;
    }
    reap(&mut r, &mut host)?;
    for i in 0..3 {
        let mut f = protect(200, i);
        f[40] ^= 0x55;
        feed(&mut r, &f, &mut wire)?;
    }
    for i in 0..2 {
        feed(&mut r, &frame(100, i), &mut wire)?;
    }
    // Twelve before the host reaps: four find no buffer.
    for i in 0..12 {
        feed(&mut r, &protect(200, i), &mut wire)?;
    }
    reap(&mut r, &mut host)?;
    feed(&mut r, &protect(1500, 9), &mut wire)?;
    ctx(r.card.enable(false), "disable")?;
    for i in 0..2 {
        feed(&mut r, &protect(200, i), &mut wire)?;
    }
    ctx(r.card.enable(true), "enable")?;
    ctx(r.card.device().write32(rx::CTRL.offset, 0), "RX CTRL")?;
    feed(&mut r, &protect(200, 1), &mut wire)?;
    ctx(
        r.card
            .device()
            .write32(rx::CTRL.offset, rg::CTRL_ENABLE.bit()),
        "RX CTRL",
    )?;
    reap(&mut r, &mut host)?;

    let drops = ctx(r.card.rx_drops_by_reason(), "drops")?;
    let drop = |why: DropReason| drops.iter().find(|d| d.0 == why).map_or(0, |d| d.1 as u64);
    let want = [
        (DropReason::Disabled, 2),
        (DropReason::Stopped, 1),
        (DropReason::NoBuffer, 4),
        (DropReason::TooLong, 1),
    ];
    for (why, n) in want {
        ensure(drop(why) == n, || {
            format!("{why:?}: {} dropped, {n} expected; {drops:?}", drop(why))
        })?;
    }
    let secy = ctx(r.card.secy_counters(), "counters")?;
    let count = |c: RxCounter| secy.get(c.name()).copied().unwrap_or(0);
    let delivering: u64 = RxCounter::ALL
        .iter()
        .filter(|c| c.delivers())
        .map(|&c| count(c))
        .sum();
    let discarding: u64 = RxCounter::ALL
        .iter()
        .filter(|c| !c.delivers())
        .map(|&c| count(c))
        .sum();
    let total_drops: u64 = drops.iter().map(|d| d.1 as u64).sum();
    let after_secy: u64 = drops
        .iter()
        .filter(|d| d.0.after_secy())
        .map(|d| d.1 as u64)
        .sum();
    let frames = ctx(r.card.rx_frames(), "FRAMES")? as u64;
    let all = ctx(r.card.rx_drops(), "DROPS")? as u64;
    ensure(wire == host + discarding + total_drops, || {
        format!("{wire} on the wire: {host} delivered + {discarding} discarded by the SecY + {total_drops} dropped")
    })?;
    ensure(delivering == host + after_secy, || {
        format!("the SecY delivered {delivering}: {host} reached the host, {after_secy} dropped after it")
    })?;
    ensure(frames == host && all == total_drops, || {
        format!("FRAMES {frames} (host {host}), DROPS {all} (reasons {total_drops})")
    })?;
    ensure(discarding == 5 && host == 13, || {
        format!("{discarding} discarded (5 expected), {host} delivered (13 expected)")
    })
}

/// A receive SC removed and added again starts from zero: its SC and SA counters read 0 after
/// the remove, whatever they had counted, and count again from there.
pub fn removed_sc_counters_restart(bench: &dyn Bench) -> Result<(), String> {
    let a = ctx(Config::from_toml(CONFIG_A), "config A")?;
    let b = ctx(Config::from_toml(CONFIG_B), "config B")?;
    let mut golden = ctx(a.build(Backend::Ring), "golden A")?;
    let mut r = bench.rig(0)?;
    ctx(r.card.apply(&b), "apply")?;
    ctx(r.card.setup_rings(3, 1024), "rings")?;
    let sci = b
        .rx_sc
        .first()
        .and_then(|s| s.sci)
        .ok_or("config B names no receive SCI")?;
    let mut feed = |r: &mut Rig, n: u8| -> Result<(), String> {
        for i in 0..n {
            let mut buf = FrameBuf::with_capacity(2048);
            buf.set(&frame(200, i));
            golden.protect(&mut buf);
            r.port.wire_in(buf.as_slice())?;
            r.port.settle()?;
        }
        ctx(r.card.reap_rx(|_, _| {}), "reap").map(drop)
    };
    // The SC's and its SAs' counters, by name; the SecY's InPktsOK.
    let read = |r: &Rig| -> Result<(Vec<(String, u64)>, u64), String> {
        let slot = r.card.rx_sc_slot(sci).ok_or("the receive SC has no slot")?;
        let all = ctx(r.card.counters(), "counters")?;
        let sc = format!("{}[{slot}].", Scope::RxSc.name());
        let sas: Vec<String> = (0..4)
            .map(|an| format!("{}[{}].", Scope::RxSa.name(), 4 * slot + an))
            .collect();
        let mine = all
            .iter()
            .filter(|(k, _)| k.starts_with(&sc) || sas.iter().any(|p| k.starts_with(p)))
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        Ok((mine, all.get("SecY.InPktsOK").copied().unwrap_or(0)))
    };
    let ok = |c: &[(String, u64)], scope: Scope| -> u64 {
        c.iter()
            .filter(|(k, _)| k.starts_with(scope.name()) && k.ends_with(".InPktsOK"))
            .map(|(_, v)| v)
            .sum()
    };
    feed(&mut r, 3)?;
    let (before, secy) = read(&r)?;
    ensure(
        ok(&before, Scope::RxSc) == 3 && ok(&before, Scope::RxSa) == 3,
        || format!("3 frames in, the SC counted {before:?}"),
    )?;
    ctx(r.card.remove_rx_sc(sci), "remove SC")?;
    ctx(r.card.apply(&b), "apply again")?;
    let (after, _) = read(&r)?;
    ensure(after.iter().all(|(_, v)| *v == 0), || {
        format!("the SC added again starts with {after:?}")
    })?;
    feed(&mut r, 1)?;
    let (again, secy_again) = read(&r)?;
    ensure(
        ok(&again, Scope::RxSc) == 1 && ok(&again, Scope::RxSa) == 1 && secy_again == secy + 1,
        || format!("1 more frame: the SC counted {again:?}, SecY InPktsOK {secy} → {secy_again}"),
    )
}
