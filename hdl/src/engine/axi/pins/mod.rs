//! The AXI top's pins, and the seam its simulations plug into ([`AxiModel`], as
//! [`crate::engine::pins::EngineModel`] is for the native top). Ports wider than 32 bits move as
//! several words, least significant first: the Verilator wrapper and the word arrays below take
//! the order and the widths from [`AXI_INPUTS`] and [`AXI_OUTPUTS`].

use super::TUSER_BITS;
use crate::replay::{port, Port};
use crate::vcd_redact::Keys;

pub const AXI_INPUTS: &[Port] = &[
    port("aresetn", 1),
    port("s_axil_awaddr", 12),
    port("s_axil_awvalid", 1),
    port("s_axil_wdata", 32),
    port("s_axil_wstrb", 4),
    port("s_axil_wvalid", 1),
    port("s_axil_bready", 1),
    port("s_axil_araddr", 12),
    port("s_axil_arvalid", 1),
    port("s_axil_rready", 1),
    port("irq_set", 32),
    port("s_axis_tx_tdata", 128),
    port("s_axis_tx_tkeep", 16),
    port("s_axis_tx_tlast", 1),
    port("s_axis_tx_tvalid", 1),
    port("m_axis_tx_tready", 1),
    port("s_axis_rx_tdata", 128),
    port("s_axis_rx_tkeep", 16),
    port("s_axis_rx_tlast", 1),
    port("s_axis_rx_tvalid", 1),
    port("m_axis_rx_tready", 1),
];

pub const AXI_OUTPUTS: &[Port] = &[
    port("s_axil_awready", 1),
    port("s_axil_wready", 1),
    port("s_axil_bresp", 2),
    port("s_axil_bvalid", 1),
    port("s_axil_arready", 1),
    port("s_axil_rdata", 32),
    port("s_axil_rresp", 2),
    port("s_axil_rvalid", 1),
    port("irq", 1),
    port("irq_msg", 1),
    port("s_axis_tx_tready", 1),
    port("m_axis_tx_tdata", 128),
    port("m_axis_tx_tkeep", 16),
    port("m_axis_tx_tlast", 1),
    port("m_axis_tx_tuser", TUSER_BITS),
    port("m_axis_tx_tvalid", 1),
    port("s_axis_rx_tready", 1),
    port("m_axis_rx_tdata", 128),
    port("m_axis_rx_tkeep", 16),
    port("m_axis_rx_tlast", 1),
    port("m_axis_rx_tuser", TUSER_BITS),
    port("m_axis_rx_tvalid", 1),
    port("rx_room", 1),
    port("rx_overrun", 1),
];

/// Words a port of `width` bits takes.
pub const fn words_of(width: usize) -> usize {
    width.div_ceil(32)
}

const fn total(ports: &[Port]) -> usize {
    let mut i = 0;
    let mut n = 0;
    while i < ports.len() {
        n += words_of(ports[i].width);
        i += 1;
    }
    n
}

pub const N_AXI_IN: usize = total(AXI_INPUTS);
pub const N_AXI_OUT: usize = total(AXI_OUTPUTS);

/// A beat offered to a slave stream port.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AxisIn {
    pub tdata: u128,
    pub tkeep: u16,
    pub tlast: bool,
    pub tvalid: bool,
}

/// A beat on a master stream port.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AxisOut {
    pub tdata: u128,
    pub tkeep: u16,
    pub tlast: bool,
    pub tuser: u128,
    pub tvalid: bool,
}

/// The inputs for one cycle (the AXI master's side).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AxiIn {
    pub aresetn: bool,
    pub awaddr: u16,
    pub awvalid: bool,
    pub wdata: u32,
    pub wstrb: u8,
    pub wvalid: bool,
    pub bready: bool,
    pub araddr: u16,
    pub arvalid: bool,
    pub rready: bool,
    pub irq_set: u32,
    pub tx_in: AxisIn,
    pub tx_out_ready: bool,
    pub rx_in: AxisIn,
    pub rx_out_ready: bool,
}

/// The outputs as they stand after a half-cycle.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AxiOut {
    pub awready: bool,
    pub wready: bool,
    pub bresp: u8,
    pub bvalid: bool,
    pub arready: bool,
    pub rdata: u32,
    pub rresp: u8,
    pub rvalid: bool,
    pub irq: bool,
    pub irq_msg: bool,
    pub tx_in_ready: bool,
    pub tx_out: AxisOut,
    /// Always high: the ingress takes every beat (a MAC cannot wait); see `rx_room`.
    pub rx_in_ready: bool,
    pub rx_out: AxisOut,
    /// Advisory: a frame starting now would be taken.
    pub rx_room: bool,
    /// A frame was dropped at its first beat on the last edge (InPktsOverrun).
    pub rx_overrun: bool,
}

