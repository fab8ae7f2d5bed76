//! The ingress input FIFO: the MAC side is never back-pressured. A MAC hands over a beat on
//! every cycle it has one and cannot wait, so the engine takes every beat and, when it cannot
//! keep up (the host holds the output, a frame waits for an earlier one's PN), drops whole
//! frames and counts them InPktsOverrun (802.1AE-2018 10.7.9):
//! - a frame whose first beat finds less than two free entries (or no room for its mark) is not
//!   written at all; `overrun` pulses on the next cycle and the drop waits in `pend` until the
//!   counters have a free cycle (the back's decisions go first);
//! - a frame already started keeps one entry in hand: when the FIFO would fill before the
//!   frame's last beat, the beat that takes the last entry is written as the frame's end with the
//!   abort mark (`aad`), the rest of the frame is dropped, and the back counts the frame
//!   InPktsOverrun and drops it (the mark goes to it through `flags`, one per frame).
//!
//! `room` says a frame's start would be taken now: a source that can wait (the simulated card's
//! DMA, a test) may hold a frame's beats while it is low and lose nothing.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::dff::Reg;
use crate::param::Param;

use super::fifo::BeatFifo;
use super::flag_fifo::FlagFifo;

/// Input FIFO beats (block RAM): with the head queue behind it, about 1,150 octets of slack.
pub const ADMIT_DEPTH: usize = 64;
/// Frames between the input FIFO and the back's decision (their abort marks).
pub const ADMIT_FRAMES: usize = 128;

// The write side's state `st`: 0 between frames, 1 in a frame being written, 2 dropping the
// rest of a frame.

#[derive(SettleBlock, Debug)]
pub struct RxAdmit {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub in_valid: Signal<In, Bit>,
    pub in_sop: Signal<In, Bit>,
    pub in_eop: Signal<In, Bit>,
    pub in_mask: Signal<In, Bits<16>>,
    pub in_d0: Signal<In, Bits<32>>,
    pub in_d1: Signal<In, Bits<32>>,
    pub in_d2: Signal<In, Bits<32>>,
    pub in_d3: Signal<In, Bits<32>>,
    /// A frame starting now would be taken.
    pub room: Signal<Out, Bit>,
    /// A frame was dropped at its first beat on the last edge.
    pub overrun: Signal<Out, Bit>,
    pub r_valid: Signal<Out, Bit>,
    pub r_sop: Signal<Out, Bit>,
    pub r_eop: Signal<Out, Bit>,
    pub r_mask: Signal<Out, Bits<16>>,
    pub r_d0: Signal<Out, Bits<32>>,
    pub r_d1: Signal<Out, Bits<32>>,
    pub r_d2: Signal<Out, Bits<32>>,
    pub r_d3: Signal<Out, Bits<32>>,
    pub r_pop: Signal<In, Bit>,
    /// The next frame's mark: cut short by an overrun.
    pub f_valid: Signal<Out, Bit>,
    pub f_abort: Signal<Out, Bit>,
    pub f_pop: Signal<In, Bit>,
    /// Frames dropped at their start and not yet counted; `p_take` counts one.
    pub p_valid: Signal<Out, Bit>,
    pub p_take: Signal<In, Bit>,
    fifo: BeatFifo,
    flags: FlagFifo,
    st: Reg<Bits<2>>,
    pend: Reg<Bits<16>>,
    ov: Reg<Bit>,
    free: Signal<Local, Bits<8>>,
    start_ok: Signal<Local, Bit>,
    write: Signal<Local, Bit>,
    w_eop: Signal<Local, Bit>,
    w_abort: Signal<Local, Bit>,
    drop: Signal<Local, Bit>,
    depth: Param<Bits<8>>,
    frames: Param<Bits<8>>,
}

impl Default for RxAdmit {
    fn default() -> Self {
        Self::new()
    }
}

impl RxAdmit {
    pub fn new() -> RxAdmit {
        RxAdmit {
            _settle: Default::default(),
            clock: Default::default(),
            reset: Default::default(),
            in_valid: Default::default(),
            in_sop: Default::default(),
            in_eop: Default::default(),
            in_mask: Default::default(),
            in_d0: Default::default(),
            in_d1: Default::default(),
            in_d2: Default::default(),
            in_d3: Default::default(),
            room: Default::default(),
            overrun: Default::default(),
            r_valid: Default::default(),
            r_sop: Default::default(),
            r_eop: Default::default(),
            r_mask: Default::default(),
            r_d0: Default::default(),
            r_d1: Default::default(),
            r_d2: Default::default(),
            r_d3: Default::default(),
            r_pop: Default::default(),
            f_valid: Default::default(),
            f_abort: Default::default(),
            f_pop: Default::default(),
            p_valid: Default::default(),
            p_take: Default::default(),
            fifo: BeatFifo::new(ADMIT_DEPTH),
            flags: FlagFifo::new(ADMIT_FRAMES),
            st: Default::default(),
            pend: Default::default(),
            ov: Default::default(),
            free: Default::default(),
            start_ok: Default::default(),
            write: Default::default(),
            w_eop: Default::default(),
            w_abort: Default::default(),
            drop: Default::default(),
            depth: Param::of(ADMIT_DEPTH as u64),
            frames: Param::of(ADMIT_FRAMES as u64),
        }
    }
}

