//! A first-word-fall-through FIFO of beats (four data lanes, a byte mask and three flags), used
//! for the cipher cores' output, their tags and the per-frame descriptors that travel beside the
//! data. It also reports the octet count of the head beat (its mask is a run of leading ones).
//! A leaf with a hand-written Verilog body; the depth is a power of two fixed per instance.
//!
//! Shaped for block RAM: the memory is only written and read at clock edges (no asynchronous
//! read), and the head beat is the memory's read register. At an edge the head is loaded from
//! the memory when the memory holds a beat and the head is empty or being popped; so a beat
//! written into an empty FIFO shows at the head two edges later (one to write, one to read),
//! and a FIFO with beats in its memory gives one a cycle. `count` is every beat held, the head's
//! included; the depth bounds it, so a writer's credits are those of the FIFO's depth.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    pub sop: bool,
    pub eop: bool,
    pub aad: bool,
    pub mask: u16,
    pub d: [u32; 4],
}

#[derive(SettleBlock, Default, Debug)]
pub struct BeatFifo {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub w_valid: Signal<In, Bit>,
    pub w_sop: Signal<In, Bit>,
    pub w_eop: Signal<In, Bit>,
    pub w_aad: Signal<In, Bit>,
    pub w_mask: Signal<In, Bits<16>>,
    pub w_d0: Signal<In, Bits<32>>,
    pub w_d1: Signal<In, Bits<32>>,
    pub w_d2: Signal<In, Bits<32>>,
    pub w_d3: Signal<In, Bits<32>>,
    pub r_pop: Signal<In, Bit>,
    pub r_valid: Signal<Out, Bit>,
    pub r_sop: Signal<Out, Bit>,
    pub r_eop: Signal<Out, Bit>,
    pub r_aad: Signal<Out, Bit>,
    pub r_mask: Signal<Out, Bits<16>>,
    pub r_n: Signal<Out, Bits<5>>,
    pub r_d0: Signal<Out, Bits<32>>,
    pub r_d1: Signal<Out, Bits<32>>,
    pub r_d2: Signal<Out, Bits<32>>,
    pub r_d3: Signal<Out, Bits<32>>,
    pub count: Signal<Out, Bits<8>>,
    /// The beats in the memory, and the head register.
    _q: std::collections::VecDeque<Entry>,
    _head: Option<Entry>,
    _depth: usize,
}

impl BeatFifo {
    /// A FIFO of `depth` entries (a power of two, 2 to 128).
    pub fn new(depth: usize) -> BeatFifo {
        assert!(depth.is_power_of_two() && (2..=128).contains(&depth));
        BeatFifo {
            _q: std::collections::VecDeque::with_capacity(depth),
            _depth: depth,
            ..Default::default()
        }
    }

    pub fn depth(&self) -> usize {
        self._depth
    }
}

impl Logic for BeatFifo {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            if self.reset.val() {
                self._q.clear();
                self._head = None;
            } else {
                // A push into a full FIFO is lost (the writers keep credits; the tests check).
                let held = self._q.len() + self._head.is_some() as usize;
                let full = held == self._depth;
                let pop = self.r_pop.val() && self._head.is_some();
                let read = !self._q.is_empty() && (self._head.is_none() || pop);
                if read {
                    self._head = self._q.pop_front();
                } else if pop {
                    self._head = None;
                }
                if self.w_valid.val() && !full {
                    self._q.push_back(Entry {
                        sop: self.w_sop.val(),
                        eop: self.w_eop.val(),
                        aad: self.w_aad.val(),
                        mask: self.w_mask.val().index() as u16,
                        d: [&self.w_d0, &self.w_d1, &self.w_d2, &self.w_d3]
                            .map(|x| x.val().to_u32()),
                    });
                }
            }
        }
        let h = self._head;
        let e = h.unwrap_or_default();
        self.r_valid.next = h.is_some();
        self.r_sop.next = e.sop;
        self.r_eop.next = e.eop;
        self.r_aad.next = e.aad;
        self.r_mask.next = (e.mask as u64).into();
        self.r_n.next = (e.mask.count_ones() as u64).into();
        self.r_d0.next = (e.d[0] as u64).into();
        self.r_d1.next = (e.d[1] as u64).into();
        self.r_d2.next = (e.d[2] as u64).into();
        self.r_d3.next = (e.d[3] as u64).into();
        self.count.next = ((self._q.len() + h.is_some() as usize) as u64).into();
    }

    fn connect(&mut self) {
        self.r_valid.connect();
        self.r_sop.connect();
        self.r_eop.connect();
        self.r_aad.connect();
        self.r_mask.connect();
        self.r_n.connect();
        self.r_d0.connect();
        self.r_d1.connect();
        self.r_d2.connect();
        self.r_d3.connect();
        self.count.connect();
    }

    fn hdl(&self) -> Verilog {
        let d = self._depth;
        let ab = d.trailing_zeros();
        // The memory alone in its own always block, written and read at the edge (what a
        // synthesis tool maps to block RAM, `q` its output register); the pointers, counts and
        // the head's valid bit reset. `ram_style`: at 32 deep a tool would otherwise take LUT
        // RAM, which the engine's budget keeps for nothing this wide.
        Verilog::Custom(format!(
            "(* ram_style = \"block\" *) reg [146:0] mem [0:{dm}];
reg [146:0] q;
reg qv;
reg [{abm}:0] rp, wp;
reg [7:0] n, m;
wire pop = r_pop & qv;
wire rd = (m != 8'd0) & (~qv | pop);
wire wr = w_valid & (n != 8'd{d});
always @(posedge clock) begin
  if (wr) mem[wp] <= {{w_sop, w_eop, w_aad, w_mask, w_d0, w_d1, w_d2, w_d3}};
  if (rd) q <= mem[rp];
end
always @(posedge clock) begin
  if (reset) begin
    rp <= {ab}'d0; wp <= {ab}'d0; n <= 8'd0; m <= 8'd0; qv <= 1'b0;
  end else begin
    if (wr) wp <= wp + {ab}'d1;
    if (rd) rp <= rp + {ab}'d1;
    qv <= rd | (qv & ~pop);
    m <= m + (wr ? 8'd1 : 8'd0) - (rd ? 8'd1 : 8'd0);
    n <= n + (wr ? 8'd1 : 8'd0) - (pop ? 8'd1 : 8'd0);
  end
end
always @(*) begin
  r_valid = qv;
  {{r_sop, r_eop, r_aad, r_mask, r_d0, r_d1, r_d2, r_d3}} = qv ? q : 147'd0;
  r_n = {r_n};
  count = n;
end
",
            dm = d - 1,
            abm = ab - 1,
            r_n = super::adders::popcount("r_mask", 0, 16, 5),
        ))
    }
}
