//! The SAs' key identifiers (128 bits each, not secret): what the TX_SA and RX_SA entries hold
//! beside their key slot so the host can tell the same key from a new one without reading keys.
//! Entries 0..63 are the receive SAs (SC slot × 4 + AN), 64..67 the transmit SAs (AN). Written
//! when an SA is installed, read by the window's read command; an entry means something only
//! while its SA is valid (the control block reads zeros otherwise), so it needs no reset.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

/// Entries: 64 receive SAs and 4 transmit SAs.
pub const ENTRIES: usize = 68;

#[derive(SettleBlock, Default, Debug)]
pub struct KeyIdRam {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub we: Signal<In, Bit>,
    pub waddr: Signal<In, Bits<7>>,
    pub w0: Signal<In, Bits<32>>,
    pub w1: Signal<In, Bits<32>>,
    pub w2: Signal<In, Bits<32>>,
    pub w3: Signal<In, Bits<32>>,
    pub raddr: Signal<In, Bits<7>>,
    pub r0: Signal<Out, Bits<32>>,
    pub r1: Signal<Out, Bits<32>>,
    pub r2: Signal<Out, Bits<32>>,
    pub r3: Signal<Out, Bits<32>>,
    _mem: Vec<[u32; 4]>,
}

impl KeyIdRam {
    pub fn new() -> Self {
        KeyIdRam {
            _mem: vec![[0; 4]; ENTRIES],
            ..Default::default()
        }
    }
}

impl Logic for KeyIdRam {
    fn update(&mut self) {
        if self.clock.pos_edge() && self.we.val() && self.waddr.val().index() < ENTRIES {
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
        // Addresses past the last entry read zeros and are not written, as in `update`.
        Verilog::Custom(format!(
            "reg [127:0] mem [0:{m}];
integer i;
initial for (i = 0; i <= {m}; i = i + 1) mem[i] = 128'd0;
always @(posedge clock) if (we && waddr <= 7'd{m}) mem[waddr] <= {{w0, w1, w2, w3}};
always @(*) {{r0, r1, r2, r3}} = (raddr <= 7'd{m}) ? mem[raddr] : 128'd0;
",
            m = ENTRIES - 1
        ))
    }
}
