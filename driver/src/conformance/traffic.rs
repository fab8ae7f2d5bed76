//! Frames through a [`Pair`]: A's TX ring, A's SecY, the wire, B's SecY, B's RX ring, each step
//! compared with the golden SecYs; and the checks built on it.

use macsec_model::secy::RxCounter;
use macsec_model::{Config, TxCounter};

use std::collections::VecDeque;

use macsec_model::{FrameBuf, SecY};

use super::pair::{Expected, Pair, Rig, Score};
use super::Bench;
use super::{ctx, ensure, frames, CONFIG_A, CONFIG_B};
use crate::TxCompletion;

/// The catalogue id (SecY scope) of a transmit counter, as completions carry it.
fn tx_id(c: TxCounter) -> u8 {
    12 + c.index() as u8
}

fn rx_id(c: RxCounter) -> u8 {
    c.index() as u8
}

/// What the wire hook may do with a frame on its way from A to B.
pub type WireHook<'a> = &'a mut dyn FnMut(Vec<u8>, &mut Vec<Vec<u8>>);

/// One batch on its way from A's side of a [`Pair`] to B's: the frames the wire carries to B,
/// and what the golden receiver delivered of them, in order.
struct Batch {
    frames: Vec<Vec<u8>>,
    expected: Vec<Expected>,
}

impl Pair {
    /// Send `frames` from A's host to B's host, batch by batch as the TX ring allows. `wire`
    /// receives every frame A transmits and pushes what B should receive (the same frame,
    /// a damaged one, extra ones).
    ///
    /// The two cards work at once, each on its own thread, as two cards on a link do: while B
    /// takes batch k, A transmits batch k+1. Each card sees exactly what it would see one batch
    /// at a time (B's input is only the wire, and batches reach it in order), so every frame,
    /// completion, counter and cycle count is what running the batches one after the other
    /// gives. B's mismatches are added to `score` after A's, at the end of the call.
    pub fn send(
        &mut self,
        frames: &[Vec<u8>],
        score: &mut Score,
        wire: WireHook,
    ) -> Result<(), String> {
        let Pair {
            a,
            b,
            golden_tx,
            golden_rx,
            expected,
            expected_wire,
            buf,
            tx_cpl,
            ..
        } = self;
        let mut b_score = Score::default();
        let done = std::thread::scope(|s| {
            // One batch in the channel and one in A's hands: memory stays at a few batches.
            let (to_b, batches) = std::sync::mpsc::sync_channel::<Batch>(1);
            let (b_rig, b_expected, b_sc) = (&mut *b, &mut *expected, &mut b_score);
            let b_side = s.spawn(move || -> Result<(), String> {
                for batch in batches {
                    b_rig.port.wire_in_burst(&batch.frames)?;
                    b_expected.extend(batch.expected);
                    deliver(b_rig, b_expected, b_sc)?;
                }
                Ok(())
            });
            let a_side = (|| -> Result<(), String> {
                let mut next = 0;
                while next < frames.len() {
                    // Half a ring per batch leaves B room for frames the wire hook adds.
                    let space = a.card.tx_space() / 2;
                    let end = (next + space.max(1)).min(frames.len());
                    let refs: Vec<&[u8]> = frames[next..end].iter().map(|f| &f[..]).collect();
                    let posted = ctx(a.card.post_tx(&refs), "post TX")?;
                    let sent = &frames[next..next + posted];
                    complete_tx(a, golden_tx, expected_wire, buf, tx_cpl, sent, score)?;
                    score.frames_sent += posted as u64;
                    next += posted;
                    let batch = carry(a, golden_rx, expected_wire, buf, score, wire)?;
                    if to_b.send(batch).is_err() {
                        break; // B's side stopped; its error says why
                    }
                }
                Ok(())
            })();
            drop(to_b);
            let b_done = b_side
                .join()
                .unwrap_or_else(|_| Err("B's side of the pair panicked".into()));
            a_side.and(b_done)
        });
        score.merge(&b_score);
        done?;
        score.ring_drops = ctx(self.b.card.rx_drops(), "RX drops")? as u64;
        Ok(())
    }
}

