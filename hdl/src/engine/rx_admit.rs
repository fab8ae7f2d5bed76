//! The ingress input FIFO: the MAC side is never back-pressured. A MAC hands over a beat on
//! every cycle it has one and cannot wait, so the engine takes every beat and, when it cannot
//! keep up (the host holds the output, a frame waits for an earlier one's PN), drops whole
//! frames and counts them InPktsOverrun (802.1AE-2018 10.7.9):
//! - a frame whose first beat finds less than two free entries (or no room for its mark) is not
//!   written at all; `overrun` pulses on the next cycle and the drop waits in `pend` until the
//!   counters have a free cycle (the back's decisions go first);
//! - a frame already started keeps one entry in hand: when the FIFO would fill before the
//!   frame's last beat, the beat that takes the last entry is written as the frame's end with the
//!   abort mark (`aad`), the rest of the frame is dropped, and the back counts the frame
//!   InPktsOverrun and drops it (the mark goes to it beside the pipeline, one per frame).
//!
//! `room` says a frame's start would be taken now: a source that can wait (the simulated card's
//! DMA, a test) may hold a frame's beats while it is low and lose nothing.
//!
//! A leaf with a hand-written Verilog body (a composite of a `BeatFifo` and a mark FIFO cost the
//! whole engine's simulation 8 %): the beat memory is shaped as `BeatFifo`'s, for block RAM,
//! with the same timing (a beat into an empty FIFO shows at the head two edges later); the
//! marks are one bit each, in LUT RAM, read asynchronously.

use std::collections::VecDeque;

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use super::fifo::Entry;

/// Input FIFO beats (block RAM): with the head queue behind it, about 1,150 octets of slack.
pub const ADMIT_DEPTH: usize = 64;
/// Frames between the input FIFO and the back's decision (their overrun marks).
pub const ADMIT_FRAMES: usize = 128;

/// The write side's state: between frames, in a frame being written, dropping a frame's rest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum St {
    #[default]
    Idle,
    InFrame,
    Dropping,
}

#[derive(SettleBlock, Default, Debug)]
pub struct RxAdmit {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub in_valid: Signal<In, Bit>,
    pub in_sop: Signal<In, Bit>,
    pub in_eop: Signal<In, Bit>,
    pub in_mask: Signal<In, Bits<16>>,
    pub in_d0: Signal<In, Bits<32>>,
    pub in_d1: Signal<In, Bits<32>>,
    pub in_d2: Signal<In, Bits<32>>,
    pub in_d3: Signal<In, Bits<32>>,
    /// A frame starting now would be taken (from registers only).
    pub room: Signal<Out, Bit>,
    /// A frame was dropped at its first beat on the last edge.
    pub overrun: Signal<Out, Bit>,
    pub r_valid: Signal<Out, Bit>,
    pub r_sop: Signal<Out, Bit>,
    pub r_eop: Signal<Out, Bit>,
    pub r_mask: Signal<Out, Bits<16>>,
    pub r_d0: Signal<Out, Bits<32>>,
    pub r_d1: Signal<Out, Bits<32>>,
    pub r_d2: Signal<Out, Bits<32>>,
    pub r_d3: Signal<Out, Bits<32>>,
    pub r_pop: Signal<In, Bit>,
    /// The next frame's mark: cut short by an overrun.
    pub f_valid: Signal<Out, Bit>,
    pub f_abort: Signal<Out, Bit>,
    pub f_pop: Signal<In, Bit>,
    /// Frames dropped at their start and not yet counted; `p_take` counts one.
    pub p_valid: Signal<Out, Bit>,
    pub p_take: Signal<In, Bit>,
    /// The beats in the memory, the head register, the marks, the write side, the drops.
    _q: VecDeque<Entry>,
    _head: Option<Entry>,
    _marks: VecDeque<bool>,
    _st: St,
    _pend: u16,
    _ov: bool,
}

impl RxAdmit {
    fn held(&self) -> usize {
        self._q.len() + self._head.is_some() as usize
    }

