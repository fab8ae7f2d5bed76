//! One scenario in lockstep: program the engine through the driver, work out what the golden
//! SecY does with every frame, stream the frames through the engine, then compare every frame
//! that left, its status word, and every counter.

use macsec_driver::conformance::golden_counters;
use macsec_driver::sim::SimDevice;
use macsec_driver::Card;
use macsec_hdl::engine::rx_back::{STATUS_NONE, STATUS_SC_HIT};
use macsec_hdl::engine::sim::OutFrame;
use macsec_hdl::engine::tx_back::{STATUS_AN_SHIFT, STATUS_DROP};
use macsec_model::{Backend, FrameBuf, RxCounter, SecY, TxCounter};
use rand::rngs::StdRng;
use rand::Rng;

use super::scenario::Scenario;
use super::stimulus::{egress_frame, ingress_frame};
use super::{hold_pattern, Params, Report};
use crate::hdl_card::HdlCard;

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

/// Cycles (from a scenario's first) to record as VCD.
#[derive(Clone, Copy, Debug)]
pub struct VcdWindow {
    pub from: u64,
    pub to: u64,
}

/// What the golden SecY did with one frame.
struct Expect {
    input: Vec<u8>,
    /// The frame that must leave (None: it must leave marked to be dropped).
    data: Option<Vec<u8>>,
    status: u32,
    /// The status bits that are defined for this frame.
    mask: u32,
}

const AN_BITS: u32 = 3 << STATUS_AN_SHIFT;
const SLOT_BITS: u32 = 0xF0;

fn egress_expect(golden: &mut SecY, f: Vec<u8>) -> (Expect, TxCounter) {
    let mut b = FrameBuf::with_capacity(f.len());
    b.set(&f);
    let r = golden.protect(&mut b);
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
    };
    (e, r.counter)
}

fn ingress_expect(golden: &mut SecY, card: &Card, w: Vec<u8>) -> (Expect, Option<RxCounter>) {
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
    };
    (e, r.counter)
}

/// The engine, its driver and the run's parameters.
pub struct Bench<'a> {
    pub dev: &'a SimDevice<HdlCard>,
    pub card: &'a mut Card,
    pub p: &'a Params,
    pub window: Option<VcdWindow>,
}

