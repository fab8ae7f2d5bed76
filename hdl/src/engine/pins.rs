//! The engine's pins, and the seam every simulation of it plugs into. `EngineSim` (port
//! queues, frame collection, CSR accesses, traces) drives an [`EngineModel`] one half-cycle at a
//! time through plain values, so the same harness runs the rust-hdl design
//! ([`super::rust_hdl::RustHdlEngine`]) or its generated Verilog compiled by Verilator (the
//! `macsec-verilator` crate). The pin order is that of [`INPUTS`] and [`OUTPUTS`]: the Verilog
//! replays, the Verilator wrapper and the word arrays below all take it from there.

use crate::replay::{port, Port};
use crate::vcd_redact::Keys;

/// The engine's inputs, in the order of [`EngineIn::words`].
pub const INPUTS: &[Port] = &[
    port("reset", 1),
    port("addr", 12),
    port("wdata", 32),
    port("we", 1),
    port("re", 1),
    port("irq_set", 32),
    port("e_in_valid", 1),
    port("e_in_sop", 1),
    port("e_in_eop", 1),
    port("e_in_mask", 16),
    port("e_in_d0", 32),
    port("e_in_d1", 32),
    port("e_in_d2", 32),
    port("e_in_d3", 32),
    port("e_out_ready", 1),
    port("i_in_valid", 1),
    port("i_in_sop", 1),
    port("i_in_eop", 1),
    port("i_in_mask", 16),
    port("i_in_d0", 32),
    port("i_in_d1", 32),
    port("i_in_d2", 32),
    port("i_in_d3", 32),
    port("i_out_ready", 1),
];

/// The engine's outputs, in the order of [`EngineOut::from_words`].
pub const OUTPUTS: &[Port] = &[
    port("rdata", 32),
    port("irq", 1),
    port("irq_msg", 1),
    port("e_in_ready", 1),
    port("e_out_valid", 1),
    port("e_out_sop", 1),
    port("e_out_eop", 1),
    port("e_out_mask", 16),
    port("e_out_d0", 32),
    port("e_out_d1", 32),
    port("e_out_d2", 32),
    port("e_out_d3", 32),
    port("e_out_status", 32),
    port("e_out_pn_lo", 32),
    port("e_out_pn_hi", 32),
    port("i_in_room", 1),
    port("i_out_valid", 1),
    port("i_out_sop", 1),
    port("i_out_eop", 1),
    port("i_out_mask", 16),
    port("i_out_d0", 32),
    port("i_out_d1", 32),
    port("i_out_d2", 32),
    port("i_out_d3", 32),
    port("i_out_status", 32),
    port("i_out_pn_lo", 32),
    port("i_out_pn_hi", 32),
    port("i_overrun", 1),
];

/// Every port is at most 32 bits wide, so a cycle's pins are an array of words.
pub const N_IN: usize = 24;
pub const N_OUT: usize = 28;

/// A beat offered to an input port.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InBeat {
    pub valid: bool,
    pub sop: bool,
    pub eop: bool,
    pub mask: u16,
    pub d: [u32; 4],
}

/// A beat on an output port, with the status word and PN it carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutBeat {
    pub valid: bool,
    pub sop: bool,
    pub eop: bool,
    pub mask: u16,
    pub d: [u32; 4],
    pub status: u32,
    pub pn: u64,
}

/// The inputs for one cycle.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EngineIn {
    pub reset: bool,
    pub addr: u16,
    pub wdata: u32,
    pub we: bool,
    pub re: bool,
    pub irq_set: u32,
    pub e_in: InBeat,
    pub e_out_ready: bool,
    pub i_in: InBeat,
    pub i_out_ready: bool,
}

/// The outputs as they stand after a half-cycle.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EngineOut {
    pub rdata: u32,
    pub irq: bool,
    pub irq_msg: bool,
    pub e_in_ready: bool,
    pub e_out: OutBeat,
    /// Advisory: the ingress would take a frame's start now (it takes every beat).
    pub i_in_room: bool,
    pub i_out: OutBeat,
    /// A frame was dropped at its first beat on the last edge (InPktsOverrun).
    pub i_overrun: bool,
}

impl EngineIn {
    /// The pins as words, in [`INPUTS`] order.
    pub fn words(&self) -> [u32; N_IN] {
        let b = |x: bool| x as u32;
        let (e, i) = (&self.e_in, &self.i_in);
        [
            b(self.reset),
            self.addr as u32,
            self.wdata,
            b(self.we),
            b(self.re),
            self.irq_set,
            b(e.valid),
            b(e.sop),
            b(e.eop),
            e.mask as u32,
            e.d[0],
            e.d[1],
            e.d[2],
            e.d[3],
            b(self.e_out_ready),
            b(i.valid),
            b(i.sop),
            b(i.eop),
            i.mask as u32,
            i.d[0],
            i.d[1],
            i.d[2],
            i.d[3],
            b(self.i_out_ready),
        ]
    }
}

