//! The AXI4-Stream beat and the engine's beat: AXI puts a frame's first octet in `tdata[7:0]`
//! and marks valid octets in `tkeep` from bit 0; the engine's lanes hold the first octet in
//! bits 31:24 of `d0` and mark valid octets in its mask from bit 15. The two are the same 16
//! octets, byte-reversed per 32-bit lane and with the keep bits reversed. AXI has no start of
//! frame; the slave side keeps it as "the beat after a `tlast`" (and after a reset).

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

/// The engine's four lanes from a 128-bit `tdata` (and back: the swap is its own inverse).
pub fn lanes_of(tdata: u128) -> [u32; 4] {
    [0, 1, 2, 3].map(|i| ((tdata >> (32 * i)) as u32).swap_bytes())
}

pub fn tdata_of(d: [u32; 4]) -> u128 {
    d.iter()
        .enumerate()
        .fold(0u128, |a, (i, w)| a | (w.swap_bytes() as u128) << (32 * i))
}

/// The engine's mask from `tkeep` (and back).
pub fn mask_of(tkeep: u16) -> u16 {
    tkeep.reverse_bits()
}

/// The Verilog expression for the four lanes in `src` (128 bits), lane `i` byte-reversed.
fn lane_verilog(src: &str, i: usize) -> String {
    let b = |k: usize| format!("{src}[{}:{}]", 32 * i + 8 * k + 7, 32 * i + 8 * k);
    format!("{{{}, {}, {}, {}}}", b(0), b(1), b(2), b(3))
}

fn reverse16(src: &str) -> String {
    let bits: Vec<String> = (0..16).map(|k| format!("{src}[{k}]")).collect();
    format!("{{{}}}", bits.join(", "))
}

/// A slave stream port into an engine input: lanes, mask, and the start of frame it tracks.
/// At an edge: reset → the next beat starts a frame; a beat taken → the next starts a frame
/// if this one was the last.
#[derive(SettleBlock, Default, Debug)]
pub struct AxisToLanes {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub tdata: Signal<In, Bits<128>>,
    pub tkeep: Signal<In, Bits<16>>,
    pub tlast: Signal<In, Bit>,
    pub tvalid: Signal<In, Bit>,
    /// The engine's ready (the beat is taken when both are high).
    pub tready: Signal<In, Bit>,
    pub sop: Signal<Out, Bit>,
    pub mask: Signal<Out, Bits<16>>,
    pub d0: Signal<Out, Bits<32>>,
    pub d1: Signal<Out, Bits<32>>,
    pub d2: Signal<Out, Bits<32>>,
    pub d3: Signal<Out, Bits<32>>,
    _first: bool,
}

impl Logic for AxisToLanes {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            self._first = if self.reset.val() {
                true
            } else if self.tvalid.val() && self.tready.val() {
                self.tlast.val()
            } else {
                self._first
            };
        }
        self.sop.next = self._first;
        self.mask.next = (mask_of(self.tkeep.val().index() as u16) as u64).into();
        let d = lanes_of(self.tdata.val().to_u128());
        self.d0.next = (d[0] as u64).into();
        self.d1.next = (d[1] as u64).into();
        self.d2.next = (d[2] as u64).into();
        self.d3.next = (d[3] as u64).into();
    }

    fn connect(&mut self) {
        self.sop.connect();
        self.mask.connect();
        self.d0.connect();
        self.d1.connect();
        self.d2.connect();
        self.d3.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(format!(
            "reg first;
initial first = 1'b1;
always @(posedge clock)
  if (reset) first <= 1'b1;
  else if (tvalid & tready) first <= tlast;
always @(*) begin
  sop = first;
  mask = {mask};
  d0 = {d0};
  d1 = {d1};
  d2 = {d2};
  d3 = {d3};
end
",
            mask = reverse16("tkeep"),
            d0 = lane_verilog("tdata", 0),
            d1 = lane_verilog("tdata", 1),
            d2 = lane_verilog("tdata", 2),
            d3 = lane_verilog("tdata", 3),
        ))
    }
}

/// An engine output onto a master stream port: `tdata`, `tkeep`, and `tuser` = {PN (64),
/// status word (32), drop}, the drop mark being the status word's drop bit.
#[derive(SettleBlock, Default, Debug)]
pub struct LanesToAxis {
    _settle: crate::dff::SettleState,
    pub mask: Signal<In, Bits<16>>,
    pub d0: Signal<In, Bits<32>>,
    pub d1: Signal<In, Bits<32>>,
    pub d2: Signal<In, Bits<32>>,
    pub d3: Signal<In, Bits<32>>,
    pub status: Signal<In, Bits<32>>,
    pub pn_lo: Signal<In, Bits<32>>,
    pub pn_hi: Signal<In, Bits<32>>,
    pub tdata: Signal<Out, Bits<128>>,
    pub tkeep: Signal<Out, Bits<16>>,
    pub tuser: Signal<Out, Bits<{ super::TUSER_BITS }>>,
}

impl Logic for LanesToAxis {
    fn update(&mut self) {
        let d = [&self.d0, &self.d1, &self.d2, &self.d3].map(|x| x.val().to_u32());
        self.tdata.next = tdata_of(d).to_bits();
        self.tkeep.next = (mask_of(self.mask.val().index() as u16) as u64).into();
        let status = self.status.val().to_u32();
        let pn = (self.pn_hi.val().to_u32() as u64) << 32 | self.pn_lo.val().to_u32() as u64;
        self.tuser.next = super::tuser_of(status, pn).to_bits();
    }

    fn connect(&mut self) {
        self.tdata.connect();
        self.tkeep.connect();
        self.tuser.connect();
    }

    fn hdl(&self) -> Verilog {
        let sw = |x: &str| format!("{{{x}[7:0], {x}[15:8], {x}[23:16], {x}[31:24]}}");
        Verilog::Custom(format!(
            "always @(*) begin
  tdata = {{{d3}, {d2}, {d1}, {d0}}};
  tkeep = {keep};
  tuser = {{pn_hi, pn_lo, status, status[{drop}]}};
end
",
            d0 = sw("d0"),
            d1 = sw("d1"),
            d2 = sw("d2"),
            d3 = sw("d3"),
            keep = reverse16("mask"),
            drop = super::DROP_BIT,
        ))
    }
}