impl Bench<'_> {
    pub fn scenario(
        &mut self,
        sc: &mut Scenario,
        rng: &mut StdRng,
        (ne, ni): (usize, usize),
        rep: &mut Report,
    ) -> Result<(), String> {
        let begin = self.dev.with_card(|c| c.sim().cycles);
        self.card
            .apply(&sc.cfg)
            .and_then(|_| self.card.enable(true))
            .map_err(|e| format!("scenario {}: programming: {e}", sc.index))?;
        if self.p.tamper {
            use macsec_model::regmap::secy::TX_SCI_LO;
            let io = self.card.device();
            io.read32(TX_SCI_LO.offset)
                .and_then(|v| io.write32(TX_SCI_LO.offset, v ^ 1))
                .map_err(|e| format!("scenario {}: tampering: {e}", sc.index))?;
        }
        let mut golden = sc
            .cfg
            .build(Backend::Ring)
            .map_err(|e| format!("scenario {}: {e}", sc.index))?;
        let fixed = self.p.size;
        let gaps = fixed.is_none() && rng.gen_bool(0.5);
        let holds = fixed.is_none() && rng.gen_bool(0.3);
        // The traffic and what the golden model does with it, in order.
        let mut egress = Vec::with_capacity(ne);
        let mut e_gaps = Vec::with_capacity(ne);
        for _ in 0..ne {
            let f = egress_frame(sc, rng, fixed);
            let (e, c) = egress_expect(&mut golden, f);
            rep.coverage
                .egress(sc.suite, sc.protection, c, e.input.len());
            egress.push(e);
            e_gaps.push(if gaps && rng.gen_bool(0.3) {
                rng.gen_range(1..40)
            } else {
                0
            });
        }
        let mut ingress = Vec::with_capacity(ni);
        let mut i_gaps = Vec::with_capacity(ni);
        let mut wire: Vec<Vec<u8>> = Vec::with_capacity(ni);
        for _ in 0..ni {
            let (w, fault) = ingress_frame(sc, rng, fixed, &wire);
            wire.push(w.clone());
            let (e, c) = ingress_expect(&mut golden, self.card, w);
            rep.coverage
                .ingress(sc.suite, sc.protection, c, e.input.len(), fault);
            ingress.push(e);
            i_gaps.push(if gaps && rng.gen_bool(0.3) {
                rng.gen_range(1..40)
            } else {
                0
            });
        }
        let e_hold = holds.then(|| hold_pattern(rng));
        let i_hold = holds.then(|| hold_pattern(rng));
        let window = self.window;
        let (e_out, i_out, e_acc, i_acc, t0, drained, vcd, secs) = self.dev.with_card(|c| {
            let s = c.sim();
            s.e_accepted.clear();
            s.i_accepted.clear();
            s.e_hold = e_hold;
            s.i_hold = i_hold;
            for (e, g) in egress.iter().zip(&e_gaps) {
                s.idle_egress(*g);
                s.send_egress(&e.input);
            }
            for (e, g) in ingress.iter().zip(&i_gaps) {
                s.idle_ingress(*g);
                s.send_ingress(&e.input);
            }
            let t0 = s.cycles;
            let beats: usize = egress
                .iter()
                .chain(&ingress)
                .map(|e| e.input.len() / 16 + 4)
                .sum();
            // Far more than the traffic needs even with every output held half the time.
            let limit =
                t0 + 4 * beats as u64 + 4 * (e_gaps.len() + i_gaps.len()) as u64 * 40 + 2000;
            let t = std::time::Instant::now();
            let mut drained = [None, None];
            let mut vcd = Vec::new();
            while (s.egress_done() < ne || s.ingress_done() < ni) && s.cycles < limit {
                if let Some(w) = window {
                    let rel = s.cycles - begin;
                    if rel >= w.from && rel < w.to && !s.recording_vcd() {
                        s.start_vcd();
                    }
                    if rel >= w.to && s.recording_vcd() {
                        vcd = s.take_vcd();
                    }
                }
                s.tick();
                if drained[0].is_none() && s.egress_pending() == 0 {
                    drained[0] = Some(s.cycles);
                }
                if drained[1].is_none() && s.ingress_pending() == 0 {
                    drained[1] = Some(s.cycles);
                }
            }
            let secs = t.elapsed().as_secs_f64();
            if window.is_some() && s.recording_vcd() {
                vcd = s.take_vcd();
            }
            s.e_hold = None;
            s.i_hold = None;
            let e_out: Vec<OutFrame> = std::iter::from_fn(|| s.egress_out()).collect();
            let i_out: Vec<OutFrame> = std::iter::from_fn(|| s.ingress_out()).collect();
            let e_acc: Vec<u64> = s.e_accepted.drain(..).collect();
            let i_acc: Vec<u64> = s.i_accepted.drain(..).collect();
            (e_out, i_out, e_acc, i_acc, t0, drained, vcd, secs)
        });
        rep.stream_seconds += secs;
        if window.is_some() {
            rep.vcd = vcd;
        }
        let now = self.dev.with_card(|c| c.sim().cycles);
        rep.stream_cycles += now - t0;
        for (dir, exp, out, acc, flow, held, end) in [
            (
                "egress",
                &egress,
                &e_out,
                &e_acc,
                &mut rep.egress,
                holds,
                drained[0],
            ),
            (
                "ingress",
                &ingress,
                &i_out,
                &i_acc,
                &mut rep.ingress,
                holds,
                drained[1],
            ),
        ] {
            if exp.is_empty() {
                continue;
            }
            flow.octets += exp.iter().map(|e| e.input.len() as u64).sum::<u64>();
            flow.cycles += end.unwrap_or(now) - t0;
            for (i, e) in exp.iter().enumerate() {
                let start = acc.get(i).copied().unwrap_or(now);
                let o = out.get(i);
                let window = (
                    start.saturating_sub(begin),
                    o.map_or(now, |o| o.last) - begin,
                );
                if let Some(o) = o {
                    if !held {
                        let l = o.first - start;
                        flow.latency = Some(flow.latency.map_or(l, |m| m.min(l)));
                    }
                }
                if let Some(what) = judge(e, o) {
                    rep.mismatches.push(Mismatch {
                        scenario: sc.index,
                        direction: dir,
                        frame: i,
                        what,
                        input: e.input.clone(),
                        want: e.data.clone(),
                        got: o.map(|o| o.data.clone()),
                        cycles: window,
                    });
                }
            }
            if out.len() > exp.len() {
                rep.mismatches.push(Mismatch {
                    scenario: sc.index,
                    direction: dir,
                    frame: exp.len(),
                    what: format!("{} frames left for {} sent", out.len(), exp.len()),
                    input: Vec::new(),
                    want: None,
                    got: out.get(exp.len()).map(|o| o.data.clone()),
                    cycles: (0, now - begin),
                });
            }
        }
        let got = self
            .card
            .counters()
            .map_err(|e| format!("scenario {}: reading counters: {e}", sc.index))?;
        let want = golden_counters(&golden, self.card, &got);
        rep.counters_compared += got.len() as u64;
        for (k, v) in &got {
            if want.get(k) != Some(v) {
                rep.mismatches.push(Mismatch {
                    scenario: sc.index,
                    direction: "counter",
                    frame: 0,
                    what: format!(
                        "{k}: engine {v}, golden {}",
                        want.get(k).copied().unwrap_or(0)
                    ),
                    input: Vec::new(),
                    want: None,
                    got: None,
                    cycles: (0, now - begin),
                });
            }
        }
        Ok(())
    }
}

/// What is wrong with the frame that left (None: it is what the golden model says).
fn judge(e: &Expect, o: Option<&OutFrame>) -> Option<String> {
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
