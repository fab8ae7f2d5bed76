//! The card as a transaction-level model: it reacts to every register exactly as
//! [`crate::regmap`] says, walks the descriptor rings in host memory, runs each frame through the
//! golden SecY and writes completions and interrupts. It is the fast simulated card, and the
//! reference for the RTL's CSR behaviour.
//!
//! [`CardModel`] is what any simulated card offers the outside world (the driver's simulated
//! backend, the lab's wire); [`BehavioralCard`] is this crate's, and [`FaultyCard`] wraps any card
//! to inject faults.

mod behavioral;
mod counters;
mod fault;
mod regs;
mod rings;
mod window;

pub use behavioral::{BehavioralCard, CardCaps};
pub use counters::counter_value;
pub use fault::{Fault, FaultyCard};
pub use regs::{rx_counter_id, tx_counter_id};
pub use rings::{Completion, Ring};

use thiserror::Error;

use crate::framebuf::FrameBuf;

/// A DMA access the host memory refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("DMA fault at IOVA {iova:#x} ({len} octets)")]
pub struct DmaFault {
    pub iova: u64,
    pub len: usize,
}

/// Host memory as the card's DMA engine sees it.
pub trait HostMemory {
    fn read(&mut self, iova: u64, buf: &mut [u8]) -> Result<(), DmaFault>;
    fn write(&mut self, iova: u64, data: &[u8]) -> Result<(), DmaFault>;
    /// Append `len` octets at `iova` to `out` (a memory that can avoid zero-filling first should).
    fn read_append(&mut self, iova: u64, len: usize, out: &mut Vec<u8>) -> Result<(), DmaFault> {
        let start = out.len();
        out.resize(start + len, 0);
        let r = self.read(iova, &mut out[start..]);
        if r.is_err() {
            out.truncate(start);
        }
        r
    }
}

/// A boxed card is a card (a server holds whichever card it was asked for).
impl<T: CardModel + ?Sized> CardModel for Box<T> {
    fn read32(&mut self, offset: u32) -> u32 {
        (**self).read32(offset)
    }
    fn write32(&mut self, offset: u32, value: u32) {
        (**self).write32(offset, value)
    }
    fn run(&mut self, mem: &mut dyn HostMemory) -> bool {
        (**self).run(mem)
    }
    fn wire_in(&mut self, frame: &[u8]) {
        (**self).wire_in(frame)
    }
    fn wire_out(&mut self) -> Option<FrameBuf> {
        (**self).wire_out()
    }
    fn recycle(&mut self, buf: FrameBuf) {
        (**self).recycle(buf)
    }
    fn drain_wire(&mut self, f: &mut dyn FnMut(&[u8])) {
        (**self).drain_wire(f)
    }
    fn irq(&self) -> bool {
        (**self).irq()
    }
    fn take_message(&mut self) -> bool {
        (**self).take_message()
    }
}

/// A simulated card: its BAR0, its work against host memory, its wire, its interrupt line.
pub trait CardModel: Send {
    /// A 32-bit read of BAR0 at `offset` (may have side effects, as on hardware: counter latch).
    fn read32(&mut self, offset: u32) -> u32;
    /// A 32-bit write of BAR0.
    fn write32(&mut self, offset: u32, value: u32);
    /// Do the work that is pending (rings, queued wire frames) against host memory; true if
    /// anything happened.
    fn run(&mut self, mem: &mut dyn HostMemory) -> bool;
    /// A frame arrives from the wire (Ethernet, no FCS).
    fn wire_in(&mut self, frame: &[u8]);
    /// The next frame the card sent on the wire (handed over, not copied).
    fn wire_out(&mut self) -> Option<FrameBuf>;
    /// Give a buffer returned by [`CardModel::wire_out`] back for reuse.
    fn recycle(&mut self, _buf: FrameBuf) {}
    /// Hand every frame the card sent on the wire to `f`, in order, and keep the buffers for
    /// reuse: [`CardModel::wire_out`] and [`CardModel::recycle`] in one call.
    fn drain_wire(&mut self, f: &mut dyn FnMut(&[u8])) {
        while let Some(b) = self.wire_out() {
            f(b.as_slice());
            self.recycle(b);
        }
    }
    /// The interrupt line: asserted while IRQ_STATUS & IRQ_MASK is not 0.
    fn irq(&self) -> bool;
    /// Whether the card sent an MSI-X message since the last call (CARD.IRQ_ARM's rule: ARMED
    /// and a pending unmasked cause send one and disarm): true once per message.
    fn take_message(&mut self) -> bool;
}
