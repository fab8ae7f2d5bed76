//! The rust-hdl design itself behind the [`EngineModel`] seam: pins in and out of
//! `MacsecEngine`, settled with the single-threaded `simulate()` loop, and waveforms through
//! rust-hdl's VCD writer (key material redacted unless asked for).

use std::io::Write;
use std::sync::{Arc, Mutex};

use rust_hdl::core::vcd_probe::VCDProbe;
use rust_hdl::prelude::*;

use super::pins::{EngineIn, EngineModel, EngineOut, InBeat, OutBeat};
use super::top::MacsecEngine;
use crate::vcd_redact::{Keys, Redactor};

/// Run update passes until nothing changes. With `derive(SettleBlock)` a pass visits only the
/// blocks with something new to read, so a settled design costs one cheap pass.
pub fn settle<B: Block>(u: &mut B) {
    simulate(u, 1000);
}

/// The rust-hdl engine under simulation.
pub struct RustHdlEngine {
    pub uut: MacsecEngine,
    vcd: Vcd,
}

impl std::fmt::Debug for RustHdlEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RustHdlEngine")
    }
}

impl Default for RustHdlEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl RustHdlEngine {
    pub fn new() -> RustHdlEngine {
        let mut uut = MacsecEngine::new();
        uut.connect_all();
        RustHdlEngine {
            uut,
            vcd: Vcd::default(),
        }
    }
}

type In32 = Signal<In, Bits<32>>;
type Out32 = Signal<Out, Bits<32>>;

fn drive(
    b: &InBeat,
    v: &mut Signal<In, Bit>,
    s: &mut Signal<In, Bit>,
    e: &mut Signal<In, Bit>,
    m: &mut Signal<In, Bits<16>>,
    d: [&mut In32; 4],
) {
    v.next = b.valid;
    s.next = b.sop;
    e.next = b.eop;
    m.next = (b.mask as u64).into();
    for (x, w) in d.into_iter().zip(b.d) {
        x.next = (w as u64).into();
    }
}

#[allow(clippy::too_many_arguments)]
fn sample(
    full: bool,
    v: &Signal<Out, Bit>,
    s: &Signal<Out, Bit>,
    e: &Signal<Out, Bit>,
    m: &Signal<Out, Bits<16>>,
    d: [&Out32; 4],
    st: &Out32,
    lo: &Out32,
    hi: &Out32,
) -> OutBeat {
    if !full && !v.val() {
        return OutBeat::default();
    }
    OutBeat {
        valid: v.val(),
        sop: s.val(),
        eop: e.val(),
        mask: m.val().index() as u16,
        d: d.map(|x| x.val().to_u32()),
        status: st.val().to_u32(),
        pn: (hi.val().to_u32() as u64) << 32 | lo.val().to_u32() as u64,
    }
}

/// The outputs; with `full` false an idle output beat is left at its default.
fn read_outputs(u: &MacsecEngine, full: bool) -> EngineOut {
    EngineOut {
        rdata: u.rdata.val().to_u32(),
        irq: u.irq.val(),
        irq_msg: u.irq_msg.val(),
        e_in_ready: u.e_in_ready.val(),
        e_out: sample(
            full,
            &u.e_out_valid,
            &u.e_out_sop,
            &u.e_out_eop,
            &u.e_out_mask,
            [&u.e_out_d0, &u.e_out_d1, &u.e_out_d2, &u.e_out_d3],
            &u.e_out_status,
            &u.e_out_pn_lo,
            &u.e_out_pn_hi,
        ),
        i_in_room: u.i_in_room.val(),
        i_out: sample(
            full,
            &u.i_out_valid,
            &u.i_out_sop,
            &u.i_out_eop,
            &u.i_out_mask,
            [&u.i_out_d0, &u.i_out_d1, &u.i_out_d2, &u.i_out_d3],
            &u.i_out_status,
            &u.i_out_pn_lo,
            &u.i_out_pn_hi,
        ),
        i_overrun: u.i_overrun.val(),
    }
}

