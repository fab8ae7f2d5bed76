//! A combinational GF(2^128) multiplier (GHASH's field), four lanes per operand. The simulation
//! recomputes only when an operand changes: the settle loop calls it many times per cycle.

use rust_hdl::prelude::*;

use crate::gf;

#[derive(LogicBlock, Default, Debug)]
pub struct GfMul {
    pub a0: Signal<In, Bits<32>>,
    pub a1: Signal<In, Bits<32>>,
    pub a2: Signal<In, Bits<32>>,
    pub a3: Signal<In, Bits<32>>,
    pub b0: Signal<In, Bits<32>>,
    pub b1: Signal<In, Bits<32>>,
    pub b2: Signal<In, Bits<32>>,
    pub b3: Signal<In, Bits<32>>,
    pub p0: Signal<Out, Bits<32>>,
    pub p1: Signal<Out, Bits<32>>,
    pub p2: Signal<Out, Bits<32>>,
    pub p3: Signal<Out, Bits<32>>,
    _last: (u128, u128, u128),
}

impl Logic for GfMul {
    fn update(&mut self) {
        let a = gf::from_lanes([&self.a0, &self.a1, &self.a2, &self.a3].map(|x| x.val().to_u32()));
        let b = gf::from_lanes([&self.b0, &self.b1, &self.b2, &self.b3].map(|x| x.val().to_u32()));
        if (a, b) != (self._last.0, self._last.1) {
            self._last = (a, b, gf::mul(a, b));
        }
        let p = gf::to_lanes(self._last.2);
        self.p0.next = (p[0] as u64).into();
        self.p1.next = (p[1] as u64).into();
        self.p2.next = (p[2] as u64).into();
        self.p3.next = (p[3] as u64).into();
    }

    fn connect(&mut self) {
        self.p0.connect();
        self.p1.connect();
        self.p2.connect();
        self.p3.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(format!(
            "{}always @(*) {{p0, p1, p2, p3}} = gf_mul({{a0, a1, a2, a3}}, {{b0, b1, b2, b3}});\n",
            gf::verilog_function()
        ))
    }
}
