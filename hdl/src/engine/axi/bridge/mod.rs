//! The testbench's AXI master: it drives a simulation of the AXI top ([`AxiModel`]) from the
//! native seam ([`EngineModel`]), so everything that runs on the native engine — the lockstep
//! scoreboard, the lab, the driver's conformance suite — runs on the wrapper too. A native CSR
//! access (one cycle of `we` or `re`) becomes an AXI4-Lite transaction with seeded random
//! timing: AW and W each raised after 0–3 cycles (so either comes first, or both together),
//! BREADY and RREADY low on random cycles; `EngineSim` waits for it through
//! [`EngineModel::csr_pending`]. Streams map beat for beat (the start of frame regenerated from
//! `tlast`). Every cycle the slave's side is checked against the AXI rules, and what breaks one
//! is reported through [`EngineModel::protocol_errors`]:
//! - a VALID held, with its payload unchanged, until its READY (B, R and both master streams);
//! - no response before its request (B before AW and W, R before AR) and OKAY for every access;
//! - `tkeep` all ones on a beat that is not the last, contiguous from bit 0 on the last;
//! - the drop mark in `tuser` equal to the status word's drop bit.
//!
//! A write of CONTROL.RESET resets the datapaths at the edge the slave issues it, a few cycles
//! into the transaction. The native seam's harness treats that write as the moment its ports
//! are flushed (what was queued goes, a frame half out is forgotten); so that the AXI master
//! matches it, it offers no beat on either slave stream while such a write is under way, does not
//! hold the master streams to the handshake rule then (the reset cuts a frame in flight, tlast or
//! not: the wrapper's documented behaviour), and starts a fresh frame on each master port after it.

use super::pins::{AxiIn, AxiModel, AxiOut};
use crate::engine::pins::{EngineIn, EngineModel, EngineOut};
use crate::vcd_redact::Keys;
use macsec_model::regmap::card as c;

mod beats;
mod rules;

use beats::axis_in;

/// Cycles an access may take before the slave is reported as hung (and the access dropped).
const TIMEOUT: u32 = 256;

/// The AXI master's seed for the `n`th engine of a run seeded `seed` (every simulation of the AXI
/// top takes it from here, so a rust-hdl and a Verilator run of one seed are cycle for cycle alike).
pub fn seed_of(seed: u64, n: u64) -> u64 {
    seed ^ n.wrapping_mul(0xD1B5_4A32_D192_ED03)
}

/// No `Debug`: a write's data may be key material.
#[derive(Clone, Copy)]
enum Op {
    Write {
        addr: u16,
        data: u32,
        /// Cycles left before AW (W) is raised; `None` once it went.
        aw: Option<u8>,
        w: Option<u8>,
    },
    Read {
        addr: u16,
        ar: Option<u8>,
    },
}

/// The native engine's pins over an AXI top.
pub struct AxiBridge<M: AxiModel> {
    m: M,
    name: &'static str,
    rng: u64,
    op: Option<Op>,
    /// Cycles the pending access has taken.
    age: u32,
    /// The last read's data (the native `rdata`).
    rdata: u32,
    /// The next beat out of each master port starts a frame.
    tx_first: bool,
    rx_first: bool,
    /// This cycle's pins, for the handshakes at the edge and the next cycle's checks.
    now: Option<(AxiIn, AxiOut)>,
    prev: Option<(AxiIn, AxiOut)>,
    cycle: u64,
    errors: Vec<String>,
    more_errors: u64,
}

impl<M: AxiModel> std::fmt::Debug for AxiBridge<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AxiBridge({})", self.name)
    }
}

impl<M: AxiModel> AxiBridge<M> {
    /// `seed` chooses the CSR transactions' timing.
    pub fn new(m: M, seed: u64) -> AxiBridge<M> {
        let name = match m.name() {
            "verilator" => "verilator-axi",
            _ => "rust-hdl-axi",
        };
        AxiBridge {
            m,
            name,
            rng: seed ^ 0x6A09_E667_F3BC_C908,
            op: None,
            age: 0,
            rdata: 0,
            tx_first: true,
            rx_first: true,
            now: None,
            prev: None,
            cycle: 0,
            errors: Vec::new(),
            more_errors: 0,
        }
    }

    /// A write of CONTROL with RESET set is under way.
    fn resetting(&self) -> bool {
        matches!(self.op, Some(Op::Write { addr, data, .. })
            if addr as u32 & !3 == c::CONTROL.offset && c::CONTROL_RESET.get(data) != 0)
    }

