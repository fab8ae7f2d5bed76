//! The ingress pipeline (validate): input FIFO (never back-pressures the MAC: whole frames
//! dropped and counted InPktsOverrun when it is full) → head queue → front (SecTAG, SC, SA, PN, parts) → gather →
//! GCM core → output and tag queues → back (SecTAG removal, the receive decision, counters,
//! status) → gather → output port. As in the egress, the core never stalls: the front feeds it
//! only while the output queue has room for everything in flight.

use super::params::{SC_BITS, SC_COUNT_BITS};
use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::dff::Reg;

use crate::aes_pipeline::KEY_BITS;
use crate::gcm_core::GcmCore;

use super::ev_reg::RxEvents;
use super::fifo::BeatFifo;
use super::gather::Gather;
use super::rx_admit::RxAdmit;
use super::rx_back::RxBack;
use super::rx_front::RxFront;
use super::rx_head::RxHead;

mod wiring;

/// Output-queue entries: the core's 17 cycles of latency plus slack.
const OUT_DEPTH: usize = 32;

#[derive(SettleBlock, Debug)]
pub struct Ingress {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub in_valid: Signal<In, Bit>,
    /// Advisory: a frame starting now would be taken (every beat is taken regardless).
    pub in_room: Signal<Out, Bit>,
    /// A frame was dropped at its first beat (InPktsOverrun) on the last edge.
    pub overrun: Signal<Out, Bit>,
    pub in_sop: Signal<In, Bit>,
    pub in_eop: Signal<In, Bit>,
    pub in_mask: Signal<In, Bits<16>>,
    pub in_d0: Signal<In, Bits<32>>,
    pub in_d1: Signal<In, Bits<32>>,
    pub in_d2: Signal<In, Bits<32>>,
    pub in_d3: Signal<In, Bits<32>>,
    pub out_valid: Signal<Out, Bit>,
    pub out_ready: Signal<In, Bit>,
    pub out_sop: Signal<Out, Bit>,
    pub out_eop: Signal<Out, Bit>,
    pub out_mask: Signal<Out, Bits<16>>,
    pub out_d0: Signal<Out, Bits<32>>,
    pub out_d1: Signal<Out, Bits<32>>,
    pub out_d2: Signal<Out, Bits<32>>,
    pub out_d3: Signal<Out, Bits<32>>,
    pub out_status: Signal<Out, Bits<32>>,
    /// The frame's PN (recovered for XPN) on its last beat.
    pub out_pn_lo: Signal<Out, Bits<32>>,
    pub out_pn_hi: Signal<Out, Bits<32>>,
    // From and to the control plane.
    pub enabled: Signal<In, Bit>,
    pub validate: Signal<In, Bits<2>>,
    pub offset: Signal<In, Bits<6>>,
    pub replay: Signal<In, Bit>,
    pub n_valid: Signal<In, Bits<SC_COUNT_BITS>>,
    pub only_sci_lo: Signal<In, Bits<32>>,
    pub only_sci_hi: Signal<In, Bits<32>>,
    pub l_hit: Signal<In, Bit>,
    pub l_slot: Signal<In, Bits<SC_BITS>>,
    pub l_key: Signal<In, Bits<KEY_BITS>>,
    pub l_valid: Signal<In, Bit>,
    pub l_enable: Signal<In, Bit>,
    pub l_pn_lo: Signal<In, Bits<32>>,
    pub l_pn_hi: Signal<In, Bits<32>>,
    pub l_hazard: Signal<In, Bit>,
    pub l_iv0: Signal<In, Bits<32>>,
    pub l_iv1: Signal<In, Bits<32>>,
    pub l_iv2: Signal<In, Bits<32>>,
    pub e_below: Signal<In, Bit>,
    pub e_ready: Signal<In, Bit>,
    pub touch: Signal<In, Bit>,
    pub l_sci_lo: Signal<Out, Bits<32>>,
    pub l_sci_hi: Signal<Out, Bits<32>>,
    pub l_an: Signal<Out, Bits<2>>,
    pub l_pn32: Signal<Out, Bits<32>>,
    pub l_take: Signal<Out, Bit>,
    pub l_start: Signal<Out, Bit>,
    pub e_slot: Signal<Out, Bits<SC_BITS>>,
    pub e_an: Signal<Out, Bits<2>>,
    pub e_pn_lo: Signal<Out, Bits<32>>,
    pub e_pn_hi: Signal<Out, Bits<32>>,
    pub e_commit: Signal<Out, Bit>,
    pub e_valid: Signal<Out, Bit>,
    pub rx_ev: Signal<Out, Bit>,
    pub rx_ev_counter: Signal<Out, Bits<4>>,
    pub rx_ev_sc_hit: Signal<Out, Bit>,
    pub rx_ev_sc: Signal<Out, Bits<SC_BITS>>,
    pub rx_ev_sa_hit: Signal<Out, Bit>,
    pub rx_ev_an: Signal<Out, Bits<2>>,
    pub rx_ev_oct_kind: Signal<Out, Bits<2>>,
    pub rx_ev_octets: Signal<Out, Bits<16>>,
    pub rx_ev_unknown_sci: Signal<Out, Bit>,
    pub rx_ev_no_sci: Signal<Out, Bit>,
    pub key_valid: Signal<In, Bit>,
    pub key_ready: Signal<Out, Bit>,
    pub key_id: Signal<In, Bits<KEY_BITS>>,
    pub key_256: Signal<In, Bit>,
    pub key0: Signal<In, Bits<32>>,
    pub key1: Signal<In, Bits<32>>,
    pub key2: Signal<In, Bits<32>>,
    pub key3: Signal<In, Bits<32>>,
    pub key4: Signal<In, Bits<32>>,
    pub key5: Signal<In, Bits<32>>,
    pub key6: Signal<In, Bits<32>>,
    pub key7: Signal<In, Bits<32>>,
    admit: RxAdmit,
    head: RxHead,
    front: RxFront,
    fmt: Gather,
    core: GcmCore,
    beats: BeatFifo,
    tags: BeatFifo,
    da: BeatFifo,
    db: BeatFifo,
    dc: BeatFifo,
    back: RxBack,
    events: RxEvents,
    pack: Gather,
    inflight: Reg<Bits<8>>,
    /// Room in the output queue for one more beat, registered: the queue and the core's
    /// beats as they were at the last edge leave room for the one that may have entered since.
    credit: Reg<Bit>,
    /// Beats in the core and queued behind it (8 bits, wrapping alike in Rust and Verilog).
    occupancy: Signal<Local, Bits<8>>,
    enter: Signal<Local, Bit>,
}

