//! Driving the GCM core with the direct single-threaded `simulate()` loop: inputs change while
//! the clock is low and settle before the rising edge (rust-hdl's threaded testbench is two
//! orders of magnitude slower). Used by the tests, the Verilog replay and the benches.

use rust_hdl::prelude::*;

use crate::gcm_core::GcmCore;
use crate::lanes::{from_bytes, to_bytes};

/// One GCM message for the core.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub key_slot: u8,
    pub iv: [u8; 12],
    pub aad: Vec<u8>,
    pub data: Vec<u8>,
    pub decrypt: bool,
}

/// What the core produced for a message.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Output {
    pub aad: Vec<u8>,
    pub data: Vec<u8>,
    pub tag: [u8; 16],
}

/// One input beat, as the core's input port sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Beat {
    pub sop: bool,
    pub eop: bool,
    pub aad: bool,
    pub decrypt: bool,
    pub mask: u16,
    pub key: u8,
    pub iv: [u32; 3],
    pub data: [u32; 4],
}

fn mask_of(n: usize) -> u16 {
    (!0u16).checked_shl(16 - n as u32).unwrap_or(0)
}

/// The beats of a message: AAD beats (at least one, empty if there is no AAD), then data beats.
pub fn beats(m: &Message) -> Vec<Beat> {
    let mut out = Vec::new();
    let ivb: [u8; 16] = {
        let mut b = [0u8; 16];
        b[..12].copy_from_slice(&m.iv);
        b
    };
    let ivl = from_bytes(&ivb);
    let mut push = |chunk: &[u8], aad: bool| {
        let mut b = [0u8; 16];
        b[..chunk.len()].copy_from_slice(chunk);
        out.push(Beat {
            sop: false,
            eop: false,
            aad,
            decrypt: m.decrypt,
            mask: mask_of(chunk.len()),
            key: m.key_slot,
            iv: [ivl[0], ivl[1], ivl[2]],
            data: from_bytes(&b),
        });
    };
    if m.aad.is_empty() {
        push(&[], true);
    }
    for c in m.aad.chunks(16) {
        push(c, true);
    }
    for c in m.data.chunks(16) {
        push(c, false);
    }
    out[0].sop = true;
    if let Some(last) = out.last_mut() {
        last.eop = true;
    }
    out
}

/// The core under simulation.
pub struct CoreSim {
    pub uut: GcmCore,
    pub cycles: u64,
    /// When set, every cycle's inputs (as a stimulus line) and outputs (as a trace line).
    pub trace: Option<Vec<(String, String)>>,
}

impl std::fmt::Debug for CoreSim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CoreSim(cycle {})", self.cycles)
    }
}

/// What the outputs showed on one cycle (for traces and the Verilog comparison).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Observed {
    pub in_ready: bool,
    pub key_ready: bool,
    pub out_valid: bool,
    pub out_sop: bool,
    pub out_eop: bool,
    pub out_aad: bool,
    pub out_mask: u16,
    pub out_data: [u32; 4],
    pub tag_valid: bool,
    pub tag: [u32; 4],
}

impl CoreSim {
    /// A fresh core, reset for two cycles.
    pub fn new() -> CoreSim {
        let mut uut = GcmCore::new();
        uut.connect_all();
        let mut s = CoreSim {
            uut,
            cycles: 0,
            trace: None,
        };
        s.uut.out_ready.next = true;
        s.reset();
        s
    }

    /// A fresh core recording every cycle from before its reset (for the Verilog replay, which
    /// starts from the Verilog's own power-up values).
    pub fn traced() -> CoreSim {
        let mut s = Self::new();
        s.trace = Some(Vec::new());
        s.reset();
        s
    }

    /// Two cycles of reset.
    pub fn reset(&mut self) {
        self.uut.reset.next = true;
        self.tick();
        self.tick();
        self.uut.reset.next = false;
    }

    /// One clock cycle: settle the inputs with the clock low, then the rising edge.
    pub fn tick(&mut self) {
        let stim = self
            .trace
            .is_some()
            .then(|| crate::verilog::stimulus_line(&self.uut));
        self.uut.clock.next = false.into();
        simulate(&mut self.uut, 200);
        self.uut.clock.next = true.into();
        simulate(&mut self.uut, 200);
        self.cycles += 1;
        if let Some(stim) = stim {
            let line = crate::verilog::trace_line(&self.observe());
            if let Some(t) = self.trace.as_mut() {
                t.push((stim, line));
            }
        }
    }

