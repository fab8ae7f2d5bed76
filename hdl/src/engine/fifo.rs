//! A first-word-fall-through FIFO of beats (four data lanes, a byte mask and three flags), used
//! for the cipher cores' output, their tags and the per-frame descriptors that travel beside the
//! data. It also reports the octet count of the head beat (its mask is a run of leading ones).
//! A leaf with a hand-written Verilog body; the depth is a power of two fixed per instance.

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
    _q: std::collections::VecDeque<Entry>,
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
            } else {
                // A push into a full FIFO is lost (the writers keep credits; the tests check).
                let full = self._q.len() == self._depth;
                if self.r_pop.val() {
                    self._q.pop_front();
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
        let h = self._q.front().copied();
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
        self.count.next = (self._q.len() as u64).into();
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
        Verilog::Custom(format!(
            "reg [146:0] mem [0:{dm}];
reg [{abm}:0] rp, wp;
reg [7:0] n;
wire [146:0] head = mem[rp];
integer i;
always @(posedge clock) begin
  if (reset) begin
    rp <= {ab}'d0; wp <= {ab}'d0; n <= 8'd0;
  end else begin
    if (w_valid & (n != 8'd{d})) begin
      mem[wp] <= {{w_sop, w_eop, w_aad, w_mask, w_d0, w_d1, w_d2, w_d3}};
      wp <= wp + {ab}'d1;
    end
    if (r_pop & (n != 8'd0)) rp <= rp + {ab}'d1;
    n <= n + ((w_valid & (n != 8'd{d})) ? 8'd1 : 8'd0) - ((r_pop & (n != 8'd0)) ? 8'd1 : 8'd0);
  end
end
always @(*) begin
  r_valid = (n != 8'd0);
  {{r_sop, r_eop, r_aad, r_mask, r_d0, r_d1, r_d2, r_d3}} = (n != 8'd0) ? head : 147'd0;
  r_n = 5'd0;
  for (i = 0; i < 16; i = i + 1) r_n = r_n + {{4'd0, r_mask[i]}};
  count = n;
end
",
            dm = d - 1,
            abm = ab - 1,
        ))
    }
}
