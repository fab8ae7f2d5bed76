//! The AXI top: [`MacsecEngine`] with an AXI4-Lite slave on its CSR bus and its four streaming
//! ports as AXI4-Stream. Top module `macsec_engine_axi` in the exported Verilog. `aresetn` is
//! active low and synchronous, as AXI's; it does what the native `reset` pin does. The stream
//! ports' start-of-frame trackers reset with the datapaths (the pin, or CONTROL.RESET), as the
//! engine's own pipelines do: after a reset the next beat on a slave port starts a frame.
//! Interrupts are the native ones, passed through.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use super::axil::AxiLiteSlave;
use super::lanes::{AxisToLanes, LanesToAxis};
use super::TUSER_BITS;
use crate::engine::reset_decode::ResetDecode;
use crate::engine::top::MacsecEngine;

#[derive(SettleBlock, Debug, Default)]
pub struct MacsecEngineAxi {
    _settle: crate::dff::SettleState,
    pub aclk: Signal<In, Clock>,
    pub aresetn: Signal<In, Bit>,
    pub s_axil_awaddr: Signal<In, Bits<12>>,
    pub s_axil_awvalid: Signal<In, Bit>,
    pub s_axil_awready: Signal<Out, Bit>,
    pub s_axil_wdata: Signal<In, Bits<32>>,
    pub s_axil_wstrb: Signal<In, Bits<4>>,
    pub s_axil_wvalid: Signal<In, Bit>,
    pub s_axil_wready: Signal<Out, Bit>,
    pub s_axil_bresp: Signal<Out, Bits<2>>,
    pub s_axil_bvalid: Signal<Out, Bit>,
    pub s_axil_bready: Signal<In, Bit>,
    pub s_axil_araddr: Signal<In, Bits<12>>,
    pub s_axil_arvalid: Signal<In, Bit>,
    pub s_axil_arready: Signal<Out, Bit>,
    pub s_axil_rdata: Signal<Out, Bits<32>>,
    pub s_axil_rresp: Signal<Out, Bits<2>>,
    pub s_axil_rvalid: Signal<Out, Bit>,
    pub s_axil_rready: Signal<In, Bit>,
    pub irq_set: Signal<In, Bits<32>>,
    pub irq: Signal<Out, Bit>,
    pub irq_msg: Signal<Out, Bit>,
    /// Egress: host frames in, protected frames out to the MAC.
    pub s_axis_tx_tdata: Signal<In, Bits<128>>,
    pub s_axis_tx_tkeep: Signal<In, Bits<16>>,
    pub s_axis_tx_tlast: Signal<In, Bit>,
    pub s_axis_tx_tvalid: Signal<In, Bit>,
    pub s_axis_tx_tready: Signal<Out, Bit>,
    pub m_axis_tx_tdata: Signal<Out, Bits<128>>,
    pub m_axis_tx_tkeep: Signal<Out, Bits<16>>,
    pub m_axis_tx_tlast: Signal<Out, Bit>,
    pub m_axis_tx_tuser: Signal<Out, Bits<TUSER_BITS>>,
    pub m_axis_tx_tvalid: Signal<Out, Bit>,
    pub m_axis_tx_tready: Signal<In, Bit>,
    /// Ingress: frames from the MAC in, validated frames out to the host.
    pub s_axis_rx_tdata: Signal<In, Bits<128>>,
    pub s_axis_rx_tkeep: Signal<In, Bits<16>>,
    pub s_axis_rx_tlast: Signal<In, Bit>,
    pub s_axis_rx_tvalid: Signal<In, Bit>,
    pub s_axis_rx_tready: Signal<Out, Bit>,
    pub m_axis_rx_tdata: Signal<Out, Bits<128>>,
    pub m_axis_rx_tkeep: Signal<Out, Bits<16>>,
    pub m_axis_rx_tlast: Signal<Out, Bit>,
    pub m_axis_rx_tuser: Signal<Out, Bits<TUSER_BITS>>,
    pub m_axis_rx_tvalid: Signal<Out, Bit>,
    pub m_axis_rx_tready: Signal<In, Bit>,
    /// Advisory: a frame starting now would be taken (`s_axis_rx_tready` is always high: the
    /// ingress never back-pressures the MAC, it drops whole frames and counts InPktsOverrun).
    pub rx_room: Signal<Out, Bit>,
    /// Pulses for a frame dropped at its first beat.
    pub rx_overrun: Signal<Out, Bit>,
    reset: Signal<Local, Bit>,
    axil: AxiLiteSlave,
    rst: ResetDecode,
    engine: MacsecEngine,
    tx_in: AxisToLanes,
    tx_out: LanesToAxis,
    rx_in: AxisToLanes,
    rx_out: LanesToAxis,
}

