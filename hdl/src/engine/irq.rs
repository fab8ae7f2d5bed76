//! The card's interrupt: CARD.IRQ_STATUS (causes latched until written 1 to clear), IRQ_MASK,
//! and IRQ_ARM for MSI-X (a message goes when armed and a cause is pending and unmasked, one
//! per arm; the host re-arms). The line `irq` is pending-and-unmasked.
//!
//! At an edge: a write of IRQ_STATUS clears the bits written 1 (causes raised in the same
//! cycle are dropped with them), otherwise `raise` sets bits; a write of IRQ_ARM with bit 0
//! re-arms. Reset: no cause, everything masked, armed.

use macsec_hdl_derive::SettleBlock;
use macsec_model::regmap::card as c;
use rust_hdl::prelude::*;

use crate::dff::Reg;
use crate::param::Param;

#[derive(SettleBlock, Default, Debug)]
pub struct Irq {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    /// Causes raised this cycle.
    pub raise: Signal<In, Bits<32>>,
    /// Bus writes of IRQ_STATUS, IRQ_MASK and IRQ_ARM, and the written word.
    pub w_status: Signal<In, Bit>,
    pub w_mask: Signal<In, Bit>,
    pub w_arm: Signal<In, Bit>,
    pub wdata: Signal<In, Bits<32>>,
    pub status: Signal<Out, Bits<32>>,
    pub mask: Signal<Out, Bits<32>>,
    pub armed: Signal<Out, Bit>,
    pub irq: Signal<Out, Bit>,
    /// One cycle per MSI-X message.
    pub irq_msg: Signal<Out, Bit>,
    st: Reg<Bits<32>>,
    mk: Reg<Bits<32>>,
    arm: Reg<Bit>,
    msg: Reg<Bit>,
    pending: Signal<Local, Bit>,
    irq_all: Param<Bits<32>>,
}

impl Irq {
    pub fn new() -> Irq {
        Irq {
            irq_all: Param::of(c::IRQ_ALL as u64),
            ..Default::default()
        }
    }
}

impl Logic for Irq {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, st, mk, arm, msg);
        self.pending.next = (self.st.q.val() & self.mk.q.val()).any();
        self.irq.next = self.pending.val();
        // A message goes when armed and pending, and disarms.
        self.msg.d.next = self.arm.q.val() && self.pending.val();
        self.arm.d.next = self.arm.q.val() && !self.pending.val();
        self.st.d.next = self.st.q.val() | self.raise.val();
        if self.w_status.val() {
            self.st.d.next = self.st.q.val() & !self.wdata.val();
        }
        if self.w_mask.val() {
            self.mk.d.next = self.wdata.val() & self.irq_all.val();
        }
        if self.w_arm.val() && self.wdata.val().get_bit(0) {
            self.arm.d.next = true;
        }
        if self.reset.val() {
            self.st.d.next = 0.into();
            self.mk.d.next = 0.into();
            self.arm.d.next = true;
            self.msg.d.next = false;
        }
        self.status.next = self.st.q.val();
        self.mask.next = self.mk.q.val();
        self.armed.next = self.arm.q.val();
        self.irq_msg.next = self.msg.q.val();
    }
}
