//! The receive counter bank. Its SecY counters are registers (each with its own adder and
//! enable: a frame moves up to four of them at once). Its SC and SA counters — 8 packet and 2
//! octet counters per SC, 5 per SA (in 8 words) — live in three memories shaped for block RAM: written and
//! read only at clock edges, each an increment pipeline of two stages and a copy for the CSR
//! read port.
//!
//! - **Increment.** A frame's event reads its counter's word at the edge of its cycle (stage
//!   A); the cycle after, the sum is formed and written back at the next edge (stage B). When
//!   stage B's counter is the one written at the edge stage A read it, the written value is
//!   taken instead of the memory's (it read the word before that write).
//! - **Clears** (an SA or SC installed or removed, a new cipher suite, reset) set a counter's
//!   "reads as zero" bit, as before. An SA's or SC's clear acts one edge after the window's
//!   command, as the events act one edge after the frame's decision (both registered at the
//!   bank's input), so they keep the order they came in; a reset acts at once. A clear wins over a write-back at the same edge, and kills
//!   an event whose stage A is at that edge (the event, like the old one-cycle increment, then
//!   counts before the clear and is cleared with it).
//! - **CSR reads.** Each memory has a second copy, written with the first, whose read port
//!   follows COUNTERS.SEL's next value: at each edge it reads the counter SEL will select, so the
//!   read register holds it, as of that edge, when SEL does. A read of CNT_LO the cycle after
//!   SEL is written sees it. A counter's value there trails its events (registered at the
//!   ingress, `ev_reg.rs`) by the pipeline (two edges), which no host can tell from traffic
//!   still in flight.
//!
//! The Rust below keeps each counter's value (a cleared one as 0) and the pending stage-B
//! increments: the same values at every read, which the Verilator and Icarus runs check.

use crate::engine::params::{SA_BITS, SC_BITS};
use macsec_hdl_derive::SettleBlock;
use macsec_model::regmap::counters::window as cw;
use rust_hdl::prelude::*;

use super::counters::{layout, out64, rx_sa_id, rx_sc_id, slot, RX_SA, RX_SC, SECY};
use super::params::{ANS, AN_BITS, RX_SAS, RX_SCS};

mod verilog;

/// Packet counters per SC in the packet memory, octet counters per SC in the octet memory,
/// counters per SA.
pub(super) const SC_PKTS: usize = 8;
pub(super) const SC_OCTS: usize = 2;
pub(super) const SA_CNTS: usize = 5;
/// Words per SA in the SA memory: the counters padded to a power of two, so an SA's word is
/// its index and the counter's slot side by side (no multiply in the address, and an SA's or
/// SC's clear is a compare of the address's high bits). The block RAM is as deep either way.
pub(super) const SA_STRIDE: usize = 8;
const _: () = assert!(SA_STRIDE.is_power_of_two() && SA_STRIDE >= SA_CNTS);

/// The three memories.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mem {
    ScPkts,
    ScOcts,
    Sa,
}

#[derive(SettleBlock, Default, Debug)]
pub struct RxCounters {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub clear: Signal<In, Bit>,
    pub ev: Signal<In, Bit>,
    pub ev_counter: Signal<In, Bits<4>>,
    /// The frame's SC was found (its counters move) / its SA exists (its counters move).
    pub ev_sc_hit: Signal<In, Bit>,
    pub ev_sc: Signal<In, Bits<SC_BITS>>,
    pub ev_sa_hit: Signal<In, Bit>,
    pub ev_an: Signal<In, Bits<AN_BITS>>,
    /// 1: InOctetsValidated, 2: InOctetsDecrypted.
    pub ev_oct_kind: Signal<In, Bits<2>>,
    pub ev_octets: Signal<In, Bits<16>>,
    pub ev_unknown_sci: Signal<In, Bit>,
    pub ev_no_sci: Signal<In, Bit>,
    /// Clear receive SC `clr_slot` and its SAs / SA `clr_index` / every receive SA (the SC
    /// slot an input of its own, so no select sits in front of `clr_index`).
    pub clr_sc: Signal<In, Bit>,
    pub clr_sa: Signal<In, Bit>,
    pub clr_index: Signal<In, Bits<SA_BITS>>,
    pub clr_slot: Signal<In, Bits<SC_BITS>>,
    pub clr_all_sa: Signal<In, Bit>,
    /// The selection (COUNTERS.SEL's scope and id; the SC and SA counters' index is read from
    /// SEL's value after this edge, which the CSR copies follow).
    pub r_scope: Signal<In, Bits<4>>,
    pub r_id: Signal<In, Bits<8>>,
    pub sel_next: Signal<In, Bits<32>>,
    pub r_lo: Signal<Out, Bits<32>>,
    pub r_hi: Signal<Out, Bits<32>>,
    /// SecY: InPkts by RxCounter, InOctetsValidated, InOctetsDecrypted, InPktsUnknownSCI,
    /// InPktsNoSCI.
    _secy: [u64; 16],
    _sc_pkts: Vec<u64>,
    _sc_octs: Vec<u64>,
    _sa: Vec<u64>,
    /// Stage B: (memory, word, increment) of each memory's pending write-back.
    _pending: [Option<(usize, u64)>; 3],
    /// The SC or SA counter SEL selected at the last edge (0 for any other selection).
    _read: u64,
    /// The clears of the last edge (clr_sc, clr_sa, clr_index, clr_slot, clr_all_sa), which act
    /// at this one: registered like the events (`ev_reg.rs`), so the two keep their order.
    _clr: Clears,
}

#[derive(Clone, Copy, Default, Debug)]
struct Clears {
    sc: bool,
    sa: bool,
    index: usize,
    slot: usize,
    all_sa: bool,
}

