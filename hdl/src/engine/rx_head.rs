//! The ingress input queue, showing two beats: the front keeps one beat in hand so that when the
//! last beat shows up it knows which 16 octets are the ICV. It may take one or two beats at a
//! time.
//!
//! Beside the beats, a queue of SecTAGs: the octets 4..27 of each frame (its first two beats;
//! zeros for the second when the frame ends in its first), written as the beats come in and
//! taken when the frame starts. The front's SC, SA and PN lookup reads the next frame's SecTAG
//! from here while the frame ahead of it still streams, so the decision can take several
//! cycles without a gap between frames. A frame's beats stay in the queue until they stream,
//! so the queue never holds more SecTAGs than beats.
//! A leaf with a hand-written Verilog body.

use std::collections::VecDeque;

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use super::fifo::Entry;

const DEPTH: usize = 8;

/// A frame's SecTAG octets: lanes 1..3 of its first beat, 0..2 of its second; whether it ends
/// in its first beat, and then that beat's octets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tag {
    b0: [u32; 3],
    b1: [u32; 3],
    eop: bool,
    n: u8,
}

#[derive(SettleBlock, Default, Debug)]
pub struct RxHead {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub in_valid: Signal<In, Bit>,
    pub in_ready: Signal<Out, Bit>,
    pub in_sop: Signal<In, Bit>,
    pub in_eop: Signal<In, Bit>,
    pub in_mask: Signal<In, Bits<16>>,
    pub in_d0: Signal<In, Bits<32>>,
    pub in_d1: Signal<In, Bits<32>>,
    pub in_d2: Signal<In, Bits<32>>,
    pub in_d3: Signal<In, Bits<32>>,
    pub h_valid: Signal<Out, Bit>,
    pub h_sop: Signal<Out, Bit>,
    pub h_eop: Signal<Out, Bit>,
    pub h_n: Signal<Out, Bits<5>>,
    pub h_d0: Signal<Out, Bits<32>>,
    pub h_d1: Signal<Out, Bits<32>>,
    pub h_d2: Signal<Out, Bits<32>>,
    pub h_d3: Signal<Out, Bits<32>>,
    pub x_valid: Signal<Out, Bit>,
    pub x_eop: Signal<Out, Bit>,
    pub x_n: Signal<Out, Bits<5>>,
    pub x_d0: Signal<Out, Bits<32>>,
    pub x_d1: Signal<Out, Bits<32>>,
    pub x_d2: Signal<Out, Bits<32>>,
    pub x_d3: Signal<Out, Bits<32>>,
    /// Take the head beat / the head and the next beat.
    pub pop: Signal<In, Bit>,
    pub pop2: Signal<In, Bit>,
    /// The SecTAG of the next frame to start, and taking it (at the frame's start).
    pub t_valid: Signal<Out, Bit>,
    pub t_b0d1: Signal<Out, Bits<32>>,
    pub t_b0d2: Signal<Out, Bits<32>>,
    pub t_b0d3: Signal<Out, Bits<32>>,
    pub t_b1d0: Signal<Out, Bits<32>>,
    pub t_b1d1: Signal<Out, Bits<32>>,
    pub t_b1d2: Signal<Out, Bits<32>>,
    pub t_eop: Signal<Out, Bit>,
    pub t_n: Signal<Out, Bits<5>>,
    pub t_pop: Signal<In, Bit>,
    _q: VecDeque<Entry>,
    _tags: VecDeque<Tag>,
    /// The first beat of a frame whose second has not come in yet (lanes 1..3).
    _half: Option<[u32; 3]>,
}