    /// The outputs now (after the last edge).
    pub fn observe(&self) -> Observed {
        let u = &self.uut;
        Observed {
            in_ready: u.in_ready.val(),
            key_ready: u.key_ready.val(),
            out_valid: u.out_valid.val(),
            out_sop: u.out_sop.val(),
            out_eop: u.out_eop.val(),
            out_aad: u.out_aad.val(),
            out_mask: u.out_mask.val().index() as u16,
            out_data: [&u.out_d0, &u.out_d1, &u.out_d2, &u.out_d3].map(|x| x.val().to_u32()),
            tag_valid: u.tag_valid.val(),
            tag: [&u.tag0, &u.tag1, &u.tag2, &u.tag3].map(|x| x.val().to_u32()),
        }
    }

    /// Drive a beat (or nothing) on the input port for the next edge.
    pub fn drive(&mut self, b: Option<&Beat>) {
        let u = &mut self.uut;
        let b = b.copied().map_or((false, Beat::default()), |b| (true, b));
        u.in_valid.next = b.0;
        let b = b.1;
        u.in_sop.next = b.sop;
        u.in_eop.next = b.eop;
        u.in_aad.next = b.aad;
        u.in_decrypt.next = b.decrypt;
        u.in_mask.next = (b.mask as u64).into();
        u.in_key.next = (b.key as u64).into();
        u.in_iv0.next = (b.iv[0] as u64).into();
        u.in_iv1.next = (b.iv[1] as u64).into();
        u.in_iv2.next = (b.iv[2] as u64).into();
        u.in_d0.next = (b.data[0] as u64).into();
        u.in_d1.next = (b.data[1] as u64).into();
        u.in_d2.next = (b.data[2] as u64).into();
        u.in_d3.next = (b.data[3] as u64).into();
    }

    /// Drive a key install (or nothing) for the next edge.
    pub fn drive_key(&mut self, k: Option<(u8, &[u8])>) {
        let u = &mut self.uut;
        u.key_valid.next = k.is_some();
        let (slot, key) = k.unwrap_or((0, &[]));
        let mut w = [0u32; 8];
        for (i, c) in key.chunks(4).enumerate().take(8) {
            w[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
        }
        u.key_id.next = (slot as u64).into();
        u.key_256.next = key.len() == 32;
        for (sig, v) in [
            &mut u.key0,
            &mut u.key1,
            &mut u.key2,
            &mut u.key3,
            &mut u.key4,
            &mut u.key5,
            &mut u.key6,
            &mut u.key7,
        ]
        .into_iter()
        .zip(w)
        {
            sig.next = (v as u64).into();
        }
    }

    /// Install a key into a slot and wait until the core has its schedule and H. Returns the
    /// cycles it took.
    pub fn install_key(&mut self, slot: u8, key: &[u8]) -> u64 {
        // After a reset the core wipes its key memories first (KEYS cycles); the install's
        // own time starts once it is ready.
        while !self.uut.key_ready.val() {
            self.tick();
        }
        let start = self.cycles;
        self.drive_key(Some((slot, key)));
        self.tick();
        self.drive_key(None);
        while !self.uut.key_ready.val() {
            self.tick();
        }
        self.cycles - start
    }

    /// Stream messages back to back (a beat whenever the core is ready) and collect what comes
    /// out. `gap` idle cycles are inserted between messages.
    pub fn run(&mut self, msgs: &[Message], gap: usize) -> Vec<Output> {
        let mut queue: std::collections::VecDeque<Option<Beat>> = Default::default();
        for m in msgs {
            queue.extend(beats(m).into_iter().map(Some));
            queue.extend(std::iter::repeat_n(None, gap));
        }
        let mut outs: Vec<Output> = Vec::new();
        let mut cur = Output::default();
        let mut tags = 0usize;
        let mut idle = 0usize;
        while tags < msgs.len() {
            let front = queue.front().copied().flatten();
            self.drive(front.as_ref());
            let ready = self.uut.in_ready.val();
            self.tick();
            if ready || front.is_none() {
                queue.pop_front();
            }
            let o = self.observe();
            if o.out_valid {
                let bytes = to_bytes(o.out_data);
                let n = o.out_mask.count_ones() as usize;
                if o.out_aad {
                    cur.aad.extend_from_slice(&bytes[..n]);
                } else {
                    cur.data.extend_from_slice(&bytes[..n]);
                }
                if o.out_eop {
                    outs.push(std::mem::take(&mut cur));
                }
            }
            if o.tag_valid {
                if let Some(out) = outs.get_mut(tags) {
                    out.tag = to_bytes(o.tag);
                }
                tags += 1;
            }
            idle = if o.out_valid || o.tag_valid {
                0
            } else {
                idle + 1
            };
            if idle > 1000 {
                break;
            }
        }
        self.drive(None);
        outs
    }
}

impl Default for CoreSim {
    fn default() -> Self {
        Self::new()
    }
}
