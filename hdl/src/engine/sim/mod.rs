//! Driving the whole engine: CSR accesses as the driver makes them, frames streamed into the
//! egress and ingress ports (inputs change while the clock is low and settle before the rising
//! edge), frames collected from the output ports with their status words, and an optional hold
//! pattern on the output ports. The engine itself is any [`EngineModel`]: the rust-hdl design
//! by default, or its generated Verilog under Verilator.

use std::collections::VecDeque;

use super::pins::{EngineIn, EngineModel, EngineOut, InBeat};
use super::rust_hdl::RustHdlEngine;
use crate::replay::Trace;
use crate::vcd_redact::Keys;

pub use super::pins::{INPUTS, OUTPUTS};
pub use frames::{frame_beats, OutFrame, PortBeat};

mod frames;
use frames::Collector;

/// The engine under simulation.
pub struct EngineSim {
    engine: Box<dyn EngineModel>,
    /// The CSR and interrupt pins as the next cycle drives them.
    csr: EngineIn,
    pub cycles: u64,
    /// Queued input beats; `None` is an idle cycle (a gap between frames).
    e_in: VecDeque<Option<PortBeat>>,
    e_out: Collector,
    /// Cycle at which each queued egress frame's first beat was accepted.
    pub e_accepted: VecDeque<u64>,
    i_in: VecDeque<Option<PortBeat>>,
    i_out: Collector,
    pub i_accepted: VecDeque<u64>,
    /// Offer ingress beats as a MAC does, one a cycle whatever `i_in_room` says (otherwise a
    /// frame's beats wait while it is low, as a source that can wait does, and none is lost).
    pub i_flood: bool,
    /// Cycles on which `i_overrun` pulsed: the frame whose first beat was taken on the cycle
    /// before was dropped at its start.
    pub i_overrun: Vec<u64>,
    /// MSI-X messages the engine has sent (cycles with `irq_msg` high), since the start.
    pub messages: u64,
    /// Output ports are ready on a cycle when this returns true (default: always).
    pub e_hold: Option<Box<dyn FnMut(u64) -> bool + Send>>,
    pub i_hold: Option<Box<dyn FnMut(u64) -> bool + Send>>,
    /// When set, every cycle's inputs and outputs, for the Verilog replay.
    pub trace: Option<Trace>,
    /// Whether the engine is writing a VCD, and the cycle at which recording stops (the VCD is
    /// kept for [`EngineSim::take_vcd`]).
    vcd: bool,
    vcd_until: u64,
}

/// The clock period in the VCD's picoseconds.
const PERIOD_PS: u64 = 1_000_000 / super::params::CLOCK_MHZ as u64;

impl std::fmt::Debug for EngineSim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "EngineSim({}, cycle {})",
            self.engine.name(),
            self.cycles
        )
    }
}

impl Default for EngineSim {
    fn default() -> Self {
        Self::new()
    }
}

impl EngineSim {
    /// A fresh rust-hdl engine, reset for two cycles.
    pub fn new() -> EngineSim {
        Self::on(Box::new(RustHdlEngine::new()), false)
    }

    /// A fresh rust-hdl engine recording every cycle from before its reset (for the Verilog
    /// replay).
    pub fn traced() -> EngineSim {
        Self::on(Box::new(RustHdlEngine::new()), true)
    }

    /// Any engine model, reset for two cycles; `traced` records every cycle from before the
    /// reset.
    pub fn on(engine: Box<dyn EngineModel>, traced: bool) -> EngineSim {
        let mut s = EngineSim {
            engine,
            csr: EngineIn::default(),
            cycles: 0,
            e_in: VecDeque::new(),
            e_out: Collector::default(),
            e_accepted: VecDeque::new(),
            i_in: VecDeque::new(),
            i_out: Collector::default(),
            i_accepted: VecDeque::new(),
            i_flood: false,
            i_overrun: Vec::new(),
            e_hold: None,
            i_hold: None,
            trace: traced.then(|| Trace::new(INPUTS, OUTPUTS)),
            vcd: false,
            vcd_until: u64::MAX,
            messages: 0,
        };
        s.csr.reset = true;
        s.tick();
        s.tick();
        s.csr.reset = false;
        s
    }