impl Default for Ingress {
    fn default() -> Self {
        Self::new()
    }
}

impl Ingress {
    pub fn new() -> Ingress {
        Ingress {
            _settle: Default::default(),
            clock: Default::default(),
            reset: Default::default(),
            in_valid: Default::default(),
            in_room: Default::default(),
            overrun: Default::default(),
            in_sop: Default::default(),
            in_eop: Default::default(),
            in_mask: Default::default(),
            in_d0: Default::default(),
            in_d1: Default::default(),
            in_d2: Default::default(),
            in_d3: Default::default(),
            out_valid: Default::default(),
            out_ready: Default::default(),
            out_sop: Default::default(),
            out_eop: Default::default(),
            out_mask: Default::default(),
            out_d0: Default::default(),
            out_d1: Default::default(),
            out_d2: Default::default(),
            out_d3: Default::default(),
            out_status: Default::default(),
            out_pn_lo: Default::default(),
            out_pn_hi: Default::default(),
            enabled: Default::default(),
            validate: Default::default(),
            offset: Default::default(),
            replay: Default::default(),
            n_valid: Default::default(),
            only_sci_lo: Default::default(),
            only_sci_hi: Default::default(),
            l_hit: Default::default(),
            l_slot: Default::default(),
            l_key: Default::default(),
            l_valid: Default::default(),
            l_enable: Default::default(),
            l_pn_lo: Default::default(),
            l_pn_hi: Default::default(),
            l_hazard: Default::default(),
            l_iv0: Default::default(),
            l_iv1: Default::default(),
            l_iv2: Default::default(),
            e_below: Default::default(),
            e_ready: Default::default(),
            touch: Default::default(),
            l_sci_lo: Default::default(),
            l_sci_hi: Default::default(),
            l_an: Default::default(),
            l_pn32: Default::default(),
            l_take: Default::default(),
            l_start: Default::default(),
            e_slot: Default::default(),
            e_an: Default::default(),
            e_pn_lo: Default::default(),
            e_pn_hi: Default::default(),
            e_commit: Default::default(),
            e_valid: Default::default(),
            rx_ev: Default::default(),
            rx_ev_counter: Default::default(),
            rx_ev_sc_hit: Default::default(),
            rx_ev_sc: Default::default(),
            rx_ev_sa_hit: Default::default(),
            rx_ev_an: Default::default(),
            rx_ev_oct_kind: Default::default(),
            rx_ev_octets: Default::default(),
            rx_ev_unknown_sci: Default::default(),
            rx_ev_no_sci: Default::default(),
            key_valid: Default::default(),
            key_ready: Default::default(),
            key_id: Default::default(),
            key_256: Default::default(),
            key0: Default::default(),
            key1: Default::default(),
            key2: Default::default(),
            key3: Default::default(),
            key4: Default::default(),
            key5: Default::default(),
            key6: Default::default(),
            key7: Default::default(),
            admit: Default::default(),
            head: Default::default(),
            front: Default::default(),
            fmt: Default::default(),
            core: GcmCore::new(),
            beats: BeatFifo::new(OUT_DEPTH),
            tags: BeatFifo::new(OUT_DEPTH),
            da: BeatFifo::new(16),
            db: BeatFifo::new(16),
            dc: BeatFifo::new(16),
            back: Default::default(),
            events: Default::default(),
            pack: Default::default(),
            inflight: Default::default(),
            credit: Default::default(),
            occupancy: Default::default(),
            enter: Default::default(),
        }
    }
}
