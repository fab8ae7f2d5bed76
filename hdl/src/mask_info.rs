//! A byte mask (bit 15 is octet 0, the valid octets leading) as lane masks and an octet count.

use rust_hdl::prelude::*;

use crate::lanes::lane_masks;

#[derive(LogicBlock, Default, Debug)]
pub struct MaskInfo {
    pub mask: Signal<In, Bits<16>>,
    pub m0: Signal<Out, Bits<32>>,
    pub m1: Signal<Out, Bits<32>>,
    pub m2: Signal<Out, Bits<32>>,
    pub m3: Signal<Out, Bits<32>>,
    /// Octets in the beat (0..=16), 32 bits wide for the length counters.
    pub nbytes: Signal<Out, Bits<32>>,
}

impl Logic for MaskInfo {
    fn update(&mut self) {
        let m = self.mask.val().index() as u16;
        let l = lane_masks(m);
        self.m0.next = (l[0] as u64).into();
        self.m1.next = (l[1] as u64).into();
        self.m2.next = (l[2] as u64).into();
        self.m3.next = (l[3] as u64).into();
        self.nbytes.next = (m.count_ones() as u64).into();
    }

    fn connect(&mut self) {
        self.m0.connect();
        self.m1.connect();
        self.m2.connect();
        self.m3.connect();
        self.nbytes.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(
            "integer i;
reg [31:0] n;
always @(*) begin
  for (i = 0; i < 4; i = i + 1) begin
    m0[31 - 8*i -: 8] = mask[15 - i] ? 8'hff : 8'h00;
    m1[31 - 8*i -: 8] = mask[11 - i] ? 8'hff : 8'h00;
    m2[31 - 8*i -: 8] = mask[7 - i] ? 8'hff : 8'h00;
    m3[31 - 8*i -: 8] = mask[3 - i] ? 8'hff : 8'h00;
  end
  n = 32'd0;
  for (i = 0; i < 16; i = i + 1) n = n + {31'd0, mask[i]};
  nbytes = n;
end
"
            .into(),
        )
    }
}
