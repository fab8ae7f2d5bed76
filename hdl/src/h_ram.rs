//! RAMs of 128-bit entries (four 32-bit words) behind a 7-bit address, written at the clock
//! edge. [`QuadRam`] reads combinationally: the SAs' key identifiers of the CSR block
//! (`engine::key_id_ram::KeyIdRam`); addresses past its last entry read zeros and are not
//! written. [`HRam`] holds the hash subkeys H, one per key slot, written when the key's H block
//! leaves the AES pipeline, and reads through a register (block RAM's shape): the address is the
//! key slot of the block one stage before the pipeline's output, so the read is ready when that
//! block reaches the GHASH stage. An entry written at the same edge is read as written (a
//! bypass), so the GHASH stage sees what an immediate read after the write would.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::aes_pipeline::{KEYS, KEY_BITS};

#[derive(SettleBlock, Default, Debug)]
pub struct QuadRam {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub we: Signal<In, Bit>,
    pub waddr: Signal<In, Bits<KEY_BITS>>,
    pub w0: Signal<In, Bits<32>>,
    pub w1: Signal<In, Bits<32>>,
    pub w2: Signal<In, Bits<32>>,
    pub w3: Signal<In, Bits<32>>,
    pub raddr: Signal<In, Bits<KEY_BITS>>,
    pub r0: Signal<Out, Bits<32>>,
    pub r1: Signal<Out, Bits<32>>,
    pub r2: Signal<Out, Bits<32>>,
    pub r3: Signal<Out, Bits<32>>,
    _mem: Vec<[u32; 4]>,
}

impl QuadRam {
    /// One entry per key slot.
    pub fn new() -> Self {
        Self::with_entries(KEYS)
    }

    /// `entries` entries, at most 2^7.
    pub fn with_entries(entries: usize) -> Self {
        QuadRam {
            _mem: vec![[0; 4]; entries.min(KEYS)],
            ..Default::default()
        }
    }
}

impl Logic for QuadRam {
    fn update(&mut self) {
        let n = self._mem.len();
        if self.clock.pos_edge() && self.we.val() && self.waddr.val().index() < n {
            self._mem[self.waddr.val().index()] =
                [&self.w0, &self.w1, &self.w2, &self.w3].map(|x| x.val().to_u32());
        }
        let r = self
            ._mem
            .get(self.raddr.val().index())
            .copied()
            .unwrap_or([0; 4]);
        self.r0.next = (r[0] as u64).into();
        self.r1.next = (r[1] as u64).into();
        self.r2.next = (r[2] as u64).into();
        self.r3.next = (r[3] as u64).into();
    }

    fn connect(&mut self) {
        self.r0.connect();
        self.r1.connect();
        self.r2.connect();
        self.r3.connect();
    }

    fn hdl(&self) -> Verilog {
        let m = self._mem.len() - 1;
        // The address check only where the address can pass the last entry (a comparison that
        // is always true is a lint warning).
        let (w, r) = if m + 1 < KEYS {
            (
                format!("if (we && waddr <= 7'd{m})"),
                format!("(raddr <= 7'd{m}) ? mem[raddr] : 128'd0"),
            )
        } else {
            ("if (we)".to_string(), "mem[raddr]".to_string())
        };
        Verilog::Custom(format!(
            "reg [127:0] mem [0:{m}];
integer i;
initial for (i = 0; i <= {m}; i = i + 1) mem[i] = 128'd0;
always @(posedge clock) {w} mem[waddr] <= {{w0, w1, w2, w3}};
always @(*) {{r0, r1, r2, r3}} = {r};
"
        ))
    }
}

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
