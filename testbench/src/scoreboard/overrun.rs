//! The flood scenario: ingress frames offered back to back as a MAC offers them (one beat a
//! cycle, whatever the engine's room), while the host holds the output for long stretches, so
//! the ingress input FIFO fills and drops frames (InPktsOverrun). Which frames it drops depends
//! on timing the golden model does not have, so their expectations are worked out after the
//! stream: the golden SecY takes the frames in their order, and a frame the engine dropped at its
//! start (the `i_overrun` pulse the cycle after its first beat) or cut short (its status says
//! InPktsOverrun) is counted InPktsOverrun there and moves nothing else, so every later frame
//! (its replay check, its PN) is still judged exactly. Every frame is accounted for: the frames
//! that left are compared one for one, and the counters (InPktsOverrun among them) at the end.

use std::collections::HashSet;

use macsec_driver::Card;
use macsec_hdl::engine::rx_back::STATUS_DROP;
use macsec_model::{RxCounter, SecY};
use rand::rngs::StdRng;
use rand::Rng;

use super::compare::{ingress_expect, overrun_expect, Expect};
use super::scenario::Scenario;
use super::stimulus::Fault;
use super::stream::{Hold, Left};
use super::Report;

/// The output held for `off` cycles out of every `off + on`, counted from the stream's first
/// cycle (so a top whose programming takes longer, the AXI one, sees the same pattern): long
/// enough that the input FIFO, the head queue and the pipeline behind them (about 130 beats)
/// fill up.
pub fn flood_hold(rng: &mut StdRng) -> Hold {
    let (off, on) = (rng.gen_range(150..400u64), rng.gen_range(50..300u64));
    let mut first = None;
    Box::new(move |c| (c - *first.get_or_insert(c)) % (off + on) >= off)
}

/// What the golden SecY says of each frame that left, given which frames the engine dropped;
/// `left` keeps the first-beat cycles of the frames that were not dropped at their start (so
/// they line up with what left). Overruns go into the coverage as InPktsOverrun.
pub fn flood_expect(
    golden: &mut SecY,
    card: &Card,
    sc: &Scenario,
    frames: Vec<(Vec<u8>, Fault)>,
    left: &mut Left,
    rep: &mut Report,
) -> Vec<Expect> {
    let dropped: HashSet<u64> = left.overrun.iter().map(|c| c.saturating_sub(1)).collect();
    let overrun = RxCounter::Overrun;
    let mut exp = Vec::with_capacity(frames.len());
    let mut accepted = Vec::with_capacity(frames.len());
    for (k, (w, fault)) in frames.into_iter().enumerate() {
        let at = left.accepted.get(k).copied();
        let len = w.len();
        if at.is_some_and(|a| dropped.contains(&a)) {
            golden.overrun();
            rep.coverage
                .ingress(sc.suite, sc.protection, Some(overrun), len, fault);
            rep.overruns.0 += 1;
            continue;
        }
        accepted.extend(at);
        let cut = left.out.get(exp.len()).is_some_and(|o| {
            o.status & 0xF == overrun.index() as u32 && o.status & STATUS_DROP != 0
        });
        let c = if cut {
            exp.push(overrun_expect(golden, w));
            rep.overruns.1 += 1;
            Some(overrun)
        } else {
            let (e, c) = ingress_expect(golden, card, w);
            exp.push(e);
            c
        };
        rep.coverage.ingress(sc.suite, sc.protection, c, len, fault);
    }
    left.accepted = accepted;
    exp
}
