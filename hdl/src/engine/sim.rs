//! Driving the whole engine with the direct single-threaded `simulate()` loop: CSR accesses as
//! the driver makes them, frames streamed into the egress and ingress ports (inputs change while
//! the clock is low and settle before the rising edge), frames collected from the output ports
//! with their status words, and an optional hold pattern on the output ports.

use std::collections::VecDeque;
use std::io::Write;
use std::sync::{Arc, Mutex};

use rust_hdl::core::vcd_probe::VCDProbe;

use rust_hdl::prelude::*;

use super::top::MacsecEngine;
use crate::lanes::{from_bytes, to_bytes};
use crate::replay::{port, Port, Trace};
use crate::vcd_redact::{Keys, Redactor};

/// The engine's inputs and outputs as the Verilog replay sees them.
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
    port("i_in_ready", 1),
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
];

fn inputs_now(u: &MacsecEngine) -> Vec<u64> {
    let b = |x: bool| x as u64;
    let w = |x: &Signal<In, Bits<32>>| x.next.to_u32() as u64;
    vec![
        b(u.reset.next),
        u.addr.next.index() as u64,
        w(&u.wdata),
        b(u.we.next),
        b(u.re.next),
        w(&u.irq_set),
        b(u.e_in_valid.next),
        b(u.e_in_sop.next),
        b(u.e_in_eop.next),
        u.e_in_mask.next.index() as u64,
        w(&u.e_in_d0),
        w(&u.e_in_d1),
        w(&u.e_in_d2),
        w(&u.e_in_d3),
        b(u.e_out_ready.next),
        b(u.i_in_valid.next),
        b(u.i_in_sop.next),
        b(u.i_in_eop.next),
        u.i_in_mask.next.index() as u64,
        w(&u.i_in_d0),
        w(&u.i_in_d1),
        w(&u.i_in_d2),
        w(&u.i_in_d3),
        b(u.i_out_ready.next),
    ]
}

fn outputs_now(u: &MacsecEngine) -> Vec<u64> {
    let b = |x: bool| x as u64;
    let w = |x: &Signal<Out, Bits<32>>| x.val().to_u32() as u64;
    vec![
        w(&u.rdata),
        b(u.irq.val()),
        b(u.irq_msg.val()),
        b(u.e_in_ready.val()),
        b(u.e_out_valid.val()),
        b(u.e_out_sop.val()),
        b(u.e_out_eop.val()),
        u.e_out_mask.val().index() as u64,
        w(&u.e_out_d0),
        w(&u.e_out_d1),
        w(&u.e_out_d2),
        w(&u.e_out_d3),
        w(&u.e_out_status),
        w(&u.e_out_pn_lo),
        w(&u.e_out_pn_hi),
        b(u.i_in_ready.val()),
        b(u.i_out_valid.val()),
        b(u.i_out_sop.val()),
        b(u.i_out_eop.val()),
        u.i_out_mask.val().index() as u64,
        w(&u.i_out_d0),
        w(&u.i_out_d1),
        w(&u.i_out_d2),
        w(&u.i_out_d3),
        w(&u.i_out_status),
        w(&u.i_out_pn_lo),
        w(&u.i_out_pn_hi),
    ]
}

/// One beat of a frame on a streaming port.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PortBeat {
    pub sop: bool,
    pub eop: bool,
    pub mask: u16,
    pub d: [u32; 4],
}

/// A frame's beats: 16 octets each, the last with a mask of its leading valid octets.
pub fn frame_beats(frame: &[u8]) -> Vec<PortBeat> {
    let n = frame.len().div_ceil(16).max(1);
    (0..n)
        .map(|i| {
            let chunk = &frame[(16 * i).min(frame.len())..(16 * i + 16).min(frame.len())];
            let mut b = [0u8; 16];
            b[..chunk.len()].copy_from_slice(chunk);
            PortBeat {
                sop: i == 0,
                eop: i == n - 1,
                mask: super::gather::mask_of(chunk.len()),
                d: from_bytes(&b),
            }
        })
        .collect()
}