fn out_beat(w: &[u32]) -> OutBeat {
    OutBeat {
        valid: w[0] & 1 != 0,
        sop: w[1] & 1 != 0,
        eop: w[2] & 1 != 0,
        mask: w[3] as u16,
        d: [w[4], w[5], w[6], w[7]],
        status: w[8],
        pn: (w[10] as u64) << 32 | w[9] as u64,
    }
}

fn out_words(o: &OutBeat) -> [u32; 11] {
    [
        o.valid as u32,
        o.sop as u32,
        o.eop as u32,
        o.mask as u32,
        o.d[0],
        o.d[1],
        o.d[2],
        o.d[3],
        o.status,
        o.pn as u32,
        (o.pn >> 32) as u32,
    ]
}

impl EngineOut {
    /// The pins from words in [`OUTPUTS`] order.
    pub fn from_words(w: &[u32; N_OUT]) -> EngineOut {
        EngineOut {
            rdata: w[0],
            irq: w[1] & 1 != 0,
            irq_msg: w[2] & 1 != 0,
            e_in_ready: w[3] & 1 != 0,
            e_out: out_beat(&w[4..15]),
            i_in_room: w[15] & 1 != 0,
            i_out: out_beat(&w[16..27]),
            i_overrun: w[27] & 1 != 0,
        }
    }

    /// The pins as words, in [`OUTPUTS`] order.
    pub fn words(&self) -> [u32; N_OUT] {
        let mut w = [0u32; N_OUT];
        w[0] = self.rdata;
        w[1] = self.irq as u32;
        w[2] = self.irq_msg as u32;
        w[3] = self.e_in_ready as u32;
        w[4..15].copy_from_slice(&out_words(&self.e_out));
        w[15] = self.i_in_room as u32;
        w[16..27].copy_from_slice(&out_words(&self.i_out));
        w[27] = self.i_overrun as u32;
        w
    }
}

/// A simulation of the whole engine, driven half a cycle at a time. Implementations must give
/// the same outputs for the same inputs: the lockstep runs compare them through this seam.
pub trait EngineModel: Send {
    /// What it simulates, for reports (`rust-hdl`, `verilator`).
    fn name(&self) -> &'static str;
    /// Drive `i` with the clock low and let it settle (the falling edge moves no register):
    /// the outputs the coming rising edge will see. An output beat's other fields need only
    /// be filled when it is valid (this runs every cycle; nothing reads an idle beat).
    fn low(&mut self, i: &EngineIn) -> EngineOut;
    /// Raise the clock and let it settle.
    fn rise(&mut self);
    /// Every output as the last [`EngineModel::rise`] left it.
    fn outputs(&self) -> EngineOut;
    /// `i_in_room` as the last rise left it: read every cycle a beat waits at the ingress, so a
    /// model may give it without building all of [`EngineModel::outputs`].
    fn in_room(&self) -> bool {
        self.outputs().i_in_room
    }
    /// Start a waveform of every signal, its time origin at `ps` picoseconds; `keys` says
    /// whether key material is written ([`crate::vcd_redact`]).
    fn vcd_start(&mut self, ps: u64, keys: Keys);
    /// Record the signals as they stand, at `ps` picoseconds (no-op when not recording).
    fn vcd_sample(&mut self, ps: u64);
    /// Stop recording; the VCD text so far (empty when none was being recorded).
    fn vcd_take(&mut self) -> Vec<u8>;
    /// Whether a CSR access begun with `we` or `re` is still under way (a bus with handshakes,
    /// [`super::axi::bridge`]); `EngineSim` clocks until it is not. The native bus never is.
    fn csr_pending(&self) -> bool {
        false
    }
    /// Breaches of an interface's rules seen since the last call (none on the native pins).
    fn protocol_errors(&mut self) -> Vec<String> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_orders_are_the_port_lists() {
        assert_eq!(INPUTS.len(), N_IN);
        assert_eq!(OUTPUTS.len(), N_OUT);
        assert!(INPUTS.iter().chain(OUTPUTS).all(|p| p.width <= 32));
        let o = EngineOut {
            rdata: 1,
            irq: true,
            irq_msg: false,
            e_in_ready: true,
            e_out: OutBeat {
                valid: true,
                sop: false,
                eop: true,
                mask: 0x00FF,
                d: [2, 3, 4, 5],
                status: 6,
                pn: 0x7_0000_0008,
            },
            i_in_room: false,
            i_out: OutBeat {
                pn: 9,
                ..OutBeat::default()
            },
            i_overrun: true,
        };
        assert_eq!(EngineOut::from_words(&o.words()), o);
        let w = o.words();
        let at = |n: &str| OUTPUTS.iter().position(|p| p.name == n).unwrap();
        assert_eq!(w[at("e_out_mask")], 0xFF);
        assert_eq!(w[at("e_out_pn_hi")], 7);
        assert_eq!(w[at("i_out_pn_lo")], 9);
        assert_eq!(w[at("i_overrun")], 1);
        let i = EngineIn {
            addr: 0x123,
            i_out_ready: true,
            ..EngineIn::default()
        };
        let iw = i.words();
        let at = |n: &str| INPUTS.iter().position(|p| p.name == n).unwrap();
        assert_eq!((iw[at("addr")], iw[at("i_out_ready")]), (0x123, 1));
    }
}
