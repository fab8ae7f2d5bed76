//! The hash subkeys H, one per key slot: written when the key's H block leaves the AES
//! pipeline, read combinationally by the GHASH stage.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::aes_pipeline::{KEYS, KEY_BITS};

#[derive(SettleBlock, Default, Debug)]
pub struct HRam {
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

impl HRam {
    pub fn new() -> Self {
        HRam {
            _mem: vec![[0; 4]; KEYS],
            ..Default::default()
        }
    }
}

impl Logic for HRam {
    fn update(&mut self) {
        if self.clock.pos_edge() && self.we.val() {
            self._mem[self.waddr.val().index()] =
                [&self.w0, &self.w1, &self.w2, &self.w3].map(|x| x.val().to_u32());
        }
        let r = self._mem[self.raddr.val().index()];
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
        Verilog::Custom(format!(
            "reg [127:0] mem [0:{m}];
integer i;
initial for (i = 0; i <= {m}; i = i + 1) mem[i] = 128'd0;
always @(posedge clock) if (we) mem[waddr] <= {{w0, w1, w2, w3}};
always @(*) {{r0, r1, r2, r3}} = mem[raddr];
",
            m = KEYS - 1
        ))
    }
}