/// Reap A's completions for `posted` and compare each with the golden transmitter.
fn complete_tx(
    a: &mut Rig,
    golden_tx: &mut SecY,
    expected_wire: &mut VecDeque<Vec<u8>>,
    buf: &mut FrameBuf,
    tx_cpl: &mut Vec<TxCompletion>,
    posted: &[Vec<u8>],
    score: &mut Score,
) -> Result<(), String> {
    tx_cpl.clear();
    let mut spins = 0;
    while tx_cpl.len() < posted.len() {
        a.port.settle()?;
        ctx(a.card.reap_tx(tx_cpl), "reap TX")?;
        spins += 1;
        if spins > 10_000 {
            return Err(format!(
                "A completed {} of {} frames",
                tx_cpl.len(),
                posted.len()
            ));
        }
    }
    let base = score.frames_sent;
    for (i, (f, cpl)) in posted.iter().zip(tx_cpl.iter()).enumerate() {
        buf.set(f);
        let g = golden_tx.protect(buf);
        let want = (
            tx_id(g.counter),
            g.counter.transmits(),
            g.pn,
            buf.len() as u16,
        );
        let got = (cpl.counter, cpl.transmitted, cpl.pn, cpl.len);
        if want != got {
            score.mismatch(format!(
                "frame {}: TX completion (counter, sent, PN, len) {got:?}, golden {want:?}",
                base + i as u64
            ));
        }
        if g.counter.transmits() {
            expected_wire.push_back(buf.to_vec());
        } else {
            score.frames_discarded += 1;
        }
    }
    Ok(())
}

/// Take A's wire frames through the hook, checking each against the golden frame; what B is
/// to receive, with what the golden receiver makes of it.
fn carry(
    a: &mut Rig,
    golden_rx: &mut SecY,
    expected_wire: &mut VecDeque<Vec<u8>>,
    buf: &mut FrameBuf,
    score: &mut Score,
    wire: WireHook,
) -> Result<Batch, String> {
    let mut out = Vec::new();
    let mut sent = Vec::new();
    a.port.drain_wire(&mut |f| sent.push(f.to_vec()))?;
    let mut batch = Batch {
        frames: Vec::with_capacity(sent.len()),
        expected: Vec::with_capacity(sent.len()),
    };
    for w in sent {
        score.frames_transmitted += 1;
        score.wire_octets += w.len() as u64;
        match expected_wire.pop_front() {
            Some(g) if g == w.as_slice() => {}
            Some(_) => score.mismatch(format!(
                "wire frame {}: differs from the golden frame",
                score.frames_transmitted
            )),
            None => score.mismatch("A transmitted a frame the golden model did not".into()),
        }
        out.clear();
        wire(w, &mut out);
        if out.len() > 1 {
            score.frames_injected += out.len() as u64 - 1;
        }
        for f in out.drain(..) {
            buf.set(&f);
            let g = golden_rx.validate(buf);
            if g.delivered() {
                let c = g.counter.map_or(0xFF, rx_id);
                batch
                    .expected
                    .push((c, g.an, g.pn.unwrap_or(0), buf.to_vec()));
            } else {
                score.frames_discarded += 1;
            }
            batch.frames.push(f);
        }
    }
    Ok(batch)
}

/// Let B take what reached it, reap its delivered frames and compare each with the golden
/// receiver's.
fn deliver(
    b: &mut Rig,
    expected: &mut VecDeque<Expected>,
    score: &mut Score,
) -> Result<(), String> {
    b.port.settle()?;
    let mut bad = Vec::new();
    let mut n = 0u64;
    ctx(
        b.card.reap_rx(|cpl, data| {
            n += 1;
            match expected.pop_front() {
                Some((c, an, pn, f)) => {
                    if (c, an, pn) != (cpl.counter, cpl.an, cpl.pn) || f != data {
                        bad.push(format!(
                            "delivered frame: card (counter {}, AN {:?}, PN {}, {} octets), golden (counter {c}, AN {an:?}, PN {pn}, {} octets)",
                            cpl.counter, cpl.an, cpl.pn, data.len(), f.len()
                        ));
                    }
                }
                None => bad.push("B delivered a frame the golden model did not".into()),
            }
        }),
        "reap RX",
    )?;
    score.frames_delivered += n;
    for m in bad {
        score.mismatch(m);
    }
    Ok(())
}

fn configs() -> Result<(Config, Config), String> {
    Ok((
        ctx(Config::from_toml(CONFIG_A), "config A")?,
        ctx(Config::from_toml(CONFIG_B), "config B")?,
    ))
}

pub(crate) fn clean(score: &Score, counter_mismatches: Vec<String>) -> Result<(), String> {
    let n = score.mismatch_count + counter_mismatches.len() as u64;
    let first = score.mismatches.first().or(counter_mismatches.first());
    ensure(n == 0, || {
        format!("{n} mismatches, first: {}", first.map_or("", |s| s))
    })?;
    ensure(score.lost() == 0, || {
        format!("{} frames lost: {score:?}", score.lost())
    })
}

