//! The front of the ingress (802.1AE-2018 10.6.1–10.6.2): for the next frame to start it parses
//! the SecTAG, finds the receive SC by SCI and the SA by AN, recovers the PN (waiting while a
//! frame ahead on the same SA could still change the answer) and forms the IV. Then it cuts the
//! frame for the cipher core: frames to validate into AAD (DA, SA, SecTAG and the offset) and data
//! (to the ICV), frames only to strip into AAD to the ICV, anything else unchanged. One beat is
//! kept in hand so the ICV (the last 16 octets) is known when the last beat arrives. At the end
//! of each frame a descriptor carries what the back needs to decide.
//!
//! The decision is a pipeline of four register stages, so no path runs from the SecTAG to the
//! start in one cycle: the SecTAG parsed (here, from the head queue's SecTAG queue), the SC
//! table's CAM, the SA table's read, its PN recovery and hazard. It works on the next frame's
//! SecTAG while the frame ahead streams, every cycle, and `age` counts the edges since the
//! SecTAG at the queue's head last changed: the frame may start once all four stages hold its
//! answer. A write to the control plane (`touch`: a register, a table entry) starts the count
//! again, so a frame's decision never mixes the state before a write with the state after it.
//! Frames ahead on the same SA may still finish while it waits; the hazard accounts for them.
//!
//! Categories: 0 passes unchanged (validateFrames Null, untagged, a bad SecTAG, a frame of one
//! beat), 1 is stripped without validation (no SC or SA in use, or Disabled), 2 is validated.

use super::params::{KEY_BITS, SC_BITS, SC_COUNT_BITS};
use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::dff::Reg;

use super::rx_parse::{IcvGrab, RxParse};

mod wiring;

// The first metadata word carries the key slot in its low bits and the E flag at bit 8 (below),
// so a key slot has at most 8 bits; the ingress's lint waiver names bit 7 as unused, so 7.
const _: () = assert!(
    KEY_BITS <= 7,
    "at most 128 key slots: the E flag is bit 8 of m0"
);

/// Descriptor flag bits (`df`): what the front found.
pub const F_NULL: u32 = 1 << 0;
pub const F_MACSEC: u32 = 1 << 1;
pub const F_FIELDS_BAD: u32 = 1 << 2;
pub const F_SC_HIT: u32 = 1 << 3;
pub const F_SA_PRESENT: u32 = 1 << 4;
pub const F_SA_USABLE: u32 = 1 << 5;
pub const F_STRICT_OR_C: u32 = 1 << 6;
pub const F_E: u32 = 1 << 7;
pub const F_T16: u32 = 1 << 8;
pub const F_TOOK: u32 = 1 << 9;
pub const F_STRIP: u32 = 1 << 10;