/// A frame that left an output port, with the status word of its last beat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutFrame {
    pub data: Vec<u8>,
    pub status: u32,
    /// The PN on its last beat (0 when the frame took none).
    pub pn: u64,
    /// Cycle of its first and last beat.
    pub first: u64,
    pub last: u64,
}

#[derive(Default)]
struct Collector {
    cur: Vec<u8>,
    first: u64,
    done: VecDeque<OutFrame>,
}

impl Collector {
    fn beat(&mut self, cycle: u64, sop: bool, eop: bool, mask: u16, d: [u32; 4], meta: (u32, u64)) {
        if sop {
            self.cur.clear();
            self.first = cycle;
        }
        let n = mask.count_ones() as usize;
        self.cur.extend_from_slice(&to_bytes(d)[..n]);
        if eop {
            self.done.push_back(OutFrame {
                data: std::mem::take(&mut self.cur),
                status: meta.0,
                pn: meta.1,
                first: self.first,
                last: cycle,
            });
        }
    }
}

fn pn_of(lo: &Signal<Out, Bits<32>>, hi: &Signal<Out, Bits<32>>) -> u64 {
    (hi.val().to_u32() as u64) << 32 | lo.val().to_u32() as u64
}

/// Run update passes until nothing changes. With `derive(SettleBlock)` a pass visits only the
/// blocks with something new to read, so a settled design costs one cheap pass.
pub fn settle<B: Block>(u: &mut B) {
    simulate(u, 1000);
}

/// The engine under simulation.
pub struct EngineSim {
    pub uut: MacsecEngine,
    pub cycles: u64,
    /// Queued input beats; `None` is an idle cycle (a gap between frames).
    e_in: VecDeque<Option<PortBeat>>,
    e_out: Collector,
    /// Cycle at which each queued egress frame's first beat was accepted.
    pub e_accepted: VecDeque<u64>,
    i_in: VecDeque<Option<PortBeat>>,
    i_out: Collector,
    pub i_accepted: VecDeque<u64>,
    /// MSI-X messages the engine has sent (cycles with `irq_msg` high), since the start.
    pub messages: u64,
    /// Output ports are ready on a cycle when this returns true (default: always).
    pub e_hold: Option<Box<dyn FnMut(u64) -> bool + Send>>,
    pub i_hold: Option<Box<dyn FnMut(u64) -> bool + Send>>,
    /// When set, every cycle's inputs and outputs, for the Verilog replay.
    pub trace: Option<Trace>,
    /// When set, every signal of the engine on every clock edge, as VCD.
    vcd: Option<(VCDProbe<VcdBuf>, VcdBuf)>,
    /// The cycle at which recording stops (the VCD is kept for [`EngineSim::take_vcd`]).
    vcd_until: u64,
}

/// A VCD being written (rust-hdl's writer owns its sink; this one can be read back), through a
/// [`Redactor`] unless key material was asked for.
#[derive(Clone)]
struct VcdBuf(Arc<Mutex<VcdSink>>);

enum VcdSink {
    Raw(Vec<u8>),
    Redacted(Box<Redactor>),
}

impl VcdBuf {
    fn new(keys: Keys) -> VcdBuf {
        VcdBuf(Arc::new(Mutex::new(match keys {
            Keys::Include => VcdSink::Raw(Vec::new()),
            Keys::Redact => VcdSink::Redacted(Box::new(Redactor::new())),
        })))
    }

    fn take(&self) -> Vec<u8> {
        match &mut *self.0.lock().unwrap_or_else(|e| e.into_inner()) {
            VcdSink::Raw(v) => std::mem::take(v),
            VcdSink::Redacted(r) => r.take(),
        }
    }
}

impl Write for VcdBuf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        match &mut *self.0.lock().unwrap_or_else(|e| e.into_inner()) {
            VcdSink::Raw(v) => v.extend_from_slice(b),
            VcdSink::Redacted(r) => r.push(b),
        }
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The clock period in the VCD's picoseconds.
const PERIOD_PS: u64 = 1_000_000 / super::params::CLOCK_MHZ as u64;

impl std::fmt::Debug for EngineSim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EngineSim(cycle {})", self.cycles)
    }
}