/// `n` seeded frames from A's host to B's host; every frame, completion and counter equals the
/// golden model's.
pub fn loopback_matches_golden(bench: &dyn Bench, n: usize, seed: u64) -> Result<Score, String> {
    let (a, b) = configs()?;
    let mut pair = super::Pair::new(bench, &a, &b, 8)?;
    let mut score = Score::default();
    let fs = frames(seed, n.min(4096));
    let mut sent = 0;
    while sent < n {
        let k = (n - sent).min(fs.len());
        pair.send(&fs[..k], &mut score, &mut |f, out| out.push(f))?;
        sent += k;
    }
    ensure(score.frames_delivered == n as u64, || {
        format!("delivered {} of {n}", score.frames_delivered)
    })?;
    clean(&score, pair.compare_counters()?)?;
    Ok(score)
}

/// Damaged and foreign frames on the wire: each is counted where the golden model counts it.
pub fn bad_frames_are_counted(bench: &dyn Bench) -> Result<(), String> {
    let (a, b) = configs()?;
    let mut pair = super::Pair::new(bench, &a, &b, 6)?;
    let mut score = Score::default();
    let mut i = 0u32;
    let mut hook = |mut f: Vec<u8>, out: &mut Vec<Vec<u8>>| {
        i += 1;
        match i % 5 {
            1 => {
                let n = f.len();
                f[n - 1] ^= 0x20; // bad ICV
            }
            2 => out.push(f.clone()), // replayed
            3 => f[14] |= 0x80,       // bad TCI
            _ => {}
        }
        out.push(f);
    };
    pair.send(&frames(7, 200), &mut score, &mut hook)?;
    let counters = ctx(pair.b.card.secy_counters(), "counters")?;
    ensure(
        counters["InPktsNotValid"] > 0
            && counters["InPktsBadTag"] > 0
            && counters["InPktsLate"] > 0,
        || format!("bad frames not all counted: {counters:?}"),
    )?;
    clean(&score, pair.compare_counters()?)
}

/// The PN threshold interrupt drives a rekey at full rate: the next SA is installed on both
/// sides and the switchover armed between two batches; no frame is lost.
pub fn rekey_without_loss(bench: &dyn Bench) -> Result<(), String> {
    let (mut a, b) = configs()?;
    a.pn_threshold = Some(100);
    let mut pair = super::Pair::new(bench, &a, &b, 5)?;
    pair.golden_tx = ctx(a.build(macsec_model::Backend::Ring), "golden A")?;
    let mut score = Score::default();
    let fs = frames(3, 32);
    for round in 0..20u8 {
        pair.send(&fs, &mut score, &mut |f, out| out.push(f))?;
        let (threshold, _) = ctx(pair.a.card.take_pn_events(), "PN events")?;
        if threshold != 0 {
            let sak = ctx(macsec_model::Sak::new(&[round + 1; 16]), "key")?;
            pair.rekey(&sak, &mut score)?;
        }
    }
    ensure(score.rekeys >= 5, || {
        format!("only {} rekeys", score.rekeys)
    })?;
    ensure(score.frames_delivered == score.frames_sent, || {
        format!("{score:?}")
    })?;
    clean(&score, pair.compare_counters()?)
}

/// Frames beyond B's free RX buffers are dropped and counted in RX_RING.DROPS, never lost.
pub fn ring_overflow_is_counted(bench: &dyn Bench) -> Result<(), String> {
    let (a, b) = configs()?;
    let mut pair = super::Pair::new(bench, &a, &b, 3)?;
    // Fill B's 8 buffers and more without reaping B.
    let fs = frames(11, 8);
    let mut sent = 0;
    for _ in 0..3 {
        let refs: Vec<&[u8]> = fs.iter().map(|f| &f[..]).collect();
        sent += ctx(pair.a.card.post_tx(&refs), "post")?;
        let mut cpl = Vec::new();
        pair.a.port.settle()?;
        ctx(pair.a.card.reap_tx(&mut cpl), "reap TX")?;
        let mut wire = Vec::new();
        pair.a.port.drain_wire(&mut |f| wire.push(f.to_vec()))?;
        for w in &wire {
            pair.b.port.wire_in(w)?;
        }
        pair.b.port.settle()?;
    }
    let drops = ctx(pair.b.card.rx_drops(), "drops")? as usize;
    let mut delivered = 0;
    ctx(pair.b.card.reap_rx(|_, _| delivered += 1), "reap RX")?;
    let ok = ctx(pair.b.card.secy_counters(), "counters")?["InPktsOK"] as usize;
    ensure(
        sent == 24 && delivered == 8 && drops == 16 && ok == 24,
        || format!("sent {sent}, delivered {delivered}, dropped {drops}, InPktsOK {ok}"),
    )?;
    let irq = ctx(pair.b.card.take_irq(), "IRQ")?;
    ensure(
        irq & macsec_model::regmap::card::IRQ_RX_DROP.bit() != 0,
        || format!("IRQ_STATUS {irq:#x} lacks RX_DROP"),
    )
}
