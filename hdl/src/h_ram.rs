//! A RAM of 128-bit entries (four 32-bit words) behind a 7-bit address, written at the clock
//! edge and read through a register (block RAM's shape). An entry written at the same edge is
//! read as written (a bypass), so a reader sees what an immediate read after the write would.
//!
//! Two users: [`HRam`] holds the hash subkeys H, one per key slot, written when the key's H
//! block leaves the AES pipeline; the address is the key slot of the block one stage before the
//! pipeline's output, so the read is ready when that block reaches the GHASH stage. And the SAs'
//! key identifiers of the CSR block (`engine::key_id_ram`), 68 of the 128 entries used (the depth
//! costs nothing in block RAM, and an address check on the read data would stop it being block
//! RAM), read at the address the window's command will hold after the edge.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::aes_pipeline::{KEYS, KEY_BITS};

/// The hash subkeys H, one per key slot, with a registered read.
#[derive(SettleBlock, Default, Debug)]
pub struct HRam {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub we: Signal<In, Bit>,
    pub waddr: Signal<In, Bits<KEY_BITS>>,
    pub w0: Signal<In, Bits<32>>,
    pub w1: Signal<In, Bits<32>>,
    pub w2: Signal<In, Bits<32>>,
    pub w3: Signal<In, Bits<32>>,
    /// Read enable: the read register takes `raddr`'s entry at the edge.
    pub re: Signal<In, Bit>,
    pub raddr: Signal<In, Bits<KEY_BITS>>,
    pub r0: Signal<Out, Bits<32>>,
    pub r1: Signal<Out, Bits<32>>,
    pub r2: Signal<Out, Bits<32>>,
    pub r3: Signal<Out, Bits<32>>,
    _mem: Vec<[u32; 4]>,
    _rd: [u32; 4],
}

impl HRam {
    /// One entry per key slot.
    pub fn new() -> Self {
        HRam {
            _mem: vec![[0; 4]; KEYS],
            ..Default::default()
        }
    }
}

impl Logic for HRam {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            let w = [&self.w0, &self.w1, &self.w2, &self.w3].map(|x| x.val().to_u32());
            let we = self.we.val();
            let (wa, ra) = (self.waddr.val().index(), self.raddr.val().index());
            if self.reset.val() {
                self._rd = [0; 4];
            } else if self.re.val() {
                self._rd = if we && wa == ra { w } else { self._mem[ra] };
            }
            if we {
                self._mem[wa] = w;
            }
        }
        self.r0.next = (self._rd[0] as u64).into();
        self.r1.next = (self._rd[1] as u64).into();
        self.r2.next = (self._rd[2] as u64).into();
        self.r3.next = (self._rd[3] as u64).into();
    }

    fn connect(&mut self) {
        self.r0.connect();
        self.r1.connect();
        self.r2.connect();
        self.r3.connect();
    }

    fn hdl(&self) -> Verilog {
        let m = KEYS - 1;
        Verilog::Custom(format!(
            "reg [127:0] mem [0:{m}];
reg [127:0] rd;
integer i;
initial begin
  for (i = 0; i <= {m}; i = i + 1) mem[i] = 128'd0;
  rd = 128'd0;
end
always @(posedge clock) begin
  if (we) mem[waddr] <= {{w0, w1, w2, w3}};
  if (reset) rd <= 128'd0;
  else if (re) rd <= (we && waddr == raddr) ? {{w0, w1, w2, w3}} : mem[raddr];
end
always @(*) {{r0, r1, r2, r3}} = rd;
"
        ))
    }
}
