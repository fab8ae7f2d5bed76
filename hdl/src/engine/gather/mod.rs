//! The gather: the one byte realigner of the engine. Every place where octets move against the
//! 16-octet beat grid — inserting the SecTAG, splitting a frame into the cipher's AAD and data
//! parts (each starting on a beat), appending the ICV, removing the SecTAG — pushes segments
//! (octets `start..start+len` of a beat, then optionally the leading `b_len` octets of a second
//! beat) into a gather, which packs them and emits full beats, one per cycle. A push may end the
//! current part: its last octets leave as a short beat. A part that ends a message marks that
//! beat `eop`; the next beat out is `sop`.
//!
//! A push is registered as it is taken (`in_ready` is "the input register is empty, or the push
//! it holds goes in now"), and packed from that register a cycle later: no path runs from the
//! block that pushes into the shifters.
//!
//! A leaf with a hand-written Verilog body (an input register, a 48-octet buffer and two barrel
//! shifters); the Icarus replays check it cycle for cycle.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::lanes::{from_bytes, to_bytes};

mod verilog;

/// Octets the buffer holds: 15 left over, plus two 16-octet segments.
const BUF: usize = 48;

/// A push as the input register holds it.
#[derive(Clone, Copy, Debug, Default)]
struct Push {
    a: [u8; 16],
    start: usize,
    a_len: usize,
    b: [u8; 16],
    b_len: usize,
    end: bool,
    eom: bool,
    aad: bool,
    meta: [u32; 4],
}

#[derive(Clone, Copy, Debug)]
struct State {
    /// The input register holds a push.
    in_full: bool,
    push: Push,
    buf: [u8; BUF],
    k: usize,
    pend_end: bool,
    pend_eom: bool,
    aad: bool,
    sop_next: bool,
    meta: [u32; 4],
    out_valid: bool,
    out_sop: bool,
    out_eop: bool,
    out_aad: bool,
    out_n: usize,
    out_d: [u8; 16],
    out_meta: [u32; 4],
}

impl Default for State {
    fn default() -> State {
        State {
            in_full: false,
            push: Push::default(),
            buf: [0; BUF],
            k: 0,
            pend_end: false,
            pend_eom: false,
            aad: false,
            sop_next: true,
            meta: [0; 4],
            out_valid: false,
            out_sop: false,
            out_eop: false,
            out_aad: false,
            out_n: 0,
            out_d: [0; 16],
            out_meta: [0; 4],
        }
    }
}

#[derive(SettleBlock, Default, Debug)]
pub struct Gather {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub in_valid: Signal<In, Bit>,
    pub in_ready: Signal<Out, Bit>,
    pub a_d0: Signal<In, Bits<32>>,
    pub a_d1: Signal<In, Bits<32>>,
    pub a_d2: Signal<In, Bits<32>>,
    pub a_d3: Signal<In, Bits<32>>,
    pub a_start: Signal<In, Bits<4>>,
    pub a_len: Signal<In, Bits<5>>,
    pub b_d0: Signal<In, Bits<32>>,
    pub b_d1: Signal<In, Bits<32>>,
    pub b_d2: Signal<In, Bits<32>>,
    pub b_d3: Signal<In, Bits<32>>,
    pub b_len: Signal<In, Bits<5>>,
    /// The push completes the current part.
    pub in_end: Signal<In, Bit>,
    /// With `in_end`: the part completes the message.
    pub in_eom: Signal<In, Bit>,
    /// The pushed octets belong to an AAD part.
    pub in_aad: Signal<In, Bit>,
    /// Travels with the octets: the beats out carry the meta of the latest push.
    pub in_m0: Signal<In, Bits<32>>,
    pub in_m1: Signal<In, Bits<32>>,
    pub in_m2: Signal<In, Bits<32>>,
    pub in_m3: Signal<In, Bits<32>>,
    pub out_ready: Signal<In, Bit>,
    pub out_valid: Signal<Out, Bit>,
    pub out_sop: Signal<Out, Bit>,
    pub out_eop: Signal<Out, Bit>,
    pub out_aad: Signal<Out, Bit>,
    pub out_mask: Signal<Out, Bits<16>>,
    pub out_d0: Signal<Out, Bits<32>>,
    pub out_d1: Signal<Out, Bits<32>>,
    pub out_d2: Signal<Out, Bits<32>>,
    pub out_d3: Signal<Out, Bits<32>>,
    pub out_m0: Signal<Out, Bits<32>>,
    pub out_m1: Signal<Out, Bits<32>>,
    pub out_m2: Signal<Out, Bits<32>>,
    pub out_m3: Signal<Out, Bits<32>>,
    _s: State,
}

