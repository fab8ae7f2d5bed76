//! A beat's metadata word unpacked: its flags, its byte mask (bit 15 is octet 0, the valid
//! octets leading) as lane masks, and its octet count.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::lanes::lane_masks;

#[derive(SettleBlock, Default, Debug)]
pub struct MaskInfo {
    _settle: crate::dff::SettleState,
    pub meta: Signal<In, Bits<32>>,
    pub mask: Signal<Out, Bits<16>>,
    /// A message beat (not an empty slot, not an H block).
    pub valid: Signal<Out, Bit>,
    pub is_h: Signal<Out, Bit>,
    pub sop: Signal<Out, Bit>,
    pub eop: Signal<Out, Bit>,
    pub aad: Signal<Out, Bit>,
    /// GHASH over the input: AAD, or a data beat being decrypted.
    pub plain: Signal<Out, Bit>,
    pub m0: Signal<Out, Bits<32>>,
    pub m1: Signal<Out, Bits<32>>,
    pub m2: Signal<Out, Bits<32>>,
    pub m3: Signal<Out, Bits<32>>,
    /// Octets in the beat (0..=16), 32 bits wide for the length counters.
    pub nbytes: Signal<Out, Bits<32>>,
}

impl Logic for MaskInfo {
    fn update(&mut self) {
        use crate::meta::{AAD, DECRYPT, EOP, IS_H, SOP, VALID};
        let w = self.meta.val().to_u32();
        let bit = |i: usize| w >> i & 1 != 0;
        self.valid.next = bit(VALID) && !bit(IS_H);
        self.is_h.next = bit(VALID) && bit(IS_H);
        self.sop.next = bit(SOP);
        self.eop.next = bit(EOP);
        self.aad.next = bit(AAD);
        self.plain.next = bit(AAD) || bit(DECRYPT);
        let m = w as u16;
        self.mask.next = (m as u64).into();
        let l = lane_masks(m);
        self.m0.next = (l[0] as u64).into();
        self.m1.next = (l[1] as u64).into();
        self.m2.next = (l[2] as u64).into();
        self.m3.next = (l[3] as u64).into();
        self.nbytes.next = (m.count_ones() as u64).into();
    }

    fn connect(&mut self) {
        self.mask.connect();
        self.valid.connect();
        self.is_h.connect();
        self.sop.connect();
        self.eop.connect();
        self.aad.connect();
        self.plain.connect();
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
  mask = meta[15:0];
  valid = meta[16] & ~meta[21];
  is_h = meta[16] & meta[21];
  sop = meta[17];
  eop = meta[18];
  aad = meta[19];
  plain = meta[19] | meta[20];
  for (i = 0; i < 4; i = i + 1) begin
    m0[31 - 8*i -: 8] = meta[15 - i] ? 8'hff : 8'h00;
    m1[31 - 8*i -: 8] = meta[11 - i] ? 8'hff : 8'h00;
    m2[31 - 8*i -: 8] = meta[7 - i] ? 8'hff : 8'h00;
    m3[31 - 8*i -: 8] = meta[3 - i] ? 8'hff : 8'h00;
  end
  n = 32'd0;
  for (i = 0; i < 16; i = i + 1) n = n + {31'd0, meta[i]};
  nbytes = n;
end
"
            .into(),
        )
    }
}
