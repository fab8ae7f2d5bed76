//! The rust-hdl AXI top behind the [`AxiModel`] seam: pins in and out of `MacsecEngineAxi`,
//! settled with the same `simulate()` loop as the native top.

use rust_hdl::prelude::*;

use super::pins::{AxiIn, AxiModel, AxiOut, AxisIn, AxisOut};
use super::top::MacsecEngineAxi;
use crate::engine::rust_hdl::{settle, Vcd};
use crate::vcd_redact::Keys;

pub struct RustHdlAxi {
    pub uut: MacsecEngineAxi,
    vcd: Vcd,
}

impl std::fmt::Debug for RustHdlAxi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RustHdlAxi")
    }
}

impl Default for RustHdlAxi {
    fn default() -> Self {
        Self::new()
    }
}

impl RustHdlAxi {
    pub fn new() -> RustHdlAxi {
        let mut uut = MacsecEngineAxi::new();
        uut.connect_all();
        RustHdlAxi {
            uut,
            vcd: Vcd::default(),
        }
    }
}

fn drive(
    b: &AxisIn,
    d: &mut Signal<In, Bits<128>>,
    k: &mut Signal<In, Bits<16>>,
    l: &mut Signal<In, Bit>,
    v: &mut Signal<In, Bit>,
) {
    d.next = b.tdata.to_bits();
    k.next = (b.tkeep as u64).into();
    l.next = b.tlast;
    v.next = b.tvalid;
}

fn sample(
    d: &Signal<Out, Bits<128>>,
    k: &Signal<Out, Bits<16>>,
    l: &Signal<Out, Bit>,
    u: &Signal<Out, Bits<{ super::TUSER_BITS }>>,
    v: &Signal<Out, Bit>,
) -> AxisOut {
    AxisOut {
        tdata: d.val().to_u128(),
        tkeep: k.val().index() as u16,
        tlast: l.val(),
        tuser: u.val().to_u128(),
        tvalid: v.val(),
    }
}

fn read_outputs(u: &MacsecEngineAxi) -> AxiOut {
    AxiOut {
        awready: u.s_axil_awready.val(),
        wready: u.s_axil_wready.val(),
        bresp: u.s_axil_bresp.val().index() as u8,
        bvalid: u.s_axil_bvalid.val(),
        arready: u.s_axil_arready.val(),
        rdata: u.s_axil_rdata.val().to_u32(),
        rresp: u.s_axil_rresp.val().index() as u8,
        rvalid: u.s_axil_rvalid.val(),
        irq: u.irq.val(),
        irq_msg: u.irq_msg.val(),
        tx_in_ready: u.s_axis_tx_tready.val(),
        tx_out: sample(
            &u.m_axis_tx_tdata,
            &u.m_axis_tx_tkeep,
            &u.m_axis_tx_tlast,
            &u.m_axis_tx_tuser,
            &u.m_axis_tx_tvalid,
        ),
        rx_in_ready: u.s_axis_rx_tready.val(),
        rx_out: sample(
            &u.m_axis_rx_tdata,
            &u.m_axis_rx_tkeep,
            &u.m_axis_rx_tlast,
            &u.m_axis_rx_tuser,
            &u.m_axis_rx_tvalid,
        ),
        rx_room: u.rx_room.val(),
        rx_overrun: u.rx_overrun.val(),
    }
}

impl AxiModel for RustHdlAxi {
    fn name(&self) -> &'static str {
        "rust-hdl"
    }

    fn low(&mut self, i: &AxiIn) -> AxiOut {
        let u = &mut self.uut;
        u.aresetn.next = i.aresetn;
        u.s_axil_awaddr.next = (i.awaddr as u64).into();
        u.s_axil_awvalid.next = i.awvalid;
        u.s_axil_wdata.next = (i.wdata as u64).into();
        u.s_axil_wstrb.next = (i.wstrb as u64).into();
        u.s_axil_wvalid.next = i.wvalid;
        u.s_axil_bready.next = i.bready;
        u.s_axil_araddr.next = (i.araddr as u64).into();
        u.s_axil_arvalid.next = i.arvalid;
        u.s_axil_rready.next = i.rready;
        u.irq_set.next = (i.irq_set as u64).into();
        drive(
            &i.tx_in,
            &mut u.s_axis_tx_tdata,
            &mut u.s_axis_tx_tkeep,
            &mut u.s_axis_tx_tlast,
            &mut u.s_axis_tx_tvalid,
        );
        u.m_axis_tx_tready.next = i.tx_out_ready;
        drive(
            &i.rx_in,
            &mut u.s_axis_rx_tdata,
            &mut u.s_axis_rx_tkeep,
            &mut u.s_axis_rx_tlast,
            &mut u.s_axis_rx_tvalid,
        );
        u.m_axis_rx_tready.next = i.rx_out_ready;
        u.aclk.next = false.into();
        settle(u);
        read_outputs(u)
    }

    fn rise(&mut self) {
        self.uut.aclk.next = true.into();
        settle(&mut self.uut);
    }

    fn outputs(&self) -> AxiOut {
        read_outputs(&self.uut)
    }

    fn vcd_start(&mut self, ps: u64, keys: Keys) {
        self.vcd.start(&self.uut, ps, keys);
    }

    fn vcd_sample(&mut self, ps: u64) {
        self.vcd.sample(&self.uut, ps);
    }

    fn vcd_take(&mut self) -> Vec<u8> {
        self.vcd.take()
    }
}
