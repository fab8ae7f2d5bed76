//! The ingress input queue, showing two beats: the front of the ingress reads a frame's SecTAG
//! from its first two beats, and keeps one beat in hand so that when the last beat shows up it
//! knows which 16 octets are the ICV. It may take one or two beats at a time.
//! A leaf with a hand-written Verilog body.

use std::collections::VecDeque;

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use super::fifo::Entry;

const DEPTH: usize = 8;

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
    _q: VecDeque<Entry>,
}

impl Logic for RxHead {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            if self.reset.val() {
                self._q.clear();
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
                if self.in_valid.val() && !full {
                    self._q.push_back(Entry {
                        sop: self.in_sop.val(),
                        eop: self.in_eop.val(),
                        aad: false,
                        mask: self.in_mask.val().index() as u16,
                        d: [&self.in_d0, &self.in_d1, &self.in_d2, &self.in_d3]
                            .map(|x| x.val().to_u32()),
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
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(format!(
            "reg [145:0] mem [0:{dm}];
reg [2:0] rp, wp;
reg [3:0] n;
wire full = (n == 4'd{d});
wire [3:0] npop = pop2 ? ((n >= 4'd2) ? 4'd2 : n) : ((pop & (n != 4'd0)) ? 4'd1 : 4'd0);
wire push = in_valid & ~full;
wire [145:0] hd = mem[rp];
// The index in a wire of its own: its width is what makes it wrap.
wire [2:0] rp1 = rp + 3'd1;
wire [145:0] xd = mem[rp1];
integer i;
always @(posedge clock) begin
  if (reset) begin
    rp <= 3'd0; wp <= 3'd0; n <= 4'd0;
  end else begin
    rp <= rp + npop[2:0];
    if (push) begin
      mem[wp] <= {{in_sop, in_eop, in_mask, in_d0, in_d1, in_d2, in_d3}};
      wp <= wp + 3'd1;
    end
    n <= n + (push ? 4'd1 : 4'd0) - npop;
  end
end
always @(*) begin
  in_ready = ~full;
  h_valid = (n != 4'd0);
  {{h_sop, h_eop}} = (n != 4'd0) ? hd[145:144] : 2'd0;
  {{h_d0, h_d1, h_d2, h_d3}} = (n != 4'd0) ? hd[127:0] : 128'd0;
  x_valid = (n >= 4'd2);
  x_eop = (n >= 4'd2) ? xd[144] : 1'b0;
  {{x_d0, x_d1, x_d2, x_d3}} = (n >= 4'd2) ? xd[127:0] : 128'd0;
  h_n = 5'd0;
  x_n = 5'd0;
  for (i = 0; i < 16; i = i + 1) begin
    h_n = h_n + {{4'd0, (n != 4'd0) & hd[128 + i]}};
    x_n = x_n + {{4'd0, (n >= 4'd2) & xd[128 + i]}};
  end
end
",
            d = DEPTH,
            dm = DEPTH - 1,
        ))
    }
}
