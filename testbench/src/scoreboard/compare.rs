//! What the golden SecY does with each frame (the frame that must leave and its status word),
//! and the comparison of what left the engine with it.

use macsec_driver::Card;
use macsec_hdl::engine::rx_back::{STATUS_NONE, STATUS_SC_HIT};
use macsec_hdl::engine::sim::OutFrame;
use macsec_hdl::engine::tx_back::{STATUS_AN_SHIFT, STATUS_DROP};
use macsec_model::secy::PnEvent;
use macsec_model::{FrameBuf, RxCounter, SecY, TxCounter};

use super::stream::Left;
use super::Report;

/// A difference between the engine and the golden model.
#[derive(Clone, Debug)]
pub struct Mismatch {
    pub scenario: usize,
    /// "egress", "ingress" or "counter".
    pub direction: &'static str,
    /// The frame's index in its direction within the scenario.
    pub frame: usize,
    pub what: String,
    pub input: Vec<u8>,
    pub want: Option<Vec<u8>>,
    pub got: Option<Vec<u8>>,
    /// Cycles, from the scenario's first, between which the frame was in the engine.
    pub cycles: (u64, u64),
}

impl Mismatch {
    /// A difference in the scenario's state (counters, PN events), not in one frame.
    pub fn of_scenario(scenario: usize, what: String, cycles: u64) -> Mismatch {
        Mismatch {
            scenario,
            direction: "counter",
            frame: 0,
            what,
            input: Vec::new(),
            want: None,
            got: None,
            cycles: (0, cycles),
        }
    }
}

/// Cycles (from a scenario's first) to record as VCD.
#[derive(Clone, Copy, Debug)]
pub struct VcdWindow {
    pub from: u64,
    pub to: u64,
    pub keys: macsec_hdl::vcd_redact::Keys,
}

/// What the golden SecY did with one frame.
#[derive(Clone)]
pub struct Expect {
    pub input: Vec<u8>,
    /// The frame that must leave (None: it must leave marked to be dropped).
    pub data: Option<Vec<u8>>,
    status: u32,
    /// The status bits that are defined for this frame.
    mask: u32,
    /// The PN on the frame's last beat, where the completion carries it.
    pn: Option<u64>,
}

const AN_BITS: u32 = 3 << STATUS_AN_SHIFT;
const SLOT_BITS: u32 = 0xF0;

/// What the golden SecY does with an egress frame; its PN events go into `events`
/// (threshold, exhausted), bit n for AN n, as the card's W1C registers hold them.
pub fn egress_expect(golden: &mut SecY, f: Vec<u8>, events: &mut (u8, u8)) -> (Expect, TxCounter) {
    let mut b = FrameBuf::with_capacity(f.len());
    b.set(&f);
    let r = golden.protect(&mut b);
    match r.event {
        Some(PnEvent::Threshold { an }) => events.0 |= 1 << an,
        Some(PnEvent::Exhausted { an }) => events.1 |= 1 << an,
        None => {}
    }
    let sent = r.counter.transmits();
    let mut status = r.counter.index() as u32 | if sent { 0 } else { STATUS_DROP };
    let mut mask = 0xF | STATUS_DROP;
    if matches!(
        r.counter,
        TxCounter::Protected | TxCounter::Encrypted | TxCounter::TooLong
    ) {
        status |= (r.an as u32) << STATUS_AN_SHIFT;
        mask |= AN_BITS;
    }
    let e = Expect {
        input: f,
        data: sent.then(|| b.to_vec()),
        status,
        mask,
        pn: Some(r.pn),
    };
    (e, r.counter)
}

