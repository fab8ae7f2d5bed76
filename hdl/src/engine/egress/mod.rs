//! The egress pipeline (protect): look-ahead queue → front (SA, PN, SecTAG, parts) → gather →
//! GCM core → output and tag queues → back (ICV, length check, status, counters) → gather →
//! output port. The core never stalls: the front feeds it only while the output queue has room
//! for everything in flight, so a held output port backs up into the input port.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::dff::Reg;

use super::params::SC_COUNT_BITS;
use crate::aes_pipeline::KEY_BITS;
use crate::gcm_core::GcmCore;

use super::ev_reg::TxEvents;
use super::fifo::BeatFifo;
use super::gather::Gather;
use super::tx_back::TxBack;
use super::tx_front::TxFront;
use super::tx_head::TxHead;

mod wiring;

/// Output-queue entries: the core's 17 cycles of latency plus slack.
const OUT_DEPTH: usize = 32;

#[derive(SettleBlock, Debug)]
pub struct Egress {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub in_valid: Signal<In, Bit>,
    pub in_ready: Signal<Out, Bit>,
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
    /// The frame's PN on its last beat (0 when it took none).
    pub out_pn_lo: Signal<Out, Bits<32>>,
    pub out_pn_hi: Signal<Out, Bits<32>>,
    // From and to the control plane.
    pub enabled: Signal<In, Bit>,
    pub protect: Signal<In, Bit>,
    pub always_sci: Signal<In, Bit>,
    pub use_es: Signal<In, Bit>,
    pub use_scb: Signal<In, Bit>,
    pub offset: Signal<In, Bits<6>>,
    pub max_len: Signal<In, Bits<32>>,
    pub sci_lo: Signal<In, Bits<32>>,
    pub sci_hi: Signal<In, Bits<32>>,
    pub n_enabled: Signal<In, Bits<SC_COUNT_BITS>>,
    pub t_an: Signal<In, Bits<2>>,
    pub t_usable: Signal<In, Bit>,
    pub t_conf: Signal<In, Bit>,
    pub t_pn_lo: Signal<In, Bits<32>>,
    pub t_pn_hi: Signal<In, Bits<32>>,
    pub t_iv0: Signal<In, Bits<32>>,
    pub t_iv1: Signal<In, Bits<32>>,
    pub t_iv2: Signal<In, Bits<32>>,
    pub tx_frame: Signal<Out, Bit>,
    pub t_take: Signal<Out, Bit>,
    pub tx_ev: Signal<Out, Bit>,
    pub tx_ev_counter: Signal<Out, Bits<3>>,
    pub tx_ev_an: Signal<Out, Bits<2>>,
    pub tx_ev_octets: Signal<Out, Bits<16>>,
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
    head: TxHead,
    front: TxFront,
    fmt: Gather,
    core: GcmCore,
    beats: BeatFifo,
    tags: BeatFifo,
    desc: BeatFifo,
    back: TxBack,
    events: TxEvents,
    pack: Gather,
    inflight: Reg<Bits<8>>,
    /// Room in the output queue for one more beat, registered: the queue and the core's
    /// beats as they were at the last edge leave room for the one that may have entered since.
    credit: Reg<Bit>,
    /// Beats in the core and queued behind it (8 bits, wrapping alike in Rust and Verilog).
    occupancy: Signal<Local, Bits<8>>,
    enter: Signal<Local, Bit>,
}

impl Default for Egress {
    fn default() -> Self {
        Self::new()
    }
}

impl Egress {
    pub fn new() -> Egress {
        Egress {
            _settle: Default::default(),
            clock: Default::default(),
            reset: Default::default(),
            in_valid: Default::default(),
            in_ready: Default::default(),
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
            protect: Default::default(),
            always_sci: Default::default(),
            use_es: Default::default(),
            use_scb: Default::default(),
            offset: Default::default(),
            max_len: Default::default(),
            sci_lo: Default::default(),
            sci_hi: Default::default(),
            n_enabled: Default::default(),
            t_an: Default::default(),
            t_usable: Default::default(),
            t_conf: Default::default(),
            t_pn_lo: Default::default(),
            t_pn_hi: Default::default(),
            t_iv0: Default::default(),
            t_iv1: Default::default(),
            t_iv2: Default::default(),
            tx_frame: Default::default(),
            t_take: Default::default(),
            tx_ev: Default::default(),
            tx_ev_counter: Default::default(),
            tx_ev_an: Default::default(),
            tx_ev_octets: Default::default(),
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
            head: Default::default(),
            front: Default::default(),
            fmt: Default::default(),
            core: GcmCore::new(),
            beats: BeatFifo::new(OUT_DEPTH),
            tags: BeatFifo::new(OUT_DEPTH),
            desc: BeatFifo::new(OUT_DEPTH),
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