/// The byte mask of `n` leading octets (bit 15 is octet 0).
pub fn mask_of(n: usize) -> u16 {
    (!(0xFFFFu32 >> n.min(16))) as u16
}

fn lanes(s: [&Signal<In, Bits<32>>; 4]) -> [u8; 16] {
    to_bytes(s.map(|x| x.val().to_u32()))
}

impl Gather {
    /// The buffer takes the registered push this cycle (when there is one).
    fn ready(&self) -> bool {
        let s = &self._s;
        let out_free = !s.out_valid || self.out_ready.val();
        if s.pend_end {
            out_free && s.k <= 16
        } else {
            s.k < 16 || (s.k < 32 && out_free)
        }
    }

    fn edge(&mut self) {
        let ready = self.ready();
        let out_ready = self.out_ready.val();
        let s = &mut self._s;
        if !s.out_valid || out_ready {
            s.out_valid = false;
            if s.k >= 16 || (s.pend_end && s.k > 0) {
                let n = s.k.min(16);
                let rem = s.k - n;
                s.out_valid = true;
                s.out_n = n;
                s.out_d = [0; 16];
                s.out_d[..n].copy_from_slice(&s.buf[..n]);
                s.out_sop = s.sop_next;
                s.out_eop = s.pend_end && s.pend_eom && rem == 0;
                s.out_aad = s.aad;
                s.out_meta = s.meta;
                s.buf.copy_within(n.., 0);
                s.buf[BUF - n..].fill(0);
                s.k = rem;
                s.sop_next = false;
                if rem == 0 && s.pend_end {
                    s.sop_next = s.pend_eom;
                    s.pend_end = false;
                    s.pend_eom = false;
                }
            }
        }
        if s.in_full && ready {
            let p = s.push;
            let alen = p.a_len.min(16);
            let blen = p.b_len.min(16);
            // Octets past the end of a beat read as zero, as the Verilog shifter does.
            for i in 0..alen {
                s.buf[s.k + i] = p.a.get(p.start + i).copied().unwrap_or(0);
            }
            s.k += alen;
            s.buf[s.k..s.k + blen].copy_from_slice(&p.b[..blen]);
            s.k += blen;
            s.pend_end = p.end;
            s.pend_eom = p.eom;
            s.aad = p.aad;
            s.meta = p.meta;
        }
        // The input register takes the next push when it is empty or its push went in. Its
        // words are read only while it is full, so an idle cycle leaves them as they are.
        if !s.in_full || ready {
            s.in_full = self.in_valid.val();
            if s.in_full {
                s.push = Push {
                    a: lanes([&self.a_d0, &self.a_d1, &self.a_d2, &self.a_d3]),
                    start: self.a_start.val().index(),
                    a_len: self.a_len.val().index(),
                    b: lanes([&self.b_d0, &self.b_d1, &self.b_d2, &self.b_d3]),
                    b_len: self.b_len.val().index(),
                    end: self.in_end.val(),
                    eom: self.in_eom.val(),
                    aad: self.in_aad.val(),
                    meta: [&self.in_m0, &self.in_m1, &self.in_m2, &self.in_m3]
                        .map(|x| x.val().to_u32()),
                };
            }
        }
    }
}

impl Logic for Gather {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            if self.reset.val() {
                self._s = State::default();
            } else {
                self.edge();
            }
            let s = &self._s;
            let d = from_bytes(&s.out_d);
            self.out_valid.next = s.out_valid;
            self.out_sop.next = s.out_sop;
            self.out_eop.next = s.out_eop;
            self.out_aad.next = s.out_aad;
            self.out_mask.next = (mask_of(s.out_n) as u64).into();
            self.out_d0.next = (d[0] as u64).into();
            self.out_d1.next = (d[1] as u64).into();
            self.out_d2.next = (d[2] as u64).into();
            self.out_d3.next = (d[3] as u64).into();
            self.out_m0.next = (s.out_meta[0] as u64).into();
            self.out_m1.next = (s.out_meta[1] as u64).into();
            self.out_m2.next = (s.out_meta[2] as u64).into();
            self.out_m3.next = (s.out_meta[3] as u64).into();
        }
        self.in_ready.next = !self._s.in_full || self.ready();
    }

    fn connect(&mut self) {
        self.in_ready.connect();
        self.out_valid.connect();
        self.out_sop.connect();
        self.out_eop.connect();
        self.out_aad.connect();
        self.out_mask.connect();
        self.out_d0.connect();
        self.out_d1.connect();
        self.out_d2.connect();
        self.out_d3.connect();
        self.out_m0.connect();
        self.out_m1.connect();
        self.out_m2.connect();
        self.out_m3.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(verilog::BODY.into())
    }
}