    /// Room for a frame's start: its first beat, the entry kept for its end, and a mark.
    fn start_ok(&self) -> bool {
        ADMIT_DEPTH - self.held() >= 2 && self._marks.len() < ADMIT_FRAMES
    }

    fn edge(&mut self) {
        let free = ADMIT_DEPTH - self.held();
        let (sop, eop) = (self.in_sop.val(), self.in_eop.val());
        let (mut write, mut w_eop, mut abort, mut drop) = (false, eop, false, false);
        let mut st = self._st;
        if self.in_valid.val() {
            if sop {
                write = self.start_ok();
                drop = !write;
                st = match (eop, write) {
                    (true, _) => St::Idle,
                    (false, true) => St::InFrame,
                    (false, false) => St::Dropping,
                };
            } else if self._st == St::InFrame {
                write = true;
                if eop {
                    st = St::Idle;
                } else if free < 2 {
                    // The entry kept in hand: this beat ends the frame, marked.
                    (w_eop, abort, st) = (true, true, St::Dropping);
                }
            } else if eop {
                // The end of a dropped frame (or a stray beat outside any frame: dropped).
                st = St::Idle;
            }
        }
        // The beat memory and its head register, as in `BeatFifo`.
        let full = self.held() == ADMIT_DEPTH;
        let pop = self.r_pop.val() && self._head.is_some();
        if !self._q.is_empty() && (self._head.is_none() || pop) {
            self._head = self._q.pop_front();
        } else if pop {
            self._head = None;
        }
        if write && !full {
            self._q.push_back(Entry {
                sop,
                eop: w_eop,
                aad: false,
                mask: self.in_mask.val().index() as u16,
                d: [&self.in_d0, &self.in_d1, &self.in_d2, &self.in_d3].map(|x| x.val().to_u32()),
            });
        }
        let marks_full = self._marks.len() == ADMIT_FRAMES;
        if self.f_pop.val() && !self._marks.is_empty() {
            self._marks.pop_front();
        }
        if write && w_eop && !marks_full {
            self._marks.push_back(abort);
        }
        // Drops at a frame's start, until the counters take them (16 bits: the back decides at
        // most one frame a cycle, and only frames that were taken).
        let take = self.p_take.val() && self._pend != 0;
        if drop && !take && self._pend != u16::MAX {
            self._pend += 1;
        } else if !drop && take {
            self._pend -= 1;
        }
        self._st = st;
        self._ov = drop;
    }
}