impl MacsecEngineAxi {
    pub fn new() -> MacsecEngineAxi {
        MacsecEngineAxi {
            axil: AxiLiteSlave::new(),
            engine: MacsecEngine::new(),
            ..Default::default()
        }
    }
}

impl Logic for MacsecEngineAxi {
    #[hdl_gen]
    fn update(&mut self) {
        self.reset.next = !self.aresetn.val();
        self.axil.clock.next = self.aclk.val();
        self.axil.reset.next = self.reset.val();
        self.engine.clock.next = self.aclk.val();
        self.engine.reset.next = self.reset.val();
        self.tx_in.clock.next = self.aclk.val();
        self.rx_in.clock.next = self.aclk.val();
        // CSR: AXI4-Lite onto the native bus.
        self.axil.awaddr.next = self.s_axil_awaddr.val();
        self.axil.awvalid.next = self.s_axil_awvalid.val();
        self.s_axil_awready.next = self.axil.awready.val();
        self.axil.wdata.next = self.s_axil_wdata.val();
        self.axil.wstrb.next = self.s_axil_wstrb.val();
        self.axil.wvalid.next = self.s_axil_wvalid.val();
        self.s_axil_wready.next = self.axil.wready.val();
        self.s_axil_bresp.next = self.axil.bresp.val();
        self.s_axil_bvalid.next = self.axil.bvalid.val();
        self.axil.bready.next = self.s_axil_bready.val();
        self.axil.araddr.next = self.s_axil_araddr.val();
        self.axil.arvalid.next = self.s_axil_arvalid.val();
        self.s_axil_arready.next = self.axil.arready.val();
        self.s_axil_rdata.next = self.axil.rdata.val();
        self.s_axil_rresp.next = self.axil.rresp.val();
        self.s_axil_rvalid.next = self.axil.rvalid.val();
        self.axil.rready.next = self.s_axil_rready.val();
        self.engine.addr.next = self.axil.csr_addr.val();
        self.engine.wdata.next = self.axil.csr_wdata.val();
        self.engine.we.next = self.axil.csr_we.val();
        self.engine.re.next = self.axil.csr_re.val();
        self.axil.csr_rdata.next = self.engine.rdata.val();
        self.rst.reset.next = self.reset.val();
        self.rst.we.next = self.axil.csr_we.val();
        self.rst.addr.next = self.axil.csr_addr.val();
        self.rst.wdata.next = self.axil.csr_wdata.val();
        self.engine.irq_set.next = self.irq_set.val();
        self.irq.next = self.engine.irq.val();
        self.irq_msg.next = self.engine.irq_msg.val();
        // Egress.
        self.tx_in.reset.next = self.rst.datapath_reset.val();
        self.tx_in.tdata.next = self.s_axis_tx_tdata.val();
        self.tx_in.tkeep.next = self.s_axis_tx_tkeep.val();
        self.tx_in.tlast.next = self.s_axis_tx_tlast.val();
        self.tx_in.tvalid.next = self.s_axis_tx_tvalid.val();
        self.tx_in.tready.next = self.engine.e_in_ready.val();
        self.s_axis_tx_tready.next = self.engine.e_in_ready.val();
        self.engine.e_in_valid.next = self.s_axis_tx_tvalid.val();
        self.engine.e_in_sop.next = self.tx_in.sop.val();
        self.engine.e_in_eop.next = self.s_axis_tx_tlast.val();
        self.engine.e_in_mask.next = self.tx_in.mask.val();
        self.engine.e_in_d0.next = self.tx_in.d0.val();
        self.engine.e_in_d1.next = self.tx_in.d1.val();
        self.engine.e_in_d2.next = self.tx_in.d2.val();
        self.engine.e_in_d3.next = self.tx_in.d3.val();
        self.tx_out.mask.next = self.engine.e_out_mask.val();
        self.tx_out.d0.next = self.engine.e_out_d0.val();
        self.tx_out.d1.next = self.engine.e_out_d1.val();
        self.tx_out.d2.next = self.engine.e_out_d2.val();
        self.tx_out.d3.next = self.engine.e_out_d3.val();
        self.tx_out.status.next = self.engine.e_out_status.val();
        self.tx_out.pn_lo.next = self.engine.e_out_pn_lo.val();
        self.tx_out.pn_hi.next = self.engine.e_out_pn_hi.val();
        self.m_axis_tx_tdata.next = self.tx_out.tdata.val();
        self.m_axis_tx_tkeep.next = self.tx_out.tkeep.val();
        self.m_axis_tx_tuser.next = self.tx_out.tuser.val();
        self.m_axis_tx_tlast.next = self.engine.e_out_eop.val();
        self.m_axis_tx_tvalid.next = self.engine.e_out_valid.val();
        self.engine.e_out_ready.next = self.m_axis_tx_tready.val();
        // Ingress.
        self.rx_in.reset.next = self.rst.datapath_reset.val();
        self.rx_in.tdata.next = self.s_axis_rx_tdata.val();
        self.rx_in.tkeep.next = self.s_axis_rx_tkeep.val();
        self.rx_in.tlast.next = self.s_axis_rx_tlast.val();
        self.rx_in.tvalid.next = self.s_axis_rx_tvalid.val();
        self.rx_in.tready.next = true;
        self.s_axis_rx_tready.next = true;
        self.rx_room.next = self.engine.i_in_room.val();
        self.rx_overrun.next = self.engine.i_overrun.val();
        self.engine.i_in_valid.next = self.s_axis_rx_tvalid.val();
        self.engine.i_in_sop.next = self.rx_in.sop.val();
        self.engine.i_in_eop.next = self.s_axis_rx_tlast.val();
        self.engine.i_in_mask.next = self.rx_in.mask.val();
        self.engine.i_in_d0.next = self.rx_in.d0.val();
        self.engine.i_in_d1.next = self.rx_in.d1.val();
        self.engine.i_in_d2.next = self.rx_in.d2.val();
        self.engine.i_in_d3.next = self.rx_in.d3.val();
        self.rx_out.mask.next = self.engine.i_out_mask.val();
        self.rx_out.d0.next = self.engine.i_out_d0.val();
        self.rx_out.d1.next = self.engine.i_out_d1.val();
        self.rx_out.d2.next = self.engine.i_out_d2.val();
        self.rx_out.d3.next = self.engine.i_out_d3.val();
        self.rx_out.status.next = self.engine.i_out_status.val();
        self.rx_out.pn_lo.next = self.engine.i_out_pn_lo.val();
        self.rx_out.pn_hi.next = self.engine.i_out_pn_hi.val();
        self.m_axis_rx_tdata.next = self.rx_out.tdata.val();
        self.m_axis_rx_tkeep.next = self.rx_out.tkeep.val();
        self.m_axis_rx_tuser.next = self.rx_out.tuser.val();
        self.m_axis_rx_tlast.next = self.engine.i_out_eop.val();
        self.m_axis_rx_tvalid.next = self.engine.i_out_valid.val();
        self.engine.i_out_ready.next = self.m_axis_rx_tready.val();
    }
}