impl RxCounters {
    pub fn new() -> RxCounters {
        RxCounters {
            _sc_pkts: vec![0; SC_PKTS * RX_SCS],
            _sc_octs: vec![0; SC_OCTS * RX_SCS],
            _sa: vec![0; SA_STRIDE * RX_SAS],
            ..Default::default()
        }
    }

    fn mem(&mut self, m: Mem) -> &mut Vec<u64> {
        match m {
            Mem::ScPkts => &mut self._sc_pkts,
            Mem::ScOcts => &mut self._sc_octs,
            Mem::Sa => &mut self._sa,
        }
    }

    /// Whether this edge's clears hide word `a` of memory `m`.
    fn cleared(&self, m: Mem, a: usize) -> bool {
        let Clears {
            sc: clr_sc,
            sa: clr_sa,
            index: ci,
            slot: sc,
            all_sa,
        } = self._clr;
        match m {
            Mem::ScPkts => clr_sc && a / SC_PKTS == sc,
            Mem::ScOcts => clr_sc && a / SC_OCTS == sc,
            Mem::Sa => {
                all_sa || (clr_sa && a / SA_STRIDE == ci) || (clr_sc && a / (ANS * SA_STRIDE) == sc)
            }
        }
    }

    /// The SC or SA counter a SEL value selects: (memory, word).
    fn selected(sel: u32) -> Option<(Mem, usize)> {
        let (scope, index, id) = (
            cw::SEL_SCOPE.get(sel),
            cw::SEL_INDEX.get(sel) as usize,
            cw::SEL_ID.get(sel) as usize,
        );
        let l = layout();
        match scope {
            RX_SC if index < RX_SCS => slot(&l.rx_sc, id).map(|i| {
                if i < SC_PKTS {
                    (Mem::ScPkts, SC_PKTS * index + i)
                } else {
                    (Mem::ScOcts, SC_OCTS * index + i - SC_PKTS)
                }
            }),
            RX_SA if index < RX_SAS => slot(&l.rx_sa, id).map(|i| (Mem::Sa, SA_STRIDE * index + i)),
            _ => None,
        }
    }

    fn edge(&mut self) {
        // The CSR copies' read, before anything this edge writes.
        let read = Self::selected(self.sel_next.val().to_u32());
        self._read = read.map_or(0, |(m, a)| self.mem(m)[a]);
        let latched = Clears {
            sc: self.clr_sc.val(),
            sa: self.clr_sa.val(),
            index: self.clr_index.val().index(),
            slot: self.clr_slot.val().index(),
            all_sa: self.clr_all_sa.val(),
        };
        if self.clear.val() {
            self._clr = Clears::default();
            self._secy = [0; 16];
            self._sc_pkts.iter_mut().for_each(|x| *x = 0);
            self._sc_octs.iter_mut().for_each(|x| *x = 0);
            self._sa.iter_mut().for_each(|x| *x = 0);
            self._pending = [None; 3];
            return;
        }
        // Stage B: the pending increments written back.
        for (k, m) in [Mem::ScPkts, Mem::ScOcts, Mem::Sa].into_iter().enumerate() {
            if let Some((a, inc)) = self._pending[k].take() {
                let v = &mut self.mem(m)[a];
                *v = v.wrapping_add(inc);
            }
        }
        // Stage A: this cycle's event.
        let mut next = [None; 3];
        if self.ev.val() {
            let c = self.ev_counter.val().index() as u32;
            let sc = self.ev_sc.val().index();
            let sa = 4 * sc + self.ev_an.val().index();
            let oct = self.ev_octets.val().index() as u64;
            let kind = self.ev_oct_kind.val().index();
            let sc_hit = self.ev_sc_hit.val();
            if c < 12 {
                self._secy[c as usize] += 1;
            }
            if kind == 1 || kind == 2 {
                self._secy[11 + kind] += oct;
                if sc_hit {
                    next[1] = Some((SC_OCTS * sc + kind - 1, oct));
                }
            }
            self._secy[14] += self.ev_unknown_sci.val() as u64;
            self._secy[15] += self.ev_no_sci.val() as u64;
            if let (true, Some(i)) = (sc_hit, rx_sc_id(c)) {
                next[0] = Some((SC_PKTS * sc + i, 1));
            }
            if let (true, true, Some(i)) = (sc_hit, self.ev_sa_hit.val(), rx_sa_id(c)) {
                next[2] = Some((SA_STRIDE * sa + i, 1));
            }
        }
        // Clears: after the write-backs, and an event they cover is cleared with its counter.
        // (Looked at only in a cycle with a clear: this runs every cycle of a simulation.)
        let any = self._clr.sc || self._clr.sa || self._clr.all_sa;
        for (k, m) in [Mem::ScPkts, Mem::ScOcts, Mem::Sa].into_iter().enumerate() {
            if any {
                for a in 0..self.mem(m).len() {
                    if self.cleared(m, a) {
                        self.mem(m)[a] = 0;
                    }
                }
            }
            self._pending[k] = next[k].filter(|&(a, _)| !(any && self.cleared(m, a)));
        }
        self._clr = latched;
    }
}

impl Logic for RxCounters {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            self.edge();
        }
        let v = match self.r_scope.val().index() as u32 {
            SECY => slot(&layout().rx_secy, self.r_id.val().index()).map_or(0, |i| self._secy[i]),
            RX_SC | RX_SA => self._read,
            _ => 0,
        };
        out64(&mut self.r_lo, &mut self.r_hi, v);
    }

    fn connect(&mut self) {
        self.r_lo.connect();
        self.r_hi.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(verilog::verilog())
    }
}