    /// Which engine model runs (`rust-hdl`, `verilator`).
    pub fn engine_name(&self) -> &'static str {
        self.engine.name()
    }

    /// The interrupt-cause pulses the next cycle drives (the card's shell raises causes here).
    pub fn set_irq_causes(&mut self, bits: u32) {
        self.csr.irq_set = bits;
    }

    /// The interrupt line after the last edge.
    pub fn irq(&self) -> bool {
        self.engine.outputs().irq
    }

    /// One clock cycle: drive the port inputs and lower the clock, settle (the falling edge
    /// moves no register), see what the ports hand over, raise the clock and settle again.
    pub fn tick(&mut self) {
        let cyc = self.cycles;
        let e_ready = self.e_hold.as_mut().is_none_or(|f| f(cyc));
        let i_ready = self.i_hold.as_mut().is_none_or(|f| f(cyc));
        let eb = self.e_in.front().copied().flatten();
        // The ingress takes every beat it is offered: a source that waits decides from `room`
        // as the last edge left it (it depends on registers only), not from this cycle's.
        let room = self.i_flood || self.engine.in_room();
        let ib = self.i_in.front().copied().flatten().filter(|_| room);
        // A gap lasts one cycle whatever the port does.
        if self.e_in.front().is_some_and(|b| b.is_none()) {
            self.e_in.pop_front();
        }
        if self.i_in.front().is_some_and(|b| b.is_none()) {
            self.i_in.pop_front();
        }
        let beat = |b: Option<PortBeat>| {
            let p = b.unwrap_or_default();
            InBeat {
                valid: b.is_some(),
                sop: p.sop,
                eop: p.eop,
                mask: p.mask,
                d: p.d,
            }
        };
        let pins = EngineIn {
            e_in: beat(eb),
            e_out_ready: e_ready,
            i_in: beat(ib),
            i_out_ready: i_ready,
            ..self.csr
        };
        let mut o = self.engine.low(&pins);
        if self.csr.reset {
            // While the reset pin is high the outputs mean nothing (before the first edge of
            // a reset they hold whatever the registers powered up with): a MAC and the host
            // take no beat and no message, and hand the engine none.
            o = EngineOut::default();
        }
        self.messages += o.irq_msg as u64;
        if eb.is_some() && o.e_in_ready {
            if eb.is_some_and(|b| b.sop) {
                self.e_accepted.push_back(cyc);
            }
            self.e_in.pop_front();
        }
        if o.i_overrun {
            self.i_overrun.push(cyc);
        }
        // (An AXI master offers nothing while a reset write is under way: it says so in `room`.)
        if ib.is_some() && (o.i_in_room || self.i_flood) {
            if ib.is_some_and(|b| b.sop) {
                self.i_accepted.push_back(cyc);
            }
            self.i_in.pop_front();
        }
        if o.e_out.valid && e_ready {
            self.e_out.beat(cyc, &o.e_out);
        }
        if o.i_out.valid && i_ready {
            self.i_out.beat(cyc, &o.i_out);
        }
        let rec = self.vcd && cyc < self.vcd_until;
        if rec {
            self.engine.vcd_sample(cyc * PERIOD_PS + PERIOD_PS / 2);
        }
        self.engine.rise();
        if rec {
            self.engine.vcd_sample((cyc + 1) * PERIOD_PS);
        }
        if let Some(t) = self.trace.as_mut() {
            let ins = pins.words().map(u64::from);
            t.record(&ins, &self.engine.outputs().words().map(u64::from));
        }
        self.cycles += 1;
    }

    /// Start recording every signal as VCD (from this cycle on), key material redacted.
    pub fn start_vcd(&mut self) {
        self.start_vcd_for(u64::MAX, Keys::Redact);
    }

    /// Record every signal as VCD for the next `cycles` cycles only; `keys` says whether key
    /// material is written ([`crate::vcd_redact`]).
    pub fn start_vcd_for(&mut self, cycles: u64, keys: Keys) {
        self.vcd_until = self.cycles.saturating_add(cycles);
        self.engine.vcd_start(self.cycles * PERIOD_PS, keys);
        self.vcd = true;
    }

    /// Stop recording; the VCD text so far (empty when none was being recorded).
    pub fn take_vcd(&mut self) -> Vec<u8> {
        self.vcd = false;
        self.engine.vcd_take()
    }

    pub fn recording_vcd(&self) -> bool {
        self.vcd
    }

    /// What a reset of the engine (CONTROL.RESET) leaves on its ports: the beats still queued
    /// on the inputs are dropped (the part of a frame after a reset would reach the engine
    /// without its first beat), and a frame half out is forgotten. Frames wholly out stay.
    pub fn flush_ports(&mut self) {
        self.e_in.clear();
        self.i_in.clear();
        self.e_out.cur.clear();
        self.i_out.cur.clear();
    }

    /// The reset pin held for `cycles` cycles (at least one), with the ports as CONTROL.RESET
    /// leaves them ([`EngineSim::flush_ports`]).
    pub fn pin_reset(&mut self, cycles: u32) {
        self.csr.reset = true;
        for _ in 0..cycles.max(1) {
            self.tick();
        }
        self.csr.reset = false;
        self.flush_ports();
    }

    /// A CSR write (one cycle on the native bus; on a bus with handshakes, until it is done).
    pub fn write(&mut self, off: u32, v: u32) {
        self.csr.addr = off as u16;
        self.csr.wdata = v;
        self.csr.we = true;
        self.tick();
        self.csr.we = false;
        while self.engine.csr_pending() {
            self.tick();
        }
    }

    /// A CSR read (one cycle, the data after the edge, on the native bus; until the data is
    /// taken on a bus with handshakes).
    pub fn read(&mut self, off: u32) -> u32 {
        self.csr.addr = off as u16;
        self.csr.re = true;
        self.tick();
        self.csr.re = false;
        while self.engine.csr_pending() {
            self.tick();
        }
        self.engine.outputs().rdata
    }

    /// Breaches of the engine's interface rules since the last call ([`EngineModel::protocol_errors`]).
    pub fn protocol_errors(&mut self) -> Vec<String> {
        self.engine.protocol_errors()
    }
}