impl Logic for RxAdmit {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            if self.reset.val() {
                self._q.clear();
                self._head = None;
                self._marks.clear();
                self._st = St::Idle;
                self._pend = 0;
                self._ov = false;
            } else {
                self.edge();
            }
        }
        self.room.next = self.start_ok();
        self.overrun.next = self._ov;
        let h = self._head.unwrap_or_default();
        self.r_valid.next = self._head.is_some();
        self.r_sop.next = h.sop;
        self.r_eop.next = h.eop;
        self.r_mask.next = (h.mask as u64).into();
        self.r_d0.next = (h.d[0] as u64).into();
        self.r_d1.next = (h.d[1] as u64).into();
        self.r_d2.next = (h.d[2] as u64).into();
        self.r_d3.next = (h.d[3] as u64).into();
        self.f_valid.next = !self._marks.is_empty();
        self.f_abort.next = self._marks.front().copied().unwrap_or(false);
        self.p_valid.next = self._pend != 0;
    }

    fn connect(&mut self) {
        self.room.connect();
        self.overrun.connect();
        self.r_valid.connect();
        self.r_sop.connect();
        self.r_eop.connect();
        self.r_mask.connect();
        self.r_d0.connect();
        self.r_d1.connect();
        self.r_d2.connect();
        self.r_d3.connect();
        self.f_valid.connect();
        self.f_abort.connect();
        self.p_valid.connect();
    }

    fn hdl(&self) -> Verilog {
        // The beat memory alone in an always block, written and read at the edge (block RAM,
        // `q` its output register), as in `BeatFifo`; the marks in LUT RAM; the pointers,
        // counts, state and drops reset.
        Verilog::Custom(format!(
            "(* ram_style = \"block\" *) reg [145:0] mem [0:{dm}];
reg [145:0] q;
reg qv;
reg [{abm}:0] rp, wp;
reg [7:0] n, m;
(* ram_style = \"distributed\" *) reg marks [0:{fm}];
reg [{fbm}:0] frp, fwp;
reg [7:0] fcount;
reg [1:0] st, st_d;
reg [15:0] pend;
reg ov;
reg write, w_eop, w_abort, drop;
wire [7:0] free = 8'd{d} - n;
wire start_ok = (free >= 8'd2) & (fcount < 8'd{f});
wire pop = r_pop & qv;
wire rd = (m != 8'd0) & (~qv | pop);
wire wr = write & (n != 8'd{d});
wire fpop = f_pop & (fcount != 8'd0);
wire fwr = write & w_eop & (fcount != 8'd{f});
wire take = p_take & (pend != 16'd0);
always @(*) begin
  write = 1'b0; w_eop = in_eop; w_abort = 1'b0; drop = 1'b0; st_d = st;
  if (in_valid) begin
    if (in_sop) begin
      write = start_ok;
      drop = ~start_ok;
      st_d = in_eop ? 2'd0 : (start_ok ? 2'd1 : 2'd2);
    end else if (st == 2'd1) begin
      write = 1'b1;
      if (in_eop) st_d = 2'd0;
      else if (free < 8'd2) begin
        w_eop = 1'b1; w_abort = 1'b1; st_d = 2'd2;
      end
    end else if (in_eop) st_d = 2'd0;
  end
end
always @(posedge clock) begin
  if (wr) mem[wp] <= {{in_sop, w_eop, in_mask, in_d0, in_d1, in_d2, in_d3}};
  if (rd) q <= mem[rp];
end
always @(posedge clock) begin
  if (fwr) marks[fwp] <= w_abort;
end
always @(posedge clock) begin
  if (reset) begin
    rp <= {ab}'d0; wp <= {ab}'d0; n <= 8'd0; m <= 8'd0; qv <= 1'b0;
    frp <= {fb}'d0; fwp <= {fb}'d0; fcount <= 8'd0;
    st <= 2'd0; pend <= 16'd0; ov <= 1'b0;
  end else begin
    if (wr) wp <= wp + {ab}'d1;
    if (rd) rp <= rp + {ab}'d1;
    qv <= rd | (qv & ~pop);
    m <= m + (wr ? 8'd1 : 8'd0) - (rd ? 8'd1 : 8'd0);
    n <= n + (wr ? 8'd1 : 8'd0) - (pop ? 8'd1 : 8'd0);
    if (fwr) fwp <= fwp + {fb}'d1;
    if (fpop) frp <= frp + {fb}'d1;
    fcount <= fcount + (fwr ? 8'd1 : 8'd0) - (fpop ? 8'd1 : 8'd0);
    st <= st_d;
    ov <= drop;
    if (drop & ~take & (pend != 16'hFFFF)) pend <= pend + 16'd1;
    else if (~drop & take) pend <= pend - 16'd1;
  end
end
always @(*) begin
  room = start_ok;
  overrun = ov;
  r_valid = qv;
  {{r_sop, r_eop, r_mask, r_d0, r_d1, r_d2, r_d3}} = qv ? q : 146'd0;
  f_valid = (fcount != 8'd0);
  f_abort = (fcount != 8'd0) & marks[frp];
  p_valid = (pend != 16'd0);
end
",
            d = ADMIT_DEPTH,
            dm = ADMIT_DEPTH - 1,
            ab = ADMIT_DEPTH.trailing_zeros(),
            abm = ADMIT_DEPTH.trailing_zeros() - 1,
            f = ADMIT_FRAMES,
            fm = ADMIT_FRAMES - 1,
            fb = ADMIT_FRAMES.trailing_zeros(),
            fbm = ADMIT_FRAMES.trailing_zeros() - 1,
        ))
    }
}
