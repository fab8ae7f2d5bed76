//! A FIFO of one-bit marks, one per frame: the ingress input FIFO writes whether it cut a frame
//! short (an overrun) when it writes the frame's last beat, and the back of the ingress takes the
//! mark when it decides that frame, so the mark needs no lane through the front and the core.
//! A leaf with a hand-written Verilog body; the depth is a power of two fixed per instance.
//!
//! One bit wide, so LUT RAM is the right memory: written at the edge, the head read
//! asynchronously (first word falls through: a mark written at an edge is at the head after it).

use std::collections::VecDeque;

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

#[derive(SettleBlock, Default, Debug)]
pub struct FlagFifo {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub w_valid: Signal<In, Bit>,
    pub w_flag: Signal<In, Bit>,
    pub r_pop: Signal<In, Bit>,
    pub r_valid: Signal<Out, Bit>,
    pub r_flag: Signal<Out, Bit>,
    /// Marks held (the depth bounds it; a writer checks it for room).
    pub count: Signal<Out, Bits<8>>,
    _q: VecDeque<bool>,
    _depth: usize,
}

impl FlagFifo {
    /// A FIFO of `depth` marks (a power of two, 2 to 128).
    pub fn new(depth: usize) -> FlagFifo {
        assert!(depth.is_power_of_two() && (2..=128).contains(&depth));
        FlagFifo {
            _q: VecDeque::with_capacity(depth),
            _depth: depth,
            ..Default::default()
        }
    }

    pub fn depth(&self) -> usize {
        self._depth
    }
}

impl Logic for FlagFifo {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            if self.reset.val() {
                self._q.clear();
            } else {
                // Room and emptiness as they stood before the edge, as in the Verilog.
                let full = self._q.len() == self._depth;
                if self.r_pop.val() && !self._q.is_empty() {
                    self._q.pop_front();
                }
                if self.w_valid.val() && !full {
                    self._q.push_back(self.w_flag.val());
                }
            }
        }
        let h = self._q.front().copied();
        self.r_valid.next = h.is_some();
        self.r_flag.next = h.unwrap_or(false);
        self.count.next = (self._q.len() as u64).into();
    }

    fn connect(&mut self) {
        self.r_valid.connect();
        self.r_flag.connect();
        self.count.connect();
    }

    fn hdl(&self) -> Verilog {
        let d = self._depth;
        let ab = d.trailing_zeros();
        Verilog::Custom(format!(
            "(* ram_style = \"distributed\" *) reg mem [0:{dm}];
reg [{abm}:0] rp, wp;
reg [7:0] n;
wire pop = r_pop & (n != 8'd0);
wire wr = w_valid & (n != 8'd{d});
always @(posedge clock) begin
  if (wr) mem[wp] <= w_flag;
end
always @(posedge clock) begin
  if (reset) begin
    rp <= {ab}'d0; wp <= {ab}'d0; n <= 8'd0;
  end else begin
    if (wr) wp <= wp + {ab}'d1;
    if (pop) rp <= rp + {ab}'d1;
    n <= n + (wr ? 8'd1 : 8'd0) - (pop ? 8'd1 : 8'd0);
  end
end
always @(*) begin
  r_valid = (n != 8'd0);
  r_flag = (n != 8'd0) & mem[rp];
  count = n;
end
",
            dm = d - 1,
            abm = ab - 1,
        ))
    }
}