impl EngineModel for RustHdlEngine {
    fn name(&self) -> &'static str {
        "rust-hdl"
    }

    fn low(&mut self, i: &EngineIn) -> EngineOut {
        let u = &mut self.uut;
        u.reset.next = i.reset;
        u.addr.next = (i.addr as u64).into();
        u.wdata.next = (i.wdata as u64).into();
        u.we.next = i.we;
        u.re.next = i.re;
        u.irq_set.next = (i.irq_set as u64).into();
        drive(
            &i.e_in,
            &mut u.e_in_valid,
            &mut u.e_in_sop,
            &mut u.e_in_eop,
            &mut u.e_in_mask,
            [
                &mut u.e_in_d0,
                &mut u.e_in_d1,
                &mut u.e_in_d2,
                &mut u.e_in_d3,
            ],
        );
        u.e_out_ready.next = i.e_out_ready;
        drive(
            &i.i_in,
            &mut u.i_in_valid,
            &mut u.i_in_sop,
            &mut u.i_in_eop,
            &mut u.i_in_mask,
            [
                &mut u.i_in_d0,
                &mut u.i_in_d1,
                &mut u.i_in_d2,
                &mut u.i_in_d3,
            ],
        );
        u.i_out_ready.next = i.i_out_ready;
        if self.vcd.recording() {
            u.clock.next = false.into();
        }
        settle(u);
        read_outputs(u, false)
    }

    fn rise(&mut self) {
        if self.uut.clock.val().clk {
            self.uut.settle_rising_edge();
        } else {
            self.uut.clock.next = true.into();
        }
        settle(&mut self.uut);
    }

    fn outputs(&self) -> EngineOut {
        read_outputs(&self.uut, true)
    }

    fn in_room(&self) -> bool {
        self.uut.i_in_room.val()
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

/// A design's waveform while one is being recorded (shared by the native and the AXI top).
#[derive(Default)]
pub(crate) struct Vcd(Option<(VCDProbe<VcdBuf>, VcdBuf)>);

impl Vcd {
    /// Whether a waveform is being recorded. The clock's fall moves no register, so `low`
    /// settles it only then (the waveform shows the clock); otherwise the clock stays high and
    /// `rise` hands every block the whole edge at once (`settle_rising_edge`), which saves a
    /// pass over every clocked block per cycle.
    pub(crate) fn recording(&self) -> bool {
        self.0.is_some()
    }

    pub(crate) fn start<B: Block>(&mut self, uut: &B, ps: u64, keys: Keys) {
        let buf = VcdBuf::new(keys);
        let mut v = write_vcd_header(buf.clone(), uut);
        let _ = v.timestamp(ps);
        self.0 = Some((write_vcd_dump(v, uut), buf));
    }

    pub(crate) fn sample<B: Block>(&mut self, uut: &B, ps: u64) {
        if let Some((mut v, b)) = self.0.take() {
            let _ = v.timestamp(ps);
            self.0 = Some((write_vcd_change(v, uut), b));
        }
    }

    pub(crate) fn take(&mut self) -> Vec<u8> {
        match self.0.take() {
            Some((v, buf)) => {
                drop(v);
                buf.take()
            }
            None => Vec::new(),
        }
    }
}

/// A VCD being written (rust-hdl's writer owns its sink; this one can be read back), through a
/// [`Redactor`] unless key material was asked for.
#[derive(Clone)]
pub(crate) struct VcdBuf(Arc<Mutex<VcdSink>>);

enum VcdSink {
    Raw(Vec<u8>),
    Redacted(Box<Redactor>),
}

impl VcdBuf {
    pub(crate) fn new(keys: Keys) -> VcdBuf {
        VcdBuf(Arc::new(Mutex::new(match keys {
            Keys::Include => VcdSink::Raw(Vec::new()),
            Keys::Redact => VcdSink::Redacted(Box::new(Redactor::new())),
        })))
    }

    pub(crate) fn take(&self) -> Vec<u8> {
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