impl Logic for RxHead {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            if self.reset.val() {
                self._q.clear();
                self._tags.clear();
                self._half = None;
            } else {
                let full = self._q.len() == DEPTH;
                let n = if self.pop2.val() {
                    2
                } else {
                    self.pop.val() as usize
                };
                for _ in 0..n.min(self._q.len()) {
                    self._q.pop_front();
                }
                if self.t_pop.val() {
                    self._tags.pop_front();
                }
                if self.in_valid.val() && !full {
                    let d = [&self.in_d0, &self.in_d1, &self.in_d2, &self.in_d3]
                        .map(|x| x.val().to_u32());
                    if self.in_sop.val() && self.in_eop.val() {
                        self._tags.push_back(Tag {
                            b0: [d[1], d[2], d[3]],
                            b1: [0; 3],
                            eop: true,
                            n: self.in_mask.val().index().count_ones() as u8,
                        });
                        self._half = None;
                    } else if self.in_sop.val() {
                        self._half = Some([d[1], d[2], d[3]]);
                    } else if let Some(b0) = self._half.take() {
                        self._tags.push_back(Tag {
                            b0,
                            b1: [d[0], d[1], d[2]],
                            eop: false,
                            n: 0,
                        });
                    }
                    self._q.push_back(Entry {
                        sop: self.in_sop.val(),
                        eop: self.in_eop.val(),
                        aad: false,
                        mask: self.in_mask.val().index() as u16,
                        d,
                    });
                }
            }
        }
        let h = self._q.front().copied();
        let x = self._q.get(1).copied();
        let (he, xe) = (h.unwrap_or_default(), x.unwrap_or_default());
        self.in_ready.next = self._q.len() < DEPTH;
        self.h_valid.next = h.is_some();
        self.h_sop.next = he.sop;
        self.h_eop.next = he.eop;
        self.h_n.next = (he.mask.count_ones() as u64).into();
        self.h_d0.next = (he.d[0] as u64).into();
        self.h_d1.next = (he.d[1] as u64).into();
        self.h_d2.next = (he.d[2] as u64).into();
        self.h_d3.next = (he.d[3] as u64).into();
        self.x_valid.next = x.is_some();
        self.x_eop.next = xe.eop;
        self.x_n.next = (xe.mask.count_ones() as u64).into();
        self.x_d0.next = (xe.d[0] as u64).into();
        self.x_d1.next = (xe.d[1] as u64).into();
        self.x_d2.next = (xe.d[2] as u64).into();
        self.x_d3.next = (xe.d[3] as u64).into();
        let t = self._tags.front().copied();
        let te = t.unwrap_or_default();
        self.t_valid.next = t.is_some();
        self.t_b0d1.next = (te.b0[0] as u64).into();
        self.t_b0d2.next = (te.b0[1] as u64).into();
        self.t_b0d3.next = (te.b0[2] as u64).into();
        self.t_b1d0.next = (te.b1[0] as u64).into();
        self.t_b1d1.next = (te.b1[1] as u64).into();
        self.t_b1d2.next = (te.b1[2] as u64).into();
        self.t_eop.next = te.eop;
        self.t_n.next = (te.n as u64).into();
    }

    fn connect(&mut self) {
        self.in_ready.connect();
        self.h_valid.connect();
        self.h_sop.connect();
        self.h_eop.connect();
        self.h_n.connect();
        self.h_d0.connect();
        self.h_d1.connect();
        self.h_d2.connect();
        self.h_d3.connect();
        self.x_valid.connect();
        self.x_eop.connect();
        self.x_n.connect();
        self.x_d0.connect();
        self.x_d1.connect();
        self.x_d2.connect();
        self.x_d3.connect();
        self.t_valid.connect();
        self.t_b0d1.connect();
        self.t_b0d2.connect();
        self.t_b0d3.connect();
        self.t_b1d0.connect();
        self.t_b1d1.connect();
        self.t_b1d2.connect();
        self.t_eop.connect();
        self.t_n.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(format!(
            "// A beat and its octet count (counted on the way in, not on the read path):
// {{n, sop, eop, d0..d3}} (only the mask's count is read).
reg [134:0] mem [0:{dm}];
reg [2:0] rp, wp;
reg [3:0] n;
wire full = (n == 4'd{d});
wire [3:0] npop = pop2 ? ((n >= 4'd2) ? 4'd2 : n) : ((pop & (n != 4'd0)) ? 4'd1 : 4'd0);
wire push = in_valid & ~full;
wire [134:0] hd = mem[rp];
// The index in a wire of its own: its width is what makes it wrap.
wire [2:0] rp1 = rp + 3'd1;
wire [134:0] xd = mem[rp1];
// The SecTAG queue: {{eop, n, first beat's lanes 1..3, second beat's lanes 0..2}}.
reg [197:0] tmem [0:{dm}];
reg [2:0] trp, twp;
reg [3:0] tn;
reg half;
reg [95:0] hb;
wire [4:0] in_n = {in_n};
wire tpush = push & (in_sop ? in_eop : half);
wire [197:0] tword = in_sop ? {{1'b1, in_n, in_d1, in_d2, in_d3, 96'd0}}
                            : {{1'b0, 5'd0, hb, in_d0, in_d1, in_d2}};
wire tpop = t_pop & (tn != 4'd0);
wire [197:0] td = tmem[trp];
always @(posedge clock) begin
  if (reset) begin
    trp <= 3'd0; twp <= 3'd0; tn <= 4'd0; half <= 1'b0; hb <= 96'd0;
  end else begin
    if (tpush) begin
      tmem[twp] <= tword;
      twp <= twp + 3'd1;
    end
    if (push) begin
      half <= in_sop & ~in_eop;
      if (in_sop) hb <= {{in_d1, in_d2, in_d3}};
    end
    trp <= trp + (tpop ? 3'd1 : 3'd0);
    tn <= tn + (tpush ? 4'd1 : 4'd0) - (tpop ? 4'd1 : 4'd0);
  end
end
always @(posedge clock) begin
  if (reset) begin
    rp <= 3'd0; wp <= 3'd0; n <= 4'd0;
  end else begin
    rp <= rp + npop[2:0];
    if (push) begin
      mem[wp] <= {{in_n, in_sop, in_eop, in_d0, in_d1, in_d2, in_d3}};
      wp <= wp + 3'd1;
    end
    n <= n + (push ? 4'd1 : 4'd0) - npop;
  end
end
always @(*) begin
  in_ready = ~full;
  h_valid = (n != 4'd0);
  {{h_sop, h_eop}} = (n != 4'd0) ? hd[129:128] : 2'd0;
  {{h_d0, h_d1, h_d2, h_d3}} = (n != 4'd0) ? hd[127:0] : 128'd0;
  x_valid = (n >= 4'd2);
  x_eop = (n >= 4'd2) ? xd[128] : 1'b0;
  {{x_d0, x_d1, x_d2, x_d3}} = (n >= 4'd2) ? xd[127:0] : 128'd0;
  t_valid = (tn != 4'd0);
  {{t_eop, t_n, t_b0d1, t_b0d2, t_b0d3, t_b1d0, t_b1d1, t_b1d2}} = (tn != 4'd0) ? td : 198'd0;
  h_n = (n != 4'd0) ? hd[134:130] : 5'd0;
  x_n = (n >= 4'd2) ? xd[134:130] : 5'd0;
end
",
            d = DEPTH,
            dm = DEPTH - 1,
            in_n = super::adders::popcount("in_mask", 0, 16, 5),
        ))
    }
}