impl Logic for RxAdmit {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, st, pend, ov);
        self.fifo.clock.next = self.clock.val();
        self.fifo.reset.next = self.reset.val();
        self.flags.clock.next = self.clock.val();
        self.flags.reset.next = self.reset.val();

        // Room for a frame's start: its first beat and the entry kept for its end, and a mark.
        self.free.next = self.depth.val() - self.fifo.count.val();
        self.start_ok.next = (self.free.val() >= 2) && (self.flags.count.val() < self.frames.val());
        self.room.next = self.start_ok.val();
        self.write.next = false;
        self.w_eop.next = self.in_eop.val();
        self.w_abort.next = false;
        self.drop.next = false;
        self.st.d.next = self.st.q.val();
        if self.in_valid.val() {
            if self.in_sop.val() {
                if self.start_ok.val() {
                    self.write.next = true;
                    self.st.d.next = 1.into();
                } else {
                    self.drop.next = true;
                    self.st.d.next = 2.into();
                }
                if self.in_eop.val() {
                    self.st.d.next = 0.into();
                }
            } else if self.st.q.val() == 1 {
                self.write.next = true;
                if self.in_eop.val() {
                    self.st.d.next = 0.into();
                } else if self.free.val() < 2 {
                    // The entry kept in hand: this beat ends the frame, marked.
                    self.w_eop.next = true;
                    self.w_abort.next = true;
                    self.st.d.next = 2.into();
                }
            } else if self.in_eop.val() {
                // The end of a dropped frame (or a stray beat outside any frame: dropped).
                self.st.d.next = 0.into();
            }
        }
        self.fifo.w_valid.next = self.write.val();
        self.fifo.w_sop.next = self.in_sop.val();
        self.fifo.w_eop.next = self.w_eop.val();
        self.fifo.w_aad.next = self.w_abort.val();
        self.fifo.w_mask.next = self.in_mask.val();
        self.fifo.w_d0.next = self.in_d0.val();
        self.fifo.w_d1.next = self.in_d1.val();
        self.fifo.w_d2.next = self.in_d2.val();
        self.fifo.w_d3.next = self.in_d3.val();
        self.flags.w_valid.next = self.write.val() && self.w_eop.val();
        self.flags.w_flag.next = self.w_abort.val();

        self.r_valid.next = self.fifo.r_valid.val();
        self.r_sop.next = self.fifo.r_sop.val();
        self.r_eop.next = self.fifo.r_eop.val();
        self.r_mask.next = self.fifo.r_mask.val();
        self.r_d0.next = self.fifo.r_d0.val();
        self.r_d1.next = self.fifo.r_d1.val();
        self.r_d2.next = self.fifo.r_d2.val();
        self.r_d3.next = self.fifo.r_d3.val();
        self.fifo.r_pop.next = self.r_pop.val();
        self.f_valid.next = self.flags.r_valid.val();
        self.f_abort.next = self.flags.r_flag.val();
        self.flags.r_pop.next = self.f_pop.val();

        // Drops at a frame's start, until the counters take them (16 bits: the back decides at
        // most one frame a cycle, and only frames that were taken).
        self.ov.d.next = self.drop.val();
        self.overrun.next = self.ov.q.val();
        self.p_valid.next = self.pend.q.val() != 0;
        self.pend.d.next = self.pend.q.val();
        if self.drop.val()
            && !(self.p_take.val() && (self.pend.q.val() != 0))
            && (self.pend.q.val() != 65535)
        {
            self.pend.d.next = self.pend.q.val() + 1;
        }
        if !self.drop.val() && self.p_take.val() && (self.pend.q.val() != 0) {
            self.pend.d.next = self.pend.q.val() - 1;
        }
        if self.reset.val() {
            self.st.d.next = 0.into();
            self.pend.d.next = 0.into();
            self.ov.d.next = false;
        }
    }
}