#[derive(SettleBlock, Default, Debug)]
pub struct RxFront {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub h_valid: Signal<In, Bit>,
    pub h_sop: Signal<In, Bit>,
    pub h_eop: Signal<In, Bit>,
    pub h_n: Signal<In, Bits<5>>,
    pub h_d0: Signal<In, Bits<32>>,
    pub h_d1: Signal<In, Bits<32>>,
    pub h_d2: Signal<In, Bits<32>>,
    pub h_d3: Signal<In, Bits<32>>,
    pub x_valid: Signal<In, Bit>,
    pub x_eop: Signal<In, Bit>,
    pub x_n: Signal<In, Bits<5>>,
    pub x_d0: Signal<In, Bits<32>>,
    pub x_d1: Signal<In, Bits<32>>,
    pub x_d2: Signal<In, Bits<32>>,
    pub x_d3: Signal<In, Bits<32>>,
    pub pop: Signal<Out, Bit>,
    pub pop2: Signal<Out, Bit>,
    /// The next frame's SecTAG (the head queue's SecTAG queue), taken at its start.
    pub t_valid: Signal<In, Bit>,
    pub t_b0d1: Signal<In, Bits<32>>,
    pub t_b0d2: Signal<In, Bits<32>>,
    pub t_b0d3: Signal<In, Bits<32>>,
    pub t_b1d0: Signal<In, Bits<32>>,
    pub t_b1d1: Signal<In, Bits<32>>,
    pub t_b1d2: Signal<In, Bits<32>>,
    pub t_eop: Signal<In, Bit>,
    pub t_n: Signal<In, Bits<5>>,
    pub t_pop: Signal<Out, Bit>,
    /// The control plane wrote a register or a table entry at the last edge.
    pub touch: Signal<In, Bit>,
    pub enabled: Signal<In, Bit>,
    pub validate: Signal<In, Bits<2>>,
    pub offset: Signal<In, Bits<6>>,
    pub n_valid: Signal<In, Bits<SC_COUNT_BITS>>,
    pub only_sci_lo: Signal<In, Bits<32>>,
    pub only_sci_hi: Signal<In, Bits<32>>,
    pub l_sci_lo: Signal<Out, Bits<32>>,
    pub l_sci_hi: Signal<Out, Bits<32>>,
    pub l_hit: Signal<In, Bit>,
    pub l_slot: Signal<In, Bits<SC_BITS>>,
    pub l_an: Signal<Out, Bits<2>>,
    pub l_pn32: Signal<Out, Bits<32>>,
    pub l_key: Signal<In, Bits<KEY_BITS>>,
    pub l_valid: Signal<In, Bit>,
    pub l_enable: Signal<In, Bit>,
    pub l_pn_lo: Signal<In, Bits<32>>,
    pub l_pn_hi: Signal<In, Bits<32>>,
    pub l_hazard: Signal<In, Bit>,
    pub l_iv0: Signal<In, Bits<32>>,
    pub l_iv1: Signal<In, Bits<32>>,
    pub l_iv2: Signal<In, Bits<32>>,
    pub l_take: Signal<Out, Bit>,
    /// The frame starts (at the edge): the SA table holds its IV in `l_iv*` from the next cycle.
    pub l_start: Signal<Out, Bit>,
    pub g_valid: Signal<Out, Bit>,
    pub g_ready: Signal<In, Bit>,
    pub a_d0: Signal<Out, Bits<32>>,
    pub a_d1: Signal<Out, Bits<32>>,
    pub a_d2: Signal<Out, Bits<32>>,
    pub a_d3: Signal<Out, Bits<32>>,
    pub a_start: Signal<Out, Bits<4>>,
    pub a_len: Signal<Out, Bits<5>>,
    pub g_end: Signal<Out, Bit>,
    pub g_eom: Signal<Out, Bit>,
    pub g_aad: Signal<Out, Bit>,
    /// Key slot (6:0) and decrypt (bit 8) of the message, and its IV.
    pub g_m0: Signal<Out, Bits<32>>,
    pub g_m1: Signal<Out, Bits<32>>,
    pub g_m2: Signal<Out, Bits<32>>,
    pub g_m3: Signal<Out, Bits<32>>,
    /// The frame's descriptor: at its start PN, flags; AN, slot, SL, validateFrames (the back
    /// needs them from the first beat); at its end the ICV and the length.
    pub ds_start: Signal<Out, Bit>,
    pub ds_valid: Signal<Out, Bit>,
    pub ds_room: Signal<In, Bit>,
    pub ds_icv0: Signal<Out, Bits<32>>,
    pub ds_icv1: Signal<Out, Bits<32>>,
    pub ds_icv2: Signal<Out, Bits<32>>,
    pub ds_icv3: Signal<Out, Bits<32>>,
    pub ds_pn_lo: Signal<Out, Bits<32>>,
    pub ds_pn_hi: Signal<Out, Bits<32>>,
    pub ds_flags: Signal<Out, Bits<32>>,
    pub ds_len: Signal<Out, Bits<16>>,
    pub ds_an: Signal<Out, Bits<32>>,
    pub ds_slot: Signal<Out, Bits<32>>,
    pub ds_sl: Signal<Out, Bits<32>>,
    pub ds_vf: Signal<Out, Bits<32>>,
    parse: RxParse,
    icv: IcvGrab,
    busy: Reg<Bit>,
    cat: Reg<Bits<2>>,
    s: Reg<Bits<5>>,
    pos: Reg<Bits<16>>,
    split: Reg<Bits<16>>,
    m0: Reg<Bits<32>>,
    /// Edges since the SecTAG at the head changed (or the control plane wrote), up to 4: the
    /// register stages between the SecTAG and the start (parse, SC, SA read, SA decision).
    age: Reg<Bits<3>>,
    start: Signal<Local, Bit>,
    hit: Signal<Local, Bit>,
    present: Signal<Local, Bit>,
    usable: Signal<Local, Bit>,
    soc: Signal<Local, Bit>,
    passes: Signal<Local, Bit>,
    strip: Signal<Local, Bit>,
    new_flags: Signal<Local, Bits<32>>,
    tag_end: Signal<Local, Bits<16>>,
    at: Signal<Local, Bits<16>>,
    end_k: Signal<Local, Bits<5>>,
    /// Where the beat in hand ends, and whether the AAD ends inside its unsent octets.
    beat_end: Signal<Local, Bits<16>>,
    cut: Signal<Local, Bit>,
    lim: Signal<Local, Bits<5>>,
    last: Signal<Local, Bit>,
    finish: Signal<Local, Bit>,
}