impl Default for EngineSim {
    fn default() -> Self {
        Self::new()
    }
}

impl EngineSim {
    /// A fresh engine, reset for two cycles.
    pub fn new() -> EngineSim {
        Self::build(false)
    }

    /// A fresh engine recording every cycle from before its reset (for the Verilog replay).
    pub fn traced() -> EngineSim {
        Self::build(true)
    }

    fn build(traced: bool) -> EngineSim {
        let mut uut = MacsecEngine::new();
        uut.connect_all();
        let mut s = EngineSim {
            uut,
            cycles: 0,
            e_in: VecDeque::new(),
            e_out: Collector::default(),
            e_accepted: VecDeque::new(),
            i_in: VecDeque::new(),
            i_out: Collector::default(),
            i_accepted: VecDeque::new(),
            e_hold: None,
            i_hold: None,
            trace: traced.then(|| Trace::new(INPUTS, OUTPUTS)),
            vcd: None,
            vcd_until: u64::MAX,
            messages: 0,
        };
        s.uut.reset.next = true;
        s.tick();
        s.tick();
        s.uut.reset.next = false;
        s
    }

    /// One clock cycle: drive the port inputs and lower the clock, settle (the falling edge
    /// moves no register), see what the ports hand over, raise the clock and settle again.
    pub fn tick(&mut self) {
        let cyc = self.cycles;
        let e_ready = self.e_hold.as_mut().is_none_or(|f| f(cyc));
        let i_ready = self.i_hold.as_mut().is_none_or(|f| f(cyc));
        let u = &mut self.uut;
        let eb = self.e_in.front().copied().flatten();
        let ib = self.i_in.front().copied().flatten();
        // A gap lasts one cycle whatever the port does.
        if self.e_in.front().is_some_and(|b| b.is_none()) {
            self.e_in.pop_front();
        }
        if self.i_in.front().is_some_and(|b| b.is_none()) {
            self.i_in.pop_front();
        }
        {
            let b = eb.unwrap_or_default();
            u.e_in_valid.next = eb.is_some();
            u.e_in_sop.next = b.sop;
            u.e_in_eop.next = b.eop;
            u.e_in_mask.next = (b.mask as u64).into();
            u.e_in_d0.next = (b.d[0] as u64).into();
            u.e_in_d1.next = (b.d[1] as u64).into();
            u.e_in_d2.next = (b.d[2] as u64).into();
            u.e_in_d3.next = (b.d[3] as u64).into();
            u.e_out_ready.next = e_ready;
            let b = ib.unwrap_or_default();
            u.i_in_valid.next = ib.is_some();
            u.i_in_sop.next = b.sop;
            u.i_in_eop.next = b.eop;
            u.i_in_mask.next = (b.mask as u64).into();
            u.i_in_d0.next = (b.d[0] as u64).into();
            u.i_in_d1.next = (b.d[1] as u64).into();
            u.i_in_d2.next = (b.d[2] as u64).into();
            u.i_in_d3.next = (b.d[3] as u64).into();
            u.i_out_ready.next = i_ready;
        }
        let stim = self.trace.is_some().then(|| inputs_now(u));
        // The inputs settle with the clock low (the falling edge moves no flip-flop).
        u.clock.next = false.into();
        settle(u);
        self.messages += u.irq_msg.val() as u64;
        if eb.is_some() && u.e_in_ready.val() {
            if eb.is_some_and(|b| b.sop) {
                self.e_accepted.push_back(cyc);
            }
            self.e_in.pop_front();
        }
        if ib.is_some() && u.i_in_ready.val() {
            if ib.is_some_and(|b| b.sop) {
                self.i_accepted.push_back(cyc);
            }
            self.i_in.pop_front();
        }
        if u.e_out_valid.val() && e_ready {
            self.e_out.beat(
                cyc,
                u.e_out_sop.val(),
                u.e_out_eop.val(),
                u.e_out_mask.val().index() as u16,
                [&u.e_out_d0, &u.e_out_d1, &u.e_out_d2, &u.e_out_d3].map(|x| x.val().to_u32()),
                (
                    u.e_out_status.val().to_u32(),
                    pn_of(&u.e_out_pn_lo, &u.e_out_pn_hi),
                ),
            );
        }
        if u.i_out_valid.val() && i_ready {
            self.i_out.beat(
                cyc,
                u.i_out_sop.val(),
                u.i_out_eop.val(),
                u.i_out_mask.val().index() as u16,
                [&u.i_out_d0, &u.i_out_d1, &u.i_out_d2, &u.i_out_d3].map(|x| x.val().to_u32()),
                (
                    u.i_out_status.val().to_u32(),
                    pn_of(&u.i_out_pn_lo, &u.i_out_pn_hi),
                ),
            );
        }
        let rec = cyc < self.vcd_until;
        if let (Some((v, _)), true) = (self.vcd.as_mut(), rec) {
            let _ = v.timestamp(cyc * PERIOD_PS + PERIOD_PS / 2);
            self.vcd = self.vcd.take().map(|(v, b)| (write_vcd_change(v, u), b));
        }
        u.clock.next = true.into();
        settle(u);
        if let (Some((v, _)), true) = (self.vcd.as_mut(), rec) {
            let _ = v.timestamp((cyc + 1) * PERIOD_PS);
            self.vcd = self.vcd.take().map(|(v, b)| (write_vcd_change(v, u), b));
        }
        if let (Some(t), Some(stim)) = (self.trace.as_mut(), stim) {
            t.record(&stim, &outputs_now(u));
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
        let buf = VcdBuf::new(keys);
        let mut v = write_vcd_header(buf.clone(), &self.uut);
        let _ = v.timestamp(self.cycles * PERIOD_PS);
        let v = write_vcd_dump(v, &self.uut);
        self.vcd = Some((v, buf));
    }

    /// Stop recording; the VCD text so far (empty when none was being recorded).
    pub fn take_vcd(&mut self) -> Vec<u8> {
        match self.vcd.take() {
            Some((v, buf)) => {
                drop(v);
                buf.take()
            }
            None => Vec::new(),
        }
    }

    pub fn recording_vcd(&self) -> bool {
        self.vcd.is_some()
    }

    /// A CSR write (one cycle).
    pub fn write(&mut self, off: u32, v: u32) {
        self.uut.addr.next = (off as u64).into();
        self.uut.wdata.next = (v as u64).into();
        self.uut.we.next = true;
        self.tick();
        self.uut.we.next = false;
    }

    /// A CSR read (one cycle; the data comes after the edge).
    pub fn read(&mut self, off: u32) -> u32 {
        self.uut.addr.next = (off as u64).into();
        self.uut.re.next = true;
        self.tick();
        self.uut.re.next = false;
        self.uut.rdata.val().to_u32()
    }

    /// Queue a frame on the egress input port.
    pub fn send_egress(&mut self, frame: &[u8]) {
        self.e_in.extend(frame_beats(frame).into_iter().map(Some));
    }

    /// Leave the egress input idle for `n` cycles after what is queued.
    pub fn idle_egress(&mut self, n: usize) {
        self.e_in.extend(std::iter::repeat_n(None, n));
    }

    pub fn egress_pending(&self) -> usize {
        self.e_in.len()
    }

    /// The next frame out of the egress port, if one has left.
    pub fn egress_out(&mut self) -> Option<OutFrame> {
        self.e_out.done.pop_front()
    }

    pub fn egress_done(&self) -> usize {
        self.e_out.done.len()
    }

    /// Queue a frame on the ingress input port.
    pub fn send_ingress(&mut self, frame: &[u8]) {
        self.i_in.extend(frame_beats(frame).into_iter().map(Some));
    }

    /// Leave the ingress input idle for `n` cycles after what is queued.
    pub fn idle_ingress(&mut self, n: usize) {
        self.i_in.extend(std::iter::repeat_n(None, n));
    }

    pub fn ingress_pending(&self) -> usize {
        self.i_in.len()
    }

    /// The next frame out of the ingress port, if one has left.
    pub fn ingress_out(&mut self) -> Option<OutFrame> {
        self.i_out.done.pop_front()
    }

    pub fn ingress_done(&self) -> usize {
        self.i_out.done.len()
    }
}
