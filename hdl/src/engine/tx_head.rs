//! The egress input queue with a four-beat look-ahead. The SecTAG goes out in the first beat of a
//! protected frame, and its short length (SL, 9.7) and the too-short check depend on the frame's
//! length, known only at its end. Frames of less than 64 octets fit in four beats, so a frame's
//! first beat is released once its last beat or its fourth beat has arrived, with the length
//! (exact below 64, 64 meaning "at least 64").
//! A leaf with a hand-written Verilog body.

use std::collections::VecDeque;

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use super::fifo::Entry;

const DEPTH: usize = 8;

#[derive(SettleBlock, Default, Debug)]
pub struct TxHead {
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
    /// The head frame's length, 64 for 64 octets or more (meaningful with `h_sop`).
    pub h_len: Signal<Out, Bits<7>>,
    pub h_pop: Signal<In, Bit>,
    _q: VecDeque<Entry>,
    _lens: VecDeque<u8>,
    _k: u8,
    _run: u8,
}

impl Logic for TxHead {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            if self.reset.val() {
                self._q.clear();
                self._lens.clear();
                self._k = 0;
                self._run = 0;
            } else {
                let full = self._q.len() == DEPTH;
                if self.h_pop.val() {
                    if let Some(e) = self._q.pop_front() {
                        if e.sop {
                            self._lens.pop_front();
                        }
                    }
                }
                if self.in_valid.val() && !full {
                    let e = Entry {
                        sop: self.in_sop.val(),
                        eop: self.in_eop.val(),
                        aad: false,
                        mask: self.in_mask.val().index() as u16,
                        d: [&self.in_d0, &self.in_d1, &self.in_d2, &self.in_d3]
                            .map(|x| x.val().to_u32()),
                    };
                    if e.sop {
                        self._k = 0;
                        self._run = 0;
                    }
                    let n = e.mask.count_ones() as u8;
                    self._run = (self._run + n).min(64);
                    if self._k <= 3 && e.eop {
                        self._lens.push_back(self._run);
                    } else if self._k == 3 {
                        self._lens.push_back(64);
                    }
                    self._k = (self._k + 1).min(4);
                    self._q.push_back(e);
                }
            }
        }
        let h = self._q.front().copied();
        let e = h.unwrap_or_default();
        let ok = h.is_some() && (!e.sop || !self._lens.is_empty());
        self.in_ready.next = self._q.len() < DEPTH;
        self.h_valid.next = ok;
        self.h_sop.next = e.sop;
        self.h_eop.next = e.eop;
        self.h_n.next = (e.mask.count_ones() as u64).into();
        self.h_d0.next = (e.d[0] as u64).into();
        self.h_d1.next = (e.d[1] as u64).into();
        self.h_d2.next = (e.d[2] as u64).into();
        self.h_d3.next = (e.d[3] as u64).into();
        self.h_len.next = (self._lens.front().copied().unwrap_or(0) as u64).into();
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
        self.h_len.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(format!(
            "// A beat and its octet count (counted on the way in, not on the read path):
// {{n, sop, eop, d0..d3}} (only the mask's count is read).
reg [134:0] mem [0:{dm}];
reg [6:0] lens [0:{dm}];
reg [2:0] rp, wp, lrp, lwp;
reg [3:0] n, ln;
reg [2:0] k;
reg [6:0] run;
wire [134:0] front = mem[rp];
wire full = (n == 4'd{d});
// The octets of the beat coming in, as a balanced adder tree (a loop of additions would be a
// chain of 16).
wire [4:0] cnt = {cnt};
reg [6:0] run_n;
always @(*) begin
  run_n = (in_sop ? 7'd0 : run) + {{2'd0, cnt}};
  if (run_n > 7'd64) run_n = 7'd64;
end
wire head_sop = front[129];
wire pop = h_pop & (n != 4'd0);
wire push = in_valid & ~full;
wire [2:0] kk = in_sop ? 3'd0 : k;
wire lpush = push & ((kk <= 3'd3) & in_eop | (kk == 3'd3));
always @(posedge clock) begin
  if (reset) begin
    rp <= 3'd0; wp <= 3'd0; lrp <= 3'd0; lwp <= 3'd0; n <= 4'd0; ln <= 4'd0; k <= 3'd0; run <= 7'd0;
  end else begin
    if (pop) rp <= rp + 3'd1;
    if (pop & head_sop) lrp <= lrp + 3'd1;
    if (push) begin
      mem[wp] <= {{cnt, in_sop, in_eop, in_d0, in_d1, in_d2, in_d3}};
      wp <= wp + 3'd1;
      run <= run_n;
      k <= (kk == 3'd4) ? 3'd4 : kk + 3'd1;
    end
    if (lpush) begin
      lens[lwp] <= in_eop ? run_n : 7'd64;
      lwp <= lwp + 3'd1;
    end
    n <= n + (push ? 4'd1 : 4'd0) - (pop ? 4'd1 : 4'd0);
    ln <= ln + (lpush ? 4'd1 : 4'd0) - ((pop & head_sop) ? 4'd1 : 4'd0);
  end
end
always @(*) begin
  in_ready = ~full;
  h_valid = (n != 4'd0) & (~head_sop | (ln != 4'd0));
  {{h_sop, h_eop}} = (n != 4'd0) ? front[129:128] : 2'd0;
  {{h_d0, h_d1, h_d2, h_d3}} = (n != 4'd0) ? front[127:0] : 128'd0;
  h_n = (n != 4'd0) ? front[134:130] : 5'd0;
  h_len = (ln != 4'd0) ? lens[lrp] : 7'd0;
end
",
            d = DEPTH,
            dm = DEPTH - 1,
            cnt = super::adders::popcount("in_mask", 0, 16, 5),
        ))
    }
}