/// Values in port order to words, each port masked to its width.
fn pack(ports: &[Port], vals: &[u128], out: &mut [u32]) {
    let mut k = 0;
    for (p, &v) in ports.iter().zip(vals) {
        let v = if p.width >= 128 {
            v
        } else {
            v & ((1u128 << p.width) - 1)
        };
        for j in 0..words_of(p.width) {
            out[k] = (v >> (32 * j)) as u32;
            k += 1;
        }
    }
}

fn unpack<const N: usize>(ports: &[Port], w: &[u32]) -> [u128; N] {
    let mut vals = [0u128; N];
    let mut k = 0;
    for (p, v) in ports.iter().zip(vals.iter_mut()) {
        for j in 0..words_of(p.width) {
            *v |= (w[k] as u128) << (32 * j);
            k += 1;
        }
    }
    vals
}

impl AxiIn {
    pub fn values(&self) -> [u128; 21] {
        let b = |x: bool| x as u128;
        let (t, r) = (&self.tx_in, &self.rx_in);
        [
            b(self.aresetn),
            self.awaddr as u128,
            b(self.awvalid),
            self.wdata as u128,
            self.wstrb as u128,
            b(self.wvalid),
            b(self.bready),
            self.araddr as u128,
            b(self.arvalid),
            b(self.rready),
            self.irq_set as u128,
            t.tdata,
            t.tkeep as u128,
            b(t.tlast),
            b(t.tvalid),
            b(self.tx_out_ready),
            r.tdata,
            r.tkeep as u128,
            b(r.tlast),
            b(r.tvalid),
            b(self.rx_out_ready),
        ]
    }

    /// The pins as words, in [`AXI_INPUTS`] order.
    pub fn words(&self) -> [u32; N_AXI_IN] {
        let mut w = [0; N_AXI_IN];
        pack(AXI_INPUTS, &self.values(), &mut w);
        w
    }
}

fn axis_out(v: &[u128]) -> AxisOut {
    AxisOut {
        tdata: v[0],
        tkeep: v[1] as u16,
        tlast: v[2] != 0,
        tuser: v[3],
        tvalid: v[4] != 0,
    }
}

impl AxiOut {
    pub fn values(&self) -> [u128; 24] {
        let b = |x: bool| x as u128;
        let s = |o: &AxisOut| [o.tdata, o.tkeep as u128, b(o.tlast), o.tuser, b(o.tvalid)];
        let (t, r) = (s(&self.tx_out), s(&self.rx_out));
        [
            b(self.awready),
            b(self.wready),
            self.bresp as u128,
            b(self.bvalid),
            b(self.arready),
            self.rdata as u128,
            self.rresp as u128,
            b(self.rvalid),
            b(self.irq),
            b(self.irq_msg),
            b(self.tx_in_ready),
            t[0],
            t[1],
            t[2],
            t[3],
            t[4],
            b(self.rx_in_ready),
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            b(self.rx_room),
            b(self.rx_overrun),
        ]
    }

    pub fn words(&self) -> [u32; N_AXI_OUT] {
        let mut w = [0; N_AXI_OUT];
        pack(AXI_OUTPUTS, &self.values(), &mut w);
        w
    }

    /// The pins from words in [`AXI_OUTPUTS`] order.
    pub fn from_words(w: &[u32; N_AXI_OUT]) -> AxiOut {
        let v: [u128; 24] = unpack(AXI_OUTPUTS, w);
        let b = |x: u128| x != 0;
        AxiOut {
            awready: b(v[0]),
            wready: b(v[1]),
            bresp: v[2] as u8,
            bvalid: b(v[3]),
            arready: b(v[4]),
            rdata: v[5] as u32,
            rresp: v[6] as u8,
            rvalid: b(v[7]),
            irq: b(v[8]),
            irq_msg: b(v[9]),
            tx_in_ready: b(v[10]),
            tx_out: axis_out(&v[11..16]),
            rx_in_ready: b(v[16]),
            rx_out: axis_out(&v[17..22]),
            rx_room: b(v[22]),
            rx_overrun: b(v[23]),
        }
    }
}

/// A simulation of the AXI top, driven half a cycle at a time (the contract of
/// [`crate::engine::pins::EngineModel`], on these pins).
pub trait AxiModel: Send {
    fn name(&self) -> &'static str;
    fn low(&mut self, i: &AxiIn) -> AxiOut;
    fn rise(&mut self);
    fn outputs(&self) -> AxiOut;
    fn vcd_start(&mut self, ps: u64, keys: Keys);
    fn vcd_sample(&mut self, ps: u64);
    fn vcd_take(&mut self) -> Vec<u8>;
}

#[cfg(test)]
mod tests;
