//! The datapaths' reset: the reset pin, or a CSR write of CONTROL with RESET set. The control
//! plane returns to its reset values at the edge of that write; the egress and ingress
//! pipelines reset at the same edge, so no frame from before a reset leaves the engine, moves
//! a counter or holds an SA's in-flight count after it.
//!
//! A leaf of its own, decoding the engine's pins, rather than an output of the control block:
//! that block's outputs depend on the datapaths' outputs, and a reset from it into them would
//! close a combinational loop (Verilator's UNOPTFLAT).

use macsec_hdl_derive::SettleBlock;
use macsec_model::regmap::card as c;
use rust_hdl::prelude::*;

#[derive(SettleBlock, Default, Debug)]
pub struct ResetDecode {
    _settle: crate::dff::SettleState,
    pub reset: Signal<In, Bit>,
    pub we: Signal<In, Bit>,
    pub addr: Signal<In, Bits<12>>,
    pub wdata: Signal<In, Bits<32>>,
    pub datapath_reset: Signal<Out, Bit>,
}

impl Logic for ResetDecode {
    fn update(&mut self) {
        let word = self.addr.val().index() as u32 & !3;
        let control = self.we.val()
            && word == c::CONTROL.offset
            && c::CONTROL_RESET.get(self.wdata.val().to_u32()) != 0;
        self.datapath_reset.next = self.reset.val() || control;
    }

    fn connect(&mut self) {
        self.datapath_reset.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(format!(
            "always @(*) datapath_reset = reset | (we & (addr[11:2] == 10'h{:03x}) & wdata[{}]);\n\
             /* verilator lint_off UNUSEDSIGNAL */ wire _unused = &{{1'b0, addr[1:0], wdata}}; /* verilator lint_on UNUSEDSIGNAL */  // only CONTROL.RESET of a word write is decoded here\n",
            c::CONTROL.offset >> 2,
            c::CONTROL_RESET.lsb
        ))
    }
}