    fn rand(&mut self) -> u64 {
        // splitmix64
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn delay(&mut self) -> Option<u8> {
        let r = self.rand();
        // Half the time at once, else 1 to 3 cycles later.
        Some(if r & 1 == 0 {
            0
        } else {
            (r >> 1) as u8 % 3 + 1
        })
    }

    /// The master's CSR pins for this cycle, from the pending access.
    fn csr_pins(&mut self, a: &mut AxiIn) {
        let ready = self.rand() & 3 != 0;
        a.bready = ready;
        a.rready = self.rand() & 3 != 0;
        match &mut self.op {
            Some(Op::Write { addr, data, aw, w }) => {
                a.awaddr = *addr;
                a.wdata = *data;
                a.wstrb = 0xF;
                a.awvalid = *aw == Some(0);
                a.wvalid = *w == Some(0);
            }
            Some(Op::Read { addr, ar }) => {
                a.araddr = *addr;
                a.arvalid = *ar == Some(0);
            }
            None => {}
        }
    }
}

impl<M: AxiModel> EngineModel for AxiBridge<M> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn low(&mut self, i: &EngineIn) -> EngineOut {
        if i.reset {
            // A reset abandons the access in flight (the slave forgets it too).
            self.op = None;
            self.tx_first = true;
            self.rx_first = true;
        } else if self.op.is_none() && (i.we || i.re) {
            self.op = Some(if i.we {
                Op::Write {
                    addr: i.addr,
                    data: i.wdata,
                    aw: self.delay(),
                    w: self.delay(),
                }
            } else {
                Op::Read {
                    addr: i.addr,
                    ar: self.delay(),
                }
            });
        }
        let mut a = AxiIn {
            aresetn: !i.reset,
            irq_set: i.irq_set,
            tx_in: axis_in(&i.e_in),
            tx_out_ready: i.e_out_ready,
            rx_in: axis_in(&i.i_in),
            rx_out_ready: i.i_out_ready,
            ..AxiIn::default()
        };
        self.csr_pins(&mut a);
        let quiet = self.resetting();
        if quiet {
            a.tx_in.tvalid = false;
            a.rx_in.tvalid = false;
        }
        let o = self.m.low(&a);
        if i.reset {
            self.prev = None;
        } else {
            self.check(&a, &o);
        }
        self.now = Some((a, o));
        let mut n = self.native(&o);
        if quiet {
            n.e_in_ready = false;
            n.i_in_room = false;
        }
        n
    }

    fn rise(&mut self) {
        let Some((a, o)) = self.now.take() else {
            self.m.rise();
            return;
        };
        if a.aresetn {
            // The handshakes this edge completes.
            if o.tx_out.tvalid && a.tx_out_ready {
                self.tx_first = o.tx_out.tlast;
            }
            if o.rx_out.tvalid && a.rx_out_ready {
                self.rx_first = o.rx_out.tlast;
            }
            let tick = |c: &mut Option<u8>, valid: bool, ready: bool| match c {
                Some(0) if valid && ready => *c = None,
                Some(0) | None => {}
                Some(n) => *n -= 1,
            };
            match &mut self.op {
                Some(Op::Write { aw, w, .. }) => {
                    let done = aw.is_none() && w.is_none() && o.bvalid && a.bready;
                    tick(aw, a.awvalid, o.awready);
                    tick(w, a.wvalid, o.wready);
                    if done {
                        if self.resetting() {
                            self.tx_first = true;
                            self.rx_first = true;
                        }
                        self.op = None;
                    }
                }
                Some(Op::Read { ar, .. }) => {
                    let done = ar.is_none() && o.rvalid && a.rready;
                    tick(ar, a.arvalid, o.arready);
                    if done {
                        self.rdata = o.rdata;
                        self.op = None;
                    }
                }
                None => {}
            }
            self.age = if self.op.is_some() { self.age + 1 } else { 0 };
            if self.age > TIMEOUT {
                // The address only: a written word may be key material.
                let what = match self.op {
                    Some(Op::Write { addr, .. }) => format!("the write of 0x{addr:03x}"),
                    Some(Op::Read { addr, .. }) => format!("the read of 0x{addr:03x}"),
                    None => String::new(),
                };
                self.error(format!("s_axil: no response to {what} in {TIMEOUT} cycles"));
                self.op = None;
                self.age = 0;
            }
            self.prev = Some((a, o));
        }
        self.m.rise();
        self.cycle += 1;
    }

    fn outputs(&self) -> EngineOut {
        self.native(&self.m.outputs())
    }

    fn csr_pending(&self) -> bool {
        self.op.is_some()
    }

    fn protocol_errors(&mut self) -> Vec<String> {
        let mut e = std::mem::take(&mut self.errors);
        if self.more_errors > 0 {
            e.push(format!("and {} more", self.more_errors));
            self.more_errors = 0;
        }
        e
    }

    fn vcd_start(&mut self, ps: u64, keys: Keys) {
        self.m.vcd_start(ps, keys);
    }

    fn vcd_sample(&mut self, ps: u64) {
        self.m.vcd_sample(ps);
    }

    fn vcd_take(&mut self) -> Vec<u8> {
        self.m.vcd_take()
    }
}