pub fn ingress_expect(golden: &mut SecY, card: &Card, w: Vec<u8>) -> (Expect, Option<RxCounter>) {
    let mut b = FrameBuf::with_capacity(w.len());
    b.set(&w);
    let r = golden.validate(&mut b);
    let delivered = r.delivered();
    let mut status = r.counter.map_or(STATUS_NONE, |c| c.index() as u32);
    let mut mask = 0xF | STATUS_DROP;
    if !delivered {
        status |= STATUS_DROP;
    }
    if r.counter.is_some() {
        mask |= STATUS_SC_HIT;
        let slot = r.sc.and_then(|i| card.rx_sc_slot(golden.rx_scs()[i].sci));
        if let Some(slot) = slot {
            status |= STATUS_SC_HIT | (slot as u32) << 4;
            mask |= SLOT_BITS;
            if let Some(an) = r.an {
                status |= (an as u32) << STATUS_AN_SHIFT;
                mask |= AN_BITS;
            }
        }
    }
    let e = Expect {
        input: w,
        data: delivered.then(|| b.to_vec()),
        status,
        mask,
        // A delivered frame's completion carries its PN (0 for an untagged one).
        pn: delivered.then(|| r.pn.unwrap_or(0)),
    };
    (e, r.counter)
}

/// A frame the ingress cut short at its input FIFO: the golden SecY counts it InPktsOverrun
/// and nothing else; it must leave marked to be dropped, with that counter in its status.
pub fn overrun_expect(golden: &mut SecY, w: Vec<u8>) -> Expect {
    golden.overrun();
    Expect {
        input: w,
        data: None,
        status: RxCounter::Overrun.index() as u32 | STATUS_DROP,
        mask: 0xF | STATUS_DROP,
        pn: None,
    }
}

/// Compare what left one port with the golden model's expectations, frame `first` onwards of
/// the scenario's frames in that direction; count octets, cycles and latency into `flow`.
#[allow(clippy::too_many_arguments)]
pub fn check(
    rep: &mut Report,
    scenario: usize,
    dir: &'static str,
    first: usize,
    exp: &[Expect],
    left: &Left,
    (t0, now, begin): (u64, u64, u64),
    held: bool,
) {
    if exp.is_empty() {
        return;
    }
    let flow = if dir == "egress" {
        &mut rep.egress
    } else {
        &mut rep.ingress
    };
    flow.octets += exp.iter().map(|e| e.input.len() as u64).sum::<u64>();
    flow.cycles += left.drained.unwrap_or(now) - t0;
    for (i, e) in exp.iter().enumerate() {
        let start = left.accepted.get(i).copied().unwrap_or(now);
        let o = left.out.get(i);
        if let (Some(o), false) = (o, held) {
            let l = o.first - start;
            flow.latency = Some(flow.latency.map_or(l, |m| m.min(l)));
        }
        if let Some(what) = judge(e, o) {
            rep.mismatches.push(Mismatch {
                scenario,
                direction: dir,
                frame: first + i,
                what,
                input: e.input.clone(),
                want: e.data.clone(),
                got: o.map(|o| o.data.clone()),
                cycles: (
                    start.saturating_sub(begin),
                    o.map_or(now, |o| o.last) - begin,
                ),
            });
        }
    }
    if left.out.len() > exp.len() {
        rep.mismatches.push(Mismatch {
            scenario,
            direction: dir,
            frame: first + exp.len(),
            what: format!("{} frames left for {} sent", left.out.len(), exp.len()),
            input: Vec::new(),
            want: None,
            got: left.out.get(exp.len()).map(|o| o.data.clone()),
            cycles: (0, now - begin),
        });
    }
}

/// What is wrong with the frame that left (None: it is what the golden model says).
pub(super) fn judge(e: &Expect, o: Option<&OutFrame>) -> Option<String> {
    let Some(o) = o else {
        return Some("never left the engine".into());
    };
    if o.status & e.mask != e.status {
        return Some(format!(
            "status {:#07x}, golden {:#07x} (compared bits {:#07x})",
            o.status & e.mask,
            e.status,
            e.mask
        ));
    }
    if let Some(pn) = e.pn.filter(|&p| p != o.pn) {
        return Some(format!("PN {:#x}, golden {pn:#x}", o.pn));
    }
    match &e.data {
        Some(d) if *d != o.data => {
            let at = d.iter().zip(&o.data).position(|(a, b)| a != b);
            Some(format!(
                "data: {} octets, golden {}; first difference at {}",
                o.data.len(),
                d.len(),
                at.map_or("the end".to_string(), |a| format!("octet {a}"))
            ))
        }
        _ => None,
    }
}
